// 消息通知: the signed-in user's inbox, all or unread only; opening one marks it read and goes to its
// record; 全部标为已读.
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, App, Badge, Button, Card, Flex, List, Segmented, Typography } from 'antd';
import { CheckOutlined, ReloadOutlined } from '@ant-design/icons';
import { api, errorMessage } from '../../api/client';
import { PageContainer } from '../../components/PageContainer';
import { formatInstant } from '../../lib/time';
import { NOTIFICATIONS_URL, NOTIFY_KEY, useRefreshNotify } from './api';
import type { ApiResponse } from '../../api/types';
import type { Notification, NotificationPage } from './types';

export default function NotificationsPage() {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const refresh = useRefreshNotify();
  const [unread, setUnread] = useState(false);
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [busy, setBusy] = useState(false);
  const query = { unread, ...paging };
  const list = useQuery({
    queryKey: [...NOTIFY_KEY, 'list', query],
    queryFn: ({ signal }) => api.get<NotificationPage>(NOTIFICATIONS_URL, query, signal),
    placeholderData: keepPreviousData,
  });

  const markRead = async (n: Notification) => {
    if (n.readAt) return;
    await api.post(`${NOTIFICATIONS_URL}/${encodeURIComponent(n.id)}/read`);
    await refresh();
  };

  const open = async (n: Notification) => {
    try {
      await markRead(n);
    } catch (e) {
      void message.error(errorMessage(e));
    }
    if (n.link) void navigate(n.link);
  };

  const markAll = async () => {
    setBusy(true);
    try {
      const r = await api.post<ApiResponse<'/api/v1/notifications/read-all', 'post'>>(`${NOTIFICATIONS_URL}/read-all`);
      void message.success(r.marked > 0 ? `已将 ${r.marked} 条标为已读` : '没有未读通知');
      await refresh();
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const data = list.data;
  return (
    <PageContainer
      title="消息通知"
      subTitle="任务部署、完成报告、验收退回和到期提醒等消息。"
      extra={
        <Button icon={<CheckOutlined />} loading={busy} disabled={!data || data.unreadCount === 0} onClick={() => void markAll()}>
          全部标为已读
        </Button>
      }
    >
      <Card>
        <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
          <Segmented
            value={unread ? 'unread' : 'all'}
            options={[
              { value: 'all', label: '全部' },
              { value: 'unread', label: `未读${data ? ` ${data.unreadCount}` : ''}` },
            ]}
            onChange={(v) => {
              setUnread(v === 'unread');
              setPaging((p) => ({ ...p, page: 1 }));
            }}
          />
          <Button icon={<ReloadOutlined />} aria-label="刷新" title="刷新" onClick={() => void list.refetch()} />
        </Flex>
        {list.isError && <Alert type="error" showIcon title={errorMessage(list.error)} style={{ marginBottom: 12 }} />}
        <List<Notification>
          loading={list.isFetching}
          dataSource={data?.items ?? []}
          rowKey="id"
          locale={{ emptyText: unread ? '没有未读通知' : '暂无通知' }}
          pagination={
            data && data.total > paging.pageSize
              ? {
                  current: paging.page,
                  pageSize: paging.pageSize,
                  total: data.total,
                  showTotal: (t) => `共 ${t} 条`,
                  onChange: (page, pageSize) => setPaging({ page, pageSize }),
                }
              : false
          }
          renderItem={(n) => (
            <List.Item
              actions={
                n.readAt
                  ? []
                  : [
                      <Button
                        key="read"
                        type="link"
                        size="small"
                        onClick={() => void markRead(n).catch((e: unknown) => void message.error(errorMessage(e)))}
                      >
                        标为已读
                      </Button>,
                    ]
              }
            >
              <List.Item.Meta
                avatar={<Badge status={n.readAt ? 'default' : 'error'} />}
                title={
                  n.link ? (
                    <Typography.Link strong={!n.readAt} onClick={() => void open(n)}>
                      {n.title}
                    </Typography.Link>
                  ) : (
                    <Typography.Text strong={!n.readAt}>{n.title}</Typography.Text>
                  )
                }
                description={
                  <Flex vertical>
                    {n.body && <span style={{ whiteSpace: 'pre-wrap' }}>{n.body}</span>}
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {formatInstant(n.createdAt)}
                      {n.readAt ? ' · 已读' : ' · 未读'}
                    </Typography.Text>
                  </Flex>
                }
              />
            </List.Item>
          )}
        />
      </Card>
    </PageContainer>
  );
}
