/** A record as the search index sees it: plain text only (rich text goes through richTextToPlain first). */
export interface SearchDoc {
  /** Which module's records: 'info', later 'task', 'manuscript', 'member' … (lower case, a–z 0–9 _ -). */
  kind: string;
  entityId: string;
  title: string;
  body: string;
}

/** One row of the hits subquery: a matching record and its relevance (1: the title has every term; 0: not). */
export interface SearchHit {
  entity_id: string;
  kind: string;
  rank: number;
}
