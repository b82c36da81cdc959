// A TreeSelect over a flat list of organisations (kind shown beside each name), for every picker that
// chooses an organisation: grants (the whole tenant) and member filters (the user's scope) alike.
import { useMemo } from 'react';
import { TreeSelect } from 'antd';
import type { TreeSelectProps } from 'antd';
import type { AdminOrg } from '../../api/types';
import { buildOrgTree, orgKindLabel, type OrgNode } from './orgs';

type Option = { value: string; title: string; children: Option[] };

function toOptions(nodes: OrgNode<AdminOrg>[]): Option[] {
  return nodes.map((n) => ({ value: n.id, title: `${n.name}（${orgKindLabel(n.kind)}）`, children: toOptions(n.children) }));
}

export interface OrgTreeSelectProps extends Omit<TreeSelectProps<string>, 'treeData'> {
  /** Either list: GET /admin/orgs (the whole tenant) or GET /orgs/tree (the user's scope, more fields). */
  items: AdminOrg[] | undefined;
  failed?: boolean;
}

export function OrgTreeSelect({ items, failed, loading, ...props }: OrgTreeSelectProps) {
  const treeData = useMemo(() => (items ? toOptions(buildOrgTree(items)) : []), [items]);
  return (
    <TreeSelect<string>
      showSearch={{ treeNodeFilterProp: 'title' }}
      allowClear
      placeholder="请选择党组织"
      treeDefaultExpandAll
      loading={loading ?? !items}
      notFoundContent={failed ? '组织加载失败' : '无匹配组织'}
      popupMatchSelectWidth={false}
      {...props}
      treeData={treeData}
    />
  );
}
