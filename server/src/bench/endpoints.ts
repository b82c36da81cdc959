// What the benchmark measures: one line per endpoint. A later module adds its heaviest reads here, one
// entry each, using the facts every sample tenant provides (Sample, resolved once through the API).
// Budgets (issue 9): p99 ≤ 100 ms at city scale on PostgreSQL (member list and search ≤ 50 ms, `cityP99`),
// ≤ 10 ms at community scale on SQLite; `list` endpoints must reach ¼ of the bare route's throughput.

/** One committee (tenant) the load rotates through, signed in as its 党委管理员. */
export interface Sample {
  tenantNo: number;
  username: string;
  password: string;
  /** The `cookie` header of a signed-in session of `username`. */
  cookie: string;
  /** The `cookie` header of a session of the committee's 党员 dy1 (their own pages). */
  memberCookie: string;
  /** The 党委 (root organisation) and its first 党支部. */
  committeeId: string;
  branchId: string;
  /** A 量化考核 round with results (published if any). */
  roundId: string;
  /** A 主题实践活动 (active if any) whose board is read. */
  campaignId: string;
  /** The last page (pageSize 20) of the committee's whole member list. */
  memberLastPage: number;
}

export interface BenchEndpoint {
  key: string;
  label: string;
  method?: 'GET' | 'POST';
  path: (s: Sample) => string;
  /** JSON body (POST). */
  body?: (s: Sample) => unknown;
  /** Sent without the session cookie (login). */
  anonymous?: boolean;
  /** Sent as the 党员 dy1 instead of the 党委管理员. */
  asMember?: boolean;
  /** A list page: held to ¼ of the bare route's throughput. */
  list?: boolean;
  /** A stricter p99 budget (ms) at city scale than the default 100. */
  cityP99?: number;
}

const q = encodeURIComponent;

