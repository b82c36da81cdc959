// The 待办 card at the top of the 工作台: counts by kind (each opening 我的待办 filtered to it) and the first few
// items, overdue first.
import { Link } from 'react-router';
import { Card, Empty, Flex, List, Tag } from 'antd';
import { useTodos } from './api';
import { TodoRow } from './TodoParts';

const SHOWN = 5;

export function TodoSummaryCard() {
  const todos = useTodos();
  const data = todos.data;
  if (todos.isError) return null; // the 工作台 stays useful without it
  const names = new Map((data?.kinds ?? []).map((k) => [k.kind, k.name]));
  return (
    <Card
      title={`我的待办${data ? `（${data.total}）` : ''}`}
      loading={todos.isPending}
      extra={<Link to="/todos">查看全部</Link>}
    >
      {data && data.total === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无待办" />
      ) : (
        data && (
          <Flex vertical gap={8}>
            <Flex wrap gap={8}>
              {data.items.some((i) => i.overdue) && (
                <Link to="/todos?kind=overdue">
                  <Tag color="error">已逾期 {data.items.filter((i) => i.overdue).length}</Tag>
                </Link>
              )}
              {data.kinds.filter((k) => k.count > 0).map((k) => (
                <Link key={k.kind} to={`/todos?kind=${encodeURIComponent(k.kind)}`}>
                  <Tag color="blue">
                    {k.name} {k.count}
                  </Tag>
                </Link>
              ))}
            </Flex>
            <List
              size="small"
              dataSource={data.items.slice(0, SHOWN)}
              rowKey={(i) => `${i.kind}:${i.entityId}`}
              renderItem={(item) => (
                <List.Item style={{ paddingInline: 0 }}>
                  <TodoRow item={item} kindName={names.get(item.kind)} today={data.today} actions={false} />
                </List.Item>
              )}
            />
          </Flex>
        )
      )}
    </Card>
  );
}
