// Organisation helpers shared by the org tree page and the org pickers.
import type { Org, OrgKind } from '../../api/types';

export const ORG_KIND_LABEL: Record<OrgKind, string> = {
  committee: '党委',
  generalBranch: '党总支',
  branch: '党支部',
  jointBranch: '联合支部',
  group: '党小组',
};

export const ORG_KIND_COLOR: Record<OrgKind, string> = {
  committee: 'red',
  generalBranch: 'volcano',
  branch: 'orange',
  jointBranch: 'gold',
  group: 'blue',
};

export function orgKindLabel(kind: string): string {
  return (ORG_KIND_LABEL as Record<string, string>)[kind] ?? kind;
}

export interface OrgNode extends Org {
  children: OrgNode[];
}

/**
 * Builds a forest from the flat list. An organisation whose parent is not in the list
 * (outside the user's scope) becomes a root. Siblings keep the order of their codes.
 */
export function buildOrgTree(orgs: Org[]): OrgNode[] {
  const byId = new Map<string, OrgNode>();
  for (const org of orgs) byId.set(org.id, { ...org, children: [] });
  const roots: OrgNode[] = [];
  for (const node of byId.values()) {
    const parent = node.parentId ? byId.get(node.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const sort = (nodes: OrgNode[]) => {
    nodes.sort((a, b) => a.code.localeCompare(b.code, 'zh-CN', { numeric: true }) || a.name.localeCompare(b.name, 'zh-CN'));
    for (const n of nodes) sort(n.children);
  };
  sort(roots);
  return roots;
}

export function countByKind(orgs: Org[]): Partial<Record<OrgKind, number>> {
  const out: Partial<Record<OrgKind, number>> = {};
  for (const o of orgs) out[o.kind] = (out[o.kind] ?? 0) + 1;
  return out;
}
