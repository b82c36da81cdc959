// A member's history in plain words: event kind in Chinese, reason, and what changed (before → after).
import { Typography } from 'antd';
import type { MemberEvent } from '../../api/types';
import type { HistoryItem } from '../../components/DetailDrawer';
import {
  EMPLOYMENT_LABEL,
  GENDER_LABEL,
  MEMBER_EVENT_LABEL,
  MEMBER_STATUS_LABEL,
  MEMBER_TYPE_LABEL,
  label,
} from '../../lib/people';

const FIELD_LABEL: Record<string, string> = {
  name: '姓名',
  gender: '性别',
  birthDate: '出生日期',
  idNumber: '身份证号',
  phone: '手机号',
  ethnicity: '民族',
  education: '学历',
  nativePlace: '籍贯',
  address: '家庭住址',
  unitName: '所在单位',
  post: '工作岗位',
  employment: '在岗状态',
  workStartedOn: '参加工作日期',
  type: '党员类型',
  joinedOn: '入党日期',
  confirmedOn: '转正日期',
  probationExtendedMonths: '延长预备期（月）',
  earliestConfirmation: '最早转正日期',
  status: '状态',
  branchName: '党支部',
  groupName: '党小组',
  partyPosts: '党内职务',
  // Steps of a 组织关系转接 (modules/transfers on the server).
  step: '转接环节',
  counterpart: '对方组织',
  letterNo: '介绍信编号',
  duesPaidTo: '党费交至',
  validUntil: '介绍信有效期至',
  receiptOn: '回执日期',
};

const VALUE_LABELS: Record<string, Record<string, string>> = {
  gender: GENDER_LABEL,
  employment: EMPLOYMENT_LABEL,
  type: MEMBER_TYPE_LABEL,
  status: MEMBER_STATUS_LABEL,
};

function valueText(key: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '无';
  if (Array.isArray(value)) return value.length ? value.map((v) => String(v)).join('、') : '无';
  if (typeof value === 'object') return JSON.stringify(value);
  const labels = VALUE_LABELS[key];
  return labels ? label(labels, String(value)) : String(value);
}

/** Keys shown in plain words: the known fields (ids are left out; their names are shown instead). */
function shownKeys(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => k in FIELD_LABEL);
}

/** Lines such as “党支部：第一党支部 → 第二党支部”. */
function asRecord(v: unknown): Record<string, unknown> | null {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

export function changeLines(raw: Pick<MemberEvent, 'before' | 'after'>): string[] {
  const event = { before: asRecord(raw.before), after: asRecord(raw.after) };
  const before = event.before ?? {};
  const after = event.after ?? {};
  const lines: string[] = [];
  for (const key of shownKeys(before, after)) {
    const name = FIELD_LABEL[key] ?? key;
    if (!event.before) {
      if (after[key] !== null && after[key] !== undefined && after[key] !== '') lines.push(`${name}：${valueText(key, after[key])}`);
      continue;
    }
    const b = valueText(key, before[key]);
    const a = valueText(key, after[key]);
    if (!event.after || !(key in after)) lines.push(`${name}：${b}`);
    else if (a !== b) lines.push(`${name}：${b} → ${a}`);
  }
  return lines;
}

const COLOR: Record<string, HistoryItem['color']> = {
  admitted: 'green',
  transferIn: 'green',
  confirmed: 'green',
  transferOut: 'gray',
  statusChanged: 'red',
  probationExtended: 'red',
};

export function historyItem(e: MemberEvent): HistoryItem {
  const lines = changeLines(e);
  return {
    key: e.id,
    at: e.recordedAt,
    color: COLOR[e.kind] ?? 'blue',
    title: `${e.occurredOn} ${label(MEMBER_EVENT_LABEL, e.kind)}`,
    description: (
      <div>
        {lines.map((l) => (
          <div key={l}>{l}</div>
        ))}
        {e.reason && <div>原因：{e.reason}</div>}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          登记人：{e.recordedByName ?? '系统'}
        </Typography.Text>
      </div>
    ),
  };
}
