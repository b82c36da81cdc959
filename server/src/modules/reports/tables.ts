// Row types of the tables the reports room owns (composed into the Database interface in db/types.ts).

/** The parts of the monthly report the secretary writes in their own words. */
export const WORD_PARTS = ['overview', 'problems', 'plans'] as const;
export type WordPart = (typeof WORD_PARTS)[number];

/** The secretary's own words of one part of an organisation's monthly report (no path: it hangs on the org id). */
export interface ReportWordsTable {
  tenant_id: string;
  org_id: string;
  /** YYYY-MM. */
  month: string;
  part: WordPart;
  body: string;
  updated_by: string | null;
  updated_by_name: string;
  updated_at: string;
}

export interface ReportTables {
  report_words: ReportWordsTable;
}
