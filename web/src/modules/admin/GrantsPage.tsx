import { useState } from 'react';
import { App, Button, Form, Popconfirm, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { PlusOutlined } from '@ant-design/icons';
import { api, errorMessage } from '../../api/client';
import type { Grant } from '../../api/types';
import { FormModal } from '../../components/FormModal';
import { ListPage, useRefreshList } from '../../components/ListPage';
import { formatInstant } from '../../lib/time';
import { GRANTS_URL, OrgTreeSelect, RoleSelect, UserSelect } from './pickers';

/** Built-in 三员 roles (custom roles can never be one): taking one away needs a third 三员's approval. */
const SEPARATION_APPROVER: Record<string, string> = { sysadmin: '安全审计员', secadmin: '安全审计员', auditor: '系统管理员' };

interface GrantValues {
  userId: string;
  roleId: string;
  orgId: string;
}

export default function GrantsPage() {
  const { message } = App.useApp();
  const refresh = useRefreshList(GRANTS_URL);
  const [open, setOpen] = useState(false);

  const revoke = async (g: Grant) => {
    const approver = SEPARATION_APPROVER[g.roleCode];
    try {
      if (approver) await api.post(`${GRANTS_URL}/${encodeURIComponent(g.id)}/revoke-request`);
      else await api.delete(`${GRANTS_URL}/${encodeURIComponent(g.id)}`);
      void message.success(approver ? `已提交申请，等待${approver}批准（可在“账号审批”查看）` : '已收回授权');
      await refresh();
    } catch (e) {
      void message.error(errorMessage(e));
    }
  };

  const columns: ColumnsType<Grant> = [
    {
      title: '用户',
      key: 'user',
      render: (_, g) => (
        <span>
          {g.displayName}
          <Typography.Text type="secondary" style={{ marginLeft: 6 }}>
            {g.username}
          </Typography.Text>
        </span>
      ),
    },
    { title: '角色', dataIndex: 'roleName' },
    { title: '组织范围', dataIndex: 'orgName' },
    { title: '授权时间', dataIndex: 'createdAt', render: formatInstant },
    { title: '授权人', dataIndex: 'createdByName', render: (v: string | null) => v ?? '-' },
    {
      title: '操作',
      key: 'actions',
      fixed: 'right',
      render: (_, g) => {
        const approver = SEPARATION_APPROVER[g.roleCode];
        return (
          <Popconfirm
            title={approver ? '申请收回该三员角色？' : '收回该授权？'}
            description={`${g.displayName} 将失去在“${g.orgName}”的“${g.roleName}”权限。${approver ? `须由${approver}批准后才生效。` : ''}`}
            onConfirm={() => revoke(g)}
          >
            <Button type="link" size="small" danger>
              {approver ? `申请收回（需${approver}批准）` : '收回'}
            </Button>
          </Popconfirm>
        );
      },
    },
  ];

  return (
    <>
      <ListPage<Grant>
        title="授权管理"
        subTitle="授权 = 用户 × 角色 × 组织范围（含下级组织）。三员角色不得授予同一账号。"
        url={GRANTS_URL}
        rowKey="id"
        columns={columns}
        searchFields={[
          { type: 'custom', name: 'userId', label: '用户', render: () => <UserSelect /> },
          { type: 'custom', name: 'roleId', label: '角色', render: () => <RoleSelect /> },
          { type: 'custom', name: 'orgId', label: '组织', render: () => <OrgTreeSelect /> },
        ]}
        exportName="授权列表"
        toolbar={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
            新建授权
          </Button>
        }
      />
      <FormModal<GrantValues>
        title="新建授权"
        open={open}
        onClose={() => setOpen(false)}
        successMessage="授权成功"
        onSubmit={(v) => api.post(GRANTS_URL, v)}
        onSuccess={() => void refresh()}
      >
        <Form.Item name="userId" label="用户" rules={[{ required: true, message: '请选择用户' }]}>
          <UserSelect />
        </Form.Item>
        <Form.Item name="roleId" label="角色" rules={[{ required: true, message: '请选择角色' }]}>
          <RoleSelect />
        </Form.Item>
        <Form.Item
          name="orgId"
          label="组织范围"
          extra="该用户将对所选组织及其全部下级组织拥有此角色的权限"
          rules={[{ required: true, message: '请选择组织' }]}
        >
          <OrgTreeSelect />
        </Form.Item>
      </FormModal>
    </>
  );
}
