// Contracts of the 志愿活动, 服务时长 and 志愿服务记录证明 routes (docs/api/volunteer.md).
import { z } from 'zod';
import { pageQuery, pageResponse } from '../../platform/http/paging.js';
import { dateField } from '../../platform/http/fields.js';

const id = z.string().trim().min(1).max(64);
const kind = z.enum(['member', 'staff']).describe('志愿者类别：member 党员，staff 员工');
const minutes = z.number({ error: '服务时长应为分钟数' }).int('服务时长应为整数分钟').min(1, '服务时长至少 1 分钟').max(1440, '服务时长不能超过 1440 分钟（24 小时）');
const year = z.string().trim().regex(/^\d{4}$/, '年份格式应为 YYYY').optional().describe('年份（默认今年）');

export const activityParams = z.object({ id: id.describe('志愿活动编号') });
export const volunteerParams = z.object({ kind, id: id.describe('党员或员工编号') });

export const participantInput = z.object({ kind, id: id.describe('党员或员工编号'), minutes: minutes.describe('服务时长（分钟，1–1440）') });

export const activityListQuery = z.object({
  orgId: id.optional().describe('组织（含下级）'),
  year,
  ...pageQuery,
});
export type ActivityListQuery = z.infer<typeof activityListQuery>;

const title = z.string().trim().min(1, '请填写活动名称').max(100, '活动名称最多 100 个字').describe('活动名称');
const place = z.string().trim().max(100, '地点最多 100 个字').describe('地点');
const description = z.string().trim().max(2000, '活动内容最多 2000 个字').describe('活动内容');
const participants = z.array(participantInput).min(1, '请至少添加一名参与人').max(500, '参与人最多 500 名').describe('参与人及各自服务时长');

export const activityCreate = z.object({
  orgId: id.describe('组织'), title, heldOn: dateField('活动日期'), place: place.default(''), description: description.default(''), participants,
});
export type ActivityCreate = z.infer<typeof activityCreate>;
export const activityPatch = z.object({
  title: title.optional(), heldOn: dateField('活动日期').optional(), place: place.optional(), description: description.optional(), participants: participants.optional(),
});
export type ActivityPatch = z.infer<typeof activityPatch>;

export const fromOrgLifeBody = z.object({
  orgLifeActivityId: id.describe('组织生活记录（义务劳动日）编号'),
  minutes: minutes.describe('每名出席党员的服务时长（分钟，1–1440）'),
});
export const orgLifeSourcesQuery = z.object({ orgId: id.optional().describe('组织（含下级；默认本人管理的最高组织）') });

const participantView = z.object({ kind, id: z.string(), name: z.string(), orgName: z.string(), minutes: z.number().int() });
export const activityItem = z.object({
  id: z.string(), orgId: z.string(), orgName: z.string(), title: z.string(), heldOn: z.string(), place: z.string(),
  participants: z.number().int().describe('参与人数'), minutes: z.number().int().describe('服务时长合计（分钟）'), fromOrgLife: z.boolean(),
});
export type ActivityItem = z.infer<typeof activityItem>;
export const activityList = pageResponse(activityItem);
export const activityView = activityItem.extend({
  description: z.string(), orgLifeActivityId: z.string().nullable(), participantList: z.array(participantView), allowed: z.array(z.enum(['edit', 'delete'])),
  createdAt: z.string(), updatedAt: z.string(),
});
export type ActivityView = z.infer<typeof activityView>;

export const orgLifeSources = z.object({
  items: z.array(z.object({
    id: z.string(), orgId: z.string(), orgName: z.string(), title: z.string(), heldOn: z.string(), place: z.string(),
    suggestedMinutes: z.number().int().describe('按记录起止时间计的时长（分钟）'),
    attendees: z.array(z.object({ id: z.string(), name: z.string() })).describe('出席的党员'),
  })),
});

// ---------- hours ----------

export const hoursQuery = z.object({ orgId: id.optional().describe('组织（默认本人可查看的最高组织）'), year, format: z.enum(['json', 'xlsx']).default('json').describe('导出格式') });
export type HoursQuery = z.infer<typeof hoursQuery>;
export const yearQuery = z.object({ year });

const monthRow = z.object({ month: z.string().describe('YYYY-MM'), visitMinutes: z.number().int(), activityMinutes: z.number().int(), visits: z.number().int() });
export const hoursView = z.object({
  orgId: z.string(), orgName: z.string(), year: z.string(),
  months: z.array(monthRow),
  orgs: z.array(z.object({
    orgId: z.string(), orgName: z.string(), minutes: z.number().int(), volunteers: z.number().int(),
    monthMinutes: z.array(z.number().int()).describe('1–12 月各月分钟数'),
  })).describe('所选组织的各下级组织（及本级直属）'),
  volunteers: z.array(z.object({
    kind, id: z.string(), name: z.string(), orgName: z.string(), visitMinutes: z.number().int(), activityMinutes: z.number().int(), visits: z.number().int(),
  })),
  total: z.object({ visitMinutes: z.number().int(), activityMinutes: z.number().int(), visits: z.number().int(), volunteers: z.number().int() }),
});
export type HoursView = z.infer<typeof hoursView>;

export const hoursRecord = z.object({
  date: z.string(), source: z.enum(['visit', 'activity']), title: z.string().describe('服务内容'), minutes: z.number().int(), orgName: z.string(),
});
export type HoursRecord = z.infer<typeof hoursRecord>;
export const mineView = z.object({
  year: z.string(),
  volunteer: z.object({ kind, id: z.string(), name: z.string() }).nullable(),
  months: z.array(monthRow),
  total: z.object({ visitMinutes: z.number().int(), activityMinutes: z.number().int(), visits: z.number().int() }),
  records: z.array(hoursRecord),
});
