// The one place that lists the app's pages: side menu, routes, breadcrumbs and the
// 工作台 cards are all built from NAV. A new module adds one line (or one group) here.
import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import {
  ApartmentOutlined,
  AuditOutlined,
  DashboardOutlined,
  FileSearchOutlined,
  KeyOutlined,
  LaptopOutlined,
  SafetyCertificateOutlined,
  SettingOutlined,
  SolutionOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { ClusterOutlined, ContactsOutlined, FlagOutlined, IdcardOutlined, SwapOutlined } from '@ant-design/icons'; // people pages
import { AlertOutlined, CalendarOutlined, QrcodeOutlined } from '@ant-design/icons'; // 组织生活
import { FormOutlined, LikeOutlined, TrophyOutlined, UnorderedListOutlined } from '@ant-design/icons'; // 量化考核
import { ControlOutlined } from '@ant-design/icons'; // 业务规则
import { DesktopOutlined } from '@ant-design/icons'; // 大屏
import { CarryOutOutlined, ClockCircleOutlined, HeartOutlined, HomeOutlined, SmileOutlined } from '@ant-design/icons'; // 志愿服务
import { CommentOutlined, StarOutlined } from '@ant-design/icons'; // 激励
import { ReadOutlined } from '@ant-design/icons'; // 教育培训
import { UserAddOutlined } from '@ant-design/icons'; // 发展党员
import { FileTextOutlined, ProfileOutlined } from '@ant-design/icons'; // 报告
import { AccountBookOutlined, WalletOutlined } from '@ant-design/icons'; // 党费
import { FieldTimeOutlined, HourglassOutlined } from '@ant-design/icons'; // 教育培训 part B2: 学时
import { CrownOutlined } from '@ant-design/icons'; // 教育培训 part C
import { BulbOutlined, EditOutlined, FireOutlined, HighlightOutlined, NotificationOutlined, PictureOutlined, RiseOutlined, UsergroupAddOutlined } from '@ant-design/icons'; // 宣传, 主题实践活动
import { BarChartOutlined, BellOutlined, BookOutlined, CheckSquareOutlined, FileDoneOutlined, OrderedListOutlined, ProjectOutlined, ScheduleOutlined } from '@ant-design/icons'; // info, tasks, 待办

export interface NavPage {
  /** Absolute route path. */
  path: string;
  label: string;
  icon?: ReactNode;
  /** Permission code required to see and open the page; none means every signed-in user. */
  permission?: string;
  /**
   * A narrower permission for listing the page in the menu (`business`: not to a 三员 account, session.ts) and on the 工作台, when more people may open it (from
   * a link) than should find it there; `permission` still decides who may open it.
   */
  menuPermission?: string;
  /** One line on the 工作台 card. */
  description?: string;
  page: LazyExoticComponent<ComponentType>;
  hideInMenu?: boolean;
}

export interface NavGroup {
  key: string;
  label: string;
  icon?: ReactNode;
  children: NavPage[];
}

export type NavEntry = NavPage | NavGroup;

export function isGroup(entry: NavEntry): entry is NavGroup {
  return 'children' in entry;
}

/** Whoever may change at least one 业务规则 over the whole committee (the server lists exactly which). */
const RULE_EDITORS = ['org.write', 'orgLife.write', 'task.verify', 'assessment.manage', 'appraisal.manage', 'publicity.review', 'campaign.manage', 'proposal.manage', 'settings.manage'].map((p) => `${p}@root`).join('|');

export const NAV: NavEntry[] = [
  { path: '/', label: '工作台', icon: <DashboardOutlined />, description: '个人信息与常用功能入口', page: lazy(() => import('../modules/home/HomePage')) },
  { path: '/me', label: '我的档案', icon: <IdcardOutlined />, permission: 'self.read', menuPermission: 'business', description: '本人档案、所在支部与党小组、组织生活出勤、考核评议、稿件、建议、学时、党费与志愿服务', page: lazy(() => import('../modules/me/MePage')) },
  { path: '/orgs', label: '党组织', icon: <ApartmentOutlined />, permission: 'org.read', description: '组织树、班子成员、换届提醒与组织调整', page: lazy(() => import('../modules/org/OrgPage')) },
  { path: '/members', label: '党员', icon: <FlagOutlined />, permission: 'member.read', description: '党员名册、档案详情、组织调整、转正与状态变更', page: lazy(() => import('../modules/members/MembersPage')) },
  { path: '/transfers', label: '组织关系转接', icon: <SwapOutlined />, permission: 'transfer.write', description: '党员组织关系转出、转入：支部间与本平台党委间由接收方确认，平台外开具介绍信并登记回执', page: lazy(() => import('../modules/transfers/TransfersPage')) },
  { path: '/members/import', label: '导入党员', icon: <FlagOutlined />, permission: 'member.write', hideInMenu: true, page: lazy(() => import('../modules/imports/MemberImportPage')) },
  { path: '/todos', label: '我的待办', icon: <CheckSquareOutlined />, description: '待我接收、汇报、验收和审核的事项', page: lazy(() => import('../modules/notify/TodosPage')) },
  { path: '/notifications', label: '消息通知', icon: <BellOutlined />, hideInMenu: true, page: lazy(() => import('../modules/notify/NotificationsPage')) },
  { path: '/display-links', label: '党建大屏', icon: <DesktopOutlined />, permission: 'display.manage', description: '为党建活动室的大屏签发、停用只读链接（不显示个人信息）', page: lazy(() => import('../modules/display/DisplayLinksPage')) },
  {
    key: 'orgLife',
    label: '组织生活',
    icon: <CalendarOutlined />,
    children: [
      { path: '/org-life', label: '三会一课', icon: <CalendarOutlined />, permission: 'orgLife.read', description: '党员大会、支委会、党小组会、党课、主题党日等活动的日历、记录与考勤', page: lazy(() => import('../modules/orgLife/OrgLifePage')) },
      { path: '/org-life/themes', label: '每月主题', icon: <CalendarOutlined />, permission: 'orgLife.read', description: '党委每月发布的活动主题和各支部必须开展的活动日', page: lazy(() => import('../modules/orgLife/ThemesPage')) },
      { path: '/org-life/compliance', label: '问题清单', icon: <AlertOutlined />, permission: 'orgLife.read', description: '应开未开、出勤率低、记录不全、长期无活动的组织', page: lazy(() => import('../modules/orgLife/CompliancePage')) },
      { path: '/org-life/projector/:id', label: '投屏签到', icon: <QrcodeOutlined />, permission: 'orgLife.write', hideInMenu: true, page: lazy(() => import('../modules/orgLife/ProjectorPage')) },
    ],
  },
  { path: '/sign-in', label: '扫码签到', icon: <QrcodeOutlined />, permission: 'orgLife.signIn', hideInMenu: true, page: lazy(() => import('../modules/orgLife/SignInPage')) },
  {
    key: 'info',
    label: '管控信息',
    icon: <BookOutlined />,
    children: [
      { path: '/info', label: '信息库', icon: <BookOutlined />, permission: 'info.read', description: '制度、职责、流程、会议、活动与考核信息的编写和查询', page: lazy(() => import('../modules/info/InfoListPage')) },
      { path: '/info/review', label: '审核发布', icon: <FileDoneOutlined />, permission: 'info.publish', description: '审核下级提交的信息，发布或退回', page: lazy(() => import('../modules/info/InfoReviewPage')) },
      { path: '/info/stats', label: '每月统计', icon: <BarChartOutlined />, permission: 'info.read', description: '各组织每月新增信息、累计总数与无新增组织', page: lazy(() => import('../modules/info/InfoStatsPage')) },
    ],
  },
  {
    key: 'tasks',
    label: '督办',
    icon: <ScheduleOutlined />,
    children: [
      { path: '/tasks', label: '督办事项', icon: <ScheduleOutlined />, permission: 'task.read', description: '部署、接收、汇报、验收销号的闭合工作', page: lazy(() => import('../modules/tasks/TasksPage')) },
      { path: '/programmes', label: '工作方案', icon: <ProjectOutlined />, permission: 'task.read', description: '阶段性工作方案及各节点进度', page: lazy(() => import('../modules/tasks/ProgrammesPage')) },
      { path: '/responsibilities', label: '责任清单', icon: <OrderedListOutlined />, permission: 'task.read', description: '党建工作责任制：年度责任与定期报告', page: lazy(() => import('../modules/tasks/ResponsibilitiesPage')) },
    ],
  },
  {
    key: 'volunteer',
    label: '志愿服务',
    icon: <HeartOutlined />,
    children: [
      { path: '/volunteer/mine', label: '我的结对老人', icon: <SmileOutlined />, permission: 'volunteer.serve', description: '与我结对的老人：上次走访、下次应访，手机上记录走访', page: lazy(() => import('../modules/volunteer/MinePage')) },
      // A volunteer opens a resident of theirs from a 待办 link (超期未走访); the menu lists the register for its keepers only.
      { path: '/volunteer/residents', label: '服务对象', icon: <HomeOutlined />, permission: 'volunteer.read|volunteer.write|volunteer.serve', menuPermission: 'volunteer.read|volunteer.write', description: '关爱空巢老人名册：风险等级、结对志愿者、超期未走访提醒', page: lazy(() => import('../modules/volunteer/ResidentsPage')) },
      { path: '/volunteer/residents/import', label: '导入服务对象', icon: <HomeOutlined />, permission: 'volunteer.write', hideInMenu: true, page: lazy(() => import('../modules/volunteer/ResidentImportPage')) },
      { path: '/volunteer/visits', label: '走访记录', icon: <CarryOutOutlined />, permission: 'volunteer.read', description: '志愿者走访记录；需关注、紧急情况的处理与转督办', page: lazy(() => import('../modules/volunteer/VisitsPage')) },
      { path: '/volunteer/activities', label: '志愿活动', icon: <TeamOutlined />, permission: 'volunteer.read', description: '小区卫生治理等义务劳动及参加人服务时长', page: lazy(() => import('../modules/volunteer/ActivitiesPage')) },
      { path: '/volunteer/hours', label: '服务时长', icon: <ClockCircleOutlined />, permission: 'volunteer.read', description: '按月、组织、个人统计志愿服务时长，开具服务证明', page: lazy(() => import('../modules/volunteer/HoursPage')) },
    ],
  },
  {
    key: 'incentives',
    label: '激励',
    icon: <FlagOutlined />,
    children: [
      // A holder (self.read) opens their own plaque from a link; the menu lists the register for its keepers only.
      { path: '/incentives/plaques', label: '示范岗与责任区', icon: <FlagOutlined />, permission: 'incentive.read|self.read', menuPermission: 'incentive.read', description: '党员示范岗、责任区的申报、审核挂牌、二维码公开页与群众评价', page: lazy(() => import('../modules/incentives/PlaquesPage')) },
      { path: '/incentives/comments', label: '留言审核', icon: <CommentOutlined />, permission: 'incentive.write', description: '群众在示范岗公开页的留言，审核后公开', page: lazy(() => import('../modules/incentives/RatingModerationPage')) },
      { path: '/incentives/evaluations', label: '示范岗考评', icon: <AuditOutlined />, permission: 'incentive.read', description: '党员示范岗、责任区周期考评：自评、群众评价、支部评价，低于分数线建议摘牌', page: lazy(() => import('../modules/incentives/EvaluationsPage')) },
      { path: '/incentives/my-evaluations', label: '我的示范岗考评', icon: <SolutionOutlined />, permission: 'self.read', menuPermission: 'business', description: '本人党员示范岗、责任区的考评：手机上填写自评', page: lazy(() => import('../modules/incentives/EvaluationMinePage')) },
      { path: '/incentives/stars', label: '星级评定', icon: <StarOutlined />, permission: 'incentive.read', description: '标准化规范化党支部、星级文明小区、星级文明单位与星级党员的年度评定', page: lazy(() => import('../modules/incentives/StarsPage')) },
      { path: '/incentives/selections', label: '表彰评选', icon: <TrophyOutlined />, permission: 'incentive.read', description: '年度“两优一先”：支部推荐、党委审核、公示、表彰决定与荣誉记录', page: lazy(() => import('../modules/incentives/SelectionsPage')) },
      { path: '/incentives/honours', label: '荣誉册', icon: <TrophyOutlined />, permission: 'incentive.read', description: '党员和党组织获得的荣誉：表彰决定写入的与登记的上级授予荣誉，按年度、组织查询并导出', page: lazy(() => import('../modules/incentives/HonoursPage')) },
    ],
  },
  {
    key: 'training',
    label: '教育培训',
    icon: <ReadOutlined />,
    // A member's own pages first (learning and exams on a phone), then the keepers' pages.
    children: [
      { path: '/training/my-study', label: '我的学习', icon: <ReadOutlined />, permission: 'training.learn', description: '在线学习课程资料，按实际学习时长计学时', page: lazy(() => import('../modules/training/MyStudyPage')) },
      { path: '/training/my-hours', label: '我的学时', icon: <HourglassOutlined />, permission: 'training.learn', description: '本人本年度学时：线上学习、线下培训、党课及明细', page: lazy(() => import('../modules/training/MyHoursPage')) },
      { path: '/training/my-exams', label: '我的考试', icon: <FormOutlined />, permission: 'training.learn', description: '本支部及上级组织发布的考试：手机上答题，交卷即出成绩', page: lazy(() => import('../modules/training/ExamMyPage')) },
      { path: '/training/materials/:id', label: '学习资料', icon: <ReadOutlined />, permission: 'training.learn|training.read', hideInMenu: true, page: lazy(() => import('../modules/training/MaterialPage')) },
      { path: '/training/attempts/:id', label: '答题', icon: <FormOutlined />, permission: 'training.learn', hideInMenu: true, page: lazy(() => import('../modules/training/AttemptPage')) },
      { path: '/training/courses', label: '课程管理', icon: <ReadOutlined />, permission: 'training.read', description: '课程、线上学习资料与线下学习（党课等组织生活活动）', page: lazy(() => import('../modules/training/CoursesPage')) },
      { path: '/training/hours', label: '学时统计', icon: <FieldTimeOutlined />, permission: 'training.read', description: '党员年度学时对照要求：谁未达标、差多少，各组织达标率，导出 Excel', page: lazy(() => import('../modules/training/HoursPage')) },
      { path: '/training/questions', label: '题库', icon: <BookOutlined />, permission: 'training.write', description: '单选、多选、判断、填空题：标签、难度与解析，Excel 模板导入，组卷从这里选题', page: lazy(() => import('../modules/training/QuestionsPage')) },
      { path: '/training/questions/import', label: '导入题目', icon: <BookOutlined />, permission: 'training.write', hideInMenu: true, page: lazy(() => import('../modules/training/QuestionImportPage')) },
      { path: '/training/exams', label: '考试管理', icon: <CheckSquareOutlined />, permission: 'training.read', description: '固定试卷或随机组卷、考试时间与限时、发布，参考率、及格率和每题正确率', page: lazy(() => import('../modules/training/ExamManagePage')) },
      { path: '/training/cadres', label: '党务干部', icon: <IdcardOutlined />, permission: 'training.read', description: '各级党组织现任书记、副书记、委员和党务工作者：任职起始、本届任期，取自组织任职记录，可导出', page: lazy(() => import('../modules/training/CadresPage')) },
      { path: '/training/talents', label: '后备人才库', icon: <CrownOutlined />, permission: 'training.read', description: '专家型、领军型、青年政工干部等后备人才：支部推荐、党委审核、年度评价、培养计划与督办节点', page: lazy(() => import('../modules/training/TalentsPage')) },
    ],
  },
  {
    key: 'recruitment',
    label: '发展党员',
    icon: <UserAddOutlined />,
    children: [
      { path: '/recruitment', label: '发展党员', icon: <UserAddOutlined />, permission: 'recruit.read', description: '入党申请人、积极分子、发展对象、预备党员：25 个步骤、时间规则、材料，支部大会通过自动建立党员档案', page: lazy(() => import('../modules/recruitment/RecruitmentPage')) },
      { path: '/recruitment/people/:id', label: '发展对象', icon: <UserAddOutlined />, permission: 'recruit.read', hideInMenu: true, page: lazy(() => import('../modules/recruitment/PersonPage')) },
    ],
  },
  {
    key: 'reports',
    label: '报告',
    icon: <ProfileOutlined />,
    children: [
      { path: '/reports/monthly', label: '月度报告', icon: <FileTextOutlined />, permission: 'report.read', description: '月度党建工作报告：各模块本月情况自动汇总，填写书记的话，生成 Word', page: lazy(() => import('../modules/reports/MonthlyReportPage')) },
      { path: '/reports/yearly', label: '统计年报', icon: <BarChartOutlined />, permission: 'report.read', description: '党内统计年报：党员队伍、党员减少、发展党员、学时等统计表，每个数字附口径，导出 Excel', page: lazy(() => import('../modules/reports/YearlyReportPage')) },
    ],
  },
  {
    key: 'dues',
    label: '党费',
    icon: <AccountBookOutlined />,
    children: [
      { path: '/dues/mine', label: '我的党费', icon: <WalletOutlined />, permission: 'self.read', menuPermission: 'business', description: '本人每月党费、已交月份与应交金额', page: lazy(() => import('../modules/dues/MyDuesPage')) },
      { path: '/dues', label: '党费管理', icon: <AccountBookOutlined />, permission: 'dues.read', description: '党费基数（收入加密）、年度账单、交纳登记、欠交提醒、上缴与对账、年度公示', page: lazy(() => import('../modules/dues/DuesPage')) },
      { path: '/dues/import', label: '导入党费基数', icon: <AccountBookOutlined />, permission: 'dues.write', hideInMenu: true, page: lazy(() => import('../modules/dues/DuesImportPage')) },
    ],
  },
  {
    key: 'assessment',
    label: '量化考核',
    icon: <TrophyOutlined />,
    children: [
      { path: '/assessment/rounds', label: '考核批次', icon: <TrophyOutlined />, permission: 'assessment.read', description: '按月、季、半年、年开展考核：评分进度、异常、排名与奖金系数', page: lazy(() => import('../modules/assessment/RoundsPage')) },
      { path: '/assessment/sheets', label: '我的评分表', icon: <FormOutlined />, permission: 'assessment.score', description: '分配给我的评分表：填写、暂存、提交', page: lazy(() => import('../modules/assessment/SheetsPage')) },
      { path: '/assessment/schemes', label: '考核方案', icon: <UnorderedListOutlined />, permission: 'assessment.read', description: '指标体系：手工评分与自动取数指标、分值与评分标准', page: lazy(() => import('../modules/assessment/SchemesPage')) },
      { path: '/appraisals', label: '民主评议', icon: <LikeOutlined />, menuPermission: 'business', description: '年度民主评议党员：自评、互评、支部评定', page: lazy(() => import('../modules/assessment/AppraisalsPage')) },
    ],
  },
  {
    key: 'publicity',
    label: '宣传',
    icon: <NotificationOutlined />,
    children: [
      { path: '/publicity/mine', label: '我的稿件', icon: <EditOutlined />, permission: 'publicity.submit', description: '写稿投稿，查看编辑意见、采用与刊发情况', page: lazy(() => import('../modules/publicity/MyManuscriptsPage')) },
      { path: '/publicity/review', label: '编辑审稿', icon: <HighlightOutlined />, permission: 'publicity.review', description: '待编辑的稿件：意见、采用或退稿、刊发登记、质量评定', page: lazy(() => import('../modules/publicity/ReviewQueuePage')) },
      { path: '/publicity/stats', label: '统计排名', icon: <RiseOutlined />, permission: 'publicity.read', description: '各组织与通讯员的投稿、采用、刊发统计、排名与定额完成情况', page: lazy(() => import('../modules/publicity/PublicityStatsPage')) },
      { path: '/publicity/correspondents', label: '通讯员队伍', icon: <UsergroupAddOutlined />, permission: 'publicity.read', description: '各组织通讯员、培训记录与年度稿件', page: lazy(() => import('../modules/publicity/CorrespondentsPage')) },
    ],
  },
  {
    key: 'campaigns',
    label: '主题实践',
    icon: <FireOutlined />,
    children: [
      { path: '/campaigns', label: '活动看板', icon: <FireOutlined />, permission: 'campaign.read', description: '主题实践活动：各支部推进措施与进展报送情况，一键督办', page: lazy(() => import('../modules/campaigns/CampaignsPage')) },
      { path: '/campaigns/cases', label: '精品案例', icon: <PictureOutlined />, permission: 'campaign.read', description: '精品案例的设计、成果、评审与展示', page: lazy(() => import('../modules/campaigns/CasesPage')) },
      { path: '/proposals', label: '合理化建议', icon: <BulbOutlined />, permission: 'proposal.submit', description: '提出合理化建议，采纳、实施与创效记录', page: lazy(() => import('../modules/proposals/ProposalsPage')) },
    ],
  },
  {
    key: 'people',
    label: '员工与单位',
    icon: <ContactsOutlined />,
    children: [
      { path: '/staff', label: '员工', icon: <IdcardOutlined />, permission: 'staff.read@root', description: '在岗与离退员工名册', page: lazy(() => import('../modules/staff/StaffPage')) },
      { path: '/staff/import', label: '导入员工', icon: <IdcardOutlined />, permission: 'staff.write@root', hideInMenu: true, page: lazy(() => import('../modules/imports/StaffImportPage')) },
      { path: '/units', label: '部门单位', icon: <ClusterOutlined />, permission: 'staff.read@root', description: '基层单位、机关部门与科室及员工人数', page: lazy(() => import('../modules/units/UnitsPage')) },
    ],
  },
  {
    key: 'admin',
    label: '系统管理',
    icon: <SettingOutlined />,
    children: [
      { path: '/admin/users', label: '用户管理', icon: <UserOutlined />, permission: 'user.manage', description: '新建账号、停用启用、申请重置密码、解除锁定', page: lazy(() => import('../modules/admin/UsersPage')) },
      { path: '/admin/approvals', label: '账号审批', icon: <SafetyCertificateOutlined />, permission: 'grant.manage|audit.read', description: '批准或拒绝系统管理员提出的重置密码、停用启用三员账号', page: lazy(() => import('../modules/admin/ApprovalsPage')) },
      { path: '/admin/roles', label: '角色权限', icon: <SolutionOutlined />, permission: 'role.read', description: '查看角色及其权限，维护自定义角色', page: lazy(() => import('../modules/admin/RolesPage')) },
      { path: '/admin/grants', label: '授权管理', icon: <TeamOutlined />, permission: 'grant.manage', description: '按组织范围为用户授予或收回角色', page: lazy(() => import('../modules/admin/GrantsPage')) },
      { path: '/admin/rules', label: '业务规则', icon: <ControlOutlined />, permission: RULE_EDITORS, description: '任期、组织生活频次、督办亮灯、考核星级与奖金系数等可调整的规则', page: lazy(() => import('../modules/admin/RulesPage')) },
      { path: '/admin/security', label: '安全策略', icon: <SafetyCertificateOutlined />, permission: 'security.policy', description: '会话超时、登录锁定与密码规则', page: lazy(() => import('../modules/admin/SecurityPage')) },
    ],
  },
  {
    key: 'audit',
    label: '安全审计',
    icon: <AuditOutlined />,
    children: [
      { path: '/audit', label: '审计日志', icon: <FileSearchOutlined />, permission: 'audit.read', description: '查询操作记录，校验日志完整性', page: lazy(() => import('../modules/audit/AuditPage')) },
    ],
  },
];

/** Pages opened from the user dropdown rather than the side menu. */
export const ACCOUNT_PAGES: NavPage[] = [
  { path: '/change-password', label: '修改密码', icon: <KeyOutlined />, hideInMenu: true, description: '定期更换密码，保护账号安全', page: lazy(() => import('../modules/auth/ChangePasswordPage')) },
  { path: '/account/sessions', label: '登录会话', icon: <LaptopOutlined />, hideInMenu: true, description: '查看并结束在其他设备上的登录', page: lazy(() => import('../modules/auth/SessionsPage')) },
];

/** The menu as this user may see it: pages they lack the permission for, and empty groups, are left out. */
export function visibleNav(can: (permission: string | undefined) => boolean): NavEntry[] {
  const out: NavEntry[] = [];
  for (const entry of NAV) {
    if (isGroup(entry)) {
      const children = entry.children.filter((p) => !p.hideInMenu && can(p.permission) && can(p.menuPermission));
      if (children.length > 0) out.push({ ...entry, children });
    } else if (!entry.hideInMenu && can(entry.permission) && can(entry.menuPermission)) {
      out.push(entry);
    }
  }
  return out;
}

/** Every routable page with the group it sits in. */
export function allPages(): { page: NavPage; group?: NavGroup }[] {
  const out: { page: NavPage; group?: NavGroup }[] = [];
  for (const entry of NAV) {
    if (isGroup(entry)) for (const page of entry.children) out.push({ page, group: entry });
    else out.push({ page: entry });
  }
  for (const page of ACCOUNT_PAGES) out.push({ page });
  return out;
}

export interface Crumb {
  label: string;
  path?: string;
}

/** Breadcrumb trail for a location: 工作台 › group › page (longest matching page path wins). */
export function breadcrumbFor(pathname: string): Crumb[] {
  const home: Crumb = { label: '工作台', path: '/' };
  if (pathname === '/') return [{ label: '工作台' }];
  let best: { page: NavPage; group?: NavGroup } | undefined;
  for (const item of allPages()) {
    const p = item.page.path;
    if (p === '/') continue;
    if ((pathname === p || pathname.startsWith(`${p}/`)) && (!best || p.length > best.page.path.length)) best = item;
  }
  if (!best) return [home];
  const trail: Crumb[] = [home];
  if (best.group) trail.push({ label: best.group.label });
  // A page outside the menu (导入党员) sits under the menu page whose path it extends (党员).
  const parent = best.page.hideInMenu ? visibleParent(best.page.path) : undefined;
  if (parent) trail.push({ label: parent.label, path: parent.path });
  trail.push({ label: best.page.label, path: pathname === best.page.path ? undefined : best.page.path });
  return trail;
}

/** The menu keys to open and select for a location. */
function visibleParent(path: string): NavPage | undefined {
  let best: NavPage | undefined;
  for (const { page } of allPages()) {
    if (!page.hideInMenu && page.path !== '/' && path.startsWith(`${page.path}/`) && (!best || page.path.length > best.path.length)) best = page;
  }
  return best;
}

export function menuKeysFor(pathname: string): { selected: string[]; open: string[] } {
  let selected = pathname === '/' ? '/' : '';
  let open: string | undefined;
  for (const { page, group } of allPages()) {
    // Pages outside the menu light up their parent entry instead.
    if (page.path === '/' || page.hideInMenu) continue;
    if ((pathname === page.path || pathname.startsWith(`${page.path}/`)) && page.path.length > selected.length) {
      selected = page.path;
      open = group?.key;
    }
  }
  return { selected: selected ? [selected] : [], open: open ? [open] : [] };
}
