// The right-hand side of the organisation page: facts, warnings, committee posts, member statistics,
// and the actions of a holder of org.write.
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Empty, Flex, Popconfirm, Skeleton, Table, Tag, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined, SwapOutlined, UserAddOutlined } from '@ant-design/icons';
import { api, errorMessage } from '../../api/client';
import { useSession } from '../../app/session';
import { AppointModal, CreateOrgModal, EditOrgModal, MoveOrgModal } from './OrgForms';
import { HonourSection } from '../incentives/HonourSection';
import { OrgStatsCard } from './OrgStatsCard';
import { TermTag } from './TermTag';
import { CHILD_KINDS, ORG_KIND_COLOR, orgKindLabel, type OrgDetail, type OrgPost, type OrgRecord } from './orgs';

type Dialog = 'create' | 'edit' | 'move' | 'appoint' | null;

export function OrgDetailPanel({ orgId, orgs, onSelect }: { orgId: string; orgs: OrgRecord[]; onSelect: (id: string | null, path?: string) => void }) {
  const { can } = useSession();
  const canWrite = can('org.write');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<Dialog>(null);
  const detail = useQuery({
    queryKey: ['orgs', 'detail', orgId],
    queryFn: ({ signal }) => api.get<OrgDetail>(`/api/v1/orgs/${orgId}`, undefined, signal),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['orgs'] });

  const remove = useMutation({
    mutationFn: (org: OrgDetail) => api.delete(`/api/v1/orgs/${org.id}`),
    onSuccess: async (_, org) => {
      void message.success('已删除组织');
      onSelect(org.parentId);
      await refresh();
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  const endPost = useMutation({
    mutationFn: (p: OrgPost) => api.delete(`/api/v1/orgs/${orgId}/posts/${p.id}`),
    onSuccess: async () => {
      void message.success('已免去职务');
      await refresh();
    },
    onError: (e) => void message.error(errorMessage(e)),
  });

  if (detail.isPending) return <Card><Skeleton active /></Card>;
  if (detail.isError) return <Card><Alert type="error" showIcon title={errorMessage(detail.error)} /></Card>;
  const org = detail.data;
  const isRoot = org.kind === 'committee' || org.parentId === null;

  const actions = canWrite && (
    <Flex gap={8} wrap>
      {CHILD_KINDS[org.kind].length > 0 && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog('create')}>新建下级组织</Button>
      )}
      <Button icon={<EditOutlined />} onClick={() => setDialog('edit')}>编辑</Button>
      {!isRoot && <Button icon={<SwapOutlined />} onClick={() => setDialog('move')}>调整上级组织</Button>}
      {!isRoot && (
        <Popconfirm
          title={`删除“${org.name}”？`}
          description="有下级组织或党员时不能删除；删除后可由管理员恢复。"
          okText="删除"
          okButtonProps={{ danger: true }}
          cancelText="取消"
          onConfirm={() => remove.mutateAsync(org).catch(() => undefined)}
        >
          <Button danger icon={<DeleteOutlined />} loading={remove.isPending}>删除</Button>
        </Popconfirm>
      )}
    </Flex>
  );

  return (
    <Flex vertical gap={16}>
      <Card
        title={
          <Flex align="center" gap={8} wrap>
            <Tag color={ORG_KIND_COLOR[org.kind]} style={{ marginInlineEnd: 0 }}>{orgKindLabel(org.kind)}</Tag>
            <span>{org.name}</span>
          </Flex>
        }
      >
        <Flex vertical gap={16}>
          {actions}
          {org.warnings.length > 0 && (
            <Flex vertical gap={8}>
              {org.warnings.map((w) => <Alert key={w} type="warning" showIcon title={w} />)}
            </Flex>
          )}
          <Descriptions
            bordered
            size="small"
            column={{ xs: 1, sm: 1, md: 2 }}
            items={[
              { key: 'name', label: '组织名称', children: org.name },
              { key: 'kind', label: '组织类别', children: orgKindLabel(org.kind) },
              { key: 'code', label: '组织编码', children: org.code || '-' },
              {
                key: 'parent', label: '上级组织',
                // A parent outside the user's scope is named but not opened.
                children: !org.parentId ? '-' : orgs.some((o) => o.id === org.parentId) ? (
                  <Typography.Link onClick={() => onSelect(org.parentId)}>{org.parentName}</Typography.Link>
                ) : org.parentName,
              },
              { key: 'founded', label: '成立日期', children: org.foundedOn ?? '-' },
              {
                key: 'term', label: '本届任期',
                children: org.kind === 'group' ? '党小组不设任期' : org.termStartedOn || org.termEndsOn ? (
                  <Flex gap={8} wrap align="center">
                    <span>{org.termStartedOn ?? '?'} 至 {org.termEndsOn ?? '?'}</span>
                    <TermTag endsOn={org.termEndsOn} />
                  </Flex>
                ) : '未登记',
              },
            ]}
          />
        </Flex>
      </Card>

      <Card
        size="small"
        title={org.kind === 'group' ? '党小组长' : '班子成员'}
        extra={canWrite && <Button size="small" icon={<UserAddOutlined />} onClick={() => setDialog('appoint')}>任命</Button>}
      >
        {org.posts.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未登记班子成员" />
        ) : (
          <Table<OrgPost>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={org.posts}
            columns={[
              { title: '职务', dataIndex: 'postName', width: 120 },
              { title: '姓名', dataIndex: 'name' },
              { title: '任职日期', dataIndex: 'startedOn', width: 120, render: (v: string | null) => v ?? '-' },
              ...(canWrite
                ? [{
                    title: '操作', key: 'op', width: 80,
                    render: (_: unknown, p: OrgPost) => (
                      <Popconfirm title={`免去${p.name}的${p.postName}职务？`} description="任职记录会保留。" okText="免去" cancelText="取消"
                        onConfirm={() => endPost.mutateAsync(p).catch(() => undefined)}>
                        <Button type="link" size="small" danger>免职</Button>
                      </Popconfirm>
                    ),
                  }]
                : []),
            ]}
          />
        )}
      </Card>

      <OrgStatsCard orgId={org.id} />

      {can('incentive.read') && (
        <Card size="small">
          <HonourSection subjectKind="org" subjectId={org.id} />
        </Card>
      )}

      {dialog === 'create' && (
        <CreateOrgModal parent={org} open onClose={() => setDialog(null)} onCreated={(o) => { void refresh(); onSelect(o.id, o.path); }} />
      )}
      {dialog === 'edit' && <EditOrgModal org={org} open onClose={() => setDialog(null)} onSaved={() => void refresh()} />}
      {dialog === 'move' && <MoveOrgModal org={org} orgs={orgs} open onClose={() => setDialog(null)} onMoved={() => void refresh()} />}
      {dialog === 'appoint' && <AppointModal org={org} open onClose={() => setDialog(null)} onSaved={() => void refresh()} />}
    </Flex>
  );
}

