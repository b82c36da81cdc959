// The printed table of a run (the machine-readable form is the BenchResult itself, with --json).
import type { BenchResult } from './run.js';
import type { SoakResult } from './soak.js';

const ms = (v: number) => (v < 10 ? v.toFixed(2).replace(/\.?0+$/, '') || '0' : v.toFixed(0));
const n0 = (v: number) => v.toFixed(0);
const ratio = (v: number) => (v ? v.toFixed(2) : '–');

export function formatReport(r: BenchResult): string {
  const head = ['endpoint', 'p50 ms', 'p99 ms', 'req/s', 'errors', 'body KB', 'srv CPU ms', 'bare req/s', '× bare', 'db p99 ms', 'db req/s', '× db', 'p99 budget'];
  const rows = r.endpoints.map((e) => [
    e.key, ms(e.p50), ms(e.p99), n0(e.rps), String(e.errors), (e.bodyBytes / 1024).toFixed(1), ms(e.serverCpuMs), n0(e.bare.rps), ratio(e.ofBare),
    ms(e.db.p99), n0(e.db.rps), ratio(e.ofDb),
    e.budgetP99 === null ? '–' : `≤ ${e.budgetP99} ${e.withinBudget ? 'ok' : 'OVER'}`,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  const out = [
    `dangjian benchmark — ${r.date.slice(0, 16).replace('T', ' ')} UTC`,
    `machine: ${r.machine.cpus} × ${r.machine.model}, ${r.machine.memoryGb} GB, ${r.machine.platform}, Node ${r.machine.node}, load average at start of report ${r.machine.load.join(' ')}`,
    `scale: ${r.scale} (${r.tenants} committees, ${r.members.toLocaleString('en')} members, ~${r.rows.toLocaleString('en')} rows), ${r.dialect}`
      + `${r.generationSeconds !== null ? `, generated in ${r.generationSeconds.toFixed(0)} s` : ', reused data'}`,
    `load: ${r.connections} connections, ${r.durationSeconds} s per endpoint, rotating over ${r.samples} committee(s); server peak RSS ${r.peakRssMb} MB`,
    '',
    line(head),
    `|${widths.map((w, i) => (i === 0 ? `${'-'.repeat(w + 1)}-` : `${'-'.repeat(w + 1)}:`)).join('|')}|`,
    ...rows.map(line),
    '',
    ...r.budget.map((b) => `budget: ${b.line}: ${b.met ? 'met' : 'NOT met'}`),
    ...r.problems.map((p) => `problem: ${p}`),
  ];
  return out.join('\n');
}

/** The printed report of a soak run (soak.ts); --json prints the SoakResult itself. */
export function formatSoakReport(r: SoakResult): string {
  const v = r.memory.verdict;
  const head = ['kind', 'group', 'requests', 'errors', 'p50 ms', 'p99 ms', 'max ms'];
  const rows = r.kinds.map((k) => [k.kind, k.group, String(k.requests), String(k.errors), ms(k.p50), ms(k.p99), ms(k.max)]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  const s = r.memory.samples;
  const pick = (xs: typeof s) => xs.map((x) => `${x.seconds.toFixed(0)} s ${x.rssMb.toFixed(0)}`).join(', ');
  // Every sample would be hundreds of numbers: the first, the middle and the last few show the shape.
  const shape = s.length <= 12 ? pick(s) : `${pick(s.slice(0, 4))}, …, ${pick(s.slice(Math.floor(s.length / 2) - 1, Math.floor(s.length / 2) + 1))}, …, ${pick(s.slice(-4))}`;
  const out = [
    `dangjian soak — ${r.date.slice(0, 16).replace('T', ' ')} UTC`,
    `machine: ${r.machine.cpus} × ${r.machine.model}, ${r.machine.memoryGb} GB, ${r.machine.platform}, Node ${r.machine.node}, load average at end ${r.machine.load.join(' ')}`,
    `scale: ${r.scale} (${r.tenants} committees, ${r.members.toLocaleString('en')} members, ~${r.rows.toLocaleString('en')} rows), ${r.dialect}`
      + `${r.generationSeconds !== null ? `, generated in ${r.generationSeconds.toFixed(0)} s` : ', reused data'}`,
    `load: ${r.elapsedSeconds} s (asked ${r.seconds} s), ${r.connections} reading connection(s) over ${r.committees} committee(s), ${r.writers} writer(s)`,
    `requests: ${r.requests.toLocaleString('en')} (${r.reads.toLocaleString('en')} reads, ${r.writes.toLocaleString('en')} writes, ${(r.requests / (r.elapsedSeconds || 1)).toFixed(0)}/s), errors: ${r.errors}`,
    `write cycles completed: ${r.cycles.task} tasks (deploy → verify), ${r.cycles.info} information entries (create → publish), ${r.cycles.orgLife} 组织生活 records (create → 2 sign-ins)`,
    '',
    line(head),
    `|${widths.map((w, i) => (i < 2 ? `${'-'.repeat(w + 1)}-` : `${'-'.repeat(w + 1)}:`)).join('|')}|`,
    ...rows.map(line),
    '',
    `memory: ${s.length} samples; RSS MB by second: ${shape}`,
    `memory: after ${v.warmupSeconds} s of warm-up, ${v.judged} samples judged: RSS first fifth ${v.firstRssMb} MB, last fifth ${v.lastRssMb} MB, growth ${v.growthMb} MB (${v.growthPercent} %), slope ${v.slopeMbPerMinute} MB/min, peak ${v.peakRssMb} MB; V8 heap used ${v.firstHeapUsedMb} → ${v.lastHeapUsedMb} MB`,
    `memory: V8 heap retained (used right after a full GC), MB by second: ${r.memory.retained.map((x) => `${x.seconds.toFixed(0)} s ${x.heapUsedMb}${x.afterLoad ? ' (after the load)' : ''}`).join(', ')}`,
    `bound: ${v.bound} (here ${v.boundMb} MB): ${v.withinBound === null ? 'not judged (too few samples)' : v.withinBound ? 'met' : 'NOT met'}`,
    ...r.problems.map((p) => `problem: ${p}`),
    `verdict: ${r.passed ? 'PASS' : 'FAIL'}`,
  ];
  return out.join('\n');
}
