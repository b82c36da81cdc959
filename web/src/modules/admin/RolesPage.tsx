import { useMemo, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Popconfirm, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { PlusOutlined } from '@ant-design/icons';
import { api, errorMessage } from '../../api/client';
import type { Permission, Role, Separation } from '../../api/types';
import { useSession } from '../../app/session';
import { FormModal } from '../../components/FormModal';
import { PageContainer } from '../../components/PageContainer';
import { PermissionChecklist } from './PermissionChecklist';
import { ROLES_KEY, ROLES_URL, usePermissions, useRoles } from './pickers';

export const SEPARATION_LABEL: Record<Separation, string> = {
  sysadmin: '系统管理员',
  secadmin: '安全保密员',
  auditor: '安全审计员',
};

interface RoleValues {
  code: string;
  name: string;
  description?: string;
  permissions: string[];
}

function PermissionTags({ codes, catalogue }: { codes: string[]; catalogue: Map<string, Permission> }) {
  if (codes.length === 0) return <Typography.Text type="secondary">无权限</Typography.Text>;
  const groups = new Map<string, string[]>();
  for (const code of codes) {
    const p = catalogue.get(code);
    const group = p?.group ?? '其他';
    groups.set(group, [...(groups.get(group) ?? []), p?.name ?? code]);
  }
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 6 }}>
      {[...groups.entries()].map(([group, names]) => (
        <div key={group}>
          <Typography.Text type="secondary" style={{ marginRight: 8 }}>
            {group}：
          </Typography.Text>
          {names.map((n) => (
            <Tag key={n}>{n}</Tag>
          ))}
        </div>
      ))}
    </div>
  );
}

export default function RolesPage() {
  const { can } = useSession();
  const canManage = can('grant.manage');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const roles = useRoles();
  const permissions = usePermissions();
  const catalogue = useMemo(
    () => new Map((permissions.data?.items ?? []).map((p) => [p.code, p] as const)),
    [permissions.data],
  );
  const [editing, setEditing] = useState<Role | null>(null);
  const [open, setOpen] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ROLES_KEY });

  const remove = async (role: Role) => {
    try {
      await api.delete(`${ROLES_URL}/${encodeURIComponent(role.id)}`);
      void message.success('角色已删除');
      await refresh();
    } catch (e) {
      void message.error(errorMessage(e));
    }
  };

  const columns: ColumnsType<Role> = [
    {
      title: '角色名称',
      dataIndex: 'name',
      render: (name: string, r) => (
        <Space size={4} wrap>
          <Typography.Text strong>{name}</Typography.Text>
          {r.builtin ? <Tag color="blue">内置</Tag> : <Tag color="green">自定义</Tag>}
          {r.separation && <Tag color="red">三员·{SEPARATION_LABEL[r.separation]}</Tag>}
        </Space>
      ),
    },
    { title: '编码', dataIndex: 'code', render: (c: string) => <Typography.Text code>{c}</Typography.Text> },
    { title: '说明', dataIndex: 'description', render: (d: string | null) => d || '-' },
    {
      title: '权限',
      key: 'permissions',
      render: (_, r) => (
        <span>
          {r.permissions.slice(0, 3).map((code) => (
            <Tag key={code}>{catalogue.get(code)?.name ?? code}</Tag>
          ))}
          {r.permissions.length > 3 && <Typography.Text type="secondary">等 {r.permissions.length} 项（展开查看）</Typography.Text>}
          {r.permissions.length === 0 && <Typography.Text type="secondary">无</Typography.Text>}
        </span>
      ),
    },
  ];
  if (canManage) {
    columns.push({
      title: '操作',
      key: 'actions',
      fixed: 'right',
      render: (_, r) =>
        r.builtin ? (
          <Tooltip title="内置角色不可修改或删除">
            <Typography.Text type="secondary">—</Typography.Text>
          </Tooltip>
        ) : (
          <Space size={0}>
            <Button
              type="link"
              size="small"
              onClick={() => {
                setEditing(r);
                setOpen(true);
              }}
            >
              编辑
            </Button>
            <Popconfirm
              title={`删除角色“${r.name}”？`}
              description="已授予该角色的用户将失去相应权限。"
              onConfirm={() => remove(r)}
            >
              <Button type="link" size="small" danger>
                删除
              </Button>
            </Popconfirm>
          </Space>
        ),
    });
  }

  return (
    <PageContainer
      title="角色权限"
      subTitle="角色是一组权限；授权时再指定组织范围。系统管理员、安全保密员、安全审计员三员分立，不得由同一账号兼任。"
      extra={
        canManage && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => {
              setEditing(null);
              setOpen(true);
            }}
          >
            新建角色
          </Button>
        )
      }
    >
      <Card>
        {roles.isError && <Alert type="error" showIcon title={errorMessage(roles.error)} style={{ marginBottom: 16 }} />}
        {permissions.isError && (
          <Alert type="warning" showIcon title={`权限名称加载失败：${errorMessage(permissions.error)}`} style={{ marginBottom: 16 }} />
        )}
        <Table<Role>
          rowKey="id"
          size="middle"
          scroll={{ x: 'max-content' }}
          loading={roles.isFetching}
          columns={columns}
          dataSource={roles.data?.items ?? []}
          pagination={false}
          expandable={{
            expandedRowRender: (r) => <PermissionTags codes={r.permissions} catalogue={catalogue} />,
            expandRowByClick: true,
          }}
        />
      </Card>

      <FormModal<RoleValues>
        title={editing ? `编辑角色：${editing.name}` : '新建角色'}
        open={open}
        onClose={() => setOpen(false)}
        width={720}
        initialValues={
          editing
            ? { code: editing.code, name: editing.name, description: editing.description ?? '', permissions: editing.permissions }
            : { permissions: [] }
        }
        onSubmit={(v) =>
          editing
            ? api.patch(`${ROLES_URL}/${encodeURIComponent(editing.id)}`, {
                name: v.name.trim(),
                description: v.description?.trim() ?? '',
                permissions: v.permissions,
              })
            : api.post(ROLES_URL, {
                code: v.code.trim(),
                name: v.name.trim(),
                description: v.description?.trim() ?? '',
                permissions: v.permissions,
              })
        }
        onSuccess={() => void refresh()}
      >
        <Form.Item
          name="code"
          label="角色编码"
          extra={editing ? '编码创建后不可修改' : '英文字母开头，可含字母、数字、下划线、点和短横线'}
          rules={[
            { required: true, whitespace: true },
            { pattern: /^[A-Za-z][A-Za-z0-9_.-]*$/, message: '角色编码须以英文字母开头，只含字母、数字、下划线、点和短横线' },
            { max: 64 },
          ]}
        >
          <Input disabled={!!editing} autoComplete="off" />
        </Form.Item>
        <Form.Item name="name" label="角色名称" rules={[{ required: true, whitespace: true }, { max: 64 }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="description" label="说明" rules={[{ max: 500 }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item name="permissions" label="权限" rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一项权限' }]}>
          <PermissionChecklist permissions={permissions.data?.items} loading={permissions.isPending} />
        </Form.Item>
      </FormModal>
    </PageContainer>
  );
}
