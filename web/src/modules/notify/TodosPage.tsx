// 我的待办: everything waiting for the signed-in user. Overdue items come first across all kinds (one 已逾期
// group), the rest grouped by kind (groups with the soonest due date first); the kind tags filter the list
// (?kind=…, so the 工作台 card can link to one kind). Each row shows how long it has waited, its due date and
// the way to handle it.
import { useSearchParams } from 'react-router';
import { Alert, Button, Card, Empty, Flex, List, Skeleton, Tag, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { errorMessage } from '../../api/client';
import { PageContainer } from '../../components/PageContainer';
import { useTodos } from './api';
import { TodoRow } from './TodoParts';
import type { TodoItem, TodoList } from './types';

const OVERDUE = 'overdue';

interface Group {
  key: string;
  title: string;
  items: TodoItem[];
  /** Shown with the kind name, e.g. the overdue ones listed above. */
  note?: string;
  /** Rows carry their kind's name (the overdue group mixes kinds). */
  mixed?: boolean;
}

/** Kinds in the server's order, with any kind the items carry that the list of kinds lacks appended. */
function kindsOf(data: TodoList) {
  const kinds = [...data.kinds];
  for (const item of data.items) {
    if (!kinds.some((k) => k.kind === item.kind)) kinds.push({ kind: item.kind, name: item.kind, count: data.items.filter((i) => i.kind === item.kind).length, available: true });
  }
  return kinds;
}

/** The groups to show: with no filter, 已逾期 first and then the rest by kind, in the server's (due-date) order. */
function groupsOf(data: TodoList, names: Map<string, string>, filter: string | null): Group[] {
  if (filter === OVERDUE) return [{ key: OVERDUE, title: '已逾期', items: data.items.filter((i) => i.overdue), mixed: true }];
  if (filter) return [{ key: filter, title: names.get(filter) ?? filter, items: data.items.filter((i) => i.kind === filter) }];
  const overdue = data.items.filter((i) => i.overdue);
  const groups: Group[] = overdue.length > 0 ? [{ key: OVERDUE, title: '已逾期', items: overdue, mixed: true }] : [];
  const byKind = new Map<string, Group>();
  for (const item of data.items) {
    if (item.overdue) continue;
    let group = byKind.get(item.kind);
    if (!group) {
      group = { key: item.kind, title: names.get(item.kind) ?? item.kind, items: [] };
      byKind.set(item.kind, group);
      groups.push(group);
    }
    group.items.push(item);
  }
  for (const group of byKind.values()) {
    const late = overdue.filter((i) => i.kind === group.key).length;
    if (late > 0) group.note = `另有 ${late} 项已逾期，列在上方`;
  }
  return groups;
}

export default function TodosPage() {
  const todos = useTodos();
  const data = todos.data;
  const [params, setParams] = useSearchParams();
  const kinds = data ? kindsOf(data) : [];
  const names = new Map(kinds.map((k) => [k.kind, k.name]));
  const overdue = (data?.items ?? []).filter((i) => i.overdue).length;
  const asked = params.get('kind');
  // A filter that no longer matches anything (everything of that kind handled) falls back to 全部.
  const filter = asked && (asked === OVERDUE ? overdue > 0 : kinds.some((k) => k.kind === asked && k.count > 0)) ? asked : null;
  const choose = (kind: string | null) => setParams(kind ? { kind } : {}, { replace: true });
  const groups = data ? groupsOf(data, names, filter) : [];

  const chip = (key: string | null, label: string, count: number, danger = false) => (
    <Tag.CheckableTag
      key={key ?? 'all'}
      checked={filter === key}
      onChange={() => choose(filter === key ? null : key)}
      style={{ marginInlineEnd: 0, paddingBlock: 2, ...(danger && filter !== key ? { color: '#cf1322', borderColor: '#ffa39e' } : {}) }}
    >
      {label} {count}
    </Tag.CheckableTag>
  );

  return (
    <PageContainer
      title="我的待办"
      subTitle="待我接收、办理、验收和审核的事项，逾期的排在最前面。"
      extra={<Button icon={<ReloadOutlined />} onClick={() => void todos.refetch()} loading={todos.isFetching}>刷新</Button>}
    >
      {todos.isError && <Alert type="error" showIcon title={errorMessage(todos.error)} />}
      {todos.isPending ? (
        <Card>
          <Skeleton active />
        </Card>
      ) : data ? (
        <>
          {kinds.filter((k) => !k.available).map((k) => (
            <Alert key={k.kind} type="warning" showIcon title={`「${k.name}」暂时无法加载，请稍后刷新`} />
          ))}
          {data.total === 0 ? (
            <Card>
              <Empty description="暂无待办，所有事项都已处理" />
            </Card>
          ) : (
            <>
              <Card size="small">
                <Flex wrap gap={8} align="center" role="group" aria-label="按类别筛选">
                  {chip(null, '全部', data.total)}
                  {overdue > 0 && chip(OVERDUE, '已逾期', overdue, true)}
                  {kinds.filter((k) => k.count > 0).map((k) => chip(k.kind, k.name, k.count))}
                </Flex>
              </Card>
              {groups.map((g) => (
                <Card
                  key={g.key}
                  size="small"
                  data-todo-kind={g.key}
                  title={
                    <Flex wrap gap={8} align="baseline">
                      <Typography.Text strong type={g.key === OVERDUE ? 'danger' : undefined}>
                        {g.title}（{g.items.length}）
                      </Typography.Text>
                      {g.note && (
                        <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>
                          {g.note}
                        </Typography.Text>
                      )}
                    </Flex>
                  }
                  styles={{ body: { paddingBlock: 0 } }}
                >
                  <List
                    dataSource={g.items}
                    rowKey={(i) => `${i.kind}:${i.entityId}`}
                    renderItem={(item) => (
                      <List.Item style={item.overdue ? { background: '#fff1f0', paddingInline: 8 } : { paddingInline: 8 }}>
                        <TodoRow item={item} today={data.today} kindName={g.mixed ? names.get(item.kind) : undefined} />
                      </List.Item>
                    )}
                  />
                </Card>
              ))}
            </>
          )}
        </>
      ) : null}
    </PageContainer>
  );
}
