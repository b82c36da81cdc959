// Row types of 党费 (issue 22, migration 0032): each member's base for a year, the monthly bills made from it, the
// payments that settle bills, and the branches' hand-overs (上缴) to the committee. Money is integer 分.
import { rewrite, type OrgPathColumns } from '../../db/columns.js';

/** Organisation-path columns and what a move does to them (db/orgPaths.ts). */
export const duesOrgPathColumns: OrgPathColumns<DuesTables> = {
  dues_bases: { org_path: rewrite("the member's place when the base was set: the branch's secretaries keep it wherever the branch sits") },
  dues_bills: { org_path: rewrite("the member's place when the bill was made: the branch that collects it, wherever the branch sits") },
  dues_payments: { org_path: rewrite('the branch that received the money, wherever it sits') },
  dues_handovers: { org_path: rewrite('the branch that handed the money over, wherever it sits') },
};

/** 在职 (after-tax income), 离退休 (pension), or the fixed amount (students, unemployed, on relief). */
export type DuesCategory = 'employed' | 'retired' | 'fixed';
export type DuesMethod = 'cash' | 'transfer' | 'payroll' | 'proxy';

export interface DuesBaseTable {
  tenant_id: string;
  id: string;
  member_id: string;
  year: number;
  branch_id: string;
  org_path: string;
  category: DuesCategory;
  /** After-tax monthly income or pension in 分, encrypted (the fixed category has none). */
  income_enc: string | null;
  /** What the brackets give (分). */
  computed_fen: number;
  /** A manual amount (分) that replaces it, with the reason (e.g. paying more voluntarily). */
  override_fen: number | null;
  override_reason: string | null;
  /** The amount billed each month: the override when set, else the computed one. */
  monthly_fen: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface DuesBillTable {
  tenant_id: string;
  id: string;
  member_id: string;
  year: number;
  /** YYYY-MM. */
  month: string;
  branch_id: string;
  org_path: string;
  amount_fen: number;
  /** The payment that settled it; null while unpaid. */
  payment_id: string | null;
  created_at: string;
}

export interface DuesPaymentTable {
  tenant_id: string;
  id: string;
  member_id: string;
  branch_id: string;
  org_path: string;
  /** JSON array of the months covered (YYYY-MM, sorted). */
  months: string;
  first_month: string;
  last_month: string;
  amount_fen: number;
  method: DuesMethod;
  /** Who paid, for 代缴. */
  payer_name: string | null;
  paid_on: string;
  note: string;
  /** The client's Idempotency-Key: a retried or double-clicked request finds the payment already made. */
  idempotency_key: string;
  /** Hash of what was asked, so the same key with a different payment is refused instead of answered. */
  request_hash: string;
  recorded_by: string | null;
  recorded_at: string;
}

export interface DuesHandoverTable {
  tenant_id: string;
  id: string;
  /** The branch that hands over. */
  org_id: string;
  org_path: string;
  handed_on: string;
  amount_fen: number;
  note: string;
  recorded_by: string | null;
  recorded_at: string;
}

export interface DuesTables {
  dues_bases: DuesBaseTable;
  dues_bills: DuesBillTable;
  dues_payments: DuesPaymentTable;
  dues_handovers: DuesHandoverTable;
}
