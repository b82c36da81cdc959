// 发展计划 (tab of 发展党员): each branch's quota for the year, the people the 支部大会 admitted against it as a
// progress bar, and the people at each stage now. The quota is set by the organisation above the branch (the
// committee approves it): the edit button shows only where the server says so (mayEdit).
import { useState } from 'react';
import { Alert, Button, Card, Form, Input, InputNumber, Progress, Select, Space, Statistic, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { api, errorMessage } from '../../api/client';
import { FormModal } from '../../components/FormModal';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { PLANS_URL, STAGE_LABEL, usePlans, useRefreshRecruitment, type PlanRow, type Stage } from './api';

export function yearOptions(now: number) {
  return [now + 1, now, now - 1, now - 2, now - 3].map((y) => ({ value: y, label: `${y} 年` }));
}

function PlanModal({ row, onClose }: { row: PlanRow; onClose: () => void }) {
  const refresh = useRefreshRecruitment();
  return (
    <FormModal<{ quota: number; note?: string }>
      title={`${row.year} 年度发展计划 · ${row.orgName}`} open onClose={onClose} okText="保存" successMessage="已保存发展计划"
      initialValues={{ quota: row.quota ?? undefined, note: row.note }}
      onSubmit={(v) => api.put(PLANS_URL, { orgId: row.orgId, year: row.year, quota: v.quota, note: v.note?.trim() || undefined })}
      onSuccess={() => { void refresh(); onClose(); }}
    >
      <Form.Item name="quota" label="发展名额（接收预备党员人数）" rules={[{ required: true, message: '请填写发展名额' }]}>
        <InputNumber min={0} max={999} precision={0} style={{ width: '100%' }} aria-label="发展名额" />
      </Form.Item>
      <Form.Item name="note" label="说明" rules={[{ max: 200 }]}>
        <Input.TextArea rows={2} maxLength={200} />
      </Form.Item>
    </FormModal>
  );
}

export function PlansTab({ now }: { now: number }) {
  const [year, setYear] = useState(now);
  const q = usePlans(year);
  const [editing, setEditing] = useState<PlanRow | null>(null);
  const data = q.data;
  const columns: ColumnsType<PlanRow> = [
    { title: '党支部', dataIndex: 'orgName' },
    { title: '发展名额', dataIndex: 'quota', width: 100, render: (v: number | null) => (v == null ? <Typography.Text type="secondary">未制定</Typography.Text> : v) },
    {
      title: '完成情况', key: 'progress', width: 220,
      render: (_: unknown, r) => (r.quota == null
        ? `已接收 ${r.admitted} 名`
        : <span>已接收 {r.admitted} / {r.quota} 名<Progress percent={Math.min(100, r.completion ?? 0)} size="small" format={() => `${r.completion ?? 0}%`} status={r.admitted >= (r.quota ?? 0) ? 'success' : 'active'} /></span>),
    },
    {
      title: '各阶段人数', key: 'stages',
      render: (_: unknown, r) => (Object.keys(STAGE_LABEL) as Stage[]).map((s) => `${STAGE_LABEL[s]} ${r.stages[s]}`).join(' · '),
    },
    { title: '说明', dataIndex: 'note', render: (v: string) => v || '-' },
    { title: '', key: 'op', width: 90, render: (_: unknown, r) => (r.mayEdit ? <Button size="small" onClick={() => setEditing(r)}>{r.quota == null ? '制定' : '修改'}</Button> : null) },
  ];
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Space wrap>
        <Typography.Text>年度</Typography.Text>
        <Select value={year} onChange={setYear} options={yearOptions(now)} style={{ width: 120 }} aria-label="年度" />
      </Space>
      {q.isError && <Alert type="error" showIcon title={errorMessage(q.error)} />}
      {data && (
        <Card size="small">
          <Space size={48} wrap>
            <Statistic title="发展名额合计" value={data.total.quota} suffix="名" />
            <Statistic title="已接收预备党员" value={data.total.admitted} suffix="名" />
            <div style={{ minWidth: 200 }}>
              <Typography.Text type="secondary">计划完成率</Typography.Text>
              <Progress percent={Math.min(100, data.total.completion ?? 0)} format={() => (data.total.completion == null ? '未制定计划' : `${data.total.completion}%`)} />
            </div>
          </Space>
        </Card>
      )}
      <ResponsiveTable<PlanRow> size="small" rowKey="orgId" loading={q.isPending} columns={columns} dataSource={data?.items ?? []} pagination={false} phoneTitle="orgName" />
      <Typography.Text type="secondary">发展名额由上级党委审定；完成情况按支部大会讨论接收预备党员（第 15 步）的日期计入当年。</Typography.Text>
      {editing && <PlanModal row={editing} onClose={() => setEditing(null)} />}
    </Space>
  );
}
