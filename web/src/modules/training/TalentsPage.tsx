// 后备人才库 (training.read): the pool and the nominations waiting, with filters (status, category, organisation,
// name); 推荐 for a branch (training.write); the person drawer with plan, milestones, evaluations and record.
// `?id=` opens one (the committee's 待办 links here).
import { useState } from 'react';
import { Button, Form, Input, Select, Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { PlusOutlined } from '@ant-design/icons';
import { api } from '../../api/client';
import { FormModal } from '../../components/FormModal';
import { ListPage } from '../../components/ListPage';
import { RecordLink } from '../../components/RecordLink';
import { useOpenId } from '../../components/useOpenId';
import { BranchSelect, ScopeOrgTreeSelect } from '../members/orgPickers';
import { PersonSelect } from '../orgLife/PersonSelect';
import { GRADE_COLOR, GRADE_LABEL, TALENT_STATUS_COLOR, TALENT_STATUS_LABEL, TALENTS_URL, useRefreshTalents, useTalentMeta, type Talent, type TalentDetail } from './TalentApi';
import { TalentDrawer } from './TalentDrawer';

export default function TalentsPage() {
  const [openId, setOpen] = useOpenId();
  const meta = useTalentMeta();
  const refresh = useRefreshTalents();
  const [nominating, setNominating] = useState(false);
  const categories = meta.data?.categories ?? [];

  const columns: ColumnsType<Talent> = [
    {
      title: '姓名',
      dataIndex: 'memberName',
      render: (v: string, t) => <RecordLink onOpen={() => setOpen(t.id)} sub={t.orgName}>{v}</RecordLink>,
    },
    { title: '类别', dataIndex: 'category', width: 120 },
    { title: '状态', dataIndex: 'status', width: 90, render: (s: Talent['status']) => <Tag color={TALENT_STATUS_COLOR[s]}>{TALENT_STATUS_LABEL[s]}</Tag> },
    {
      title: '最近评价',
      key: 'grade',
      width: 120,
      render: (_: unknown, t) => (t.latestGrade ? <span>{t.latestGradeYear} 年 <Tag color={GRADE_COLOR[t.latestGrade]}>{GRADE_LABEL[t.latestGrade]}</Tag></span> : <Typography.Text type="secondary">-</Typography.Text>),
    },
    {
      title: '培养节点',
      key: 'milestones',
      width: 110,
      render: (_: unknown, t) => (t.milestones ? `${t.milestonesDone}/${t.milestones} 已完成` : <Typography.Text type="secondary">-</Typography.Text>),
    },
    { title: '推荐日期', dataIndex: 'nominatedOn', width: 110 },
    { title: '推荐理由', dataIndex: 'reason', ellipsis: true },
  ];

  return (
    <>
      <ListPage<Talent>
        title="后备人才库"
        subTitle="支部推荐，党委审核入库；党委每年评价，制定培养计划，每个培养节点派发为督办任务。"
        url={TALENTS_URL}
        rowKey="id"
        columns={columns}
        exportName="后备人才库"
        tableProps={{ phoneTitle: 'memberName', phoneHide: ['reason'] }}
        searchFields={[
          { type: 'text', name: 'keyword', label: '姓名' },
          { type: 'select', name: 'status', label: '状态', options: Object.entries(TALENT_STATUS_LABEL).map(([value, label]) => ({ value, label })) },
          { type: 'select', name: 'category', label: '类别', options: categories.map((c) => ({ value: c, label: c })) },
          { type: 'custom', name: 'orgId', label: '组织', render: () => <ScopeOrgTreeSelect /> },
        ]}
        toolbar={meta.data?.canNominate && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setNominating(true)}>推荐</Button>
        )}
      />
      <TalentDrawer id={openId} onClose={() => setOpen(null)} />
      {nominating && (
        <NominateModal
          categories={categories}
          onClose={() => setNominating(false)}
          onDone={(id) => {
            setNominating(false);
            void refresh();
            setOpen(id);
          }}
        />
      )}
    </>
  );
}

interface Values { orgId?: string; memberId: string; category: string; reason: string }

function NominateModal({ categories, onClose, onDone }: { categories: string[]; onClose: () => void; onDone: (id: string) => void }) {
  const [form] = Form.useForm<Values>();
  const orgId = Form.useWatch('orgId', form);
  return (
    <FormModal<Values, TalentDetail>
      title="推荐后备人才" open onClose={onClose} form={form} width={600} okText="推荐" successMessage="已推荐，等待党委审核"
      initialValues={{ category: categories[0] }}
      onSubmit={(v) => api.post<TalentDetail>(TALENTS_URL, { memberId: v.memberId, category: v.category, reason: v.reason.trim() })}
      onSuccess={(r) => onDone(r.id)}
    >
      <Form.Item name="orgId" label="所在支部" rules={[{ required: true, message: '请选择支部' }]}>
        <BranchSelect onChange={(v) => { form.setFieldValue('orgId', v); form.setFieldValue('memberId', undefined); }} />
      </Form.Item>
      <Form.Item name="memberId" label="党员" rules={[{ required: true, message: '请选择党员' }]}>
        <PersonSelect orgId={orgId} ariaLabel="党员" />
      </Form.Item>
      <Form.Item name="category" label="类别" rules={[{ required: true, message: '请选择类别' }]}>
        <Select options={categories.map((c) => ({ value: c, label: c }))} />
      </Form.Item>
      <Form.Item name="reason" label="推荐理由" rules={[{ required: true, whitespace: true, message: '请填写推荐理由' }, { min: 5, message: '推荐理由至少 5 个字' }, { max: 500 }]}>
        <Input.TextArea rows={5} showCount maxLength={500} />
      </Form.Item>
      <Space><Typography.Text type="secondary">推荐后由党委审核；同一党员在库或待审核期间不能重复推荐。</Typography.Text></Space>
    </FormModal>
  );
}
