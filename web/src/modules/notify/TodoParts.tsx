// One 待办 row (title linking to the record, organisation, due date, overdue highlighted), shared by
// 我的待办 and the 工作台 card.
import { Link } from 'react-router';
import { Flex, Tag, Typography } from 'antd';
import type { TodoItem } from './types';

export function TodoRow({ item, kindName }: { item: TodoItem; kindName?: string }) {
  return (
    <Flex justify="space-between" align="center" wrap gap={8} style={{ width: '100%' }}>
      <Flex vertical style={{ minWidth: 0, flex: '1 1 240px' }}>
        <Link to={item.link} style={item.overdue ? { color: '#cf1322' } : undefined}>
          {kindName && <Tag color="red">{kindName}</Tag>}
          {item.title}
        </Link>
        {item.orgName && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {item.orgName}
          </Typography.Text>
        )}
      </Flex>
      {item.due && (
        <span style={{ whiteSpace: 'nowrap' }}>
          {item.overdue && <Tag color="error">已逾期</Tag>}
          <Typography.Text type={item.overdue ? 'danger' : 'secondary'}>截止 {item.due}</Typography.Text>
        </span>
      )}
    </Flex>
  );
}
