// Organisation helpers shared by the organisation page, the org pickers and the home page,
// and the shapes of the organisation API (docs/api/people.md, "Organisations").
import dayjs, { type Dayjs } from 'dayjs';
import type { ApiItem, ApiResponse, Org, OrgKind } from '../../api/types';
import { daysBetween, formatInstantDate } from '../../lib/time';

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

export const KIND_ORDER: OrgKind[] = ['committee', 'generalBranch', 'branch', 'jointBranch', 'group'];

export function orgKindLabel(kind: string): string {
  return (ORG_KIND_LABEL as Record<string, string>)[kind] ?? kind;
}

/** Tag colour of a kind the server sends as plain text (e.g. the session's scope). */
export function orgKindColor(kind: string): string {
  return (ORG_KIND_COLOR as Record<string, string>)[kind] ?? 'default';
}

/** Which kinds may be created under a parent of this kind (the server enforces the same rule). */
export const CHILD_KINDS: Record<OrgKind, OrgKind[]> = {
  committee: ['generalBranch', 'branch', 'jointBranch'],
  generalBranch: ['branch', 'jointBranch'],
  branch: ['group'],
  jointBranch: ['group'],
  group: [],
};

/** Which parent kinds an organisation of this kind may be moved under. */
export const PARENT_KINDS: Record<OrgKind, OrgKind[]> = {
  committee: [],
  generalBranch: ['committee'],
  branch: ['committee', 'generalBranch'],
  jointBranch: ['committee', 'generalBranch'],
  group: ['branch', 'jointBranch'],
};

/** An organisation as the server sends it (`code` may be empty). */
export type OrgRecord = Org;
export type OrgDetail = ApiResponse<'/api/v1/orgs/{id}'>;
export type OrgPost = OrgDetail['posts'][number];
export type PostCode = OrgPost['post'];
export type ExpiringOrg = ApiItem<'/api/v1/orgs/terms/expiring'>;
export type OrgStats = ApiResponse<'/api/v1/orgs/{id}/stats'>;

export const POST_LABEL: Record<PostCode, string> = {
  secretary: '书记',
  deputySecretary: '副书记',
  organisation: '组织委员',
  publicity: '宣传委员',
  discipline: '纪检委员',
  youth: '青年委员',
  member: '委员',
  affairsStaff: '党务工作者',
  groupLeader: '党小组长',
};

type TreeItem = { id: string; parentId: string | null; name: string; code: string | null };

export type OrgNode<T extends TreeItem = Org> = T & { children: OrgNode<T>[] };

/**
 * Builds a forest from the flat list. An organisation whose parent is not in the list
 * (outside the user's scope) becomes a root. Siblings keep the order of their codes.
 */
export function buildOrgTree<T extends TreeItem = Org>(orgs: T[]): OrgNode<T>[] {
  const byId = new Map<string, OrgNode<T>>();
  for (const org of orgs) byId.set(org.id, { ...org, children: [] });
  const roots: OrgNode<T>[] = [];
  for (const node of byId.values()) {
    const parent = node.parentId ? byId.get(node.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const sort = (nodes: OrgNode<T>[]) => {
    // Organisations without a code come after those with one, then by name.
    const byCode = (a: T, b: T) => (a.code === null ? (b.code === null ? 0 : 1) : b.code === null ? -1 : a.code.localeCompare(b.code, 'zh-CN', { numeric: true }));
    nodes.sort((a, b) => byCode(a, b) || a.name.localeCompare(b.name, 'zh-CN'));
    for (const n of nodes) sort(n.children);
  };
  sort(roots);
  return roots;
}

export function countByKind(orgs: { kind: OrgKind }[]): Partial<Record<OrgKind, number>> {
  const out: Partial<Record<OrgKind, number>> = {};
  for (const o of orgs) out[o.kind] = (out[o.kind] ?? 0) + 1;
  return out;
}

/** Today (YYYY-MM-DD) in Asia/Shanghai. */
export const today = (): string => formatInstantDate(new Date());

/** Whole days from today until `date` (negative once passed). */
export function daysUntil(date: string): number {
  return daysBetween(today(), date);
}

export const toDay = (v: Dayjs | null | undefined): string | null => (v ? v.format('YYYY-MM-DD') : null);
export const fromDay = (v: string | null | undefined): Dayjs | undefined => (v ? dayjs(v) : undefined);
export const isFuture = (d: Dayjs): boolean => d.format('YYYY-MM-DD') > today();
