// Runs a keyed lookup over many ids in slices, so an IN list never outgrows what a dialect accepts.
export async function inSlices<T>(ids: readonly string[], run: (slice: string[]) => Promise<T[]>, size = 500): Promise<T[]> {
  const unique = [...new Set(ids)];
  const out: T[] = [];
  for (let i = 0; i < unique.length; i += size) out.push(...(await run(unique.slice(i, i + size))));
  return out;
}
