// Contracts of the 党费 routes. Money crosses the API as integer 分 (`…Fen`), except what a clerk types from a
// payslip (the income of a base, a manual amount), which is 元 as text and parsed without floating point.
import { z } from 'zod';
import { dateField } from '../../platform/http/fields.js';
import { pageQuery, pageResponse } from '../../platform/http/paging.js';

const categories = ['employed', 'retired', 'fixed'] as const;
const methods = ['cash', 'transfer', 'payroll', 'proxy'] as const;
export const yearField = z.coerce.number({ message: '请填写年度' }).int('年度应为整数').min(2000, '年度应在 2000 至 2100 之间').max(2100, '年度应在 2000 至 2100 之间').describe('年度');
const monthField = z.string().trim().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM').describe('月份');
const id = (label: string) => z.string({ message: `请选择${label}` }).trim().min(1, `请选择${label}`).max(64).describe(label);
// The error handler writes “<label>：<message>”, so the messages do not repeat the label.
const fen = (label: string) => z.number({ message: `请填写${label}` }).int('应为整数（分）').min(1, '应大于 0').max(100_000_000, '金额过大').describe(label);

export const idParams = z.object({ id: z.string().min(1).max(64).describe('编号') });
export const memberParams = z.object({ memberId: z.string().min(1).max(64).describe('党员') });
/** Lists and reports read this year (Asia/Shanghai) when no year is given. */
export const yearQuery = z.object({ year: yearField.optional() });

export const baseSet = z.object({
  memberId: id('党员'),
  year: yearField,
  category: z.enum(categories, { message: '请选择基数类别' }).describe('基数类别'),
  income: z.string().trim().max(20, '收入最多 20 个字符').optional().describe('税后月收入或月养老金（元）'),
  overrideAmount: z.string().trim().max(20).nullable().optional().describe('自定月缴金额（元）'),
  overrideReason: z.string().trim().max(200, '调整原因最多 200 个字').nullable().optional().describe('调整原因'),
});
export type BaseSet = z.infer<typeof baseSet>;

export const baseListQuery = z.object({
  ...pageQuery,
  year: yearField.optional(),
  orgId: z.string().trim().max(64).optional().describe('党组织'),
  category: z.enum(categories).optional().describe('基数类别'),
});
export type BaseListQuery = z.infer<typeof baseListQuery> & { year: number };

export const baseView = z.object({
  id: z.string(), memberId: z.string(), name: z.string(), orgId: z.string(), orgName: z.string(), year: z.number().int(),
  category: z.enum(categories), categoryName: z.string(),
  /** Masked (****) unless revealed through the audited POST. */
  income: z.string().nullable(),
  /** The bracket the income falls in and its rate, e.g. “3000 < x ≤ 5000 元，1%”. */
  bracket: z.string(),
  computedFen: z.number().int(), overrideFen: z.number().int().nullable(), overrideReason: z.string().nullable(), monthlyFen: z.number().int(),
  updatedAt: z.string(),
});
export type BaseView = z.infer<typeof baseView>;
export const baseList = pageResponse(baseView).extend({ missing: z.number().int().describe('范围内尚未登记基数的党员人数') });

export const generateBody = z.object({ year: yearField, orgId: z.string().trim().min(1).max(64).optional().describe('党组织') });
export const generateResult = z.object({ members: z.number().int(), created: z.number().int(), updated: z.number().int(), removed: z.number().int(), missingBases: z.array(z.object({ id: z.string(), name: z.string() })) });

export const paymentCreate = z.object({
  memberId: id('党员'),
  months: z.array(monthField, { message: '请选择缴纳月份' }).min(1, '请选择缴纳月份').max(24, '一次最多缴纳 24 个月').describe('缴纳月份'),
  amountFen: fen('缴纳金额'),
  method: z.enum(methods, { message: '请选择缴纳方式' }).describe('缴纳方式'),
  payerName: z.string().trim().max(30, '代缴人姓名最多 30 个字').nullable().optional().describe('代缴人'),
  paidOn: dateField('缴纳日期'),
  note: z.string().trim().max(200, '备注最多 200 个字').optional().describe('备注'),
});
export type PaymentCreate = z.infer<typeof paymentCreate>;
export const idempotencyHeaders = z.object({
  'idempotency-key': z.string({ message: '缺少请求编号（Idempotency-Key），请刷新页面后重试' }).trim().min(8, '请求编号（Idempotency-Key）至少 8 个字符').max(100, '请求编号（Idempotency-Key）最多 100 个字符').describe('请求编号'),
});
export const batchCreate = z.object({ items: z.array(paymentCreate).min(1, '请至少登记一笔').max(200, '一次最多登记 200 笔').describe('缴费') });

