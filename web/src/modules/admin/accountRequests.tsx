// 三员分立's two-person account acts (server platform/accounts/requests.ts): the list of requests with the
// actions the server says the viewer may take, and the dialog that shows one half of a temporary password once.
import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, List, Modal, Popconfirm, Space, Tag, Typography } from 'antd';
import { api, errorMessage } from '../../api/client';
import type { ApiSchema } from '../../api/types';
import { formatInstant } from '../../lib/time';

export type AccountRequest = ApiSchema<'AccountRequest'>;

export const ACCOUNT_REQUESTS_URL = '/api/v1/admin/account-requests';
const KEY = ['admin', 'account-requests'] as const;

export function useAccountRequests(status: 'pending' | 'all') {
  return useQuery({
    queryKey: [...KEY, status],
    queryFn: ({ signal }) => api.get<{ items: AccountRequest[] }>(ACCOUNT_REQUESTS_URL, { status }, signal),
  });
}

export function useRefreshAccountRequests(): () => Promise<void> {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: KEY });
}

const STATUS: Record<AccountRequest['status'], { text: string; color?: string }> = {
  pending: { text: '待批准', color: 'orange' },
  approved: { text: '已批准', color: 'green' },
  refused: { text: '已拒绝', color: 'red' },
  cancelled: { text: '已撤销' },
  expired: { text: '已过期' },
};

export interface OneTimePart {
  half: 'A' | 'B';
  value: string;
  targetName: string;
}

/** One half of a temporary password, shown once: it is not stored anywhere the viewer can open again. */
export function OneTimePartModal({ part, onClose }: { part: OneTimePart | null; onClose: () => void }) {
  const first = part?.half === 'A';
  return (
    <Modal
      title={first ? '临时密码前半段（只显示这一次）' : '临时密码后半段（只显示这一次）'}
      open={!!part}
      onCancel={onClose}
      maskClosable={false}
      footer={<Button type="primary" onClick={onClose}>我已交给本人，关闭</Button>}
    >
      {part && (
        <Space direction="vertical" size={12} style={{ width: '100%' }}>
          <Typography.Text>
            请把下面的{first ? '前半段' : '后半段'}当面或电话告诉“{part.targetName}”本人，不要发给其他人，也不要告诉另一位管理员：
          </Typography.Text>
          <Typography.Text code copyable style={{ fontSize: 24 }} data-testid="password-part">
            {part.value}
          </Typography.Text>
          <Alert
            type="info"
            showIcon
            title={
              first
                ? '重置要等安全保密员（重置安全保密员时为安全审计员）批准后才生效。批准人会拿到后半段，也交给本人。本人登录时把前半段和后半段连在一起输入（前半段在前），登录后必须立即修改密码。'
                : '密码已重置，原来的登录已全部失效。本人登录时把系统管理员给的前半段和这里的后半段连在一起输入（前半段在前），登录后必须立即修改密码。'
            }
          />
        </Space>
      )}
    </Modal>
  );
}

/** Requests as a card: pending ones with 批准/拒绝 (for the approver) or 撤销 (for the proposer). */
export function AccountRequestsCard({ status, title, emptyText }: { status: 'pending' | 'all'; title: string; emptyText: string }) {
  const { message } = App.useApp();
  const requests = useAccountRequests(status);
  const refresh = useRefreshAccountRequests();
  const [part, setPart] = useState<OneTimePart | null>(null);

  const act = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work();
      void message.success(done);
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      await refresh();
    }
  };
  const approve = (r: AccountRequest) =>
    act(async () => {
      const answer = await api.post<{ partB: string | null }>(`${ACCOUNT_REQUESTS_URL}/${encodeURIComponent(r.id)}/approve`);
      if (answer?.partB) setPart({ half: 'B', value: answer.partB, targetName: r.targetDisplayName });
    }, '已批准');

  return (
    <Card title={title} loading={requests.isPending}>
      {requests.isError && <Alert type="error" showIcon title={errorMessage(requests.error)} />}
      {requests.data && requests.data.items.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} />}
      {requests.data && requests.data.items.length > 0 && (
        <List
          dataSource={requests.data.items}
          rowKey="id"
          renderItem={(r) => (
            <List.Item
              actions={[
                r.canDecide && (
                  <Popconfirm
                    key="approve"
                    title={`批准${r.kindName}：${r.targetDisplayName}？`}
                    description={r.kind === 'password.reset' ? '批准后会显示临时密码后半段，只显示一次。' : undefined}
                    onConfirm={() => approve(r)}
                  >
                    <Button type="link" size="small">批准</Button>
                  </Popconfirm>
                ),
                r.canDecide && (
                  <Popconfirm key="refuse" title="拒绝这项申请？账号不会有任何变化。" onConfirm={() => act(() => api.post(`${ACCOUNT_REQUESTS_URL}/${encodeURIComponent(r.id)}/refuse`), '已拒绝')}>
                    <Button type="link" size="small" danger>拒绝</Button>
                  </Popconfirm>
                ),
                r.canCancel && (
                  <Popconfirm key="cancel" title="撤销这项申请？" onConfirm={() => act(() => api.post(`${ACCOUNT_REQUESTS_URL}/${encodeURIComponent(r.id)}/cancel`), '已撤销')}>
                    <Button type="link" size="small">撤销</Button>
                  </Popconfirm>
                ),
              ].filter(Boolean)}
            >
              <List.Item.Meta
                title={
                  <Space size={8} wrap>
                    <span>{r.kindName}：{r.targetDisplayName}（{r.targetUsername}）</span>
                    <Tag color={STATUS[r.status].color}>{STATUS[r.status].text}</Tag>
                  </Space>
                }
                description={
                  r.status === 'pending'
                    ? `${r.proposedByName}于 ${formatInstant(r.proposedAt)} 申请，须由${r.approverClassName}批准，${formatInstant(r.expiresAt)} 前有效`
                    : `${r.proposedByName}于 ${formatInstant(r.proposedAt)} 申请${r.decidedByName ? `，${r.decidedByName}于 ${formatInstant(r.decidedAt)} 处理` : ''}`
                }
              />
            </List.Item>
          )}
        />
      )}
      <OneTimePartModal part={part} onClose={() => setPart(null)} />
    </Card>
  );
}
