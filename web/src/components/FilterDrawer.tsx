import { useState, type ReactNode } from 'react';
import { Badge, Button, Drawer, Grid } from 'antd';
import { FilterOutlined } from '@ant-design/icons';

export interface FilterDrawerProps {
  /** How many filters are set, shown on the button. */
  active: number;
  children: ReactNode;
  /** Controlled open state, for a form that closes the drawer when it is submitted. */
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
  /** A 完成 button under the filters, for filters that apply as soon as they change. */
  doneButton?: boolean;
}

/**
 * Filters inline on wide screens; on a phone (below 768 px) one 筛选 button within thumb reach that opens them
 * in a drawer from the bottom, so the list starts on the first screen.
 */
export function FilterDrawer({ active, children, open, onOpenChange, doneButton }: FilterDrawerProps) {
  const phone = Grid.useBreakpoint().md === false;
  const [ownOpen, setOwnOpen] = useState(false);
  const isOpen = open ?? ownOpen;
  const setOpen = (v: boolean) => (onOpenChange ? onOpenChange(v) : setOwnOpen(v));
  if (!phone) return <>{children}</>;
  return (
    <>
      <Button block icon={<FilterOutlined />} onClick={() => setOpen(true)}>
        筛选{active > 0 && <Badge count={active} size="small" style={{ marginInlineStart: 6 }} />}
      </Button>
      <Drawer placement="bottom" size="auto" title="筛选" open={isOpen} onClose={() => setOpen(false)} forceRender>
        {children}
        {doneButton && (
          <Button block type="primary" style={{ marginTop: 16 }} onClick={() => setOpen(false)}>
            完成
          </Button>
        )}
      </Drawer>
    </>
  );
}
