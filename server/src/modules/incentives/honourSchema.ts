// Contracts of 表彰: selections, nominations with their snapshot, objections, and honours on records.
import { z } from 'zod';
import { dateField } from '../../platform/http/fields.js';
import { pageQuery, pageResponse } from '../../platform/http/paging.js';

const id = (label: string) => z.string().trim().min(1).max(64).describe(label);
const text = (label: string, min: number, max: number) =>
  z.string().trim().min(min, min > 1 ? `${label}至少 ${min} 个字` : `请填写${label}`).max(max, `${label}最多 ${max} 个字`).describe(label);
const year = z.coerce.number().int().min(2000, '年度应在 2000–2100 之间').max(2100, '年度应在 2000–2100 之间').describe('年度');

export const CATEGORY_CODES = ['outstandingMember', 'outstandingWorker', 'advancedOrg'] as const;
export const category = z.enum(CATEGORY_CODES).describe('类别（优秀共产党员、优秀党务工作者、先进基层党组织）');
const count = (label: string) => z.number().int().min(0, `${label}不能为负数`).max(500, `${label}不能超过 500`).describe(label);
export const quotas = z.object({ outstandingMember: count('优秀共产党员名额'), outstandingWorker: count('优秀党务工作者名额'), advancedOrg: count('先进基层党组织名额') });

export const idParams = z.object({ id: id('编号') });

export const selectionCreate = z.object({
  year,
  title: text('标题', 2, 100).optional(),
  quotas: quotas.optional(),
  nominateBy: dateField('推荐截止日期'),
});
export type SelectionCreate = z.infer<typeof selectionCreate>;
export const selectionPatch = z.object({ title: text('标题', 2, 100).optional(), quotas: quotas.optional(), nominateBy: dateField('推荐截止日期').optional() });
export type SelectionPatch = z.infer<typeof selectionPatch>;
export const publicityBody = z.object({ from: dateField('公示开始日期'), to: dateField('公示结束日期') });
export const decideBody = z.object({ decisionNo: text('决定文号', 1, 50), decidedOn: dateField('决定日期').optional() });

const SELECTION_ACTIONS = ['edit', 'review', 'publicity', 'decide', 'nominate'] as const;
const counts = z.object({ nominated: z.number().int(), accepted: z.number().int(), rejected: z.number().int(), honoured: z.number().int() });
export const selectionView = z.object({
  id: z.string(), year: z.number().int(), title: z.string(), quotas,
  nominateBy: z.string(), status: z.enum(['nominating', 'reviewing', 'publicising', 'decided']),
  publicityFrom: z.string().nullable(), publicityTo: z.string().nullable(),
  /** The earliest end of a 公示 starting today (working days, Mon–Fri). */
  minPublicityWorkingDays: z.number().int(),
  decidedOn: z.string().nullable(), decisionNo: z.string().nullable(),
  categories: z.array(z.object({ code: category, name: z.string() })),
  counts: z.record(z.string(), counts),
  openObjections: z.number().int(),
  allowed: z.array(z.enum(SELECTION_ACTIONS)),
});
export type SelectionView = z.infer<typeof selectionView>;

export const snapshotSchema = z.object({
  takenAt: z.string(),
  year: z.number().int(),
  items: z.array(z.object({ key: z.string(), label: z.string(), value: z.string().nullable(), note: z.string().optional() })),
  trainingHours: z.number().nullable().optional(),
  notes: z.array(z.string()),
});
export type Snapshot = z.infer<typeof snapshotSchema>;

export const objectionView = z.object({
  id: z.string(), nominationId: z.string(), receivedOn: z.string(), content: z.string(), handling: z.string().nullable(),
  handledBy: z.string().nullable(), handledAt: z.string().nullable(), createdAt: z.string(),
});
export const nominationView = z.object({
  id: z.string(), selectionId: z.string(), category, categoryName: z.string(),
  nomineeKind: z.enum(['member', 'org']), nomineeId: z.string(), nomineeName: z.string(),
  orgId: z.string(), orgName: z.string(), deeds: z.string(), snapshot: snapshotSchema,
  status: z.enum(['nominated', 'accepted', 'rejected', 'withdrawn', 'honoured']), reviewNote: z.string().nullable(),
  createdAt: z.string(), objections: z.array(objectionView),
  allowed: z.array(z.enum(['withdraw', 'review', 'object'])),
});
export type NominationView = z.infer<typeof nominationView>;

export const nominationQuery = z.object({ category: category.optional(), status: z.enum(['nominated', 'accepted', 'rejected', 'withdrawn', 'honoured']).optional() });
export const selectionDetail = selectionView.extend({ nominations: z.array(nominationView) });

export const nominationCreate = z.object({
  category,
  orgId: id('推荐组织'),
  nomineeId: id('推荐对象'),
  deeds: text('主要事迹', 10, 3000),
});
export type NominationCreate = z.infer<typeof nominationCreate>;
export const reviewBody = z.object({ decision: z.enum(['accept', 'reject']).describe('审核意见'), note: z.string().trim().max(500, '审核说明最多 500 个字').optional() });
export const objectionCreate = z.object({ receivedOn: dateField('收到日期'), content: text('异议内容', 5, 2000) });
export const objectionHandle = z.object({ handling: text('处理情况', 5, 2000) });

export const nomineeQuery = z.object({ orgId: id('推荐组织'), category, keyword: z.string().trim().max(30).optional() });
export const nominee = z.object({ id: z.string(), name: z.string(), orgName: z.string(), posts: z.array(z.string()) });

export const honourQuery = z.object({
  subjectKind: z.enum(['member', 'org']).optional().describe('对象类型'),
  subjectId: id('对象编号').optional(),
  year: year.optional(),
  orgId: id('组织').optional(),
  ...pageQuery,
});
export type HonourQuery = z.infer<typeof honourQuery>;
export const honourView = z.object({
  id: z.string(), subjectKind: z.enum(['member', 'org']), subjectId: z.string(), subjectName: z.string(), title: z.string(), year: z.number().int(),
  awardedOn: z.string(), awardedBy: z.string(), note: z.string().nullable(), fromSelection: z.boolean(), canDelete: z.boolean(),
});
export type HonourView = z.infer<typeof honourView>;
export const honourList = pageResponse(honourView).extend({
  canAdd: z.boolean().describe('可为所查对象（subjectKind + subjectId）登记荣誉；未指定对象时为 false'),
});
export const honourCreate = z.object({
  subjectKind: z.enum(['member', 'org']),
  subjectId: id('对象'),
  title: text('荣誉名称', 2, 60),
  year,
  awardedOn: dateField('授予日期').optional(),
  awardedBy: text('授予单位', 2, 60),
  note: z.string().trim().max(500, '备注最多 500 个字').optional(),
});
export type HonourCreate = z.infer<typeof honourCreate>;
