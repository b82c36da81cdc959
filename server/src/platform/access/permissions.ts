// The catalogue of named permissions. Every route declares one of these (or 'authenticated'/'public');
// roles are bundles of them. Later modules add their permissions here so the role editor lists them.
export interface PermissionDef {
  code: string;
  name: string;
  group: string;
}

export const PERMISSIONS = [
  // 三员 powers: each belongs to exactly one separation class (see roles.ts).
  { code: 'user.manage', name: '管理用户账号', group: '系统管理' },
  { code: 'settings.manage', name: '管理系统设置', group: '系统管理' },
  { code: 'backup.run', name: '备份与恢复', group: '系统管理' },
  { code: 'role.read', name: '查看角色与权限', group: '安全保密' },
  { code: 'grant.manage', name: '授予与收回角色', group: '安全保密' },
  { code: 'security.policy', name: '设置密码与会话策略', group: '安全保密' },
  { code: 'audit.read', name: '查阅审计日志', group: '安全审计' },
  // Business permissions, always scoped to an organisation subtree.
  { code: 'org.read', name: '查看党组织', group: '党组织' },
  { code: 'org.write', name: '维护党组织', group: '党组织' },
  { code: 'member.read', name: '查看党员', group: '党员' },
  { code: 'member.write', name: '维护党员', group: '党员' },
  { code: 'member.sensitive', name: '查看党员敏感信息（身份证号、电话）', group: '党员' },
  { code: 'staff.read', name: '查看员工', group: '员工' },
  { code: 'staff.write', name: '维护员工', group: '员工' },
  { code: 'info.read', name: '查看管控信息', group: '管控信息' },
  { code: 'info.write', name: '编写管控信息', group: '管控信息' },
  { code: 'info.publish', name: '审核发布管控信息', group: '管控信息' },
  { code: 'orgLife.read', name: '查看组织生活', group: '组织生活' },
  { code: 'orgLife.write', name: '记录组织生活', group: '组织生活' },
  { code: 'orgLife.signIn', name: '活动签到', group: '组织生活' },
  { code: 'task.read', name: '查看督办事项', group: '督办' },
  { code: 'task.write', name: '部署与办理督办事项', group: '督办' },
  { code: 'task.verify', name: '验收督办事项', group: '督办' },
  { code: 'assessment.read', name: '查看考核', group: '量化考核' },
  { code: 'assessment.manage', name: '管理考核方案与批次', group: '量化考核' },
  { code: 'assessment.score', name: '填写评分表', group: '量化考核' },
  { code: 'appraisal.manage', name: '组织民主评议党员', group: '量化考核' },
  { code: 'publicity.read', name: '查看宣传稿件', group: '宣传' },
  { code: 'publicity.submit', name: '投递稿件', group: '宣传' },
  { code: 'publicity.review', name: '审核稿件', group: '宣传' },
  { code: 'campaign.read', name: '查看主题实践活动', group: '主题实践活动' },
  { code: 'campaign.manage', name: '部署主题实践活动', group: '主题实践活动' },
  { code: 'campaign.submit', name: '报送推进措施与精品案例', group: '主题实践活动' },
  { code: 'campaign.review', name: '评审精品案例', group: '主题实践活动' },
  { code: 'proposal.read', name: '查看合理化建议', group: '合理化建议' },
  { code: 'proposal.submit', name: '提出合理化建议', group: '合理化建议' },
  { code: 'proposal.manage', name: '采纳合理化建议与记录创效', group: '合理化建议' },
  { code: 'volunteer.read', name: '查看志愿服务（服务对象、结对、走访、时长）', group: '志愿服务' },
  { code: 'volunteer.write', name: '管理服务对象、结对与志愿活动', group: '志愿服务' },
  { code: 'volunteer.sensitive', name: '查看服务对象敏感信息（住址、电话、身份证号、健康、紧急联系人）', group: '志愿服务' },
  { code: 'volunteer.serve', name: '记录本人结对走访', group: '志愿服务' },
  { code: 'incentive.read', name: '查看激励（示范岗、责任区、评价、星级、表彰）', group: '激励' },
  { code: 'incentive.write', name: '申报示范岗与责任区，审核群众留言，支部评价，推荐表彰', group: '激励' },
  { code: 'incentive.manage', name: '审批挂牌与摘牌，组织考评、星级评定与表彰评选', group: '激励' },
  { code: 'training.read', name: '查看教育培训（课程、学时、考试统计、党务干部、后备人才）', group: '教育培训' },
  { code: 'training.write', name: '管理本组织的课程、题库与考试，推荐后备人才', group: '教育培训' },
  { code: 'training.manage', name: '管理后备人才库的评价与培养计划', group: '教育培训' },
  { code: 'training.learn', name: '本人在线学习与参加考试', group: '教育培训' },
  { code: 'transfer.write', name: '办理组织关系转接（转出、接收、介绍信与回执）', group: '党员' },
  { code: 'recruit.read', name: '查看发展党员（入党申请人至转正的全过程与材料）', group: '发展党员' },
  { code: 'recruit.write', name: '办理发展党员的各个步骤，上传材料', group: '发展党员' },
  { code: 'dues.read', name: '查看党费（基数、账单、缴纳、欠缴、上缴与公示）', group: '党费' },
  { code: 'dues.write', name: '登记党费基数、生成账单、登记缴纳与上缴', group: '党费' },
  { code: 'dues.sensitive', name: '查看党费基数对应的收入明文', group: '党费' },
  { code: 'display.manage', name: '签发与停用党建大屏链接', group: '工作台' },
  { code: 'report.read', name: '查看月度党建工作报告和党内统计年报', group: '报告' },
  { code: 'report.write', name: '填写月度党建工作报告中的书记的话', group: '报告' },
  { code: 'self.read', name: '查看本人信息', group: '个人' },
] as const satisfies readonly PermissionDef[];

export type Permission = (typeof PERMISSIONS)[number]['code'];

const CODES = new Set<string>(PERMISSIONS.map((p) => p.code));
export const isPermission = (code: string): code is Permission => CODES.has(code);
