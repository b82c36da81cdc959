import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Popconfirm, Tag, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { api, errorMessage } from '../../api/client';
import type { Items, SessionInfo } from '../../api/types';
import { PageContainer } from '../../components/PageContainer';
import { formatInstant } from '../../lib/time';
import { describeUserAgent } from '../../lib/userAgent';
import { ResponsiveTable } from '../../components/ResponsiveTable';

const SESSIONS_KEY = ['auth', 'sessions'] as const;

export default function SessionsPage() {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const sessions = useQuery({
    queryKey: SESSIONS_KEY,
    queryFn: ({ signal }) => api.get<Items<SessionInfo>>('/api/v1/auth/sessions', undefined, signal),
  });
  const end = useMutation({
    mutationFn: (id: string) => api.delete(`/api/v1/auth/sessions/${encodeURIComponent(id)}`),
    onSuccess: () => {
      void message.success('已结束该会话');
      void queryClient.invalidateQueries({ queryKey: SESSIONS_KEY });
    },
    onError: (e) => void message.error(errorMessage(e)),
  });

  const columns: ColumnsType<SessionInfo> = [
    {
      title: '设备',
      dataIndex: 'userAgent',
      render: (ua: string | null, row) => (
        <span>
          <Tooltip title={ua ?? undefined}>{describeUserAgent(ua)}</Tooltip>
          {row.current && (
            <Tag color="green" style={{ marginLeft: 8 }}>
              当前
            </Tag>
          )}
        </span>
      ),
    },
    { title: 'IP 地址', dataIndex: 'ip', render: (ip: string | null) => ip ?? '-' },
    { title: '登录时间', dataIndex: 'createdAt', render: formatInstant },
    { title: '最近活动', dataIndex: 'lastSeenAt', render: formatInstant },
    { title: '到期时间', dataIndex: 'expiresAt', render: formatInstant },
    {
      title: '操作',
      key: 'actions',
      fixed: 'right',
      render: (_, row) =>
        row.current ? (
          <Tooltip title="当前会话请通过右上角“退出登录”结束">
            <Button type="link" size="small" disabled>
              结束
            </Button>
          </Tooltip>
        ) : (
          <Popconfirm title="结束该会话？" description="该设备将需要重新登录。" onConfirm={() => end.mutateAsync(row.id).catch(() => undefined)}>
            <Button type="link" size="small" danger>
              结束
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <PageContainer title="登录会话" subTitle="您的账号当前在以下设备上保持登录。发现陌生设备请立即结束该会话并修改密码。">
      <Card>
        {sessions.isError && (
          <Alert type="error" showIcon title={errorMessage(sessions.error)} style={{ marginBottom: 16 }} />
        )}
        <ResponsiveTable<SessionInfo>
          rowKey="id"
          size="middle"
          loading={sessions.isFetching}
          columns={columns}
          dataSource={sessions.data?.items ?? []}
          pagination={false}
        />
      </Card>
    </PageContainer>
  );
}
