import { useState } from 'react';
import { App, Button, Form, Input, Popconfirm, Space, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { PlusOutlined } from '@ant-design/icons';
import { api, errorMessage } from '../../api/client';
import type { AdminUser } from '../../api/types';
import { FormModal } from '../../components/FormModal';
import { ListPage, useRefreshList } from '../../components/ListPage';
import { PASSWORD_RULE_TEXT, passwordRule } from '../../components/form';
import { formatInstant, formatInstantMinute } from '../../lib/time';
import { USERS_URL } from './pickers';
import { AccountRequestsCard, OneTimePartModal, useRefreshAccountRequests, type AccountRequest, type OneTimePart } from './accountRequests';

const CLASS_NAMES = { sysadmin: '系统管理员', secadmin: '安全保密员', auditor: '安全审计员' } as const;
/** Who an account's person is (对应人员): a Party member or an employee who is not one. */
const PERSON_KIND = { member: '党员', staff: '员工' } as const;

/** Who approves what the 系统管理员 proposes on this account (server: approverClassFor). */
const approverOf = (u: AdminUser) => (u.adminClass === 'secadmin' ? '安全审计员' : '安全保密员');

function isLocked(u: AdminUser): boolean {
  return !!u.lockedUntil && new Date(u.lockedUntil).getTime() > Date.now();
}

function StatusTags({ user }: { user: AdminUser }) {
  const tags = [];
  if (user.disabled) tags.push(<Tag key="disabled">已停用</Tag>);
  if (isLocked(user))
    tags.push(
      <Tooltip key="locked" title={`锁定至 ${formatInstant(user.lockedUntil)}`}>
        <Tag color="red">已锁定</Tag>
      </Tooltip>,
    );
  if (user.mustChangePassword) tags.push(<Tag key="pw" color="orange">待修改密码</Tag>);
  if (tags.length === 0) tags.push(<Tag key="ok" color="green">正常</Tag>);
  return <Space size={4}>{tags}</Space>;
}

const passwordFields = (
  <>
    <Form.Item name="password" label="初始密码" rules={[{ required: true }, passwordRule]} extra={PASSWORD_RULE_TEXT}>
      <Input.Password autoComplete="new-password" />
    </Form.Item>
    <Form.Item
      name="confirmPassword"
      label="确认密码"
      dependencies={['password']}
      rules={[
        { required: true },
        ({ getFieldValue }) => ({
          validator: (_, value) =>
            !value || value === getFieldValue('password')
              ? Promise.resolve()
              : Promise.reject(new Error('两次输入的密码不一致')),
        }),
      ]}
    >
      <Input.Password autoComplete="new-password" />
    </Form.Item>
  </>
);

type Dialog = 'create' | 'edit' | null;

export default function UsersPage() {
  const { message } = App.useApp();
  const refreshUsers = useRefreshList(USERS_URL);
  const refreshRequests = useRefreshAccountRequests();
  const refresh = async () => {
    await Promise.all([refreshUsers(), refreshRequests()]);
  };
  const [part, setPart] = useState<OneTimePart | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  // Kept after closing so the closing modal does not flicker.
  const [target, setTarget] = useState<AdminUser | null>(null);
  const open = (kind: Dialog, user: AdminUser | null = null) => {
    setTarget(user);
    setDialog(kind);
  };
  const close = () => setDialog(null);
  const targetUrl = `${USERS_URL}/${encodeURIComponent(target?.id ?? '')}`;

  const act = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work();
      void message.success(done);
      await refresh();
    } catch (e) {
      void message.error(errorMessage(e));
    }
  };

  const columns: ColumnsType<AdminUser> = [
    { title: '用户名', dataIndex: 'username', render: (v: string) => <Typography.Text strong style={{ whiteSpace: 'nowrap' }}>{v}</Typography.Text> },
    {
      title: '姓名',
      dataIndex: 'displayName',
      // The person behind the account (对应人员): a linked account is named after its member, with where they sit.
      render: (v: string, u) => (
        <div>
          <div>{v}</div>
          {u.person && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{PERSON_KIND[u.person.kind]} · {u.person.detail}</Typography.Text>}
        </div>
      ),
    },
    { title: '三员', dataIndex: 'adminClass', render: (v: AdminUser['adminClass']) => (v ? <Tag color="blue">{CLASS_NAMES[v]}</Tag> : '-') },
    { title: '状态', key: 'status', render: (_, u) => <StatusTags user={u} /> },
    { title: '最近登录', dataIndex: 'lastLoginAt', render: formatInstantMinute },
    { title: '创建时间', dataIndex: 'createdAt', render: formatInstantMinute },
    {
      title: '操作',
      key: 'actions',
      fixed: 'right',
      render: (_, u) => (
        <Space size={0} wrap>
          <Button type="link" size="small" onClick={() => open('edit', u)}>
            编辑
          </Button>
          {u.adminClass ? (
            // Another 三员 account is disabled or enabled only with a second 三员's approval.
            <Popconfirm
              title={`${u.disabled ? '申请启用' : '申请停用'}三员账号“${u.displayName}”？`}
              description={`须由${approverOf(u)}批准后才生效。`}
              onConfirm={() =>
                act(
                  () => api.post(`${USERS_URL}/${encodeURIComponent(u.id)}/status-request`, { disabled: !u.disabled }),
                  `已提交申请，等待${approverOf(u)}批准`,
                )
              }
            >
              <Button type="link" size="small" danger={!u.disabled}>
                {u.disabled ? '申请启用' : '申请停用'}
              </Button>
            </Popconfirm>
          ) : (
            <Popconfirm
              title={u.disabled ? `启用账号“${u.displayName}”？` : `停用账号“${u.displayName}”？`}
              description={u.disabled ? undefined : '停用后该账号无法登录，已登录的会话将失效。'}
              onConfirm={() =>
                act(
                  () => api.patch(`${USERS_URL}/${encodeURIComponent(u.id)}`, { disabled: !u.disabled }),
                  u.disabled ? '已启用' : '已停用',
                )
              }
            >
              <Button type="link" size="small" danger={!u.disabled}>
                {u.disabled ? '启用' : '停用'}
              </Button>
            </Popconfirm>
          )}
          <Popconfirm
            title={`申请重置“${u.displayName}”的密码？`}
            description={`你会看到临时密码的前半段；${approverOf(u)}批准后看到后半段。两人各自交给本人。`}
            onConfirm={() =>
              act(async () => {
                const answer = await api.post<{ request: AccountRequest; partA: string }>(`${USERS_URL}/${encodeURIComponent(u.id)}/reset-password`);
                if (answer) setPart({ half: 'A', value: answer.partA, targetName: u.displayName });
              }, `已提交申请，等待${approverOf(u)}批准`)
            }
          >
            <Button type="link" size="small">
              重置密码（需{approverOf(u)}批准）
            </Button>
          </Popconfirm>
          {isLocked(u) && (
            <Popconfirm
              title={`解除“${u.displayName}”的登录锁定？`}
              onConfirm={() => act(() => api.post(`${USERS_URL}/${encodeURIComponent(u.id)}/unlock`), '已解锁')}
            >
              <Button type="link" size="small">
                解锁
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <ListPage<AdminUser>
        title="用户管理"
        subTitle="系统账号的新建、停用与密码重置。重置密码、停用或启用三员账号须由另一类三员批准；角色授权请到“授权管理”。"
        url={USERS_URL}
        rowKey="id"
        columns={columns}
        searchFields={[{ type: 'text', name: 'keyword', label: '关键字', placeholder: '用户名或姓名' }]}
        exportName="用户列表"
        toolbar={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => open('create')}>
            新建用户
          </Button>
        }
      />

      <FormModal<{ username: string; displayName: string; password: string }>
        title="新建用户"
        open={dialog === 'create'}
        onClose={close}
        successMessage="用户已创建，首次登录时须修改密码"
        onSubmit={(v) =>
          api.post(USERS_URL, { username: v.username.trim(), displayName: v.displayName.trim(), password: v.password })
        }
        onSuccess={() => void refresh()}
      >
        <Form.Item name="username" label="用户名" rules={[{ required: true, whitespace: true }, { max: 64 }]}>
          <Input autoComplete="off" placeholder="用于登录，创建后不可修改" />
        </Form.Item>
        <Form.Item name="displayName" label="姓名" rules={[{ required: true, whitespace: true }, { max: 64 }]}>
          <Input autoComplete="off" />
        </Form.Item>
        {passwordFields}
      </FormModal>

      <FormModal<{ displayName: string }>
        title="编辑用户"
        open={dialog === 'edit'}
        onClose={close}
        initialValues={{ displayName: target?.displayName }}
        onSubmit={(v) =>
          api.patch(targetUrl, { displayName: v.displayName.trim() })
        }
        onSuccess={() => void refresh()}
      >
        <Form.Item label="用户名">
          <Input value={target?.username} disabled />
        </Form.Item>
        <Form.Item
          name="displayName"
          label="姓名"
          rules={[{ required: true, whitespace: true }, { max: 64 }]}
          extra={target?.person ? `已关联${PERSON_KIND[target.person.kind]}（${target.person.detail}），姓名随${PERSON_KIND[target.person.kind]}档案，请在${PERSON_KIND[target.person.kind]}信息中修改` : undefined}
        >
          <Input autoComplete="off" disabled={Boolean(target?.person)} />
        </Form.Item>
      </FormModal>

      <div style={{ marginTop: 16 }}>
        <AccountRequestsCard status="pending" title="待批准的申请" emptyText="暂无待批准的申请（重置密码、停用或启用三员账号须由另一类三员批准）" />
      </div>
      <OneTimePartModal part={part} onClose={() => setPart(null)} />
    </>
  );
}
