// Contracts of the 发展党员 routes (docs/api/recruitment.md).
import { z } from 'zod';
import { fileMetaSchema } from '../../platform/files/index.js';
import { dateField } from '../../platform/http/fields.js';
import { pageQuery, pageResponse } from '../../platform/http/paging.js';

const stages = ['applicant', 'activist', 'candidate', 'probationary', 'full'] as const;
const id = (label: string) => z.string({ message: `请选择${label}` }).trim().min(1, `请选择${label}`).max(64).describe(label);
const optText = (label: string, max: number) => z.string().trim().max(max, `${label}最多 ${max} 个字`).optional().describe(label);

export const idParams = z.object({ id: z.string().min(1).max(64).describe('编号') });
export const docParams = z.object({ id: z.string().min(1).max(64).describe('编号'), fileId: z.string().min(1).max(64).describe('材料') });

export const personCreate = z.object({
  branchId: id('党支部'),
  staffId: z.string().trim().min(1).max(64).optional().describe('员工'),
  name: z.string().trim().min(1, '请填写姓名').max(30, '姓名最多 30 个字').optional().describe('姓名'),
  gender: z.enum(['male', 'female'], { message: '请选择性别' }).optional().describe('性别'),
  birthDate: dateField('出生日期').optional(),
  idNumber: z.string().trim().min(1, '请填写身份证号').max(32, '身份证号最多 32 个字符').optional().describe('身份证号'),
  phone: z.string().trim().max(20, '手机号码最多 20 个字符').nullable().optional().describe('手机号码'),
  unitId: z.string().trim().min(1, '请选择所在单位').max(64).optional().describe('所在单位'),
  employment: z.enum(['active', 'retired', 'left'], { message: '请选择在岗状态' }).optional().describe('在岗状态'),
  appliedOn: dateField('递交入党申请书日期'),
  note: optText('情况说明', 500),
});
export type PersonCreate = z.infer<typeof personCreate>;

export const personListQuery = z.object({
  ...pageQuery,
  stage: z.enum(stages).optional().describe('阶段'),
  orgId: z.string().trim().max(64).optional().describe('党组织'),
  keyword: z.string().trim().max(30).optional().describe('姓名'),
});
export type PersonListQuery = z.infer<typeof personListQuery>;

const next = z.object({ no: z.number().int(), name: z.string(), people: z.object({ label: z.string(), min: z.number().int(), max: z.number().int() }).nullable(), meeting: z.string().nullable() });

export const personView = z.object({
  id: z.string(), name: z.string(), gender: z.enum(['male', 'female']), birthDate: z.string(), age: z.number().int(),
  idNumber: z.string(), phone: z.string().nullable(), staffId: z.string().nullable(), memberId: z.string().nullable(),
  orgId: z.string(), orgName: z.string(), stage: z.enum(stages), stageName: z.string(), lastStep: z.number().int(),
  lastDoneOn: z.string().nullable(), next: next.nullable(), probationExtendedMonths: z.number().int(),
});
export type PersonView = z.infer<typeof personView>;
export const personList = pageResponse(personView).extend({
  counts: z.object({ applicant: z.number().int(), activist: z.number().int(), candidate: z.number().int(), probationary: z.number().int(), full: z.number().int() }),
});

export const stepView = z.object({
  no: z.number().int(), name: z.string(), stage: z.enum(stages), stageName: z.string(), doneOn: z.string().nullable(), note: z.string(),
  people: z.array(z.object({ id: z.string(), name: z.string() })), peopleLabel: z.string().nullable(),
  meeting: z.object({ id: z.string(), title: z.string(), startsAt: z.string() }).nullable(), publicityFrom: z.string().nullable(), lateReason: z.string().nullable(),
  trainingDays: z.number().int().nullable(), trainingHours: z.number().int().nullable(),
});
export const documentView = fileMetaSchema.extend({ kind: z.string() });
export const personDetail = personView.extend({
  steps: z.array(stepView),
  documents: z.array(documentView),
  /** The day the 预备期 ends (earliest 转正), for a 预备党员. */
  probationEndsOn: z.string().nullable(),
  mayWrite: z.boolean(),
  /** The reader may ask for the 身份证号 and phone in clear (POST /people/{id}/reveal). */
  mayReveal: z.boolean(),
  documentKinds: z.array(z.string()),
});
export type PersonDetail = z.infer<typeof personDetail>;

