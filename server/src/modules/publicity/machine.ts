// The manuscript workflow as one table: which action may leave which status, where it goes, and the Chinese
// reason every other combination is refused with (409, nothing changed). Who may act is checked separately
// (policy.ts: authors act on their own manuscripts, editors with publicity.review over the organisation).
import { conflict } from '../../platform/errors.js';
import type { ManuscriptStatus } from './tables.js';

export type ManuscriptAction = 'edit' | 'submit' | 'delete' | 'comment' | 'requestRevision' | 'adopt' | 'reject' | 'publish' | 'rate';
export const AUTHOR_ACTIONS: ManuscriptAction[] = ['edit', 'submit', 'delete'];
export const EDITOR_ACTIONS: ManuscriptAction[] = ['requestRevision', 'adopt', 'reject', 'publish', 'rate'];

export const TRANSITIONS: Record<ManuscriptAction, { from: ManuscriptStatus[]; to: ManuscriptStatus | null /* null: stays */ }> = {
  edit: { from: ['draft', 'revising'], to: null },
  submit: { from: ['draft', 'revising'], to: 'submitted' },
  delete: { from: ['draft'], to: null },
  comment: { from: ['submitted', 'revising'], to: null },
  requestRevision: { from: ['submitted'], to: 'revising' },
  adopt: { from: ['submitted'], to: 'adopted' },
  reject: { from: ['submitted', 'revising'], to: 'rejected' },
  publish: { from: ['adopted'], to: 'published' },
  rate: { from: ['adopted', 'published'], to: null },
};

const REJECTED = '稿件已退稿，不能再办理';
const REFUSALS: Record<ManuscriptAction, Partial<Record<ManuscriptStatus, string>>> = {
  edit: {
    submitted: '稿件正在审核，不能修改；如需修改请等待编辑退回修改', adopted: '稿件已采用，不能修改', published: '稿件已刊发，不能修改', rejected: REJECTED,
  },
  submit: {
    submitted: '稿件已投递，正在等待审核', adopted: '稿件已采用，不能重复投递', published: '稿件已刊发，不能重复投递', rejected: REJECTED,
  },
  delete: {
    submitted: '已投递的稿件不能删除', revising: '已投递的稿件不能删除', adopted: '已采用的稿件不能删除', published: '已刊发的稿件不能删除', rejected: '已退稿的稿件不能删除',
  },
  comment: {
    draft: '稿件尚未投递，不能提出意见', adopted: '稿件已采用，编辑意见已结束', published: '稿件已刊发，编辑意见已结束', rejected: REJECTED,
  },
  requestRevision: {
    draft: '稿件尚未投递，不能要求修改', revising: '稿件已退回修改，请等待作者重新投递', adopted: '稿件已采用，不能再要求修改', published: '稿件已刊发，不能再要求修改', rejected: REJECTED,
  },
  adopt: {
    draft: '稿件尚未投递，不能采用', revising: '稿件正在修改，请等待作者重新投递后再采用', adopted: '稿件已采用，不能重复采用', published: '稿件已刊发，不能重复采用', rejected: REJECTED,
  },
  reject: {
    draft: '稿件尚未投递，不能退稿', adopted: '稿件已采用，不能退稿', published: '稿件已刊发，不能退稿', rejected: '稿件已退稿，不能重复退稿',
  },
  publish: {
    draft: '稿件尚未采用，不能登记刊发', submitted: '稿件尚未采用，不能登记刊发', revising: '稿件尚未采用，不能登记刊发', rejected: '稿件尚未采用，不能登记刊发',
    published: '稿件已登记刊发，不能重复登记',
  },
  rate: {
    draft: '稿件尚未采用，不能评定质量', submitted: '稿件尚未采用，不能评定质量', revising: '稿件尚未采用，不能评定质量', rejected: '已退稿的稿件不能评定质量',
  },
};

/** The 409 a step refused by the table answers with, nothing changed. */
export const stateConflict = (message: string) => conflict('PUBLICITY_STATE', message);

/** Null when the action may leave this status, else why not. */
export function refusal(status: ManuscriptStatus, action: ManuscriptAction): string | null {
  if (TRANSITIONS[action].from.includes(status)) return null;
  return REFUSALS[action][status] ?? '当前状态不能执行此操作';
}
