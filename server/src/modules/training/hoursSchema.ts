// Contracts of the 学时 routes (docs/api/training-hours.md). 学时 are integers in tenths (25 = 2.5 学时).
import { z } from 'zod';

const id = z.string().trim().min(1).max(64);
const year = z.string().trim().regex(/^\d{4}$/, '年份格式应为 YYYY').optional().describe('年份（默认今年）');

export const hoursQuery = z.object({
  orgId: id.optional().describe('组织（含下级；默认本人可查看的最高组织）'),
  year,
  behind: z.enum(['0', '1', 'true', 'false']).optional().transform((v) => v === '1' || v === 'true').describe('只看未达标'),
  keyword: z.string().trim().max(50, '姓名关键字最多 50 个字').optional().describe('姓名关键字'),
  page: z.coerce.number().int().min(1).default(1).describe('页码'),
  pageSize: z.coerce.number().int().min(1).max(200).default(20).describe('每页条数'),
});
export type HoursQuery = z.infer<typeof hoursQuery>;
export const exportQuery = hoursQuery.omit({ page: true, pageSize: true });
export type HoursExportQuery = z.infer<typeof exportQuery>;

const tenths = (what: string) => z.number().int().describe(`${what}（0.1 学时）`);

export const hoursRow = z.object({
  memberId: z.string(), name: z.string(), orgId: z.string(), orgName: z.string().describe('所在党支部或党小组'),
  posts: z.array(z.string()).describe('现任委员职务（有则按干部要求）'),
  requiredTenths: tenths('应完成'), onlineTenths: tenths('线上学习'), offlineTenths: tenths('线下培训'), lectureTenths: tenths('党课'),
  totalTenths: tenths('合计'), behindTenths: tenths('尚差（已达标为 0）'),
});
export type HoursRow = z.infer<typeof hoursRow>;

const orgSummary = z.object({
  orgId: z.string(), orgName: z.string(), members: z.number().int(), met: z.number().int().describe('已达标人数'),
  rate: z.number().nullable().describe('达标率（%，一位小数；无党员为 null）'), totalTenths: tenths('学时合计'),
});

export const hoursList = z.object({
  orgId: z.string(), orgName: z.string(), year: z.string(),
  requirement: z.object({ memberTenths: tenths('党员要求'), cadreTenths: tenths('干部要求') }),
  summary: orgSummary.describe('所选组织合计'),
  orgs: z.array(orgSummary).describe('各下级组织（及本级直属）'),
  items: z.array(hoursRow), total: z.number().int(), page: z.number().int(), pageSize: z.number().int(),
});
export type HoursList = z.infer<typeof hoursList>;

export const myHoursQuery = z.object({ year });
export const myHoursView = z.object({
  linked: z.boolean().describe('账号是否关联党员档案（未关联时为空）'),
  year: z.string(), name: z.string(), posts: z.array(z.string()),
  requiredTenths: tenths('应完成'), onlineTenths: tenths('线上学习'), offlineTenths: tenths('线下培训'), lectureTenths: tenths('党课'),
  totalTenths: tenths('合计'), behindTenths: tenths('尚差'),
  items: z.array(z.object({
    source: z.enum(['online', 'offline', 'lecture']).describe('online 线上学习，offline 线下培训，lecture 党课'),
    refId: z.string(), title: z.string(), courseTitle: z.string(), date: z.string(), tenths: tenths('学时'),
    seconds: z.number().int().nullable().describe('线上：计入的学习秒数'), requiredMinutes: z.number().int().nullable(), makeupOn: z.string().nullable().describe('补课日期'),
  })),
});
export type MyHoursView = z.infer<typeof myHoursView>;
