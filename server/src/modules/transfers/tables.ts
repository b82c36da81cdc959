// Row types of the tables the transfers room (组织关系转接) owns, and its organisation-path columns.
import { rewrite, type OrgPathColumns } from '../../db/columns.js';

/** Where the member goes or comes from: a branch of this committee, another committee on this server, or outside. */
export type TransferScope = 'internal' | 'server' | 'external';
/** Seen from this committee: a member leaving (out) or arriving (in). An internal transfer is one `out` row. */
export type TransferDirection = 'out' | 'in';
/** 转接中 until the other side receives the member (or the receipt of the letter comes back), then 已接收; or 已撤回. */
export type TransferStatus = 'pending' | 'received' | 'withdrawn';

/** One transfer as this committee sees it. Between two committees each side keeps its own row, linked by peer ids. */
export interface TransferTable {
  tenant_id: string;
  id: string;
  direction: TransferDirection;
  scope: TransferScope;
  status: TransferStatus;
  /** out: the member leaving; in: the record created on receipt (null until then). */
  member_id: string | null;
  /** The person's name when the transfer began, for lists on either side. */
  member_name: string;
  /** out: the sending branch (responsible until the member is received). */
  from_org_id: string | null;
  from_org_path: string | null;
  /** internal: the receiving branch; in: the branch the member was received into. */
  to_org_id: string | null;
  to_org_path: string | null;
  /** Between committees on this server: the other committee and its row. */
  peer_tenant_id: string | null;
  peer_transfer_id: string | null;
  /** The other side's name: the destination (out), the sending organisation (in), or the other committee. */
  counterpart: string;
  /** The 介绍信: ours numbered per year (letter_year, letter_seq), or the number on the letter received. */
  letter_no: string | null;
  letter_year: number | null;
  letter_seq: number | null;
  /** Month (YYYY-MM) up to which dues are paid, as the letter states. */
  dues_paid_to: string | null;
  validity_months: number | null;
  valid_until: string | null;
  started_on: string;
  /** The day the member was received (or the receipt of the letter came back). */
  received_on: string | null;
  reason: string;
  /** Withdrawn by the sending side while it waited: the day and why (the other committee's row too). */
  withdrawn_on: string | null;
  withdraw_reason: string | null;
  /** in from another committee: the person's fields the transfer carries, encrypted JSON, until created here. */
  carried_enc: string | null;
  started_by: string | null;
  received_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface TransferTables {
  transfers: TransferTable;
}

/** Organisation-path columns and what a move does to them (db/orgPaths.ts). */
export const transferOrgPathColumns: OrgPathColumns<TransferTables> = {
  transfers: {
    from_org_path: rewrite('the sending branch stays responsible for the transfer wherever that branch sits'),
    to_org_path: rewrite('the receiving branch confirms and sees the transfer wherever that branch sits'),
  },
};
