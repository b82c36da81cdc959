import { useMemo, useSyncExternalStore, type ReactNode } from 'react';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { QueryClientProvider } from '@tanstack/react-query';
import { queryClient } from './queryClient';
import { zhValidateMessages } from '../lib/validateMessages';

dayjs.locale('zh-cn');

/** 党建红 as the primary colour; everything else is antd's default look. */
const brand = {
  colorPrimary: '#c8161d',
  colorLink: '#c8161d',
  borderRadius: 6,
};

// Whoever set their system to reduce motion (an accessibility setting, WCAG 2.3.3) gets no zooming dialogs or
// sliding drawers. The browser suite sets it too: a click while antd zoomed a dialog in was lost on a loaded machine.
const reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)');
const onReducedMotionChange = (changed: () => void) => {
  reducedMotion.addEventListener('change', changed);
  return () => reducedMotion.removeEventListener('change', changed);
};

export function Providers({ children }: { children: ReactNode }) {
  const reduce = useSyncExternalStore(onReducedMotionChange, () => reducedMotion.matches);
  const theme = useMemo(() => ({ token: { ...brand, motion: !reduce } }), [reduce]);
  return (
    <ConfigProvider locale={zhCN} theme={theme} form={{ validateMessages: zhValidateMessages }}>
      <AntApp>
        <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
