// 审核发布: the submitted entries this user may publish (reviewable=true: submitted, within their
// info.publish scope). Each opens in a preview with the full body and attachments; the decision is
// 发布 or 退回 with a reason. `?id=` opens one entry's preview.
import { useMemo, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useOpenId } from '../../components/useOpenId';
import { Alert, App, Button, Card, Drawer, Empty, Flex, Grid, Popconfirm, Skeleton, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { CheckOutlined, EyeOutlined, ReloadOutlined, RollbackOutlined } from '@ant-design/icons';
import { api, errorMessage, type Query } from '../../api/client';
import type { Page } from '../../api/types';
import { listQueryKey } from '../../components/ListPage';
import { PageContainer } from '../../components/PageContainer';
import { formatInstantMinute } from '../../lib/time';
import { publishEntry, useInfoEntry, useRefreshInfo } from './api';
import { CategoryTag, EntryView, ReturnModal } from './InfoEntryDrawer';
import { INFO_URL, type InfoListItem } from './types';

function ReviewDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const phone = screens.md === false;
  const entry = useInfoEntry(id);
  const refresh = useRefreshInfo();
  const [returning, setReturning] = useState(false);
  const e = entry.data;

  const publish = async () => {
    if (!e) return;
    try {
      await publishEntry(e.id);
      void message.success(`已发布：${e.title}`);
      await refresh();
      onClose();
    } catch (err) {
      void message.error(errorMessage(err));
    }
  };

  const decided = e && e.status !== 'submitted';
  const footer = e && !decided && (
    <Flex justify="flex-end" gap={8} wrap>
      {e.can.return && (
        <Button danger icon={<RollbackOutlined />} onClick={() => setReturning(true)}>
          退回
        </Button>
      )}
      {e.can.publish && (
        <Popconfirm title="发布后所有有权查看的人都能看到，确定发布？" okText="发布" cancelText="取消" onConfirm={publish}>
          <Button type="primary" icon={<CheckOutlined />}>
            发布
          </Button>
        </Popconfirm>
      )}
    </Flex>
  );

  return (
    <Drawer title={e ? `审核：${e.title}` : '审核'} open={!!id} onClose={onClose} size={phone ? '100%' : 760} footer={footer || undefined} destroyOnHidden>
      {entry.isPending && !!id ? (
        <Skeleton active />
      ) : entry.isError ? (
        <Alert type="error" showIcon title={errorMessage(entry.error)} />
      ) : e ? (
        <Flex vertical gap={16}>
          {decided && <Alert type="info" showIcon title="这条信息已经处理过，不在待审核队列中了。" />}
          <EntryView entry={e} />
        </Flex>
      ) : null}
      <ReturnModal entry={e ?? null} open={returning} onClose={() => setReturning(false)} onDone={onClose} />
    </Drawer>
  );
}

export default function InfoReviewPage() {
  const screens = Grid.useBreakpoint();
  const phone = screens.md === false;
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  // `?id=` opens one entry's preview directly (links from 待办 and notifications).
  const [previewing, setPreviewing] = useOpenId();
  const query = useMemo<Query>(() => ({ reviewable: true, ...paging }), [paging]);
  const list = useQuery({
    queryKey: [...listQueryKey(INFO_URL), query],
    queryFn: ({ signal }) => api.get<Page<InfoListItem>>(INFO_URL, query, signal),
    placeholderData: keepPreviousData,
  });

  const columns: ColumnsType<InfoListItem> = [
    {
      title: '标题',
      dataIndex: 'title',
      render: (v: string, row) => (
        <div style={phone ? undefined : { minWidth: 280, maxWidth: 600 }}>
          <Typography.Link strong onClick={() => setPreviewing(row.id)}>
            {v}
          </Typography.Link>
          {row.excerpt && (
            <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0', fontSize: 13 }} ellipsis={{ rows: 2 }}>
              {row.excerpt}
            </Typography.Paragraph>
          )}
          {phone && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {row.orgName} · {formatInstantMinute(row.updatedAt)}
            </Typography.Text>
          )}
        </div>
      ),
    },
    { title: '类别', dataIndex: 'category', responsive: ['md'], render: (v: InfoListItem['category']) => <CategoryTag category={v} /> },
    // A 党小组's name carries its branch ("机关第一党支部/第一党小组"): a set width lets it wrap instead of widening the table.
    { title: '所属组织', dataIndex: 'orgName', responsive: ['md'], width: 170 },
    { title: '提交时间', dataIndex: 'updatedAt', responsive: ['md'], render: (v: string) => formatInstantMinute(v) },
    {
      title: '操作',
      key: 'actions',
      fixed: phone ? undefined : 'right',
      render: (_: unknown, row) => (
        <Button type="link" size="small" icon={<EyeOutlined />} onClick={() => setPreviewing(row.id)}>
          审核
        </Button>
      ),
    },
  ];

  const data = list.data;
  return (
    <PageContainer title="审核发布" subTitle="下级组织提交的制度、职责和流程，预览后发布或退回">
      <Card>
        <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 16 }}>
          <Typography.Text strong style={{ fontSize: 16 }}>
            {data ? `待审核 ${data.total} 条` : '\u00a0'}
          </Typography.Text>
          <Space>
            <Button icon={<ReloadOutlined />} aria-label="刷新" title="刷新" onClick={() => void list.refetch()} />
          </Space>
        </Flex>
        {list.isError && <Alert type="error" showIcon title={errorMessage(list.error)} style={{ marginBottom: 16 }} />}
        <Table<InfoListItem>
          size="middle"
          scroll={phone ? undefined : { x: 'max-content' }}
          columns={columns}
          dataSource={data?.items ?? []}
          rowKey="id"
          loading={list.isFetching}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有待审核的信息" /> }}
          onChange={(p) => setPaging({ page: p.current ?? 1, pageSize: p.pageSize ?? 20 })}
          pagination={{
            current: paging.page,
            pageSize: paging.pageSize,
            total: data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => `共 ${total} 条`,
            simple: phone,
          }}
        />
      </Card>
      <ReviewDrawer id={previewing} onClose={() => setPreviewing(null)} />
    </PageContainer>
  );
}
