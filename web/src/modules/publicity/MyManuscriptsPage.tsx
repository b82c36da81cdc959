// 我的稿件: the correspondent's own manuscripts (cards on a phone, a table on a wide screen), filtered by
// status, with 写稿 and the manuscript drawer (editor comments, revise and resubmit, adoption, publication).
// `/publicity/mine?id=…` (links from 待办 and notifications) opens that manuscript.
import { useMemo, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Flex, Input, List, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { EditOutlined, ReloadOutlined } from '@ant-design/icons';
import { api, errorMessage, type Query } from '../../api/client';
import type { Page } from '../../api/types';
import { listQueryKey } from '../../components/ListPage';
import { PageContainer } from '../../components/PageContainer';
import { useOpenId } from '../../components/useOpenId';
import { formatInstant } from '../../lib/time';
import { ManuscriptDrawer } from './ManuscriptDrawer';
import { ManuscriptForm } from './ManuscriptForm';
import { LevelTag, ManuscriptCard, Quality, StatusTag, usePhone } from './parts';
import { CHANNEL_LABEL, MANUSCRIPTS_URL, STATUS_LABEL, labelOf, type ManuscriptListItem, type ManuscriptStatus } from './types';
import { RecordLink } from '../../components/RecordLink';
import { ResponsiveTable } from '../../components/ResponsiveTable';

const STATUS_FILTERS: { value: string; label: string }[] = [
  { value: '', label: '全部' },
  ...(['draft', 'submitted', 'revising', 'adopted', 'published', 'rejected'] as ManuscriptStatus[]).map((s) => ({ value: s, label: STATUS_LABEL[s] })),
];

export default function MyManuscriptsPage() {
  const phone = usePhone();
  const [openId, setOpen] = useOpenId();
  const [status, setStatus] = useState('');
  const [q, setQ] = useState('');
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [writing, setWriting] = useState(false);
  const [seq, setSeq] = useState(0);

  const query = useMemo<Query>(() => ({ mine: 1, status: status || undefined, q: q.trim() || undefined, ...paging }), [status, q, paging]);
  const list = useQuery({
    queryKey: [...listQueryKey(MANUSCRIPTS_URL), query],
    queryFn: ({ signal }) => api.get<Page<ManuscriptListItem>>(MANUSCRIPTS_URL, query, signal),
    placeholderData: keepPreviousData,
  });
  const items = list.data?.items ?? [];

  const columns: ColumnsType<ManuscriptListItem> = [
    {
      title: '标题',
      dataIndex: 'title',
      render: (_: unknown, m) => <RecordLink onOpen={() => setOpen(m.id)}>{m.title}</RecordLink>,
    },
    { title: '状态', dataIndex: 'status', render: (s: ManuscriptStatus) => <StatusTag status={s} /> },
    { title: '投稿组织', dataIndex: 'orgName' },
    { title: '渠道', dataIndex: 'channel', render: (c: string) => labelOf(CHANNEL_LABEL, c) },
    { title: '拟投媒体', dataIndex: 'outlet' },
    { title: '级别', dataIndex: 'level', render: (_: unknown, m) => <LevelTag level={m.level} /> },
    { title: '投稿时间', dataIndex: 'submittedAt', render: (v: string | null) => formatInstant(v) },
    { title: '刊发日期', dataIndex: 'publishedOn', render: (v: string | null) => v ?? '-' },
    { title: '质量', dataIndex: 'quality', render: (v: number | null) => <Quality value={v} /> },
  ];

  const write = () => {
    setSeq((n) => n + 1);
    setWriting(true);
  };

  const pagination = {
    current: paging.page,
    pageSize: paging.pageSize,
    total: list.data?.total ?? 0,
    showTotal: (total: number) => `共 ${total} 篇`,
    size: 'small' as const,
    onChange: (page: number, pageSize: number) => setPaging({ page, pageSize }),
  };

  return (
    <PageContainer
      title="我的稿件"
      subTitle={phone ? undefined : '写稿投稿；编辑提出意见或要求修改时按意见修改后重新提交；采用、刊发和质量评分在这里查看。'}
      extra={
        <Button type="primary" icon={<EditOutlined />} onClick={write} size={phone ? 'large' : 'middle'}>
          写稿
        </Button>
      }
    >
      <Card size="small">
        <Flex vertical gap={8}>
          {/* Chips that wrap: a phone shows every status without scrolling a strip sideways. */}
          <Flex wrap gap={4} aria-label="按状态筛选">
            {STATUS_FILTERS.map((f) => (
              <Tag.CheckableTag
                key={f.value}
                checked={status === f.value}
                onChange={() => {
                  setStatus(f.value);
                  setPaging((p) => ({ ...p, page: 1 }));
                }}
                style={{ fontSize: 14, padding: '4px 10px' }}
              >
                {f.label}
              </Tag.CheckableTag>
            ))}
          </Flex>
          <Flex gap={8}>
            <Input.Search
              allowClear
              placeholder="标题或正文中的文字"
              aria-label="搜索我的稿件"
              onSearch={(v) => {
                setQ(v);
                setPaging((p) => ({ ...p, page: 1 }));
              }}
            />
            <Button icon={<ReloadOutlined />} aria-label="刷新" title="刷新" onClick={() => void list.refetch()} />
          </Flex>
        </Flex>
      </Card>
      {list.isError && <Alert type="error" showIcon title={errorMessage(list.error)} />}
      {phone ? (
        <List<ManuscriptListItem>
          dataSource={items}
          loading={list.isFetching}
          rowKey="id"
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="还没有稿件，点“写稿”开始" /> }}
          pagination={items.length > 0 || paging.page > 1 ? { ...pagination, align: 'center' } : false}
          renderItem={(m) => (
            <List.Item style={{ padding: '4px 0', borderBlockEnd: 'none' }}>
              <div style={{ width: '100%' }}>
                <ManuscriptCard m={m} onOpen={setOpen} />
              </div>
            </List.Item>
          )}
        />
      ) : (
        <Card>
          <ResponsiveTable<ManuscriptListItem>
            size="middle"
            rowKey="id"
            columns={columns}
            dataSource={items}
            loading={list.isFetching}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="还没有稿件，点“写稿”开始" /> }}
            pagination={{ ...pagination, showSizeChanger: true, pageSizeOptions: [10, 20, 50] }}
          />
        </Card>
      )}
      <ManuscriptDrawer id={openId} onClose={() => setOpen(null)} />
      <ManuscriptForm key={seq} manuscript={null} open={writing} onClose={() => setWriting(false)} onSaved={(m) => setOpen(m.id)} />
    </PageContainer>
  );
}
