// The printed table of a run (the machine-readable form is the BenchResult itself, with --json).
import type { BenchResult } from './run.js';

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
