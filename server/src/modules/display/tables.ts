// Row types of the table the 大屏 room owns. A link names its organisation by id only (no path column): the screen
// follows the organisation wherever it moves, and who manages the link is read from the organisation's current path.

/** One signed link of a wall screen: the token itself is never stored, only its SHA-256 (hex). */
export interface DisplayLinkTable {
  tenant_id: string;
  id: string;
  /** The organisation whose figures the screen shows (its whole subtree). */
  org_id: string;
  /** Where the screen hangs, e.g. 党建活动室. */
  place: string;
  token_hash: string;
  /** Last day (YYYY-MM-DD, Shanghai) the link works; null: until revoked. */
  expires_on: string | null;
  created_by: string | null;
  created_at: string;
  revoked_by: string | null;
  revoked_at: string | null;
  last_seen_at: string | null;
}

export interface DisplayTables {
  display_links: DisplayLinkTable;
}
