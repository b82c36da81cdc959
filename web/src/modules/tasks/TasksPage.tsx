// 督办事项: tabs (全部 / 我负责的 / 我部署的 / 待我验收), a light legend with counts that filters by light,
// status, organisation and keyword filters, the server-paged list, 部署任务 and the task drawer.
// `/tasks?id=…` (links from 待办 and notifications) opens that task's drawer.
import { useDownload } from '../../components/useDownload';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useOpenId } from '../../components/useOpenId';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Badge, Button, Card, Col, Flex, Input, Progress, Row, Segmented, Select, Space, Tabs, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { DownloadOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { api, errorMessage, type Query } from '../../api/client';
import { useSession } from '../../app/session';
import { useTableSort } from '../../components/ListPage';
import { PageContainer } from '../../components/PageContainer';
import { ScopeOrgTreeSelect } from '../members/orgPickers';
import { TASKS_KEY, TASKS_URL, useRefreshTasks } from './api';
import { DaysLeft, LightDot, StatusTag } from './parts';
import { TaskBoard } from './TaskBoard';
import { DeployTaskModal } from './TaskForms';
import { TaskDrawer } from './TaskDrawer';
import { KIND_LABEL, LIGHT_COLOR, LIGHT_LABEL, LIGHTS, STATUS_LABEL, options, type Task, type TaskLight, type TaskPage } from './types';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { FilterDrawer } from '../../components/FilterDrawer';

type TabKey = 'all' | 'owner' | 'issuer' | 'verify';

const TAB_QUERY: Record<TabKey, Query> = {
  all: {},
  owner: { mine: 'owner' },
  issuer: { mine: 'issuer' },
  verify: { mine: 'verifier', status: 'completionReported' },
};

/** The light legend: one clickable count per light; clicking again clears the filter. */
function LightLegend({
  summary,
  value,
  onChange,
}: {
  summary: TaskPage['summary'] | undefined;
  value: TaskLight | undefined;
  onChange: (l: TaskLight | undefined) => void;
}) {
  return (
    <Flex wrap gap={8} role="group" aria-label="按灯筛选">
      <Button type={value ? 'default' : 'primary'} ghost={!value} onClick={() => onChange(undefined)}>
        全部 {summary?.total ?? '-'}
      </Button>
      {LIGHTS.map((l) => (
        <Button
          key={l}
          type={value === l ? 'primary' : 'default'}
          ghost={value === l}
          aria-pressed={value === l}
          onClick={() => onChange(value === l ? undefined : l)}
        >
          <Badge color={LIGHT_COLOR[l]} />
          {LIGHT_LABEL[l]} {summary?.[l] ?? '-'}
        </Button>
      ))}
    </Flex>
  );
}

export default function TasksPage() {
  const { can } = useSession();
  const [openId, setOpen] = useOpenId();
  const [tab, setTab] = useState<TabKey>('all');
  // The 工作台 links here with ?orgId=…&light=red: the list behind its number.
  const [search] = useSearchParams();
  const linkedLight = search.get('light');
  const [light, setLight] = useState<TaskLight | undefined>(LIGHTS.find((l) => l === linkedLight));
  const [status, setStatus] = useState<string | undefined>();
  const [kind, setKind] = useState<string | undefined>();
  const [orgId, setOrgId] = useState<string | undefined>(search.get('orgId') ?? undefined);
  const [q, setQ] = useState('');
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const sorting = useTableSort();
  const [deploying, setDeploying] = useState(false);
  const [seq, setSeq] = useState(0);
  const { downloading: exporting, start: startDownload } = useDownload();
  const [view, setView] = useState<'list' | 'board'>('list');
  const refresh = useRefreshTasks();

  const filters = useMemo<Query>(() => {
    const out: Query = { ...TAB_QUERY[tab], light, kind, orgId, q: q.trim() || undefined };
    if (status && tab !== 'verify') out.status = status;
    return out;
  }, [tab, light, status, kind, orgId, q]);
  const query = useMemo<Query>(() => ({ ...filters, ...sorting.params, ...paging }), [filters, sorting.params, paging]);
  const boardFilters = useMemo<Query>(() => ({ ...filters, light: undefined }), [filters]);

  const list = useQuery({
    queryKey: [...TASKS_KEY, 'list', query],
    queryFn: ({ signal }) => api.get<TaskPage>(TASKS_URL, query, signal),
    placeholderData: keepPreviousData,
  });

  const firstPage = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    setPaging((p) => ({ ...p, page: 1 }));
  };

  const openTask = (id: string) => setOpen(id);
  const closeTask = () => setOpen(null);

  const exportXlsx = () => startDownload(TASKS_URL, { ...filters, format: 'xlsx' }, '督办事项.xlsx');

  const columns: ColumnsType<Task> = [
    { title: '灯', dataIndex: 'light', width: 80, render: (_: unknown, t) => <LightDot light={t.light} text={t.lightName} /> },
    {
      title: '任务',
      dataIndex: 'title',
      sorter: true,
      render: (_: unknown, t) => (
        <Flex vertical>
          <Typography.Link strong onClick={() => openTask(t.id)}>
            {t.title}
          </Typography.Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t.kindName}
            {t.programmeName ? ` · ${t.programmeName}` : ''}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: '状态', dataIndex: 'status', render: (_: unknown, t) => <StatusTag status={t.status} name={t.statusName} /> },
    { title: '责任组织', dataIndex: 'ownerOrgName', responsive: ['md'] },
    { title: '责任人', dataIndex: 'ownerName', responsive: ['sm'] },
    {
      title: '截止日期',
      dataIndex: 'dueOn',
      sorter: true,
      render: (_: unknown, t) => (
        <Flex vertical>
          <span>{t.dueOn}</span>
          <DaysLeft task={t} />
        </Flex>
      ),
    },
    { title: '进度', dataIndex: 'percent', responsive: ['lg'], render: (v: number) => <Progress percent={v} size="small" style={{ width: 100, margin: 0 }} /> },
    { title: '部署人', dataIndex: 'issuerName', responsive: ['lg'] },
  ];

  const tabs = [
    { key: 'all', label: '全部' },
    { key: 'owner', label: '我负责的' },
    { key: 'issuer', label: '我部署的' },
    ...(can('task.verify') ? [{ key: 'verify', label: '待我验收' }] : []),
  ];

  return (
    <PageContainer
      title="督办事项"
      subTitle="部署 → 接收 → 汇报进度 → 提交完成报告 → 验收销号；未经验收不能销号。黄灯为临近截止，红灯为已逾期。"
      extra={
        can('task.write') && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => {
              setSeq((n) => n + 1);
              setDeploying(true);
            }}
          >
            部署任务
          </Button>
        )
      }
    >
      <Card size="small" styles={{ body: { paddingTop: 0 } }}>
        <Tabs activeKey={tab} items={tabs} onChange={(k) => firstPage(setTab)(k as TabKey)} />
        <Flex vertical gap={12}>
          <LightLegend
            summary={list.data?.summary}
            value={view === 'list' ? light : undefined}
            onChange={(l) => {
              // On the board every light has its column: a chosen light opens the list of that light.
              if (view === 'board') setView('list');
              firstPage(setLight)(l);
            }}
          />
          <Row gutter={[12, 12]}>
            <Col xs={24} md={18}>
              <FilterDrawer active={[status, kind, orgId].filter(Boolean).length} doneButton>
                <Row gutter={[12, 12]}>
                  <Col xs={24} md={8}>
                    <Select
                      style={{ width: '100%' }}
                      allowClear
                      placeholder="状态"
                      aria-label="状态"
                      options={options(STATUS_LABEL)}
                      value={status}
                      disabled={tab === 'verify'}
                      onChange={firstPage(setStatus)}
                    />
                  </Col>
                  <Col xs={24} md={8}>
                    <Select style={{ width: '100%' }} allowClear placeholder="任务类型" aria-label="任务类型" options={options(KIND_LABEL)} value={kind} onChange={firstPage(setKind)} />
                  </Col>
                  <Col xs={24} md={8}>
                    <ScopeOrgTreeSelect style={{ width: '100%' }} placeholder="责任组织（含下级）" value={orgId} onChange={firstPage(setOrgId)} />
                  </Col>
                </Row>
              </FilterDrawer>
            </Col>
            <Col xs={24} md={6}>
              <Input.Search allowClear placeholder="标题或说明中的文字" aria-label="搜索任务" onSearch={firstPage(setQ)} />
            </Col>
          </Row>
        </Flex>
      </Card>
      <Card>
        <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 16 }}>
          <Typography.Text strong style={{ fontSize: 16 }}>
            {list.data ? `共 ${list.data.total} 项` : '\u00a0'}
          </Typography.Text>
          <Space wrap>
            <Segmented
              value={view}
              onChange={(v) => {
                setView(v as 'list' | 'board');
                if (v === 'board') firstPage(setLight)(undefined);
              }}
              options={[
                { value: 'list', label: '列表' },
                { value: 'board', label: '看板' },
              ]}
            />
            <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportXlsx()}>
              导出 Excel
            </Button>
            <Button icon={<ReloadOutlined />} aria-label="刷新" title="刷新" onClick={() => void list.refetch()} />
          </Space>
        </Flex>
        {list.isError && <Alert type="error" showIcon title={errorMessage(list.error)} style={{ marginBottom: 16 }} />}
        {view === 'board' ? (
          <TaskBoard
            filters={boardFilters}
            onOpen={openTask}
            onMore={(l) => {
              setView('list');
              firstPage(setLight)(l);
            }}
          />
        ) : (
          <ResponsiveTable<Task>
            size="middle"
            rowKey="id"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.isFetching}
            onRow={(t) => ({ style: t.light === 'red' ? { background: '#fff1f0' } : undefined })}
            onChange={(p, _f, sorter) => {
              sorting.fromTable(sorter);
              setPaging({ page: p.current ?? 1, pageSize: p.pageSize ?? 20 });
            }}
            pagination={{
              current: paging.page,
              pageSize: paging.pageSize,
              total: list.data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: [10, 20, 50, 100],
              showTotal: (total) => `共 ${total} 项`,
            }}
          />
        )}
      </Card>

      <TaskDrawer id={openId} onClose={closeTask} />
      {can('task.write') && (
        <DeployTaskModal
          key={seq}
          open={deploying}
          onClose={() => setDeploying(false)}
          onDone={(t) => {
            void refresh();
            openTask(t.id);
          }}
        />
      )}
    </PageContainer>
  );
}
