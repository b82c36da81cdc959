// One ECharts canvas that follows its container's size and redraws when the option changes. Import it only
// from lazily loaded chart modules, which register the ECharts parts they use (`use([...])` from
// 'echarts/core'), so the charts library never reaches the login bundle.
import { useEffect, useMemo, useRef } from 'react';
import { init, type EChartsCoreOption, type EChartsType } from 'echarts/core';
import { useChartColors, type ChartColors } from './chartColors';

/** An ECharts theme from the app's antd theme: its palette, font and greys for text, axes and split lines. */
function echartsTheme(c: ChartColors): object {
  const axis = {
    axisLine: { lineStyle: { color: c.border } },
    axisTick: { lineStyle: { color: c.border } },
    axisLabel: { color: c.textSecondary },
    splitLine: { lineStyle: { color: c.split } },
    nameTextStyle: { color: c.textSecondary },
  };
  return {
    color: c.series,
    textStyle: { fontFamily: c.fontFamily, color: c.text },
    legend: { textStyle: { color: c.text } },
    categoryAxis: axis,
    valueAxis: axis,
  };
}

export function EChart({ option, ariaLabel, height, testId }: { option: EChartsCoreOption | ((width: number) => EChartsCoreOption); ariaLabel: string; height: number; testId?: string }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const colors = useChartColors();
  const themed = useMemo(() => echartsTheme(colors), [colors]);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const instance = init(el, themed, { renderer: 'canvas' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, [themed]);

  useEffect(() => {
    const width = box.current?.clientWidth ?? 800;
    chart.current?.setOption(typeof option === 'function' ? option(width) : option, { notMerge: true });
  }, [option, themed]);

  return <div ref={box} role="img" aria-label={ariaLabel} data-testid={testId} style={{ width: '100%', height }} />;
}
