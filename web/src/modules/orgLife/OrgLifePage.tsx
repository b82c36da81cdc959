// 三会一课: the month calendar (activities on their days, coloured by kind; a click on a day lists that day's
// activities and offers 新建) and the list (filters, server paging, Excel export). `/org-life?id=…` (links
// from 待办, 管控信息 and the 问题清单) opens the record's drawer.
import { useOpenId } from '../../components/useOpenId';
import { useDownload } from '../../components/useDownload';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Badge, Button, Calendar, Card, Col, DatePicker, Empty, Flex, Grid, Input, List, Modal, Row, Segmented, Select, Space, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { DownloadOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { api, errorMessage, type Query } from '../../api/client';
import type { Page } from '../../api/types';
import { useSession } from '../../app/session';
import { PageContainer } from '../../components/PageContainer';
import { formatInstantMinute } from '../../lib/time';
import { ScopeOrgTreeSelect } from '../members/orgPickers';
import { ORG_LIFE_KEY, useActivitiesBetween, useKinds, useRefreshOrgLife } from './api';
import { ActivityDrawer } from './ActivityDrawer';
import { ActivityFormModal } from './ActivityForm';
import { KindTag, StatusTag } from './parts';
import { ACTIVITIES_URL, STATUS_LABEL, formatRate, kindColor, options, type Activity } from './types';
import { RecordLink } from '../../components/RecordLink';
import { ResponsiveTable } from '../../components/ResponsiveTable';

const hhmm = (iso: string) => formatInstantMinute(iso).slice(11);

export default function OrgLifePage() {
  const { can } = useSession();
  const screens = Grid.useBreakpoint();
  const phone = screens.md === false;
  const [searchParams] = useSearchParams();
  const [openId, setOpen] = useOpenId();
  const kinds = useKinds();
  const refresh = useRefreshOrgLife();

  const [view, setView] = useState<'calendar' | 'list'>('calendar');
  // 问题清单 links here with ?orgId= for an organisation's activities.
  const [orgId, setOrgId] = useState<string | undefined>(() => searchParams.get('orgId') ?? undefined);
  const [kind, setKind] = useState<string | undefined>();
  const [status, setStatus] = useState<string | undefined>();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [q, setQ] = useState('');
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [month, setMonth] = useState(() => dayjs());
  const [day, setDay] = useState<Dayjs | null>(null);
  const [creating, setCreating] = useState<{ day?: Dayjs } | null>(null);
  const [seq, setSeq] = useState(0);
  const { downloading: exporting, start: startDownload } = useDownload();

  const filters = useMemo<Query>(
    () => ({
      orgId,
      kind,
      status,
      q: q.trim() || undefined,
      from: range?.[0]?.format('YYYY-MM-DD'),
      to: range?.[1]?.format('YYYY-MM-DD'),
    }),
    [orgId, kind, status, q, range],
  );
  const query = useMemo<Query>(() => ({ ...filters, ...paging }), [filters, paging]);
  const list = useQuery({
    queryKey: [...ORG_LIFE_KEY, 'list', query],
    queryFn: ({ signal }) => api.get<Page<Activity>>(ACTIVITIES_URL, query, signal),
    placeholderData: keepPreviousData,
    enabled: view === 'list',
  });

  // The calendar shows six weeks around the month: fetch them all.
  const gridFrom = month.startOf('month').subtract(7, 'day').format('YYYY-MM-DD');
  const gridTo = month.endOf('month').add(14, 'day').format('YYYY-MM-DD');
  const calendarFilters = useMemo(() => ({ orgId, kind, status }), [orgId, kind, status]);
  const monthItems = useActivitiesBetween(gridFrom, gridTo, calendarFilters);
  const byDay = useMemo(() => {
    const m = new Map<string, Activity[]>();
    for (const a of monthItems.data ?? []) {
      const list = m.get(a.startsOn) ?? [];
      list.push(a);
      m.set(a.startsOn, list);
    }
    return m;
  }, [monthItems.data]);

  const firstPage = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    setPaging((p) => ({ ...p, page: 1 }));
  };
  const openActivity = (id: string) => setOpen(id);
  const closeActivity = () => setOpen(null);
  const startCreate = (d?: Dayjs) => {
    setSeq((n) => n + 1);
    setCreating({ day: d });
  };

  const exportXlsx = () => startDownload(ACTIVITIES_URL, { ...filters, format: 'xlsx' }, '组织生活.xlsx');

  const kindOptions = (kinds.data ?? []).map((k) => ({ value: k.code, label: k.name }));
  const columns: ColumnsType<Activity> = [
    {
      title: '活动',
      dataIndex: 'title',
      render: (_: unknown, a) => <RecordLink onOpen={() => openActivity(a.id)} sub={a.themeTitle ? `主题：${a.themeTitle}` : a.place ?? ''}>{a.title}</RecordLink>,
    },
    { title: '类型', dataIndex: 'kind', render: (_: unknown, a) => <KindTag kind={a.kind} name={a.kindName} /> },
    { title: '党组织', dataIndex: 'orgName', responsive: ['md'] },
    { title: '时间', dataIndex: 'startsAt', render: (v: string) => formatInstantMinute(v) },
    { title: '状态', dataIndex: 'status', render: (_: unknown, a) => <StatusTag status={a.status} name={a.statusName} /> },
    {
      title: '出勤',
      dataIndex: 'rate',
      responsive: ['sm'],
      render: (_: unknown, a) => (
        <span>
          {a.present}/{a.expected} · {formatRate(a.rate)}
        </span>
      ),
    },
    { title: '主持人', dataIndex: 'hostName', responsive: ['lg'] },
  ];

  const dayItems = day ? (byDay.get(day.format('YYYY-MM-DD')) ?? []) : [];

  return (
    <PageContainer
      title="三会一课"
      subTitle="党员大会、支委会、党小组会、党课、主题党日和党员活动日的计划、记录与考勤。"
      extra={
        can('orgLife.write') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => startCreate()}>
            新建活动
          </Button>
        )
      }
    >
      <Card size="small">
        <Row gutter={[12, 12]}>
          <Col xs={24} sm={12} lg={6}>
            <ScopeOrgTreeSelect style={{ width: '100%' }} aria-label="党组织" value={orgId} onChange={firstPage(setOrgId)} />
          </Col>
          <Col xs={12} sm={6} lg={4}>
            <Select style={{ width: '100%' }} allowClear placeholder="活动类型" aria-label="活动类型" options={kindOptions} value={kind} onChange={firstPage(setKind)} />
          </Col>
          <Col xs={12} sm={6} lg={4}>
            <Select style={{ width: '100%' }} allowClear placeholder="状态" aria-label="状态" options={options(STATUS_LABEL)} value={status} onChange={firstPage(setStatus)} />
          </Col>
          {view === 'list' && (
            <>
              <Col xs={24} sm={12} lg={5}>
                <DatePicker.RangePicker style={{ width: '100%' }} placeholder={['开始日期', '结束日期']} value={range} onChange={(v) => firstPage(setRange)(v)} />
              </Col>
              <Col xs={24} sm={12} lg={5}>
                <Input.Search allowClear placeholder="标题、主题、记录中的文字" aria-label="搜索活动" onSearch={firstPage(setQ)} />
              </Col>
            </>
          )}
        </Row>
      </Card>
      <Card>
        <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
          <Segmented
            value={view}
            onChange={(v) => setView(v as 'calendar' | 'list')}
            options={[
              { value: 'calendar', label: '日历' },
              { value: 'list', label: '列表' },
            ]}
          />
          <Space wrap>
            {view === 'list' && (
              <>
                <Typography.Text strong>{list.data ? `共 ${list.data.total} 项` : ''}</Typography.Text>
                <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportXlsx()}>
                  导出 Excel
                </Button>
              </>
            )}
            <Button icon={<ReloadOutlined />} aria-label="刷新" title="刷新" onClick={() => void refresh()} />
          </Space>
        </Flex>
        {view === 'calendar' ? (
          <>
            {monthItems.isError && <Alert type="error" showIcon title={errorMessage(monthItems.error)} style={{ marginBottom: 12 }} />}
            <Flex wrap gap={12} style={{ marginBottom: 8 }}>
              {(kinds.data ?? []).map((k) => (
                <Badge key={k.code} color={kindColor(k.code)} text={<span style={{ fontSize: 12 }}>{k.name}</span>} />
              ))}
            </Flex>
            <Calendar
              fullscreen={!phone}
              value={month}
              onPanelChange={(d) => setMonth(d)}
              onSelect={(d, info) => {
                setMonth(d);
                if (info.source === 'date') setDay(d);
              }}
              cellRender={(d, info) => {
                if (info.type !== 'date') return info.originNode;
                const items = byDay.get(d.format('YYYY-MM-DD')) ?? [];
                if (items.length === 0) return null;
                if (phone)
                  return (
                    <Flex justify="center" gap={2}>
                      {items.slice(0, 3).map((a) => (
                        <Badge key={a.id} color={kindColor(a.kind)} />
                      ))}
                    </Flex>
                  );
                return (
                  <Flex vertical gap={2}>
                    {items.map((a) => (
                      <div
                        key={a.id}
                        role="button"
                        tabIndex={0}
                        title={`${hhmm(a.startsAt)} ${a.title}（${a.orgName}）`}
                        onClick={(e) => {
                          e.stopPropagation();
                          openActivity(a.id);
                        }}
                        onKeyDown={(e) => {
                          if (e.key === 'Enter') openActivity(a.id);
                        }}
                        style={{
                          fontSize: 12,
                          lineHeight: '18px',
                          padding: '0 4px',
                          borderRadius: 3,
                          color: '#fff',
                          background: kindColor(a.kind),
                          opacity: a.status === 'planned' ? 0.75 : 1,
                          whiteSpace: 'nowrap',
                          overflow: 'hidden',
                          textOverflow: 'ellipsis',
                        }}
                      >
                        {hhmm(a.startsAt)} {a.kindName} · {a.orgName}
                      </div>
                    ))}
                  </Flex>
                );
              }}
            />
          </>
        ) : (
          <>
            {list.isError && <Alert type="error" showIcon title={errorMessage(list.error)} style={{ marginBottom: 16 }} />}
            <ResponsiveTable<Activity>
              size="middle"
              rowKey="id"
              scroll={{ x: 'max-content' }}
              columns={columns}
              dataSource={list.data?.items ?? []}
              loading={list.isFetching}
              onChange={(p) => setPaging({ page: p.current ?? 1, pageSize: p.pageSize ?? 20 })}
              pagination={{
                current: paging.page,
                pageSize: paging.pageSize,
                total: list.data?.total ?? 0,
                showSizeChanger: true,
                pageSizeOptions: [10, 20, 50, 100],
                showTotal: (total) => `共 ${total} 项`,
              }}
            />
          </>
        )}
      </Card>

      <Modal
        title={day ? `${day.format('YYYY年M月D日')} 的活动` : ''}
        open={!!day}
        onCancel={() => setDay(null)}
        footer={
          can('orgLife.write') ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => {
                const d = day ?? undefined;
                setDay(null);
                startCreate(d);
              }}
            >
              在这一天新建活动
            </Button>
          ) : null
        }
      >
        {dayItems.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="这一天没有活动" />
        ) : (
          <List
            dataSource={dayItems}
            rowKey="id"
            renderItem={(a) => (
              <List.Item>
                <Flex vertical gap={2}>
                  <Space wrap size={4}>
                    <KindTag kind={a.kind} name={a.kindName} />
                    <StatusTag status={a.status} name={a.statusName} />
                    <Typography.Link
                      onClick={() => {
                        setDay(null);
                        openActivity(a.id);
                      }}
                    >
                      {a.title}
                    </Typography.Link>
                  </Space>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {hhmm(a.startsAt)}—{hhmm(a.endsAt)} · {a.orgName}
                    {a.place ? ` · ${a.place}` : ''}
                  </Typography.Text>
                </Flex>
              </List.Item>
            )}
          />
        )}
      </Modal>

      <ActivityDrawer id={openId} onClose={closeActivity} />
      {can('orgLife.write') && (
        <ActivityFormModal
          key={seq}
          open={!!creating}
          day={creating?.day}
          onClose={() => setCreating(null)}
          onDone={(a) => {
            void refresh();
            openActivity(a.id);
          }}
        />
      )}
    </PageContainer>
  );
}