export const paymentView = z.object({
  id: z.string(), memberId: z.string(), name: z.string(), orgId: z.string(), orgName: z.string(), months: z.array(z.string()), amountFen: z.number().int(),
  method: z.enum(methods), methodName: z.string(), payerName: z.string().nullable(), paidOn: z.string(), note: z.string(), recordedAt: z.string(),
});
export type PaymentView = z.infer<typeof paymentView>;
export const paymentListQuery = z.object({
  ...pageQuery, year: yearField.optional(), orgId: z.string().trim().max(64).optional().describe('党组织'), memberId: z.string().trim().max(64).optional().describe('党员'),
});
export type PaymentListQuery = z.infer<typeof paymentListQuery> & { year: number };
export const paymentList = pageResponse(paymentView).extend({ totalFen: z.number().int() });

export const billView = z.object({ month: z.string(), amountFen: z.number().int(), paid: z.boolean(), paidOn: z.string().nullable(), method: z.enum(methods).nullable() });
export const memberDues = z.object({
  memberId: z.string(), name: z.string(), orgName: z.string(), year: z.number().int(), memberType: z.string(),
  category: z.enum(categories).nullable(), monthlyFen: z.number().int().nullable(),
  bills: z.array(billView), paidMonths: z.number().int(), paidFen: z.number().int(),
  /** Months up to this one not paid, and their sum. */
  dueMonths: z.array(z.string()), dueFen: z.number().int(),
  /** Months of the year still to come, payable in advance. */
  advanceMonths: z.array(z.string()),
  mayWrite: z.boolean(),
});
export type MemberDues = z.infer<typeof memberDues>;

export const arrearsQuery = z.object({ ...pageQuery, orgId: z.string().trim().max(64).optional().describe('党组织'), minMonths: z.coerce.number().int().min(1).max(24).default(1).describe('欠缴月数不少于') });
export const arrearsItem = z.object({ memberId: z.string(), name: z.string(), orgId: z.string(), orgName: z.string(), months: z.array(z.string()), monthCount: z.number().int(), dueFen: z.number().int(), level: z.enum(['none', 'warn', 'serious']) });
export const arrearsList = pageResponse(arrearsItem);

export const collectionQuery = z.object({ year: yearField.optional(), orgId: z.string().trim().max(64).optional().describe('党组织'), format: z.enum(['json', 'xlsx']).default('json').describe('导出格式') });
const monthCells = z.array(z.object({ month: z.string(), dueFen: z.number().int(), paidFen: z.number().int(), receivedFen: z.number().int() }));
export const collectionView = z.object({
  year: z.number().int(),
  branches: z.array(z.object({ orgId: z.string(), orgName: z.string(), months: monthCells, dueFen: z.number().int(), paidFen: z.number().int(), receivedFen: z.number().int(), rate: z.number() })),
  totals: z.object({ months: monthCells, dueFen: z.number().int(), paidFen: z.number().int(), receivedFen: z.number().int(), rate: z.number() }),
});

export const handoverCreate = z.object({
  orgId: id('党支部'), handedOn: dateField('上缴日期'), amountFen: fen('上缴金额'),
  note: z.string().trim().max(200, '备注最多 200 个字').optional().describe('备注'),
});
export type HandoverCreate = z.infer<typeof handoverCreate>;
export const handoverView = z.object({ id: z.string(), orgId: z.string(), orgName: z.string(), handedOn: z.string(), amountFen: z.number().int(), note: z.string(), recordedAt: z.string() });
export const handoverList = z.object({ items: z.array(handoverView) });
export const reconciliationView = z.object({
  year: z.number().int(),
  branches: z.array(z.object({ orgId: z.string(), orgName: z.string(), receivedFen: z.number().int(), handedFen: z.number().int(), differenceFen: z.number().int(), flagged: z.boolean() })),
  totals: z.object({ receivedFen: z.number().int(), handedFen: z.number().int(), differenceFen: z.number().int(), flagged: z.boolean() }),
  /** Per month of the year, across the branches in view: the committee's totals. */
  months: z.array(z.object({ month: z.string(), receivedFen: z.number().int(), handedFen: z.number().int() })),
});

export const publicityQuery = z.object({ year: yearField.optional(), orgId: z.string().trim().min(1).max(64).optional().describe('党支部'), format: z.enum(['xlsx', 'docx']).default('xlsx').describe('格式') });

/** `linked` false: the account is no member's (三员, 党委管理员): nothing of their own to show. */
export const myDues = memberDues.omit({ mayWrite: true }).extend({ linked: z.boolean(), warnMonths: z.number().int(), seriousMonths: z.number().int() });
export const revealView = z.object({ id: z.string(), income: z.string().nullable() });
