// Row types of 宣传: correspondents, manuscripts, quotas and statistics (migration owner fills them in).
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface PublicityTables {}
