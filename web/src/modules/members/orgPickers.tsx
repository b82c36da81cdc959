// Organisation pickers over the user's scope (GET /api/v1/orgs/tree): any organisation for list
// filters, a 支部 (branch or joint branch) for a member's place, and the 党小组 of the chosen branch.
import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import type { TreeSelectProps } from 'antd';
import { api } from '../../api/client';
import type { Items, Org } from '../../api/types';
import { OrgTreeSelect } from '../org/OrgTreeSelect';

export function useOrgTree() {
  return useQuery({
    queryKey: ['orgs', 'tree'],
    queryFn: ({ signal }) => api.get<Items<Org>>('/api/v1/orgs/tree', undefined, signal),
    staleTime: 60_000,
  });
}

/** Any organisation in scope; a list filtered by it covers its whole subtree. */
export function ScopeOrgTreeSelect(props: Omit<TreeSelectProps<string>, 'treeData'>) {
  const orgs = useOrgTree();
  return <OrgTreeSelect items={orgs.data?.items} failed={orgs.isError} loading={orgs.isPending} placeholder="请选择党组织（含下级）" {...props} />;
}

interface PickerProps {
  id?: string;
  value?: string | null;
  onChange?: (v: string | undefined) => void;
  disabled?: boolean;
}

/** 党支部 and 联合支部 in scope. */
export function BranchSelect({ id, value, onChange, disabled }: PickerProps) {
  const orgs = useOrgTree();
  const byId = useMemo(() => new Map((orgs.data?.items ?? []).map((o) => [o.id, o])), [orgs.data]);
  const branchOptions = useMemo(
    () =>
      (orgs.data?.items ?? [])
        .filter((o) => o.kind === 'branch' || o.kind === 'jointBranch')
        .map((o) => {
          const parent = o.parentId ? byId.get(o.parentId) : undefined;
          return { value: o.id, label: parent ? `${o.name}（${parent.name}）` : o.name };
        }),
    [orgs.data, byId],
  );
  return (
    <Select
      id={id}
      showSearch={{ optionFilterProp: 'label' }}
      placeholder="请选择党支部"
      loading={orgs.isPending}
      notFoundContent={orgs.isError ? '组织加载失败' : '无可选支部'}
      options={branchOptions}
      value={value ?? undefined}
      onChange={onChange}
      disabled={disabled}
    />
  );
}

/** The 党小组 of one branch only; empty until a branch is chosen. */
export function GroupSelect({ id, value, onChange, disabled, branchId }: PickerProps & { branchId?: string | null }) {
  const orgs = useOrgTree();
  const groupOptions = useMemo(
    () =>
      (orgs.data?.items ?? [])
        .filter((o) => o.kind === 'group' && !!branchId && o.parentId === branchId)
        .map((o) => ({ value: o.id, label: o.name })),
    [orgs.data, branchId],
  );
  return (
    <Select
      id={id}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={branchId ? '请选择党小组（可不选）' : '请先选择党支部'}
      loading={orgs.isPending}
      notFoundContent={branchId ? '该支部没有党小组' : '请先选择党支部'}
      options={groupOptions}
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v)}
      disabled={disabled || !branchId}
    />
  );
}
