// The five anomaly rules of 量化考核 as pure functions over the round's rows (no database), so each rule is
// tested with a case that triggers it and a close one that does not. anomalies.ts loads the rows.
import type { AnomalySetting } from './bonus.js';

export type AnomalyType = 'missingSheet' | 'fullMarks' | 'sameTotals' | 'sameScores' | 'highWithoutEvidence' | 'lateSheet';

export const ANOMALY_TYPE_NAMES: Record<AnomalyType, string> = {
  missingSheet: '逾期未提交',
  fullMarks: '全部满分',
  sameTotals: '总分无差异',
  sameScores: '单项无差异',
  highWithoutEvidence: '高分缺少佐证',
  lateSheet: '逾期提交',
};

export interface RuleSheet {
  id: string;
  targetId: string;
  assessorUserId: string | null;
  kind: 'assessor' | 'unit' | 'self';
  status: 'draft' | 'submitted';
  /** ISO instant, null while draft. */
  submittedAt: string | null;
  /** Asia/Shanghai date of submittedAt (the loader computes it). */
  submittedOn: string | null;
}
export interface RuleScore { sheetId: string; indicatorId: string; score: number }
export interface RuleLeaf { id: string; name: string; maxScore: number; mode: 'manual' | 'auto' }
export interface RuleAuto { targetId: string; indicatorId: string; score: number }
/** A manual indicator paired with the automatic one that is its evidence. */
export interface EvidencePair { manualId: string; autoId: string }

export interface RuleInput {
  deadline: string;
  /** Asia/Shanghai date now. */
  today: string;
  targets: Map<string, string>;
  users: Map<string, string>;
  sheets: RuleSheet[];
  scores: RuleScore[];
  leaves: RuleLeaf[];
  autoScores: RuleAuto[];
  pairs: EvidencePair[];
}

export interface Anomaly {
  key: string;
  type: AnomalyType;
  typeName: string;
  description: string;
  targetId: string | null;
  targetName: string | null;
  assessorUserId: string | null;
  assessorName: string | null;
  sheetId: string | null;
  indicatorId: string | null;
}

const fmt = (n: number) => String(Math.round(n * 100) / 100);
const eq = (a: number, b: number) => Math.abs(a - b) < 1e-9;