export const ENDPOINTS: BenchEndpoint[] = [
  { key: 'login', label: '登录', method: 'POST', anonymous: true, path: () => '/api/v1/auth/login', body: (s) => ({ username: s.username, password: s.password }) },
  { key: 'members.first', label: '党员名册：党委子树+姓名，第一页', list: true, cityP99: 50, path: (s) => `/api/v1/members?orgId=${s.committeeId}&keyword=${q('王')}&pageSize=20` },
  { key: 'members.deep', label: '党员名册：党委子树，末页', list: true, cityP99: 50, path: (s) => `/api/v1/members?orgId=${s.committeeId}&page=${s.memberLastPage}&pageSize=20` },
  { key: 'orgs.tree', label: '组织树', path: () => '/api/v1/orgs/tree' },
  { key: 'orgs.stats', label: '组织党员统计（党委）', path: (s) => `/api/v1/orgs/${s.committeeId}/stats` },
  { key: 'info.search', label: '管控信息搜索“消防”', list: true, cityP99: 50, path: () => `/api/v1/info-entries?q=${q('消防')}&pageSize=20` },
  { key: 'orgLife.compliance', label: '组织生活问题清单（党委）', path: (s) => `/api/v1/org-life/compliance?orgId=${s.committeeId}` },
  { key: 'tasks.board', label: '督办事项看板', list: true, path: () => '/api/v1/tasks?pageSize=20' },
  { key: 'assessment.results', label: '量化考核结果', path: (s) => `/api/v1/assessment/rounds/${s.roundId}/results` },
  { key: 'todos', label: '我的待办', path: () => '/api/v1/todos' },
  { key: 'publicity.queue', label: '宣传：待审稿件', list: true, path: () => '/api/v1/publicity/manuscripts?status=submitted&pageSize=20' },
  { key: 'publicity.stats', label: '宣传：统计排名（党委，本年）', path: (s) => `/api/v1/publicity/stats?orgId=${s.committeeId}&from=2026-01-01&to=2026-11-27` },
  { key: 'campaigns.board', label: '主题实践活动看板', path: (s) => `/api/v1/campaigns/${s.campaignId}/board` },
  { key: 'proposals.list', label: '合理化建议列表', list: true, path: () => '/api/v1/proposals?pageSize=20' },
  { key: 'volunteer.residents', label: '志愿服务：服务对象列表', list: true, path: () => '/api/v1/volunteer/residents?pageSize=20' },
  { key: 'volunteer.overdue', label: '志愿服务：超期未走访', list: true, path: () => '/api/v1/volunteer/residents?overdue=true&pageSize=20' },
  { key: 'volunteer.hours', label: '志愿服务：服务时长汇总（党委，本年）', path: (s) => `/api/v1/volunteer/hours?orgId=${s.committeeId}&year=2026` },
  { key: 'incentives.plaques', label: '激励：示范岗与责任区列表', list: true, path: () => '/api/v1/incentives/plaques?pageSize=20' },
  { key: 'incentives.comments', label: '激励：待审核群众留言', list: true, path: () => '/api/v1/incentives/ratings?commentStatus=pending&pageSize=20' },
  { key: 'incentive.stars', label: '激励：星级党员（2025年，第一页）', list: true, path: () => '/api/v1/incentives/stars?year=2025&kind=member&pageSize=20' },
  { key: 'incentive.rounds', label: '激励：考评批次', path: () => '/api/v1/incentives/evaluation-rounds' },
  { key: 'incentive.selections', label: '激励：表彰评选列表', path: () => '/api/v1/incentives/selections' },
  { key: 'incentive.honours', label: '激励：荣誉记录（党委子树）', list: true, path: (s) => `/api/v1/incentives/honours?orgId=${s.committeeId}&pageSize=20` },
  { key: 'training.hours', label: '教育培训：学时统计（党委，本年，未达标在前）', list: true, path: (s) => `/api/v1/training/hours?orgId=${s.committeeId}&year=2026&pageSize=20` },
  { key: 'training.questions', label: '教育培训：题库（按标签与关键词，含各题型题数）', list: true, path: () => `/api/v1/training/questions?tag=${q('党章')}&keyword=${q('党员')}&pageSize=20` },
  { key: 'training.questionTags', label: '教育培训：题库标签与题数（党委组卷）', path: (s) => `/api/v1/training/questions/tags?orgId=${s.committeeId}` },
  { key: 'training.exams', label: '教育培训：考试列表（含参考人数）', list: true, path: () => '/api/v1/training/exams?pageSize=20' },
  { key: 'training.cadres', label: '教育培训：党务干部名册（党委子树）', list: true, path: (s) => `/api/v1/training/cadres?orgId=${s.committeeId}&pageSize=20` },
  { key: 'training.talents', label: '教育培训：后备人才库', list: true, path: () => '/api/v1/training/talents?pageSize=20' },
  { key: 'training.courses', label: '教育培训：课程列表（本年，第一页）', list: true, path: () => '/api/v1/training/courses?year=2026&pageSize=20' },
  { key: 'transfers.out', label: '组织关系转接：转出列表（党委，转接中在前）', list: true, path: () => '/api/v1/transfers?direction=out&pageSize=20' },
  { key: 'transfers.in', label: '组织关系转接：转入列表（党委）', list: true, path: () => '/api/v1/transfers?direction=in&pageSize=20' },
  { key: 'recruitment.people', label: '发展党员：名单（全部阶段，含各阶段人数）', list: true, path: () => '/api/v1/recruitment/people?pageSize=20' },
  { key: 'recruitment.activists', label: '发展党员：入党积极分子', list: true, path: () => '/api/v1/recruitment/people?stage=activist&pageSize=20' },
  { key: 'recruitment.plans', label: '发展党员：年度发展计划（各党支部名额、已接收与各阶段人数）', path: () => '/api/v1/recruitment/plans?year=2026' },
  { key: 'recruitment.stats', label: '发展党员：年度统计（各党支部及合计）', path: () => '/api/v1/recruitment/stats?year=2026' },
  { key: 'dashboard.committee', label: '工作台：党委全部卡片（党员、三会一课、督办、管控信息、学时、志愿服务、发展计划、党费，一次请求）', path: () => '/api/v1/dashboard' },
  { key: 'dashboard.branch', label: '工作台：第一党支部', path: (s) => `/api/v1/dashboard?orgId=${s.branchId}` },
  { key: 'me.overview', label: '我的档案：党员本人全部栏目（一次请求）', asMember: true, path: () => '/api/v1/me/overview' },
  { key: 'dues.bases', label: '党费：基数列表（年度，收入脱敏）', list: true, path: () => '/api/v1/dues/bases?year=2026&pageSize=20' },
  { key: 'dues.payments', label: '党费：交纳记录（年度，含合计）', list: true, path: () => '/api/v1/dues/payments?year=2026&pageSize=20' },
  { key: 'dues.arrears', label: '党费：欠交党员（截至本月，欠交多的在前）', list: true, path: () => '/api/v1/dues/arrears?pageSize=20' },
  { key: 'dues.collection', label: '党费：各支部逐月收缴（应交、已交、实收）', path: () => '/api/v1/dues/collection?year=2026' },
];
