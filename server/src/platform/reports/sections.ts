// The 月度党建工作报告's sections and the 党内统计年报's tables: each module registers what it reports for an
// organisation's subtree and a month (or a year), computed with its own functions, so the reports room reads every
// module's facts without importing any of them (ARCHITECTURE.md, "registries") and a figure equals the module's page.
import type { Actor } from '../access/actor.js';
import type { Permission } from '../access/permissions.js';

/** The organisation a report is about (its whole subtree). */
export interface ReportOrg { id: string; tenant_id: string; path: string; name: string; kind: string }

/** A table of facts: the header row and the body rows (already in display form). */
export interface ReportTable {
  title: string;
  headers: string[];
  rows: (string | number)[][];
}

/** A named number of the section (shown on the page, checked by tests against the module's page). */
export interface ReportFigure { label: string; value: number; unit: string }

export interface MonthlySection {
  figures: ReportFigure[];
  /** Whole sentences, e.g. 本月共召开组织生活 12 次。 */
  sentences: string[];
  tables: ReportTable[];
}

export interface MonthContext {
  actor: Actor;
  org: ReportOrg;
  /** YYYY-MM. */
  month: string;
  /** First and last day of the month (YYYY-MM-DD). */
  from: string;
  to: string;
  today: string;
}

export interface YearContext { actor: Actor; org: ReportOrg; year: number; today: string }

/** One table of the 年报: its rows with a 合计 where it makes sense, and what each figure means. */
export interface YearlyTable extends ReportTable {
  /** Each column's (or cell's) definition, for the 说明 sheet: "党员总数: 年末在册的正式党员和预备党员…". */
  definitions: { name: string; definition: string }[];
}

export interface SectionDef {
  /** `<module>.<name>`. */
  key: string;
  title: string;
  /** Position in the report (smaller first). */
  order: number;
  /** Included only for whoever holds this permission over the organisation. */
  access: Permission;
  monthly?: (ctx: MonthContext) => Promise<MonthlySection>;
  /** The 年报's tables of this module (each becomes a sheet). */
  yearly?: (ctx: YearContext) => Promise<YearlyTable[]>;
}

export class ReportSectionRegistry {
  private readonly defs: SectionDef[] = [];

  register(def: SectionDef): void {
    if (!/^[a-z][A-Za-z]*\.[a-z][A-Za-z0-9]*$/.test(def.key)) throw new Error(`report section key must be <module>.<name>: ${def.key}`);
    if (this.defs.some((d) => d.key === def.key)) throw new Error(`report section registered twice: ${def.key}`);
    if (!def.monthly && !def.yearly) throw new Error(`report section reports nothing: ${def.key}`);
    this.defs.push(def);
    this.defs.sort((a, b) => a.order - b.order || a.key.localeCompare(b.key));
  }

  /** Sections of the monthly report, in report order. */
  monthly(): readonly (SectionDef & { monthly: NonNullable<SectionDef['monthly']> })[] {
    return this.defs.filter((d): d is SectionDef & { monthly: NonNullable<SectionDef['monthly']> } => d.monthly !== undefined);
  }

  /** Sections with 年报 tables, in report order. */
  yearly(): readonly (SectionDef & { yearly: NonNullable<SectionDef['yearly']> })[] {
    return this.defs.filter((d): d is SectionDef & { yearly: NonNullable<SectionDef['yearly']> } => d.yearly !== undefined);
  }
}
