// 编辑审稿: the editor's queue. Tabs by stage (待审 first), filters by organisation, level, submission date and
// words, the server-paged list, and the manuscript drawer with the editor's steps (意见 / 要求修改, 采用 with a
// quality rating, 退稿 with a reason, 刊发登记, 质量评定). `/publicity/review?id=…` opens one manuscript.
import { useMemo, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, DatePicker, Empty, Flex, Input, List, Row, Select, Table, Tabs, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import type { Dayjs } from 'dayjs';
import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { api, errorMessage, type Query } from '../../api/client';
import type { Page } from '../../api/types';
import { listQueryKey } from '../../components/ListPage';
import { PageContainer } from '../../components/PageContainer';
import { RecordLink } from '../../components/RecordLink';
import { useDownload } from '../../components/useDownload';
import { useOpenId } from '../../components/useOpenId';
import { formatInstant } from '../../lib/time';
import { ScopeOrgTreeSelect } from '../members/orgPickers';
import { ManuscriptDrawer } from './ManuscriptDrawer';
import { LevelTag, ManuscriptCard, Quality, StatusTag, usePhone } from './parts';
import { CHANNEL_LABEL, LEVELS, LEVEL_LABEL, MANUSCRIPTS_URL, labelOf, type ManuscriptListItem, type ManuscriptStatus } from './types';

const TABS: { key: string; label: string }[] = [
  { key: 'submitted', label: '待审' },
  { key: 'revising', label: '修改中' },
  { key: 'adopted', label: '已采用待刊发' },
  { key: 'published', label: '已刊发' },
  { key: 'rejected', label: '已退稿' },
  { key: 'all', label: '全部' },
];

export default function ReviewQueuePage() {
  const phone = usePhone();
  const [openId, setOpen] = useOpenId();
  const [tab, setTab] = useState('submitted');
  const [orgId, setOrgId] = useState<string | undefined>();
  const [level, setLevel] = useState<string | undefined>();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [q, setQ] = useState('');
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const { downloading, start } = useDownload();

  const filters = useMemo<Query>(
    () => ({
      status: tab === 'all' ? undefined : tab,
      orgId,
      level,
      from: range?.[0]?.format('YYYY-MM-DD'),
      to: range?.[1]?.format('YYYY-MM-DD'),
      q: q.trim() || undefined,
    }),
    [tab, orgId, level, range, q],
  );
  const query = useMemo<Query>(() => ({ ...filters, ...paging }), [filters, paging]);
  const list = useQuery({
    queryKey: [...listQueryKey(MANUSCRIPTS_URL), 'queue', query],
    queryFn: ({ signal }) => api.get<Page<ManuscriptListItem>>(MANUSCRIPTS_URL, query, signal),
    placeholderData: keepPreviousData,
  });

  const firstPage = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    setPaging((p) => ({ ...p, page: 1 }));
  };

  const columns: ColumnsType<ManuscriptListItem> = [
    {
      title: '标题',
      dataIndex: 'title',
      render: (_: unknown, m) => (
        <RecordLink onOpen={() => setOpen(m.id)} sub={m.revision > 1 && <>第 {m.revision} 稿</>}>
          {m.title}
        </RecordLink>
      ),
    },
    { title: '状态', dataIndex: 'status', render: (s: ManuscriptStatus) => <StatusTag status={s} /> },
    { title: '投稿组织', dataIndex: 'orgName', responsive: ['sm'] },
    { title: '作者', dataIndex: 'authorName' },
    { title: '渠道', dataIndex: 'channel', responsive: ['lg'], render: (c: string) => labelOf(CHANNEL_LABEL, c) },
    { title: '拟投媒体', dataIndex: 'outlet', responsive: ['lg'] },
    { title: '级别', dataIndex: 'level', responsive: ['md'], render: (_: unknown, m) => <LevelTag level={m.level} /> },
    { title: '投稿时间', dataIndex: 'submittedAt', responsive: ['md'], render: (v: string | null) => formatInstant(v) },
    { title: '刊发日期', dataIndex: 'publishedOn', responsive: ['lg'], render: (v: string | null) => v ?? '-' },
    { title: '质量', dataIndex: 'quality', responsive: ['md'], render: (v: number | null) => <Quality value={v} /> },
    {
      title: '操作',
      key: 'open',
      render: (_: unknown, m) => (
        <Button size="small" type={m.status === 'submitted' ? 'primary' : 'default'} onClick={() => setOpen(m.id)}>
          {m.status === 'submitted' ? '审稿' : m.status === 'adopted' ? '登记刊发' : '查看'}
        </Button>
      ),
    },
  ];

  return (
    <PageContainer title="编辑审稿" subTitle="待审稿件：提出意见或要求修改、采用并评定质量、退稿（须写明理由）；已采用的稿件见报后登记刊发。">
      <Card size="small" styles={{ body: { paddingTop: 0 } }}>
        <Tabs activeKey={tab} items={TABS} onChange={firstPage(setTab)} />
        <Row gutter={[12, 12]}>
          <Col xs={24} sm={12} lg={6}>
            <ScopeOrgTreeSelect style={{ width: '100%' }} aria-label="投稿组织" placeholder="投稿组织（含下级）" value={orgId} onChange={firstPage(setOrgId)} />
          </Col>
          <Col xs={24} sm={12} lg={5}>
            <Select
              style={{ width: '100%' }}
              allowClear
              aria-label="级别"
              placeholder="级别"
              options={LEVELS.map((l) => ({ value: l, label: LEVEL_LABEL[l] }))}
              value={level}
              onChange={firstPage(setLevel)}
            />
          </Col>
          <Col xs={24} sm={12} lg={7}>
            <DatePicker.RangePicker style={{ width: '100%' }} aria-label="投稿日期" placeholder={['投稿开始日期', '结束日期']} value={range} onChange={firstPage(setRange)} />
          </Col>
          <Col xs={24} sm={12} lg={6}>
            <Flex gap={8}>
              <Input.Search allowClear placeholder="标题或正文中的文字" aria-label="搜索稿件" onSearch={firstPage(setQ)} />
              <Button icon={<ReloadOutlined />} aria-label="刷新" title="刷新" onClick={() => void list.refetch()} />
            </Flex>
          </Col>
        </Row>
      </Card>
      <Card>
        <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
          <Typography.Text strong style={{ fontSize: 16 }}>
            {list.data ? `共 ${list.data.total} 篇` : '\u00a0'}
          </Typography.Text>
          <Button icon={<DownloadOutlined />} loading={downloading} onClick={() => void start(MANUSCRIPTS_URL, { ...filters, format: 'xlsx' }, '宣传稿件.xlsx')}>
            导出 Excel
          </Button>
        </Flex>
        {list.isError && <Alert type="error" showIcon title={errorMessage(list.error)} style={{ marginBottom: 16 }} />}
        {phone ? (
          <List<ManuscriptListItem>
            dataSource={list.data?.items ?? []}
            loading={list.isFetching}
            rowKey="id"
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有稿件" /> }}
            pagination={{
              current: paging.page,
              pageSize: paging.pageSize,
              total: list.data?.total ?? 0,
              size: 'small',
              align: 'center',
              hideOnSinglePage: true,
              onChange: (page, pageSize) => setPaging({ page, pageSize }),
            }}
            renderItem={(m) => (
              <List.Item style={{ padding: '4px 0', borderBlockEnd: 'none' }}>
                <div style={{ width: '100%' }}>
                  <ManuscriptCard m={m} onOpen={setOpen} showAuthor />
                </div>
              </List.Item>
            )}
          />
        ) : (
          <Table<ManuscriptListItem>
            size="middle"
            rowKey="id"
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
              showTotal: (total) => `共 ${total} 篇`,
            }}
          />
        )}
      </Card>
      <ManuscriptDrawer id={openId} onClose={() => setOpen(null)} />
    </PageContainer>
  );
}
