// Row types of the tables 宣传 owns (composed into the Database interface in db/types.ts).
import { rewrite, type OrgPathColumns } from '../../db/columns.js';

/** Organisation-path columns and what a move does to them (db/orgPaths.ts). */
export const publicityOrgPathColumns: OrgPathColumns<PublicityTables> = {
  publicity_manuscripts: { org_path: rewrite('a manuscript counts for its organisation wherever it sits: the path is its scope and its place in the statistics') },
  publicity_correspondents: { org_path: rewrite('a correspondent reports for their organisation: the path is who may manage them') },
};

export type ManuscriptStatus = 'draft' | 'submitted' | 'revising' | 'adopted' | 'rejected' | 'published';
export type Channel = 'internal' | 'external';
export type Level = 'community' | 'group' | 'city' | 'province' | 'central';
export type TrainingKind = 'secondment' | 'course' | 'other';

/** A correspondent (通讯员) of an organisation: who reports for it, from `since` until `until` (null = active). */
export interface PublicityCorrespondentTable {
  tenant_id: string;
  id: string;
  org_id: string;
  /** The organisation's path, kept in step on moves (publicityOrgPathColumns above). */
  org_path: string;
  /** The account that submits, when the correspondent has one. */
  user_id: string | null;
  member_id: string | null;
  name: string;
  /** The contact phone, encrypted with the field key (FieldCrypto); shown masked unless revealed. */
  phone_enc: string | null;
  since: string;
  until: string | null;
  note: string;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface PublicityTrainingTable {
  tenant_id: string;
  id: string;
  correspondent_id: string;
  kind: TrainingKind;
  title: string;
  from_date: string;
  to_date: string;
  hours: number;
  place: string;
  note: string;
  created_at: string;
  created_by: string | null;
  deleted_at: string | null;
}

export interface PublicityManuscriptTable {
  tenant_id: string;
  id: string;
  org_id: string;
  org_path: string;
  author_user_id: string;
  author_name: string;
  /** The author's active correspondent row for the organisation when the manuscript was created, if any. */
  correspondent_id: string | null;
  title: string;
  /** Sanitised HTML (platform/richtext). */
  body: string;
  /** Plain text of the body, for search and exports. */
  body_text: string;
  channel: Channel;
  /** Intended outlet, e.g. 社区公众号, 集团报. */
  outlet: string;
  /** Intended level. */
  level: Level;
  status: ManuscriptStatus;
  /** First submission. */
  submitted_at: string | null;
  adopted_at: string | null;
  rejected_at: string | null;
  reject_reason: string | null;
  /** When the publication was registered. */
  published_at: string | null;
  /** Calendar date (Asia/Shanghai) it appeared. */
  published_on: string | null;
  published_outlet: string | null;
  published_level: Level | null;
  published_ref: string | null;
  quality: number | null;
  quality_note: string | null;
  quality_by: string | null;
  editor_user_id: string | null;
  /** Number of submitted texts (0 while a first draft). */
  revision: number;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface PublicityCommentTable {
  tenant_id: string;
  id: string;
  manuscript_id: string;
  author_user_id: string | null;
  author_name: string;
  role: 'editor' | 'author';
  body: string;
  revision: number;
  /** 1 when the editor asked for a revision with this comment. */
  request_revision: number;
  created_at: string;
}

/** A snapshot of each submitted or resubmitted text. */
export interface PublicityRevisionTable {
  tenant_id: string;
  manuscript_id: string;
  revision: number;
  title: string;
  body: string;
  created_at: string;
  created_by: string | null;
}

export interface PublicityTables {
  publicity_correspondents: PublicityCorrespondentTable;
  publicity_trainings: PublicityTrainingTable;
  publicity_manuscripts: PublicityManuscriptTable;
  publicity_comments: PublicityCommentTable;
  publicity_revisions: PublicityRevisionTable;
}
