// A bar-and-line chart (the statistics pages): EChart with the ECharts parts such charts use, registered once.
// Import it only from lazily loaded chart modules, like EChart itself, so the login bundle stays small.
import type { ComponentProps } from 'react';
import { use as registerEcharts, type ComposeOption } from 'echarts/core';
import { BarChart, LineChart, type BarSeriesOption, type LineSeriesOption } from 'echarts/charts';
import {
  AriaComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  type AriaComponentOption,
  type GridComponentOption,
  type LegendComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { EChart } from './EChart';

registerEcharts([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, AriaComponent, CanvasRenderer]);

export type BarLineOption = ComposeOption<BarSeriesOption | LineSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption | AriaComponentOption>;

export function BarLineChart({ option, ...rest }: Omit<ComponentProps<typeof EChart>, 'option'> & { option: BarLineOption | ((width: number) => BarLineOption) }) {
  return <EChart option={option} {...rest} />;
}
