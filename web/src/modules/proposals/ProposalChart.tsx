// 创效 per organisation: value created in 元 (bars) and proposals adopted (line, right axis). Loaded on its
// own chunk with only the ECharts parts it uses.
import { useMemo } from 'react';
import { BarLineChart, type BarLineOption as Option } from '../../components/BarLineChart';
import { formatFen } from './money';
import type { ProposalStats } from './types';

// Series colours come from the app theme (components/chartColors.ts through EChart), not fixed here.
function optionFor(rows: ProposalStats['byOrg'], narrow: boolean): Option {
  // Bars carry the exact 分; the axis and tooltip show 元 through formatFen (no float formatting).
  return {
    aria: { enabled: true },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      confine: true,
      formatter: (params: unknown) => {
        const list = params as { axisValue: string; seriesName: string; value: number; marker: string }[];
        if (!list.length) return '';
        const lines = list.map((p) => `${p.marker}${p.seriesName}：${p.seriesName.includes('元') ? formatFen(p.value) : p.value}`);
        return [list[0]!.axisValue, ...lines].join('<br/>');
      },
    },
    legend: { top: 0, textStyle: { fontSize: narrow ? 11 : 12 } },
    grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: rows.map((r) => r.orgName), axisLabel: { interval: 0, rotate: narrow ? 40 : 0, width: narrow ? 80 : 120, overflow: 'truncate' } },
    yAxis: [
      { type: 'value', name: '创效（元）', axisLabel: { formatter: (v: number) => formatFen(v).replace(/\.00$/, '') } },
      { type: 'value', name: '采纳（条）', minInterval: 1, splitLine: { show: false } },
    ],
    series: [
      { type: 'bar', name: '创效价值（元）', barMaxWidth: 36, data: rows.map((r) => r.valueFen) },
      { type: 'line', name: '采纳建议', yAxisIndex: 1, data: rows.map((r) => r.adopted) },
    ],
  };
}

export default function ProposalChart({ rows }: { rows: ProposalStats['byOrg'] }) {
  const option = useMemo(() => (width: number) => optionFor(rows, width < 560), [rows]);
  return <BarLineChart option={option} ariaLabel="各组织合理化建议采纳数与创效价值" height={320} testId="proposal-chart" />;
}
