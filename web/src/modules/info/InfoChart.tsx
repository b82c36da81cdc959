// The monthly chart of the statistics page: new entries per month stacked by category (bars) and the running
// total (line, right axis). Loaded on its own chunk with only the ECharts parts it uses.
import { useMemo } from 'react';
import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';
import { BarLineChart, type BarLineOption as Option } from '../../components/BarLineChart';
import { useChartColors, type ChartColors } from '../../components/chartColors';
import { categoryLabel, type InfoStats } from './types';

/** Colours by category code, so a category keeps its colour whichever categories a statistic names. */
const CATEGORY_ORDER = ['rule', 'duty', 'procedure', 'meeting', 'activity', 'assessment'];

function optionFor(stats: InfoStats, narrow: boolean, colors: ChartColors): Option {
  const months = stats.series.map((s) => s.month);
  const bars: BarSeriesOption[] = stats.categories.map((c) => ({
    type: 'bar',
    name: `${categoryLabel(c)}新增`,
    stack: 'new',
    itemStyle: { color: colors.series[(CATEGORY_ORDER.includes(c) ? CATEGORY_ORDER.indexOf(c) : CATEGORY_ORDER.length + stats.categories.indexOf(c)) % colors.series.length] },
    emphasis: { focus: 'series' },
    barMaxWidth: 36,
    data: stats.series.map((s) => s.new[c] ?? 0),
  }));
  const line: LineSeriesOption = {
    type: 'line',
    name: '累计总数',
    yAxisIndex: 1,
    smooth: true,
    symbolSize: 6,
    itemStyle: { color: colors.text },
    lineStyle: { width: 2 },
    data: stats.series.map((s) => s.totalAll),
  };
  return {
    aria: { enabled: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true },
    legend: { type: 'plain', top: 0, itemWidth: 14, itemHeight: 10, textStyle: { fontSize: narrow ? 11 : 12 } },
    grid: { left: 8, right: 8, top: narrow ? 64 : 40, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: months, axisLabel: { formatter: (m: string) => m.replace('-', '.'), hideOverlap: true } },
    yAxis: [
      { type: 'value', name: '新增（条）', minInterval: 1, nameTextStyle: { align: 'left' } },
      { type: 'value', name: '累计（条）', minInterval: 1, splitLine: { show: false }, nameTextStyle: { align: 'right' } },
    ],
    series: [...bars, line],
  };
}

export default function InfoChart({ stats }: { stats: InfoStats }) {
  const colors = useChartColors();
  const option = useMemo(() => (width: number) => optionFor(stats, width < 560, colors), [stats, colors]);
  return <BarLineChart option={option} ariaLabel={`${stats.org.name} ${stats.from} 至 ${stats.to} 每月新增信息与累计总数`} height={340} />;
}