export const stepCreate = z.object({
  step: z.number({ message: '请选择步骤' }).int('步骤应为 1 至 25').min(1, '步骤应为 1 至 25').max(25, '步骤应为 1 至 25').describe('步骤'),
  doneOn: dateField('办理日期'),
  note: optText('情况说明', 500),
  people: z.array(z.string().trim().min(1).max(64)).max(2, '最多选择 2 人').optional().describe('人员'),
  meetingId: z.string().trim().min(1).max(64).nullable().optional().describe('会议记录'),
  publicityFrom: dateField('公示开始日期').nullable().optional(),
  lateReason: optText('超期说明', 200),
  trainingDays: z.number({ message: '培训天数应为数字' }).int('培训天数应为整数').min(0, '培训天数不能为负数').max(365, '培训天数最多 365 天').nullable().optional().describe('培训天数'),
  trainingHours: z.number({ message: '培训学时应为数字' }).int('培训学时应为整数').min(0, '培训学时不能为负数').max(2000, '培训学时最多 2000').nullable().optional().describe('培训学时'),
});
export type StepCreate = z.infer<typeof stepCreate>;

export const extendBody = z.object({
  months: z.number({ message: '请填写延长月数' }).int('延长月数应为整数').describe('延长月数'),
  decidedOn: dateField('决定日期'),
  reason: z.string({ message: '请填写延长原因' }).trim().min(2, '请填写延长原因').max(200, '延长原因最多 200 个字').describe('延长原因'),
});
export type ExtendBody = z.infer<typeof extendBody>;

export const documentQuery = z.object({ kind: z.string().trim().min(1, '请选择材料类别').max(20).describe('材料类别') });
export const meetingCandidates = z.object({ items: z.array(z.object({ id: z.string(), title: z.string(), kind: z.string(), startsAt: z.string(), orgId: z.string() })) });

const year = z.coerce.number({ message: '年度应为数字' }).int('年度应为整数').min(2000, '年度应为 2000 至 2100 年').max(2100, '年度应为 2000 至 2100 年').describe('年度');
export const planQuery = z.object({
  year: year.optional(),
  orgId: z.string().trim().min(1).max(64).optional().describe('党组织'),
  format: z.enum(['xlsx']).optional().describe('导出格式'),
});
export type PlanQuery = z.infer<typeof planQuery>;

export const planBody = z.object({
  orgId: id('党支部'),
  year: z.number({ message: '请填写年度' }).int('年度应为整数').min(2000, '年度应为 2000 至 2100 年').max(2100, '年度应为 2000 至 2100 年').describe('年度'),
  quota: z.number({ message: '请填写发展名额' }).int('发展名额应为整数').min(0, '发展名额不能为负数').max(999, '发展名额最多 999 名').describe('发展名额'),
  note: optText('说明', 200),
});
export type PlanBody = z.infer<typeof planBody>;

const stageCounts = z.object({ applicant: z.number().int(), activist: z.number().int(), candidate: z.number().int(), probationary: z.number().int(), full: z.number().int() });
export const planYearView = z.object({
  year: z.number().int(),
  items: z.array(z.object({
    orgId: z.string(), orgName: z.string(), year: z.number().int(), quota: z.number().int().nullable(), note: z.string(), updatedAt: z.string().nullable(),
    admitted: z.number().int(), completion: z.number().nullable().describe('完成率（%）'), stages: stageCounts, mayEdit: z.boolean(),
  })),
  total: z.object({ quota: z.number().int(), admitted: z.number().int(), completion: z.number().nullable() }),
});

const figures = { applied: z.number().int(), activists: z.number().int(), candidates: z.number().int(), admitted: z.number().int(), confirmed: z.number().int(), extended: z.number().int() };
export const yearStatsView = z.object({
  year: z.number().int(),
  items: z.array(z.object({ orgId: z.string(), orgName: z.string(), ...figures })),
  total: z.object(figures),
});

export const ledgerQuery = z.object({ orgId: z.string().trim().min(1).max(64).optional().describe('党组织') });
