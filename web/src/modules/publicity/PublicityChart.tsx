// The charts of 统计排名: organisations ranked by weighted score (horizontal bars, best on top, those below
// quota in red) and the published manuscripts by level (stacked per organisation). Loaded on its own chunk
// with only the ECharts parts it uses.
import { useMemo } from 'react';
import { BarLineChart, type BarLineOption as Option } from '../../components/BarLineChart';
import { useChartColors, type ChartColors } from '../../components/chartColors';
import { LEVELS, LEVEL_LABEL, type StatsOrg } from './types';

function rankingOption(orgs: StatsOrg[], narrow: boolean, c: ChartColors): Option {
  // ECharts draws the first category at the bottom: reverse so rank 1 is on top.
  const rows = [...orgs].sort((a, b) => a.rank - b.rank).reverse();
  return {
    aria: { enabled: true },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      confine: true,
    },
    grid: { left: 8, right: 40, top: 8, bottom: 28, containLabel: true },
    xAxis: { type: 'value', name: '加权得分', nameLocation: 'middle', nameGap: 24, minInterval: 1 },
    yAxis: { type: 'category', data: rows.map((o) => o.orgName), axisLabel: { width: narrow ? 90 : 160, overflow: 'truncate' } },
    series: [
      {
        type: 'bar',
        name: '加权得分',
        barMaxWidth: 20,
        label: { show: true, position: 'right' },
        data: rows.map((o) => ({ value: o.weighted, itemStyle: { color: o.belowQuota ? c.warning : c.primary } })),
      },
    ],
  };
}

function levelsOption(orgs: StatsOrg[], narrow: boolean, c: ChartColors): Option {
  const rows = [...orgs].sort((a, b) => a.rank - b.rank).reverse();
  return {
    aria: { enabled: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true },
    legend: { top: 0, itemWidth: 14, itemHeight: 10, textStyle: { fontSize: narrow ? 11 : 12 } },
    grid: { left: 8, right: 24, top: 32, bottom: 28, containLabel: true },
    xAxis: { type: 'value', name: '刊发（篇）', nameLocation: 'middle', nameGap: 24, minInterval: 1 },
    yAxis: { type: 'category', data: rows.map((o) => o.orgName), axisLabel: { width: narrow ? 90 : 160, overflow: 'truncate' } },
    // Higher levels in deeper red (LEVELS runs from 社区 to 中央).
    series: LEVELS.map((l, i) => ({
      type: 'bar' as const,
      name: LEVEL_LABEL[l],
      stack: 'published',
      barMaxWidth: 20,
      itemStyle: { color: c.ramp[Math.round((i * (c.ramp.length - 1)) / Math.max(1, LEVELS.length - 1))] },
      emphasis: { focus: 'series' as const },
      data: rows.map((o) => o.byLevel?.[l] ?? 0),
    })),
  };
}

export default function PublicityChart({ kind, orgs }: { kind: 'ranking' | 'levels'; orgs: StatsOrg[] }) {
  const colors = useChartColors();
  const option = useMemo(() => (width: number) => (kind === 'ranking' ? rankingOption(orgs, width < 560, colors) : levelsOption(orgs, width < 560, colors)), [kind, orgs, colors]);
  const height = Math.max(200, orgs.length * 28 + 60);
  return (
    <BarLineChart
      option={option}
      height={height}
      testId={`publicity-chart-${kind}`}
      ariaLabel={kind === 'ranking' ? '各组织宣传加权得分排名，金色为未完成定额' : '各组织刊发稿件按级别分布'}
    />
  );
}
