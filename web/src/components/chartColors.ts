// Chart colours from the app's antd theme (app/providers.tsx: 党建红 primary), so charts match the rest of
// the pages instead of ECharts' default blue palette. Plain values: usable without loading ECharts.
import { useMemo } from 'react';
import { theme } from 'antd';

export interface ChartColors {
  /** Series colours in order: the primary red first, then its warm companions, then cooler ones for many series. */
  series: string[];
  /** Five steps of the primary colour, lightest first (levels, grades). */
  ramp: string[];
  primary: string;
  warning: string;
  success: string;
  /** Greyed-out values (below a threshold, no data). */
  muted: string;
  text: string;
  textSecondary: string;
  border: string;
  split: string;
  fontFamily: string;
}

export function useChartColors(): ChartColors {
  const { token } = theme.useToken();
  return useMemo(() => ({
    series: [token.colorPrimary, token.gold6, token.orange6, token.colorTextSecondary, token.volcano4, token.gold3, token.magenta6, token.cyan7],
    ramp: [token.colorPrimaryBorder, token.colorPrimaryBorderHover, token.colorPrimaryHover, token.colorPrimary, token.colorPrimaryActive],
    primary: token.colorPrimary,
    warning: token.colorWarning,
    success: token.colorSuccess,
    muted: token.colorTextQuaternary,
    text: token.colorText,
    textSecondary: token.colorTextSecondary,
    border: token.colorBorder,
    split: token.colorSplit,
    fontFamily: token.fontFamily,
  }), [token]);
}
