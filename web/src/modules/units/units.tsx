// Administrative units (部门/科室): data hook, tree building and the unit picker used by staff and members.
import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { TreeSelect } from 'antd';
import type { TreeSelectProps } from 'antd';
import { api } from '../../api/client';
import type { Items, Unit } from '../../api/types';
import { useSession } from '../../app/session';
import { UNIT_KIND_LABEL, label } from '../../lib/people';

export const UNITS_URL = '/api/v1/units';
export const UNITS_KEY = ['units'] as const;

/** Whether the user may list units: they are the 党委's, readable with staff.read over the whole committee. */
export function useMayListUnits(): boolean {
  return useSession().can('staff.read@root');
}

/** The units; asked for only when the user may list them (a branch secretary gets none instead of a 403). */
export function useUnits() {
  const allowed = useMayListUnits();
  return useQuery({
    queryKey: UNITS_KEY,
    queryFn: ({ signal }) => api.get<Items<Unit>>(UNITS_URL, undefined, signal),
    staleTime: 60_000,
    enabled: allowed,
  });
}

export interface UnitNode extends Unit {
  children: UnitNode[];
  /** Staff in this unit and every unit below it. */
  totalStaff: number;
}

/** Forest of units; a unit whose parent is not in the list becomes a root. Siblings by code, then name. */
export function buildUnitTree(units: Unit[]): UnitNode[] {
  const byId = new Map<string, UnitNode>();
  for (const u of units) byId.set(u.id, { ...u, children: [], totalStaff: 0 });
  const roots: UnitNode[] = [];
  for (const node of byId.values()) {
    const parent = node.parentId ? byId.get(node.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const finish = (nodes: UnitNode[]): number => {
    nodes.sort(
      (a, b) =>
        (a.code ?? '').localeCompare(b.code ?? '', 'zh-CN', { numeric: true }) || a.name.localeCompare(b.name, 'zh-CN'),
    );
    let sum = 0;
    for (const n of nodes) {
      n.totalStaff = n.staffCount + finish(n.children);
      sum += n.totalStaff;
    }
    return sum;
  };
  finish(roots);
  return roots;
}

type UnitOption = { value: string; title: string; children: UnitOption[] };

function toOptions(nodes: UnitNode[]): UnitOption[] {
  return nodes.map((n) => ({ value: n.id, title: `${n.name}（${label(UNIT_KIND_LABEL, n.kind)}）`, children: toOptions(n.children) }));
}

/** Unit picker over GET /api/v1/units; for Form.Item or a ListPage custom search field. */
export function UnitTreeSelect(props: Omit<TreeSelectProps<string>, 'treeData'>) {
  const units = useUnits();
  const items = units.data?.items;
  const treeData = useMemo(() => (items ? toOptions(buildUnitTree(items)) : []), [items]);
  return (
    <TreeSelect<string>
      showSearch={{ treeNodeFilterProp: 'title' }}
      allowClear
      placeholder="请选择单位"
      treeDefaultExpandAll
      loading={units.isPending}
      notFoundContent={units.isError ? '单位加载失败' : '无匹配单位'}
      popupMatchSelectWidth={false}
      {...props}
      treeData={treeData}
    />
  );
}
