// A person's own login account: a Party member's (used when they act as themselves, e.g. QR sign-in at an
// activity) or an employee's who is not a member (通讯员, 考核员 …). The account is named after the person.
// Shown to readers; linked, changed or removed by those who maintain the record (the server checks scope).
import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Descriptions, Input, Modal, Popconfirm, Space, Typography } from 'antd';
import { api, errorMessage, isApiError } from '../api/client';
import type { ApiResponse } from '../api/types';

type AccountResponse = ApiResponse<'/api/v1/members/{id}/account'> | ApiResponse<'/api/v1/staff/{id}/account'>;

/** What linking means for each kind of person, in the confirmation and the dialog. */
const TEXTS = {
  member: {
    unlink: '解除后该账号不能再以本人身份扫码签到，确定解除？',
    hint: '关联后，党员可用该账号以本人身份扫码签到，账号姓名随党员档案。一个账号只能关联一人；三员账号不能关联。',
  },
  staff: {
    unlink: '解除后该账号保留现在的姓名，不再随员工档案更新，确定解除？',
    hint: '关联后，账号姓名随员工档案，用户管理中显示对应的员工。一个账号只能关联一人；三员账号不能关联。',
  },
} as const;

export function PersonAccount({ kind, id, url, editable }: { kind: 'member' | 'staff'; id: string; url: string; editable: boolean }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const key = [kind, id, 'account'];
  const current = useQuery({ queryKey: key, queryFn: ({ signal }) => api.get<AccountResponse>(url, undefined, signal) });
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
                  <Popconfirm title={TEXTS[kind].unlink} okText="解除" cancelText="取消" onConfirm={() => save(null)}>
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
        <Typography.Paragraph type="secondary">{TEXTS[kind].hint}</Typography.Paragraph>
        <Input aria-label="登录账号" placeholder="登录账号（用户名）" value={username} status={problem ? 'error' : undefined} onChange={(e) => setUsername(e.target.value)} maxLength={32} />
        {problem && <Typography.Text type="danger">{problem}</Typography.Text>}
      </Modal>
    </>
  );
}
