// Chinese names for audit action and entity codes. Unknown codes are shown as they are,
// so a module that writes new codes only adds lines here to make them readable.

const ACTIONS: Record<string, string> = {
  'auth.login': '登录',
  'auth.login.failed': '登录失败',
  'auth.login.locked': '登录失败并锁定账号',
  'auth.login.refused': '拒绝登录',
  'auth.logout': '退出登录',
  'auth.password.change': '修改密码',
  'auth.session.end': '结束会话',
  'access.refused': '越权访问被拒绝',
  'user.create': '新建用户',
  'user.update': '修改用户',
  'user.disable': '停用用户',
  'user.enable': '启用用户',
  'user.password.reset': '重置密码',
  'user.unlock': '解除锁定',
  'account.request.create': '提出账号申请（需另一名三员批准）',
  'account.request.approve': '批准账号申请',
  'account.request.refuse': '拒绝账号申请',
  'account.request.cancel': '撤销账号申请',
  'role.create': '新建角色',
  'role.update': '修改角色',
  'role.delete': '删除角色',
  'grant.create': '授权',
  'grant.revoke': '收回授权',
  'settings.security.update': '修改安全策略',
  'org.update': '修改党组织',
  'demo.seed': '初始化演示数据',
  'sensitive.view': '查看敏感信息明文',
  export: '导出（脱敏）',
  'staff.lookup': '按身份证号查找员工',
};

const ENTITIES: Record<string, string> = {
  user: '用户',
  accountRequest: '账号申请',
  session: '会话',
  role: '角色',
  grant: '授权',
  setting: '设置',
  organisation: '党组织',
  correspondent: '通讯员',
  tenant: '党委',
  audit: '审计日志',
  member: '党员',
  staff: '员工',
  unit: '单位',
  infoEntry: '管控信息',
  orgLifeActivity: '组织生活',
  orgLifeTheme: '组织生活主题',
  task: '督办任务',
  programme: '工作计划',
  responsibility: '责任书',
  campaign: '主题实践活动',
  campaignCase: '精品案例',
  campaignSubmission: '活动报送',
  manuscript: '稿件',
  proposal: '建言献策',
  appraisal: '民主评议',
  assessmentRound: '考核',
  assessmentSheet: '考核评分表',
  assessmentScheme: '考核方案',
};

/** Modules' actions not listed above read as "<area>：<verb>" from the code's first and last part. */
const AREAS: Record<string, string> = {
  info: '管控信息', orgLife: '组织生活', task: '督办任务', programme: '工作计划', responsibility: '责任书', campaign: '主题实践活动',
  publicity: '宣传', proposal: '建言献策', appraisal: '民主评议', assessment: '考核', member: '党员', staff: '员工', unit: '单位',
  org: '党组织', tenant: '党委', settings: '设置', job: '定时任务',
};
const VERBS: Record<string, string> = {
  create: '新建', update: '修改', edit: '修改', delete: '删除', attach: '上传附件', detach: '删除附件', publish: '发布', submit: '提交',
  return: '退回', import: '导入', save: '保存', add: '添加', remove: '移除', move: '转移', status: '变更状态', confirm: '确认',
  report: '报告', deploy: '部署', review: '审核', decide: '作出决定', open: '开启', correct: '更正', reopen: '退回重评',
  backToScoring: '退回评分', caseCreate: '报送案例', caseUpdate: '修改案例', caseRate: '评定案例', orgs: '调整适用组织', supervise: '督办',
  signIn: '签到', attendance: '登记出席', linkAccount: '关联账号', extendProbation: '延长预备期', self: '自评', peer: '互评', lookup: '查找',
  nightly: '夜间执行',
};

export function actionLabel(code: string): string {
  if (ACTIONS[code]) return ACTIONS[code];
  const parts = code.split('.');
  const area = AREAS[parts[0]!];
  const verb = VERBS[parts[parts.length - 1]!];
  return area && verb && parts.length > 1 ? `${area}：${verb}` : code;
}

export function entityLabel(code: string): string {
  return ENTITIES[code] ?? code;
}

/** Entity filter choices: the known entity codes with their Chinese names. */
export const ENTITY_OPTIONS = Object.entries(ENTITIES).map(([value, label]) => ({ value, label }));
