// 我的待办: everything waiting for the signed-in user, grouped by kind (待接收, 待办理, 待验收 … and whatever
// kinds later modules register, shown with the server's name), overdue first and highlighted.
import { Alert, Button, Card, Empty, Flex, List, Skeleton, Tag, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { errorMessage } from '../../api/client';
import { PageContainer } from '../../components/PageContainer';
import { useTodos } from './api';
import { TodoRow } from './TodoParts';
import type { TodoItem } from './types';

export default function TodosPage() {
  const todos = useTodos();
  const data = todos.data;
  const byKind = new Map<string, TodoItem[]>();
  for (const item of data?.items ?? []) {
    const list = byKind.get(item.kind) ?? [];
    list.push(item);
    byKind.set(item.kind, list);
  }
  // Kinds in the server's order; any kind the items carry that the list of kinds lacks goes last.
  const kinds = [...(data?.kinds ?? [])];
  for (const kind of byKind.keys()) if (!kinds.some((k) => k.kind === kind)) kinds.push({ kind, name: kind, count: byKind.get(kind)!.length, available: true });
  const overdue = (data?.items ?? []).filter((i) => i.overdue).length;

  return (
    <PageContainer
      title="我的待办"
      subTitle="待我接收、办理、验收和审核的事项，逾期的排在前面。"
      extra={<Button icon={<ReloadOutlined />} onClick={() => void todos.refetch()} loading={todos.isFetching}>刷新</Button>}
    >
      {todos.isError && <Alert type="error" showIcon title={errorMessage(todos.error)} />}
      {todos.isPending ? (
        <Card>
          <Skeleton active />
        </Card>
      ) : data ? (
        <>
          <Card size="small">
            <Flex wrap gap={8} align="center">
              <Typography.Text strong>共 {data.total} 项</Typography.Text>
              {overdue > 0 && <Tag color="error">已逾期 {overdue} 项</Tag>}
              {kinds.map((k) => (
                <Tag key={k.kind} color={k.count > 0 ? 'red' : 'default'}>
                  {k.name} {k.count}
                </Tag>
              ))}
            </Flex>
          </Card>
          {kinds.filter((k) => !k.available).map((k) => (
            <Alert key={k.kind} type="warning" showIcon title={`「${k.name}」暂时无法加载，请稍后刷新`} />
          ))}
          {data.total === 0 ? (
            <Card>
              <Empty description="暂无待办，所有事项都已处理" />
            </Card>
          ) : (
            kinds
              .filter((k) => (byKind.get(k.kind)?.length ?? 0) > 0)
              .map((k) => (
                <Card key={k.kind} title={`${k.name}（${byKind.get(k.kind)!.length}）`} size="small" data-todo-kind={k.kind}>
                  <List
                    dataSource={byKind.get(k.kind)}
                    rowKey={(i) => `${i.kind}:${i.entityId}`}
                    renderItem={(item) => (
                      <List.Item style={item.overdue ? { background: '#fff1f0', paddingInline: 8 } : { paddingInline: 8 }}>
                        <TodoRow item={item} />
                      </List.Item>
                    )}
                  />
                </Card>
              ))
          )}
        </>
      ) : null}
    </PageContainer>
  );
}
