// The member's own login account (used when they act as themselves, e.g. QR sign-in at an activity):
// shown to readers; linked, changed or removed by those who maintain the member (the server checks scope).
import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Descriptions, Input, Modal, Popconfirm, Space, Typography } from 'antd';
import { api, errorMessage, isApiError } from '../../api/client';
import type { ApiResponse } from '../../api/types';

export function MemberAccount({ memberId, url, editable }: { memberId: string; url: string; editable: boolean }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const key = ['member', memberId, 'account'];
  const current = useQuery({ queryKey: key, queryFn: ({ signal }) => api.get<ApiResponse<'/api/v1/members/{id}/account'>>(url, undefined, signal) });
  const [editing, setEditing] = useState(false);
  const [username, setUsername] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const save = async (name: string | null) => {
    setSaving(true);
    setProblem(null);
    try {
      await api.put(url, { username: name });
      void message.success(name ? '已关联登录账号' : '已解除关联');
      setEditing(false);
      await queryClient.invalidateQueries({ queryKey: key });
    } catch (e) {
      const text = isApiError(e) ? (e.fields?.username ?? e.message) : errorMessage(e);
      if (name) setProblem(text);
      else void message.error(text);
    } finally {
      setSaving(false);
    }
  };

  const account = current.data?.account;
  return (
    <>
      <Descriptions
        title="登录账号"
        column={1}
        bordered
        size="small"
        items={[
          {
            key: 'account',
            label: '本人账号',
            children: (
              <Space wrap>
                <span>{current.isPending ? '…' : account ? `${account.displayName}（${account.username}）` : '未关联'}</span>
                {editable && (
                  <Button size="small" onClick={() => { setUsername(account?.username ?? ''); setProblem(null); setEditing(true); }}>
                    {account ? '更换' : '关联账号'}
                  </Button>
                )}
                {editable && account && (
                  <Popconfirm title="解除后该账号不能再以本人身份扫码签到，确定解除？" okText="解除" cancelText="取消" onConfirm={() => save(null)}>
                    <Button size="small" danger>
                      解除关联
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Modal title="关联登录账号" open={editing} okText="保存" cancelText="取消" confirmLoading={saving} onOk={() => void save(username.trim())} onCancel={() => setEditing(false)} destroyOnHidden>
        <Typography.Paragraph type="secondary">关联后，党员可用该账号以本人身份扫码签到。一个账号只能关联一名党员；三员账号不能关联。</Typography.Paragraph>
        <Input aria-label="登录账号" placeholder="登录账号（用户名）" value={username} status={problem ? 'error' : undefined} onChange={(e) => setUsername(e.target.value)} maxLength={32} />
        {problem && <Typography.Text type="danger">{problem}</Typography.Text>}
      </Modal>
    </>
  );
}
