// 示范岗与责任区 (incentive.read; a member sees their own): the list with filters (kind, status, organisation, 建议摘牌),
// the drawer with the plaque's QR code, ratings and history, and 申报 for the branches (incentive.write). `?id=`
// opens one (the 待办 of the 党委 link here).
import { useState } from 'react';
import { Button, Rate, Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { PlusOutlined } from '@ant-design/icons';
import { useSession } from '../../app/session';
import { ListPage } from '../../components/ListPage';
import { RecordLink } from '../../components/RecordLink';
import { useOpenId } from '../../components/useOpenId';
import { ScopeOrgTreeSelect } from '../members/orgPickers';
import { PLAQUE_KIND_LABEL, PLAQUE_STATUS_COLOR, PLAQUE_STATUS_LABEL, PLAQUES_URL, placeOf, useRefreshIncentives, type Plaque } from './PlaqueApi';
import { PlaqueDrawer } from './PlaqueDrawer';
import { PlaqueFormModal } from './PlaqueForm';

export default function PlaquesPage() {
  const { can } = useSession();
  const [openId, setOpen] = useOpenId();
  const refresh = useRefreshIncentives();
  const [form, setForm] = useState<{ seq: number; plaque: Plaque | null } | null>(null);
  const [seq, setSeq] = useState(0);
  const edit = (plaque: Plaque | null) => {
    setSeq((n) => n + 1);
    setForm({ seq: seq + 1, plaque });
  };

  const columns: ColumnsType<Plaque> = [
    {
      title: '名称',
      dataIndex: 'title',
      render: (v: string, p) => (
        <RecordLink onOpen={() => setOpen(p.id)} sub={`${PLAQUE_KIND_LABEL[p.kind]} · ${p.orgName}`}>
          {v}
        </RecordLink>
      ),
    },
    { title: '党员', dataIndex: 'memberName', width: 90 },
    { title: '岗位 / 区域', key: 'place', render: (_: unknown, p) => <Typography.Text style={{ wordBreak: 'break-word' }}>{placeOf(p) || '-'}</Typography.Text> },
    { title: '期限', key: 'period', width: 120, render: (_: unknown, p) => <span>{p.periodFrom}<br />至 {p.periodTo}</span> },
    {
      title: '状态',
      dataIndex: 'status',
      width: 110,
      render: (s: Plaque['status'], p) => (
        <Space size={4} wrap>
          <Tag color={PLAQUE_STATUS_COLOR[s]}>{PLAQUE_STATUS_LABEL[s]}</Tag>
          {p.flagged && <Tag color="red">建议摘牌</Tag>}
        </Space>
      ),
    },
    {
      title: '群众评价',
      key: 'rating',
      width: 170,
      render: (_: unknown, p) => p.ratingAverage === null ? <Typography.Text type="secondary">暂无</Typography.Text> : (
        <span>
          <Rate disabled allowHalf value={Math.round(p.ratingAverage * 2) / 2} style={{ fontSize: 13 }} /> {p.ratingAverage.toFixed(1)}
          <br />
          <Typography.Text type="secondary">{p.ratingCount} 人次{p.pendingComments ? `，${p.pendingComments} 条留言待审` : ''}</Typography.Text>
        </span>
      ),
    },
  ];

  return (
    <>
      <ListPage<Plaque>
        title="示范岗与责任区"
        subTitle="党员示范岗、党员责任区：支部申报，党委审核挂牌；群众扫码查看承诺并评价，留言经审核后公开。"
        url={PLAQUES_URL}
        rowKey="id"
        columns={columns}
        exportName="示范岗与责任区"
        tableProps={{ phoneTitle: 'title' }}
        searchFields={[
          { type: 'text', name: 'keyword', label: '关键字', placeholder: '名称或党员姓名' },
          { type: 'select', name: 'kind', label: '类别', options: Object.entries(PLAQUE_KIND_LABEL).map(([value, label]) => ({ value, label })) },
          { type: 'select', name: 'status', label: '状态', options: Object.entries(PLAQUE_STATUS_LABEL).map(([value, label]) => ({ value, label })) },
          { type: 'custom', name: 'orgId', label: '组织', render: () => <ScopeOrgTreeSelect /> },
          { type: 'select', name: 'flagged', label: '建议摘牌', options: [{ value: 'true', label: '仅建议摘牌' }] },
        ]}
        toolbar={can('incentive.write') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => edit(null)}>
            申报
          </Button>
        )}
      />
      <PlaqueDrawer id={openId} onClose={() => setOpen(null)} onEdit={edit} />
      {form && (
        <PlaqueFormModal
          key={form.seq}
          open
          plaque={form.plaque}
          onClose={() => setForm(null)}
          onDone={(id) => {
            setForm(null);
            void refresh();
            setOpen(id);
          }}
        />
      )}
    </>
  );
}
