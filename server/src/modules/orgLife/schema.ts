// Contracts of the 组织生活 record routes (docs/api/org-life.md).
import { z } from 'zod';
import { pageQuery } from '../../platform/http/paging.js';
import { isCalendarDate } from '../../platform/calendar.js';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
export const ACTIVITY_STATUSES = ['planned', 'held', 'archived'] as const;
export const ATTENDANCE_STATUSES = ['present', 'leave', 'absent', 'visitor', 'unmarked'] as const;

const id = (label: string) => z.string().trim().min(1, '请选择').max(64).describe(label);
const date = (label: string) => z.string().trim().refine(isCalendarDate, '日期格式应为 YYYY-MM-DD').describe(label);
const instant = (label: string) => z.string().trim().refine((s) => /^\d{4}-\d{2}-\d{2}T/.test(s) && !Number.isNaN(Date.parse(s)), '时间格式不正确').describe(label);
const text = (label: string, max: number) => z.string().trim().max(max, `最多 ${max} 个字`).describe(label);
/** Comma list of codes (`status=planned,held`). */
const codeList = (label: string) => z.string().trim().max(500).transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean)).describe(label);

export const monthParams = z.object({ month: z.string().trim().regex(MONTH, '月份格式应为 YYYY-MM').describe('月份') });
export const themeQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional().describe('年度') });
export const themeBody = z.object({
  title: z.string().trim().min(1, '请填写主题').max(100, '最多 100 个字').describe('主题'),
  content: text('主题内容', 5000).optional(),
  dayKinds: z.array(z.string().trim().min(1).max(40)).max(10).optional().describe('活动日'),
  publish: z.boolean().optional().describe('发布'),
});
export type ThemeBody = z.infer<typeof themeBody>;

export const themeView = z.object({
  id: z.string(), month: z.string(), title: z.string(), content: z.string(), dayKinds: z.array(z.string()), dayKindNames: z.array(z.string()),
  status: z.enum(['draft', 'published']), publishedAt: z.string().nullable(), createdAt: z.string(), updatedAt: z.string(),
});
export type ThemeView = z.infer<typeof themeView>;

export const activityParams = z.object({ id: z.string().min(1).max(64).describe('活动编号') });
export const attachmentParams = activityParams.extend({ fileId: z.string().min(1).max(64).describe('附件编号') });
export const inlineQuery = z.object({ inline: z.enum(['true', 'false']).default('false').transform((v) => v === 'true').describe('直接显示') });

export const listQuery = z.object({
  orgId: id('组织').optional(),
  kind: codeList('类型').optional(),
  status: codeList('状态').optional(),
  from: date('开始日期').optional(),
  to: date('结束日期').optional(),
  q: z.string().trim().max(50, '最多 50 个字').optional().describe('搜索词'),
  order: z.enum(['asc', 'desc']).default('desc').describe('排序'),
  ...pageQuery,
});
export type ListQuery = z.infer<typeof listQuery>;

const vote = z.object({
  motion: z.string().trim().min(1, '请填写表决事项').max(200, '最多 200 个字').describe('表决事项'),
  yes: z.number().int().min(0).max(10000).describe('赞成票'),
  no: z.number().int().min(0).max(10000).describe('反对票'),
  abstain: z.number().int().min(0).max(10000).describe('弃权票'),
});

const recordFields = {
  title: text('标题', 100).optional(),
  startsAt: instant('开始时间'),
  endsAt: instant('结束时间'),
  place: text('地点', 50).optional(),
  // People of the organisation's roster, by member id (null clears); the typed names of old records are read-only.
  hostMemberId: z.string().trim().min(1, '请选择主持人').max(64).nullable().optional().describe('主持人'),
  recorderMemberId: z.string().trim().min(1, '请选择记录人').max(64).nullable().optional().describe('记录人'),
  lecturerName: text('授课人', 50).optional(),
  agenda: text('议程', 2000).optional(),
  minutes: text('会议记录', 20000).optional(),
  decisions: text('决定事项', 20000).optional(),
  votes: z.array(vote).max(50).optional().describe('表决'),
  allowVisitors: z.boolean().optional().describe('允许列席'),
  expectedMemberIds: z.array(z.string().trim().min(1).max(64)).max(2000).optional().describe('应到人员'),
};

