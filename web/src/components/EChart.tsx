// One ECharts canvas that follows its container's size and redraws when the option changes. Import it only
// from lazily loaded chart modules, which register the ECharts parts they use (`use([...])` from
// 'echarts/core'), so the charts library never reaches the login bundle.
import { useEffect, useRef } from 'react';
import { init, type EChartsCoreOption, type EChartsType } from 'echarts/core';

export function EChart({ option, ariaLabel, height, testId }: { option: EChartsCoreOption | ((width: number) => EChartsCoreOption); ariaLabel: string; height: number; testId?: string }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const instance = init(el, undefined, { renderer: 'canvas' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const width = box.current?.clientWidth ?? 800;
    chart.current?.setOption(typeof option === 'function' ? option(width) : option, { notMerge: true });
  }, [option]);

  return <div ref={box} role="img" aria-label={ariaLabel} data-testid={testId} style={{ width: '100%', height }} />;
}