export function detectAnomalies(input: RuleInput, s: AnomalySetting): Anomaly[] {
  const out: Anomaly[] = [];
  const leafById = new Map(input.leaves.map((l) => [l.id, l]));
  const scoresBySheet = new Map<string, RuleScore[]>();
  for (const sc of input.scores) {
    const list = scoresBySheet.get(sc.sheetId) ?? [];
    list.push(sc);
    scoresBySheet.set(sc.sheetId, list);
  }
  const tName = (id: string) => input.targets.get(id) ?? id;
  const uName = (id: string | null) => (id ? (input.users.get(id) ?? id) : '未指定评分人');
  const base = (sh: RuleSheet) => ({ targetId: sh.targetId, targetName: tName(sh.targetId), assessorUserId: sh.assessorUserId, assessorName: id2name(sh.assessorUserId), sheetId: sh.id, indicatorId: null });
  const id2name = (id: string | null) => (id ? (input.users.get(id) ?? id) : null);

  for (const sh of input.sheets) {
    // 1. Not submitted when the deadline has passed.
    if (sh.status !== 'submitted' && input.today > input.deadline) {
      out.push({ key: `missingSheet:${sh.id}`, type: 'missingSheet', typeName: ANOMALY_TYPE_NAMES.missingSheet, ...base(sh),
        description: `${uName(sh.assessorUserId)} 对「${tName(sh.targetId)}」的评分表截止 ${input.deadline} 仍未提交` });
    }
    // 5. Submitted after the deadline (calendar days in Asia/Shanghai).
    if (sh.status === 'submitted' && sh.submittedOn && sh.submittedOn > input.deadline) {
      out.push({ key: `lateSheet:${sh.id}`, type: 'lateSheet', typeName: ANOMALY_TYPE_NAMES.lateSheet, ...base(sh),
        description: `${uName(sh.assessorUserId)} 对「${tName(sh.targetId)}」的评分表于 ${sh.submittedOn} 提交，晚于截止日 ${input.deadline}` });
    }
    if (sh.status !== 'submitted' || sh.kind === 'self') continue;
    const scores = (scoresBySheet.get(sh.id) ?? []).filter((x) => leafById.has(x.indicatorId));
    // 2. Every indicator of the sheet at full marks.
    if (scores.length > 0 && scores.every((x) => eq(x.score, leafById.get(x.indicatorId)!.maxScore))) {
      const sum = scores.reduce((a, x) => a + x.score, 0);
      out.push({ key: `fullMarks:${sh.id}`, type: 'fullMarks', typeName: ANOMALY_TYPE_NAMES.fullMarks, ...base(sh),
        description: `${uName(sh.assessorUserId)} 对「${tName(sh.targetId)}」的 ${scores.length} 项指标全部给满分（共 ${fmt(sum)} 分）` });
    }
    // 4. A high manual score on an indicator whose automatic evidence for the target is low.
    for (const x of scores) {
      const leaf = leafById.get(x.indicatorId)!;
      for (const pair of input.pairs.filter((pp) => pp.manualId === x.indicatorId)) {
        const autoLeaf = leafById.get(pair.autoId);
        const auto = input.autoScores.find((a) => a.targetId === sh.targetId && a.indicatorId === pair.autoId);
        if (!autoLeaf || !auto || autoLeaf.maxScore <= 0 || leaf.maxScore <= 0) continue;
        if (x.score >= s.highManualRatio * leaf.maxScore - 1e-9 && auto.score < s.lowEvidenceRatio * autoLeaf.maxScore - 1e-9) {
          out.push({ key: `highWithoutEvidence:${sh.id}:${x.indicatorId}`, type: 'highWithoutEvidence', typeName: ANOMALY_TYPE_NAMES.highWithoutEvidence, ...base(sh), indicatorId: x.indicatorId,
            description: `「${tName(sh.targetId)}」的「${leaf.name}」人工评 ${fmt(x.score)}/${fmt(leaf.maxScore)} 分（≥${fmt(s.highManualRatio * 100)}%），但自动指标「${autoLeaf.name}」仅 ${fmt(auto.score)}/${fmt(autoLeaf.maxScore)} 分（<${fmt(s.lowEvidenceRatio * 100)}%）` });
        }
      }
    }
  }

  // 3. An assessor whose scores do not vary across enough targets: same totals, else the same score on an
  // indicator they score for every one of their targets.
  const byAssessor = new Map<string, RuleSheet[]>();
  for (const sh of input.sheets) {
    if (sh.status !== 'submitted' || sh.kind === 'self' || !sh.assessorUserId) continue;
    const list = byAssessor.get(sh.assessorUserId) ?? [];
    list.push(sh);
    byAssessor.set(sh.assessorUserId, list);
  }
  for (const [userId, sheets] of byAssessor) {
    const targets = new Set(sheets.map((x) => x.targetId));
    if (targets.size < s.minTargetsForVariation) continue;
    const totals = new Map<string, number>();
    for (const sh of sheets) totals.set(sh.targetId, (totals.get(sh.targetId) ?? 0) + (scoresBySheet.get(sh.id) ?? []).reduce((a, x) => a + x.score, 0));
    const values = [...totals.values()];
    if (values.every((v) => eq(v, values[0]!))) {
      out.push({ key: `sameTotals:${userId}`, type: 'sameTotals', typeName: ANOMALY_TYPE_NAMES.sameTotals, targetId: null, targetName: null, assessorUserId: userId, assessorName: id2name(userId), sheetId: null, indicatorId: null,
        description: `${uName(userId)} 给 ${targets.size} 个对象的评分合计均为 ${fmt(values[0]!)} 分` });
      continue;
    }
    const perIndicator = new Map<string, Map<string, number>>();
    for (const sh of sheets) for (const x of scoresBySheet.get(sh.id) ?? []) {
      const m = perIndicator.get(x.indicatorId) ?? new Map<string, number>();
      m.set(sh.targetId, x.score);
      perIndicator.set(x.indicatorId, m);
    }
    for (const [indicatorId, m] of perIndicator) {
      if (m.size !== targets.size) continue;
      const v = [...m.values()];
      if (!v.every((y) => eq(y, v[0]!))) continue;
      const name = leafById.get(indicatorId)?.name ?? indicatorId;
      out.push({ key: `sameScores:${userId}:${indicatorId}`, type: 'sameScores', typeName: ANOMALY_TYPE_NAMES.sameScores, targetId: null, targetName: null, assessorUserId: userId, assessorName: id2name(userId), sheetId: null, indicatorId,
        description: `${uName(userId)} 给 ${m.size} 个对象的「${name}」均评 ${fmt(v[0]!)} 分` });
    }
  }
  return out;
}
