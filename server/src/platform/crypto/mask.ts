// Masks for sensitive values shown to users without the permission to see them in full.

/**
 * A 身份证号 keeps only its first character. Everything else a masked viewer sees beside it narrows the rest:
 * characters 2–6 are the region (籍贯 and 住址 tell it), 7–14 the birth date (shown in clear), the parity of 17
 * the sex (shown in clear), and 18 a check digit over the other 17. What stays hidden is the rest of the
 * sequence (its last digit only by parity): 500 numbers for a person whose region is known; the check digit too
 * would cut that to about 45, and the old mask (first 6, last 4) to exactly one (docs/DOMAIN.md, Privacy;
 * modules/people/idMask.test.ts counts them). The first character is the region's first digit, known anyway.
 * Masking a masked value gives the same value, so stored values masked by an older rule mask again on read.
 */
export function maskIdNumber(v: string): string {
  return v.length < 2 ? '*'.repeat(v.length) : `${v.slice(0, 1)}${'*'.repeat(v.length - 1)}`;
}

export function maskPhone(v: string): string {
  return v.length < 7 ? '*'.repeat(v.length) : `${v.slice(0, 3)}${'*'.repeat(v.length - 7)}${v.slice(-4)}`;
}

/** What a masked address shows in place of each hidden character. */
export const ADDRESS_MASK_CHAR = '＊';

/**
 * A 住址 keeps its first characters only: at most 6, and never more than a third of it. The first six of a full
 * address are the province and city or the city and district (平顶山市新华…), which the whole community shares,
 * so they tell nothing of the household, while the road, 号院, building, unit and room that do are hidden. A short
 * address (建设路12号院3号楼) starts with the road already, so it keeps a third (建设路) and hides the rest.
 * The length is kept, as the other masks keep theirs, so masking a masked address gives the same value and
 * addresses stored in clear in older history and audit entries mask again on read (remaskStored).
 */
export function maskAddress(v: string): string {
  const chars = Array.from(v);
  const keep = Math.min(6, Math.floor(chars.length / 3));
  return chars.slice(0, keep).join('') + ADDRESS_MASK_CHAR.repeat(chars.length - keep);
}

/** A value that is nothing but mask characters (the volunteer register's constant address mask): left as written. */
const allMask = (v: string) => /^[*＊]+$/.test(v);

/**
 * A stored JSON value (an audit entry's or a member event's before/after) with every `idNumber` and `address`
 * string masked by today's rule, at any depth: entries written under an older, weaker mask (or, for addresses,
 * before they were masked at all) are shown no weaker than new ones.
 */
export function remaskStored(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(remaskStored);
  if (v === null || typeof v !== 'object') return v;
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k,
    typeof x !== 'string' ? remaskStored(x)
      : k === 'idNumber' ? maskIdNumber(x)
        : k === 'address' && !allMask(x) ? maskAddress(x)
          : x]));
}
