// Built-in roles (docs/DOMAIN.md, 三员分立) as bundles of permissions. The 三员分立 classes are exclusive: each
// 三员 permission belongs to one class, only that class's role carries it, and no account may hold roles
// of two classes. The 系统管理员 carries no business-data permission at all.
import type { Permission } from './permissions.js';

export type Separation = 'sysadmin' | 'secadmin' | 'auditor';

export const SEPARATION_NAMES: Record<Separation, string> = {
  sysadmin: '系统管理员',
  secadmin: '安全保密员',
  auditor: '安全审计员',
};

/** Which 三员 class owns each admin permission; business roles may carry none of these. */
export const SEPARATION_OF: Partial<Record<Permission, Separation>> = {
  'user.manage': 'sysadmin',
  'settings.manage': 'sysadmin',
  'backup.run': 'sysadmin',
  'role.read': 'secadmin',
  'grant.manage': 'secadmin',
  'security.policy': 'secadmin',
  'audit.read': 'auditor',
};

export interface BuiltinRole {
  code: string;
  name: string;
  description: string;
  separation: Separation | null;
  permissions: Permission[];
}

const READ_ALL: Permission[] = ['org.read', 'member.read', 'staff.read', 'info.read', 'orgLife.read', 'task.read', 'assessment.read', 'publicity.read', 'campaign.read', 'proposal.read', 'volunteer.read', 'incentive.read', 'training.read', 'recruit.read', 'dues.read', 'report.read'];

export const BUILTIN_ROLES: BuiltinRole[] = [
  { code: 'sysadmin', name: '系统管理员', description: '账号、系统设置与备份；不能查看业务数据', separation: 'sysadmin', permissions: ['user.manage', 'settings.manage', 'backup.run', 'self.read'] },
  { code: 'secadmin', name: '安全保密员', description: '授予角色，设置密码与会话策略', separation: 'secadmin', permissions: ['role.read', 'grant.manage', 'security.policy', 'self.read'] },
  { code: 'auditor', name: '安全审计员', description: '查阅审计日志；任何人都不能修改审计日志', separation: 'auditor', permissions: ['audit.read', 'self.read'] },
  {
    code: 'committeeAdmin', name: '党委管理员', description: '党群部工作人员，负责全委日常运行', separation: null,
    permissions: [...READ_ALL, 'org.write', 'member.write', 'member.sensitive', 'staff.write', 'info.write', 'info.publish', 'orgLife.write', 'task.write', 'task.verify', 'assessment.manage', 'appraisal.manage', 'publicity.review', 'campaign.manage', 'campaign.review', 'proposal.submit', 'proposal.manage', 'volunteer.write', 'volunteer.serve', 'incentive.write', 'incentive.manage', 'training.write', 'training.manage', 'training.learn', 'transfer.write', 'recruit.write', 'dues.write', 'dues.sensitive', 'display.manage', 'report.write', 'self.read'],
  },
  {
    code: 'secretary', name: '书记', description: '党委、总支、支部书记：计划和记录本组织工作，评分、审核', separation: null,
    permissions: [...READ_ALL, 'member.write', 'member.sensitive', 'info.write', 'info.publish', 'orgLife.write', 'orgLife.signIn', 'task.write', 'task.verify', 'assessment.score', 'appraisal.manage', 'publicity.submit', 'campaign.submit', 'proposal.submit', 'volunteer.write', 'volunteer.sensitive', 'volunteer.serve', 'incentive.write', 'training.write', 'training.learn', 'transfer.write', 'recruit.write', 'dues.write', 'dues.sensitive', 'report.write', 'self.read'],
  },
  {
    code: 'committeeMember', name: '委员', description: '组织委员、宣传委员、纪检委员等', separation: null,
    permissions: [...READ_ALL, 'member.write', 'info.write', 'orgLife.write', 'orgLife.signIn', 'task.write', 'assessment.score', 'publicity.submit', 'campaign.submit', 'proposal.submit', 'volunteer.serve', 'training.learn', 'self.read'],
  },
  {
    code: 'groupLeader', name: '党小组长', description: '党小组会、考勤、党员评分', separation: null,
    permissions: ['org.read', 'member.read', 'orgLife.read', 'orgLife.write', 'orgLife.signIn', 'task.read', 'task.write', 'assessment.read', 'assessment.score', 'publicity.submit', 'proposal.submit', 'volunteer.serve', 'training.learn', 'self.read'],
  },
  {
    code: 'member', name: '党员', description: '查看本人档案、活动签到、投稿、查看本人得分', separation: null,
    permissions: ['orgLife.signIn', 'publicity.submit', 'proposal.submit', 'volunteer.serve', 'training.learn', 'self.read'],
  },
  {
    code: 'correspondent', name: '通讯员', description: '为本组织投递宣传稿件', separation: null,
    permissions: ['org.read', 'publicity.read', 'publicity.submit', 'self.read'],
  },
  {
    code: 'editor', name: '宣传审核员', description: '编辑、采用和评定稿件', separation: null,
    permissions: ['org.read', 'publicity.read', 'publicity.review', 'campaign.read', 'campaign.review', 'self.read'],
  },
  {
    code: 'assessor', name: '考核员', description: '填写分配给本人的评分表', separation: null,
    permissions: ['org.read', 'assessment.read', 'assessment.score', 'self.read'],
  },
];
