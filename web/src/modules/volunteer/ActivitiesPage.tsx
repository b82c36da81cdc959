// 志愿活动 (volunteer.read; creating with volunteer.write): voluntary labour and other activities with their
// participants and minutes each, typed in or taken from a 组织生活 义务劳动日 record. `?id=` opens one.
import { useState } from 'react';
import { App, Button, Descriptions, Divider, Popconfirm, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { ImportOutlined, PlusOutlined } from '@ant-design/icons';
import { errorMessage } from '../../api/client';
import { useSession } from '../../app/session';
import { DetailDrawer } from '../../components/DetailDrawer';
import { ListPage } from '../../components/ListPage';
import { RecordLink } from '../../components/RecordLink';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { useOpenId } from '../../components/useOpenId';
import { ScopeOrgTreeSelect } from '../members/orgPickers';
import { deleteActivity, hours, useActivity, useRefreshVolunteer } from './api';
import { ActivityFormModal, FromOrgLifeModal } from './ActivityForms';
import { ACTIVITIES_URL, VOLUNTEER_KIND_LABEL, type Activity, type ActivityDetail } from './types';

type Participant = ActivityDetail['participantList'][number];

function ActivityDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { message } = App.useApp();
  const refresh = useRefreshVolunteer();
  const record = useActivity(id);
  const a = record.data;
  const remove = async () => {
    try {
      await deleteActivity(a!.id);
      void message.success('已删除');
      onClose();
      void refresh();
    } catch (e) {
      void message.error(errorMessage(e));
    }
  };
  const columns: ColumnsType<Participant> = [
    { title: '姓名', dataIndex: 'name' },
    { title: '组织', dataIndex: 'orgName' },
    { title: '身份', dataIndex: 'kind', render: (k: Participant['kind']) => VOLUNTEER_KIND_LABEL[k] },
    { title: '时长（小时）', dataIndex: 'minutes', align: 'right', render: (m: number) => hours(m) },
  ];
  return (
    <DetailDrawer
      title={a ? `志愿活动：${a.title}` : '志愿活动'}
      open={!!id}
      onClose={onClose}
      loading={record.isPending && !!id}
      extra={
        a?.allowed.includes('delete') && (
          <Popconfirm title="删除这次活动及其服务时长？" okText="删除" cancelText="取消" onConfirm={() => void remove()}>
            <Button danger>删除</Button>
          </Popconfirm>
        )
      }
    >
      {record.isError && <Typography.Text type="danger">{errorMessage(record.error)}</Typography.Text>}
      {a && (
        <>
          <Descriptions
            column={1}
            bordered
            size="small"
            items={[
              { key: 'org', label: '组织', children: a.orgName },
              { key: 'date', label: '日期', children: a.heldOn },
              { key: 'place', label: '地点', children: a.place || '-' },
              { key: 'desc', label: '活动内容', children: <span style={{ whiteSpace: 'pre-wrap' }}>{a.description || '-'}</span> },
              ...(a.fromOrgLife ? [{ key: 'src', label: '来源', children: '组织生活义务劳动日记录' }] : []),
            ]}
          />
          <Divider titlePlacement="start">
            参加人（{a.participants} 人，共 {hours(a.minutes)} 小时）
          </Divider>
          <ResponsiveTable<Participant> size="small" rowKey={(p) => `${p.kind}:${p.id}`} columns={columns} dataSource={a.participantList} pagination={false} />
        </>
      )}
    </DetailDrawer>
  );
}

export default function ActivitiesPage() {
  const { can } = useSession();
  const [openId, setOpen] = useOpenId();
  const refresh = useRefreshVolunteer();
  const [dialog, setDialog] = useState<'create' | 'orgLife' | null>(null);
  const [seq, setSeq] = useState(0);
  const show = (d: 'create' | 'orgLife') => {
    setSeq((n) => n + 1);
    setDialog(d);
  };
  const done = (id: string) => {
    void refresh();
    setOpen(id);
  };
  const thisYear = new Date().getFullYear();

  const columns: ColumnsType<Activity> = [
    {
      title: '活动',
      dataIndex: 'title',
      render: (v: string, a) => (
        <RecordLink onOpen={() => setOpen(a.id)} sub={[a.place, a.fromOrgLife ? '来自组织生活' : ''].filter(Boolean).join(' · ') || null}>
          {v}
        </RecordLink>
      ),
    },
    { title: '日期', dataIndex: 'heldOn' },
    { title: '组织', dataIndex: 'orgName' },
    { title: '参加人数', dataIndex: 'participants', align: 'right' },
    { title: '服务时长（小时）', dataIndex: 'minutes', align: 'right', render: (m: number) => hours(m) },
  ];

  return (
    <>
      <ListPage<Activity>
        title="志愿活动"
        subTitle="小区卫生治理、义务劳动等志愿活动及每人服务时长；义务劳动日可从组织生活记录直接导入。"
        url={ACTIVITIES_URL}
        rowKey="id"
        columns={columns}
        exportName={false}
        searchFields={[
          { type: 'custom', name: 'orgId', label: '组织', render: () => <ScopeOrgTreeSelect /> },
          {
            type: 'select',
            name: 'year',
            label: '年度',
            options: [0, 1, 2].map((d) => ({ value: thisYear - d, label: `${thisYear - d} 年` })),
          },
        ]}
        toolbar={
          can('volunteer.write') && (
            <>
              <Button icon={<ImportOutlined />} onClick={() => show('orgLife')}>
                从组织生活导入
              </Button>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => show('create')}>
                新建活动
              </Button>
            </>
          )
        }
      />
      <ActivityDrawer id={openId} onClose={() => setOpen(null)} />
      {can('volunteer.write') && (
        <>
          <ActivityFormModal key={`a${seq}`} open={dialog === 'create'} onClose={() => setDialog(null)} onDone={done} />
          <FromOrgLifeModal key={`o${seq}`} open={dialog === 'orgLife'} onClose={() => setDialog(null)} onDone={done} />
        </>
      )}
    </>
  );
}
