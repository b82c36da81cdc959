// Row types of the tables the organisation module owns: the Party organisation tree and its committee posts.
import type { OrgPathColumns } from '../../db/columns.js';

export type OrgKind = 'committee' | 'generalBranch' | 'branch' | 'jointBranch' | 'group';

export interface OrganisationTable {
  tenant_id: string;
  id: string;
  parent_id: string | null;
  kind: OrgKind;
  name: string;
  code: string | null;
  /** Materialised path of ids, "/<root>/<child>/", the unit of scope. */
  path: string;
  depth: number;
  sort_order: number;
  /** Calendar dates (YYYY-MM-DD): founding, and the current term (换届) start and end. */
  founded_on: string | null;
  term_started_on: string | null;
  term_ends_on: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

/** Committee posts of an organisation (书记, 副书记, 组织委员 …) held by members. */
export interface OrgPostTable {
  tenant_id: string;
  id: string;
  org_id: string;
  member_id: string;
  post: string;
  started_on: string | null;
  ended_on: string | null;
  created_at: string;
  updated_at: string;
}

export interface OrgTables {
  organisations: OrganisationTable;
  org_posts: OrgPostTable;
}

/** No `…_path` column: the tree's own `organisations.path` is rewritten by the move itself (service.ts). */
export const orgPathColumns: OrgPathColumns<OrgTables> = {};
