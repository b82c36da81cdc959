import type { ReactNode } from 'react';
import { Descriptions, Divider, Drawer, Empty, Grid, Skeleton, Timeline, Typography } from 'antd';
import type { DescriptionsProps } from 'antd';
import type { Instant } from '../api/types';
import { formatInstant } from '../lib/time';

export interface HistoryItem {
  key: string | number;
  at: Instant;
  /** What happened, e.g. 转入第一党支部. */
  title: ReactNode;
  /** Who did it, reasons, notes. */
  description?: ReactNode;
  color?: 'blue' | 'red' | 'green' | 'gray';
}

export interface DetailDrawerProps {
  title: ReactNode;
  open: boolean;
  onClose: () => void;
  loading?: boolean;
  /** The record's facts, shown as a Descriptions list. */
  items?: DescriptionsProps['items'];
  /** Further sections below the facts. */
  children?: ReactNode;
  /** History timeline, newest first. */
  history?: { title?: string; items: HistoryItem[]; loading?: boolean };
  /** Buttons in the drawer header. */
  extra?: ReactNode;
  width?: number;
}

/** Right-side drawer with a record's facts and its history, as in Ant Design Pro. */
export function DetailDrawer({
  title,
  open,
  onClose,
  loading,
  items,
  children,
  history,
  extra,
  width = 640,
}: DetailDrawerProps) {
  const screens = Grid.useBreakpoint();
  const isMobile = screens.md === false;
  return (
    <Drawer title={title} open={open} onClose={onClose} extra={extra} size={isMobile ? '100%' : width} destroyOnHidden>
      {loading ? (
        <Skeleton active />
      ) : (
        <>
          {items && items.length > 0 && <Descriptions column={isMobile ? 1 : 2} bordered size="small" items={items} />}
          {children}
          {history && (
            <>
              <Divider titlePlacement="start">{history.title ?? '历史记录'}</Divider>
              {history.loading ? (
                <Skeleton active />
              ) : history.items.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无历史记录" />
              ) : (
                <Timeline
                  items={history.items.map((h) => ({
                    key: h.key,
                    color: h.color ?? 'blue',
                    content: (
                      <div>
                        <Typography.Text strong>{h.title}</Typography.Text>
                        {h.description && <div>{h.description}</div>}
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {formatInstant(h.at)}
                        </Typography.Text>
                      </div>
                    ),
                  }))}
                />
              )}
            </>
          )}
        </>
      )}
    </Drawer>
  );
}
