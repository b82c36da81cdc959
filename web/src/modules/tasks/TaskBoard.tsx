// The 看板 view of 督办事项: one column per light (逾期, 临期, 正常, 已完成), most urgent first, each task a
// small card that opens its drawer. Each column shows the first tasks by due date; the list view has the rest.
import { useQuery } from '@tanstack/react-query';
import { Alert, Badge, Card, Col, Empty, Flex, Progress, Row, Skeleton, Typography } from 'antd';
import { api, errorMessage, type Query } from '../../api/client';
import { TASKS_KEY, TASKS_URL } from './api';
import { DaysLeft, StatusTag } from './parts';
import { LIGHT_COLOR, LIGHT_LABEL, LIGHTS, type Task, type TaskLight, type TaskPage } from './types';

const SHOWN = 20;

function TaskCard({ task, onOpen }: { task: Task; onOpen: (id: string) => void }) {
  return (
    <Card size="small" hoverable onClick={() => onOpen(task.id)} style={{ borderLeft: `3px solid ${LIGHT_COLOR[task.light]}` }}>
      <Flex vertical gap={4}>
        <Typography.Link
          strong
          onClick={(e) => {
            e.stopPropagation();
            onOpen(task.id);
          }}
        >
          {task.title}
        </Typography.Link>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {task.ownerOrgName} · {task.ownerName}
        </Typography.Text>
        <Flex justify="space-between" align="center" wrap gap={4}>
          <StatusTag status={task.status} name={task.statusName} />
          <span style={{ fontSize: 12 }}>
            截止 {task.dueOn} <DaysLeft task={task} />
          </span>
        </Flex>
        {task.status !== 'closed' && <Progress percent={task.percent} size="small" style={{ margin: 0 }} />}
      </Flex>
    </Card>
  );
}

function Column({ light, filters, onOpen, onMore }: { light: TaskLight; filters: Query; onOpen: (id: string) => void; onMore: (l: TaskLight) => void }) {
  const query: Query = { ...filters, light, page: 1, pageSize: SHOWN, sort: 'dueOn', order: light === 'done' ? 'desc' : 'asc' };
  const list = useQuery({
    queryKey: [...TASKS_KEY, 'list', query],
    queryFn: ({ signal }) => api.get<TaskPage>(TASKS_URL, query, signal),
  });
  const total = list.data?.total;
  return (
    <Card
      size="small"
      title={
        <span>
          <Badge color={LIGHT_COLOR[light]} /> {LIGHT_LABEL[light]}
          {total !== undefined && <Typography.Text type="secondary"> {total}</Typography.Text>}
        </span>
      }
      styles={{ body: { background: '#fafafa', padding: 8 } }}
      data-light={light}
    >
      {list.isError && <Alert type="error" showIcon title={errorMessage(list.error)} />}
      {list.isPending ? (
        <Skeleton active />
      ) : (list.data?.items.length ?? 0) === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="无" />
      ) : (
        <Flex vertical gap={8}>
          {list.data!.items.map((t) => (
            <TaskCard key={t.id} task={t} onOpen={onOpen} />
          ))}
          {total! > SHOWN && (
            <Typography.Link onClick={() => onMore(light)} style={{ textAlign: 'center' }}>
              还有 {total! - SHOWN} 项，在列表中查看
            </Typography.Link>
          )}
        </Flex>
      )}
    </Card>
  );
}

export function TaskBoard({ filters, onOpen, onMore }: { filters: Query; onOpen: (id: string) => void; onMore: (l: TaskLight) => void }) {
  return (
    <Row gutter={[12, 12]}>
      {LIGHTS.map((l) => (
        <Col key={l} xs={24} md={12} xl={6}>
          <Column light={l} filters={filters} onOpen={onOpen} onMore={onMore} />
        </Col>
      ))}
    </Row>
  );
}
