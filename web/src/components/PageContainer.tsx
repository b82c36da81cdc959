import type { ReactNode } from 'react';
import { Flex, Typography } from 'antd';

export interface PageContainerProps {
  title: ReactNode;
  subTitle?: ReactNode;
  /** Buttons on the right of the title. */
  extra?: ReactNode;
  children: ReactNode;
}

/** Page heading (title, description, actions) above the page's cards, as in Ant Design Pro. */
export function PageContainer({ title, subTitle, extra, children }: PageContainerProps) {
  return (
    <div>
      <Flex justify="space-between" align="flex-start" wrap gap={12} style={{ marginBottom: 16 }}>
        <div style={{ minWidth: 0 }}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {title}
          </Typography.Title>
          {subTitle && (
            <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4 }}>
              {subTitle}
            </Typography.Text>
          )}
        </div>
        {extra && <Flex gap={8} wrap>{extra}</Flex>}
      </Flex>
      <Flex vertical gap={16}>
        {children}
      </Flex>
    </div>
  );
}
