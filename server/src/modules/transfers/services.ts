// What 组织关系转接 adds to the platform services, once per platform: its 业务规则 (the letter's validity) and 待办.
import type { Platform } from '../../platform/context.js';
import { TRANSFER_RULES } from './settings.js';
import { confirmTodos, expiredLetterTodos } from './todos.js';

export function registerTransferServices(p: Platform): void {
  p.settings.describe(TRANSFER_RULES, {
    name: '组织关系转接', group: '党员',
    description: '党员组织关系介绍信的有效期：省内转接与跨省转接（月）；开具介绍信时只能选择这两个有效期之一',
    permission: 'transfer.write',
  });
  p.todos.register({ kind: 'transfer.confirm', name: '待确认接收的组织关系', list: confirmTodos });
  p.todos.register({ kind: 'transfer.letterExpired', name: '介绍信逾期未回执', list: expiredLetterTodos });
}
