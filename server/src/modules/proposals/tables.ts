// Row types of 合理化建议 and 创效 (migration owner fills them in).
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ProposalTables {}
