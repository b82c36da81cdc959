// Data hooks and pickers for the administration pages (users, roles, organisations).
import { useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Select, TreeSelect } from 'antd';
import type { TreeSelectProps } from 'antd';
import { api, isApiError } from '../../api/client';
import type { AdminUser, Grant, Items, Org, Page, Permission, Role } from '../../api/types';
import { buildOrgTree, orgKindLabel, type OrgNode } from '../org/orgs';

export const USERS_URL = '/api/v1/admin/users';
export const ROLES_URL = '/api/v1/admin/roles';
export const GRANTS_URL = '/api/v1/admin/grants';
export const PERMISSIONS_URL = '/api/v1/admin/permissions';
export const ADMIN_ORGS_URL = '/api/v1/admin/orgs';

export const ROLES_KEY = ['admin', 'roles'] as const;

export function useRoles(enabled = true) {
  return useQuery({
    queryKey: ROLES_KEY,
    queryFn: ({ signal }) => api.get<Items<Role>>(ROLES_URL, undefined, signal),
    enabled,
  });
}

export function usePermissions(enabled = true) {
  return useQuery({
    queryKey: ['admin', 'permissions'],
    queryFn: ({ signal }) => api.get<Items<Permission>>(PERMISSIONS_URL, undefined, signal),
    staleTime: 10 * 60_000,
    enabled,
  });
}

export function useAdminOrgs() {
  return useQuery({
    queryKey: ['admin', 'orgs'],
    queryFn: ({ signal }) => api.get<Items<Org>>(ADMIN_ORGS_URL, undefined, signal),
    staleTime: 5 * 60_000,
  });
}

type OrgTreeOption = { value: string; title: string; children: OrgTreeOption[] };

function toOptions(nodes: OrgNode[]): OrgTreeOption[] {
  return nodes.map((n) => ({
    value: n.id,
    title: `${n.name}（${orgKindLabel(n.kind)}）`,
    children: toOptions(n.children),
  }));
}

/** Organisation picker over the whole tenant (GET /api/v1/admin/orgs). */
export function OrgTreeSelect(props: Omit<TreeSelectProps<string>, 'treeData'>) {
  const orgs = useAdminOrgs();
  const items = orgs.data?.items;
  const treeData = useMemo(() => (items ? toOptions(buildOrgTree(items)) : []), [items]);
  return (
    <TreeSelect<string>
      showSearch={{ treeNodeFilterProp: 'title' }}
      allowClear
      placeholder="请选择党组织"
      treeDefaultExpandAll
      loading={orgs.isPending}
      notFoundContent={orgs.isError ? '组织加载失败' : '无匹配组织'}
      popupMatchSelectWidth={false}
      {...props}
      treeData={treeData}
    />
  );
}

/** Props antd's Form.Item passes to a control (id ties the label to the input). */
export interface PickerProps {
  id?: string;
  value?: string;
  onChange?: (v: string | undefined) => void;
  placeholder?: string;
}

/** Role picker (GET /api/v1/admin/roles). */
export function RoleSelect(props: PickerProps) {
  const roles = useRoles();
  const options = (roles.data?.items ?? []).map((r) => ({ value: r.id, label: r.name }));
  return (
    <Select
      id={props.id}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={props.placeholder ?? '请选择角色'}
      loading={roles.isPending}
      options={options}
      value={props.value}
      onChange={props.onChange}
    />
  );
}

interface UserOption {
  value: string;
  label: string;
}

/**
 * Users to pick from. GET /api/v1/admin/users needs `user.manage`; a 安全保密员 (grant.manage only)
 * is refused there, so for them the users already holding a grant are offered instead.
 */
function useUserOptions(keyword: string) {
  const users = useQuery({
    queryKey: ['admin', 'user-picker', keyword],
    queryFn: ({ signal }) => api.get<Page<AdminUser>>(USERS_URL, { keyword, page: 1, pageSize: 20 }, signal),
    staleTime: 30_000,
  });
  const refused = isApiError(users.error) && users.error.status === 403;
  const granted = useQuery({
    queryKey: ['admin', 'user-picker', 'from-grants'],
    queryFn: ({ signal }) => api.get<Page<Grant>>(GRANTS_URL, { page: 1, pageSize: 200 }, signal),
    staleTime: 30_000,
    enabled: refused,
  });
  if (!refused) {
    const options: UserOption[] = (users.data?.items ?? []).map((u) => ({
      value: u.id,
      label: `${u.displayName}（${u.username}）`,
    }));
    return { options, loading: users.isFetching, failed: users.isError, partial: false };
  }
  const seen = new Map<string, UserOption>();
  for (const g of granted.data?.items ?? []) {
    if (!seen.has(g.userId)) seen.set(g.userId, { value: g.userId, label: `${g.displayName}（${g.username}）` });
  }
  const k = keyword.trim();
  const options = [...seen.values()].filter((o) => !k || o.label.includes(k));
  return { options, loading: granted.isFetching, failed: granted.isError, partial: true };
}

/** User picker searching GET /api/v1/admin/users by keyword as the user types. */
export function UserSelect(props: PickerProps) {
  const [keyword, setKeyword] = useState('');
  // Labels of users seen so far, so a chosen user keeps its name when the search changes.
  const [known, setKnown] = useState<Record<string, string>>({});
  const { options, loading, failed, partial } = useUserOptions(keyword);
  const { value } = props;
  if (value && !options.some((o) => o.value === value) && known[value]) {
    options.unshift({ value, label: known[value] });
  }
  return (
    <Select
      id={props.id}
      allowClear
      showSearch={{ filterOption: false, onSearch: setKeyword }}
      placeholder={props.placeholder ?? '输入姓名或用户名搜索'}
      loading={loading}
      notFoundContent={failed ? '无法加载用户列表' : partial ? '无匹配用户（仅列出已有授权的用户）' : '无匹配用户'}
      options={options}
      value={value}
      onChange={(v: string | undefined) => {
        const option = options.find((o) => o.value === v);
        if (v && option) setKnown((k) => ({ ...k, [v]: option.label }));
        props.onChange?.(v);
      }}
      onClear={() => setKeyword('')}
    />
  );
}
