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
  tenant: '党委（租户）',
  audit: '审计日志',
  member: '党员',
  staff: '员工',
};

export function actionLabel(code: string): string {
  return ACTIONS[code] ?? code;
}

export function entityLabel(code: string): string {
  return ENTITIES[code] ?? code;
}

/** Entity filter choices: the known entity codes with their Chinese names. */
export const ENTITY_OPTIONS = Object.entries(ENTITIES).map(([value, label]) => ({ value, label }));
