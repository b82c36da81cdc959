// Row types of 主题实践活动: campaigns, branch measures and progress reports, 精品案例 (migration owner fills them in).
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface CampaignTables {}