export const activityCreate = z.object({
  orgId: id('组织'), kind: z.string().trim().min(1, '请选择').max(40).describe('活动类型'), ...recordFields,
  /** Creates even when the organisation already has an activity of this kind that day (answered 409 ORG_LIFE_DUPLICATE otherwise). */
  confirmDuplicate: z.boolean().optional().describe('确认重复创建'),
});
export type ActivityCreate = z.infer<typeof activityCreate>;
export const activityPatch = z.object({ ...recordFields, startsAt: recordFields.startsAt.optional(), endsAt: recordFields.endsAt.optional() });
export type ActivityPatch = z.infer<typeof activityPatch>;

export const attendanceBody = z.object({
  rows: z.array(z.object({
    memberId: z.string().trim().min(1).max(64).describe('党员'),
    status: z.enum(ATTENDANCE_STATUSES, '出勤状态应为出席、请假、缺席、列席或未签到').describe('出勤状态'),
    reason: text('原因', 200).optional().nullable(),
    makeupOn: date('补课日期').optional().nullable(),
    makeupNote: text('补课情况', 500).optional().nullable(),
  })).max(2000).describe('签到表'),
});
export type AttendanceBody = z.infer<typeof attendanceBody>;

export const fileView = z.object({
  id: z.string(), name: z.string(), mime: z.string(), size: z.number(), sha256: z.string(), createdAt: z.string(), createdBy: z.string().nullable(),
  createdByName: z.string().nullable(), isImage: z.boolean(),
});

export const activityView = z.object({
  id: z.string(), orgId: z.string(), orgName: z.string(), orgKind: z.string(), kind: z.string(), kindName: z.string(), category: z.enum(['meeting', 'activity']),
  title: z.string(), themeId: z.string().nullable(), themeTitle: z.string().nullable(), status: z.enum(ACTIVITY_STATUSES), statusName: z.string(),
  startsAt: z.string(), endsAt: z.string(), startsOn: z.string(), place: z.string(),
  /** The member's name when a member is set, else the name typed on an old record. */
  hostMemberId: z.string().nullable(), hostName: z.string(), recorderMemberId: z.string().nullable(), recorderName: z.string(), lecturerName: z.string(),
  allowVisitors: z.boolean(), expected: z.number(), present: z.number(), leave: z.number(), absent: z.number(), unmarked: z.number(), visitors: z.number(),
  rate: z.number().nullable(), createdAt: z.string(), updatedAt: z.string(), heldAt: z.string().nullable(), archivedAt: z.string().nullable(),
});
export type ActivityView = z.infer<typeof activityView>;

export const attendanceLine = z.object({
  memberId: z.string(), name: z.string(), memberType: z.enum(['full', 'probationary']), orgName: z.string(), expected: z.boolean(),
  status: z.enum(ATTENDANCE_STATUSES), statusName: z.string(), reason: z.string().nullable(), signedInAt: z.string().nullable(),
  method: z.enum(['recorder', 'qr']).nullable(), makeupOn: z.string().nullable(), makeupNote: z.string().nullable(),
});
export type AttendanceLine = z.infer<typeof attendanceLine>;

export const activityDetail = activityView.extend({
  agenda: z.string(), minutes: z.string(), decisions: z.string(),
  theme: z.object({ id: z.string(), month: z.string(), title: z.string(), content: z.string() }).nullable(),
  quorum: z.object({ expected: z.number(), present: z.number(), reached: z.boolean() }).nullable(),
  votes: z.array(z.object({ motion: z.string(), yes: z.number(), no: z.number(), abstain: z.number(), entitled: z.number(), passed: z.boolean() })),
  entitledVoters: z.number(),
  attendance: z.array(attendanceLine),
  attachments: z.array(fileView),
  incomplete: z.array(z.enum(['noMinutes', 'noPhoto', 'noSignIn'])),
  can: z.object({ edit: z.boolean(), hold: z.boolean(), archive: z.boolean(), delete: z.boolean(), attendance: z.boolean(), attach: z.boolean(), qr: z.boolean() }),
});
export type ActivityDetail = z.infer<typeof activityDetail>;

