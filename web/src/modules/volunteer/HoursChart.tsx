// Monthly service hours: visits and activities as stacked bars (hours), visits counted on a line (right axis).
// Loaded on its own chunk with only the ECharts parts it uses; colours from the app theme (chartColors.ts).
import { useMemo } from 'react';
import { BarLineChart, type BarLineOption as Option } from '../../components/BarLineChart';
import type { Hours } from './types';

const toHours = (m: number) => Math.round((m / 60) * 10) / 10;

function optionFor(months: Hours['months'], narrow: boolean): Option {
  return {
    aria: { enabled: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true },
    legend: { top: 0, textStyle: { fontSize: narrow ? 11 : 12 } },
    // On a phone the legend takes two lines: the plot starts below it, clear of the axis names.
    grid: { left: 8, right: 8, top: narrow ? 64 : 40, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: months.map((m) => `${Number(m.month.slice(5))}月`), axisLabel: { interval: 0, fontSize: narrow ? 10 : 12 } },
    yAxis: [
      { type: 'value', name: '小时' },
      { type: 'value', name: '次', minInterval: 1, splitLine: { show: false } },
    ],
    series: [
      { type: 'bar', name: '走访服务（小时）', stack: 'hours', barMaxWidth: 32, data: months.map((m) => toHours(m.visitMinutes)) },
      { type: 'bar', name: '志愿活动（小时）', stack: 'hours', barMaxWidth: 32, data: months.map((m) => toHours(m.activityMinutes)) },
      { type: 'line', name: '走访次数', yAxisIndex: 1, data: months.map((m) => m.visits) },
    ],
  };
}

export default function HoursChart({ months }: { months: Hours['months'] }) {
  const option = useMemo(() => (width: number) => optionFor(months, width < 560), [months]);
  return <BarLineChart option={option} ariaLabel="每月志愿服务时长与走访次数" height={300} testId="volunteer-hours-chart" />;
}
