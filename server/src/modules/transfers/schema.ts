// Contracts of the 组织关系转接 routes (docs/api/transfers.md).
import { z } from 'zod';
import { dateField } from '../../platform/http/fields.js';
import { pageQuery, pageResponse } from '../../platform/http/paging.js';
import { identityShape } from '../members/index.js';

export const TRANSFER_SCOPE_NAMES = { internal: '本委党支部间', server: '本平台其他党委', external: '平台外（介绍信）' } as const;
export const TRANSFER_STATUS_NAMES = { pending: '转接中', received: '已接收', withdrawn: '已撤回' } as const;
export const TRANSFER_ACTIONS = ['confirm', 'receipt', 'letter', 'withdraw'] as const;
const status = z.enum(['pending', 'received', 'withdrawn']);

const scope = z.enum(['internal', 'server', 'external']);
const text = (label: string, max: number, min = 1) => z.string({ message: `请填写${label}` }).trim().min(min, `请填写${label}`).max(max, `${label}最多 ${max} 个字`).describe(label);
const id = (label: string) => z.string({ message: `请选择${label}` }).trim().min(1, `请选择${label}`).max(64).describe(label);
const month = (label: string) => z.string({ message: `请填写${label}` }).regex(/^\d{4}-(0[1-9]|1[0-2])$/, `${label}应为 YYYY-MM 格式的月份`).describe(label);

export const idParams = z.object({ id: z.string().min(1).max(64).describe('编号') });

export const transferView = z.object({
  id: z.string(), direction: z.enum(['out', 'in']), scope, status,
  memberId: z.string().nullable(), memberName: z.string(),
  fromOrgId: z.string().nullable(), fromOrgName: z.string().nullable(), toOrgId: z.string().nullable(), toOrgName: z.string().nullable(),
  counterpart: z.string(), letterNo: z.string().nullable(), duesPaidTo: z.string().nullable(), validityMonths: z.number().nullable(),
  validUntil: z.string().nullable(), startedOn: z.string(), receivedOn: z.string().nullable(), reason: z.string(),
  withdrawnOn: z.string().nullable(), withdrawReason: z.string().nullable(),
  /** An unreceived letter past its validity. */
  expired: z.boolean(),
  /** What the reader may do now: confirm (接收), receipt (登记回执), letter (下载介绍信), withdraw (撤回). */
  actions: z.array(z.enum(TRANSFER_ACTIONS)),
});
export type TransferView = z.infer<typeof transferView>;

export const transferQuery = z.object({
  direction: z.enum(['out', 'in']).default('out').describe('转出或转入'),
  status: status.optional().describe('状态'),
  keyword: z.string().trim().max(30).optional().describe('姓名'),
  ...pageQuery,
});
export type TransferQuery = z.infer<typeof transferQuery>;
export const transferList = pageResponse(transferView);

/** Starting a transfer out: the fields each scope needs are checked together in the service (Chinese field errors). */
export const startBody = z.object({
  memberId: id('党员'),
  scope: scope.describe('转往'),
  toBranchId: z.string().trim().min(1).max(64).optional().describe('接收党支部'),
  toTenantId: z.string().trim().min(1).max(64).optional().describe('接收党委'),
  destination: z.string().trim().max(60, '接收组织最多 60 个字').optional().describe('接收组织'),
  duesPaidTo: month('党费交至').optional(),
  validityMonths: z.number({ message: '请填写有效期' }).int('有效期应为整数月').optional().describe('介绍信有效期（月）'),
  startedOn: dateField('转出日期').optional(),
  reason: text('转接原因', 200, 2),
});
export type StartBody = z.infer<typeof startBody>;

export const confirmBody = z.object({
  branchId: z.string().trim().min(1).max(64).optional().describe('接收党支部'),
  groupId: z.string().trim().min(1).max(64).nullable().optional().describe('党小组'),
  unitId: z.string().trim().min(1).max(64).optional().describe('所在单位'),
  receivedOn: dateField('接收日期').optional(),
});
export type ConfirmBody = z.infer<typeof confirmBody>;

export const receiptBody = z.object({ receiptOn: dateField('回执日期') });

/** Withdrawing a transfer that waits: the day (today by default) and why, for the member's history. */
export const withdrawBody = z.object({ withdrawnOn: dateField('撤回日期').optional(), reason: text('撤回原因', 200, 2) });
export type WithdrawBody = z.infer<typeof withdrawBody>;

/** A member arriving from outside the server with a letter: the person, where they go, and the letter. */
export const incomingBody = z.object({
  ...identityShape,
  type: z.enum(['full', 'probationary']).describe('党员类别'),
  joinedOn: dateField('入党日期'),
  confirmedOn: dateField('转正日期').nullable().optional(),
  branchId: id('接收党支部'),
  groupId: z.string().trim().min(1).max(64).nullable().optional().describe('党小组'),
  origin: text('转出组织', 60, 2),
  letterNo: text('介绍信编号', 40),
  duesPaidTo: month('党费交至'),
  receivedOn: dateField('接收日期'),
  reason: z.string().trim().max(200, '说明最多 200 个字').default('').describe('说明'),
});
export type IncomingBody = z.infer<typeof incomingBody>;

export const committeeList = z.object({ items: z.array(z.object({ id: z.string(), name: z.string() })) });

/** The choices of the forms: every branch of the committee (a transfer may go to any of them) and the units. */
export const placeList = z.object({
  branches: z.array(z.object({ id: z.string(), name: z.string(), mine: z.boolean().describe('本人可在此办理（发起转出、登记转入）') })),
  units: z.array(z.object({ id: z.string(), name: z.string() })),
  /** The letter's validities (业务规则): within the province and across provinces. */
  validityMonths: z.number(), crossProvinceValidityMonths: z.number(),
});
