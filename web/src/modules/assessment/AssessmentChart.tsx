// The charts of 量化考核: the ranking of a round (horizontal bars, best on top) and one target's history
// across periods (line). Loaded on its own chunk with only the ECharts parts it uses.
import { useMemo } from 'react';
import { BarLineChart, type BarLineOption as Option } from '../../components/BarLineChart';
import { useChartColors, type ChartColors } from '../../components/chartColors';

export interface ChartPoint {
  label: string;
  value: number;
}

export interface AssessmentChartProps {
  kind: 'ranking' | 'history';
  points: ChartPoint[];
  /** Accessible description of the picture. */
  ariaLabel: string;
  /** Upper end of the score axis (the scheme's full marks). */
  max?: number;
}

/** Grades of the score: 90 % and more in the primary red, then lighter steps of it, below 60 % greyed. */
function colorFor(value: number, max: number, c: ChartColors): string {
  const pct = max > 0 ? (value / max) * 100 : 0;
  if (pct >= 90) return c.ramp[4]!;
  if (pct >= 80) return c.ramp[3]!;
  if (pct >= 70) return c.ramp[2]!;
  if (pct >= 60) return c.ramp[1]!;
  return c.muted;
}

function rankingOption(points: ChartPoint[], max: number, c: ChartColors): Option {
  // ECharts draws the first category at the bottom: reverse so rank 1 is on top.
  const rows = [...points].reverse();
  return {
    aria: { enabled: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true },
    grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', max, name: '得分' },
    yAxis: { type: 'category', data: rows.map((p) => p.label), axisLabel: { width: 140, overflow: 'truncate' } },
    series: [
      {
        type: 'bar',
        name: '总分',
        barMaxWidth: 22,
        label: { show: true, position: 'right', formatter: (p) => String(p.value) },
        data: rows.map((p) => ({ value: p.value, itemStyle: { color: colorFor(p.value, max, c) } })),
      },
    ],
  };
}

function historyOption(points: ChartPoint[], max: number, c: ChartColors): Option {
  return {
    aria: { enabled: true },
    tooltip: { trigger: 'axis', confine: true },
    grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: points.map((p) => p.label), axisLabel: { hideOverlap: true } },
    yAxis: { type: 'value', max, min: 0, name: '得分' },
    series: [
      {
        type: 'line',
        name: '总分',
        smooth: true,
        symbolSize: 8,
        label: { show: true, position: 'top' },
        itemStyle: { color: c.primary },
        data: points.map((p) => p.value),
      },
    ],
  };
}

export default function AssessmentChart({ kind, points, ariaLabel, max }: AssessmentChartProps) {
  const top = max ?? Math.max(100, ...points.map((p) => p.value));
  const colors = useChartColors();
  const option = useMemo(() => (kind === 'ranking' ? rankingOption(points, top, colors) : historyOption(points, top, colors)), [kind, points, top, colors]);
  const height = kind === 'ranking' ? Math.max(160, points.length * 32 + 40) : 280;
  return <BarLineChart option={option} ariaLabel={ariaLabel} height={height} testId={`assessment-${kind}-chart`} />;
}