export const kindsView = z.object({
  kinds: z.array(z.object({
    code: z.string(), name: z.string(), holder: z.enum(['branch', 'group']), frequency: z.enum(['month', 'quarter', 'year', 'theme']),
    category: z.enum(['meeting', 'activity']), quorum: z.boolean(), votes: z.boolean(), lecturer: z.boolean(), photos: z.boolean(),
    signIn: z.boolean(), committeeOnly: z.boolean(), activityDay: z.boolean(),
  })),
  dayKinds: z.array(z.object({ code: z.string(), name: z.string() })),
  rules: z.object({ signInGraceBeforeMinutes: z.number(), signInGraceAfterMinutes: z.number(), attendanceWarnPercent: z.number(), silentDays: z.number() }),
  statuses: z.record(z.string(), z.string()),
  attendanceStatuses: z.record(z.string(), z.string()),
});

// ---- reports (reportRoutes.ts): QR sign-in, the compliance 问题清单, the 台账 ----

export const signInBody = z.object({ token: z.string().trim().min(1, '请扫描签到码').max(300).describe('签到码') });
export const complianceQuery = z.object({
  orgId: z.string().trim().min(1).max(64).optional().describe('组织'),
  period: z.string().trim().max(10).optional().describe('周期'),
  format: z.enum(['json', 'xlsx']).default('json').describe('格式'),
});
export const ledgerQuery = z.object({
  orgId: z.string().trim().min(1, '请选择党支部').max(64).describe('党支部'),
  year: z.string().trim().regex(/^\d{4}$/, '年度格式应为 YYYY').optional().describe('年度'),
});

export const qrView = z.object({
  token: z.string(), url: z.string(), svg: z.string(), validFrom: z.string(), validUntil: z.string(),
  /** When this code is replaced (the projector fetches the next one then) and how often that happens. */
  refreshAt: z.string(), refreshSeconds: z.number(),
  expected: z.number(), present: z.number(), open: z.boolean(),
});
export const statusView = z.object({
  activityId: z.string(), title: z.string(), expected: z.number(), present: z.number(), visitors: z.number(), rate: z.number().nullable(),
  recent: z.array(z.object({ name: z.string(), at: z.string(), status: z.enum(['present', 'visitor']) })),
});
export const signInQuery = z.object({ token: z.string().trim().min(1, '请扫描签到码').max(300).describe('签到码') });
export const signInPreview = z.object({
  activityId: z.string(), title: z.string(), orgName: z.string(), place: z.string(), startsAt: z.string(), endsAt: z.string(),
  /** Whether signing in would be accepted now by time: open, not yet open, over, or an old code (stale). */
  state: z.enum(['open', 'early', 'expired', 'stale']),
  memberName: z.string().nullable(),
  signedIn: z.boolean(),
});
export const signInView = z.object({
  activityId: z.string(), title: z.string(), orgName: z.string(), memberName: z.string(), status: z.enum(['present', 'visitor']), signedInAt: z.string(),
});

const light = z.enum(['red', 'yellow', 'green']);
export const complianceView = z.object({
  org: z.object({ id: z.string(), name: z.string() }),
  period: z.object({ code: z.string(), label: z.string(), from: z.string(), to: z.string() }),
  today: z.string(),
  settings: z.object({ attendanceWarnPercent: z.number(), silentDays: z.number() }),
  orgs: z.array(z.object({
    orgId: z.string(), orgName: z.string(), orgKind: z.string(), light,
    kinds: z.array(z.object({
      kind: z.string(), name: z.string(), frequency: z.enum(['month', 'quarter', 'year', 'theme']), required: z.number(), met: z.number(), held: z.number(),
      missing: z.number(), inProgress: z.boolean(),
    })),
    attendance: z.object({ expected: z.number(), present: z.number(), rate: z.number().nullable(), belowThreshold: z.boolean() }),
    incomplete: z.number(), absenteeProblems: z.number(), lastHeldOn: z.string().nullable(), silent: z.boolean(),
  })),
  problems: z.array(z.object({
    orgId: z.string(), orgName: z.string(), light: z.enum(['red', 'yellow']), kind: z.string().nullable(), kindName: z.string().nullable(),
    type: z.string(), message: z.string(), activityId: z.string().nullable(), link: z.string().nullable(),
  })),
  summary: z.object({ red: z.number(), yellow: z.number(), green: z.number(), problems: z.number() }),
});

export type ComplianceQuery = z.infer<typeof complianceQuery>;
export type LedgerQuery = z.infer<typeof ledgerQuery>;
export type QrView = z.infer<typeof qrView>;
export type SignInStatusView = z.infer<typeof statusView>;
export type SignInPreview = z.infer<typeof signInPreview>;
export type SignInView = z.infer<typeof signInView>;
export type ComplianceView = z.infer<typeof complianceView>;
