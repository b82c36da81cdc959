// Row types of the tables the information base owns (composed into the Database interface in db/types.ts).
import { rewrite, type OrgPathColumns } from '../../db/columns.js';

/** Organisation-path columns and what a move does to them (db/orgPaths.ts). */
export const infoOrgPathColumns: OrgPathColumns<InfoTables> = {
  info_entries: { org_path: rewrite('an entry belongs to its organisation wherever it sits: the path is its scope (deleted entries too, so a restore lands in place)') },
};

export type InfoCategory = 'rule' | 'duty' | 'procedure';
export type InfoStatus = 'draft' | 'submitted' | 'published' | 'returned';

/** A written entry (制度/职责/流程) of an organisation. */
export interface InfoEntryTable {
  tenant_id: string;
  id: string;
  org_id: string;
  /** The organisation's path, kept in step when organisations move. */
  org_path: string;
  category: InfoCategory;
  title: string;
  /** Sanitised HTML (platform/richtext) — never stored unsanitised. */
  body_html: string;
  /** Plain text of the body, for search and exports. */
  body_text: string;
  status: InfoStatus;
  return_reason: string | null;
  /** How many versions have been published (0 before the first publication). */
  version: number;
  created_by: string | null;
  created_at: string;
  updated_by: string | null;
  updated_at: string;
  submitted_by: string | null;
  submitted_at: string | null;
  published_by: string | null;
  published_at: string | null;
  first_published_at: string | null;
  /** YYYY-MM (Asia/Shanghai) of the first publication, what the monthly statistics count. */
  published_month: string | null;
  deleted_at: string | null;
}

/** A published version of an entry: a snapshot taken at each publication. */
export interface InfoEntryVersionTable {
  tenant_id: string;
  id: string;
  entry_id: string;
  version: number;
  title: string;
  body_html: string;
  published_by: string | null;
  published_at: string;
}

export interface InfoTables {
  info_entries: InfoEntryTable;
  info_entry_versions: InfoEntryVersionTable;
}
