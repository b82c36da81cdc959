// 荣誉: a member's or organisation's honours (from 表彰 decisions, or entered by hand from outside bodies), shown in
// their drawer to readers of 激励; a holder of incentive.write adds or removes the hand-entered ones.
import { useState } from 'react';
import { App, Button, DatePicker, Flex, Form, Input, InputNumber, List, Popconfirm, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { api, errorMessage } from '../../api/client';
import { useSession } from '../../app/session';
import { FormModal } from '../../components/FormModal';
import { todayShanghai } from '../../lib/people';
import { HONOURS_URL, useHonours, useRefreshIncentives, type Honour, type HonourInput } from './SelectionApi';

interface Values { title: string; year: number; awardedOn?: Dayjs; awardedBy: string; note?: string }

function HonourModal({ subjectKind, subjectId, open, onClose }: { subjectKind: 'member' | 'org'; subjectId: string; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const refresh = useRefreshIncentives();
  return (
    <FormModal<Values, Honour>
      title="登记荣誉" open={open} onClose={onClose} form={form} okText="登记" successMessage="荣誉已登记"
      initialValues={{ year: Number(todayShanghai().slice(0, 4)) }}
      onSubmit={(v) => api.post<Honour>(HONOURS_URL, {
        subjectKind, subjectId, title: v.title.trim(), year: v.year, awardedBy: v.awardedBy.trim(),
        ...(v.awardedOn ? { awardedOn: v.awardedOn.format('YYYY-MM-DD') } : {}), ...(v.note?.trim() ? { note: v.note.trim() } : {}),
      } satisfies HonourInput)}
      onSuccess={() => { void refresh(); onClose(); }}
    >
      <Form.Item name="title" label="荣誉名称" rules={[{ required: true, whitespace: true, message: '请填写荣誉名称' }, { max: 60 }]}><Input placeholder="如 优秀共产党员、五星级党支部" /></Form.Item>
      <Form.Item name="year" label="年度" rules={[{ required: true, message: '请填写年度' }]}><InputNumber min={2000} max={2100} style={{ width: '100%' }} /></Form.Item>
      <Form.Item name="awardedBy" label="授予单位" rules={[{ required: true, whitespace: true, message: '请填写授予单位' }, { max: 60 }]}><Input placeholder="如 区委组织部、街道党工委" /></Form.Item>
      <Form.Item name="awardedOn" label="授予日期" extra="不填则记为当年 12 月 31 日"><DatePicker style={{ width: '100%' }} /></Form.Item>
      <Form.Item name="note" label="备注" rules={[{ max: 500 }]}><Input.TextArea rows={2} /></Form.Item>
    </FormModal>
  );
}

/** The 荣誉 section of a drawer; renders nothing for a user without incentive.read. */
export function HonourSection({ subjectKind, subjectId }: { subjectKind: 'member' | 'org'; subjectId: string }) {
  const { can } = useSession();
  const { message } = App.useApp();
  const readable = can('incentive.read');
  const honours = useHonours(subjectKind, subjectId, readable);
  const refresh = useRefreshIncentives();
  const [adding, setAdding] = useState(false);
  if (!readable) return null;
  // The server says whether it would accept a new honour for this subject (incentive.write over its organisation).
  const writable = honours.data?.canAdd === true;
  const remove = async (h: Honour) => {
    try {
      await api.delete(`${HONOURS_URL}/${encodeURIComponent(h.id)}`);
      void message.success('已删除');
      void refresh();
    } catch (e) {
      void message.error(errorMessage(e));
    }
  };
  return (
    <div>
      <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>荣誉</Typography.Title>
        {writable && <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)}>登记荣誉</Button>}
      </Flex>
      {honours.isError ? (
        <Typography.Text type="danger">荣誉加载失败：{errorMessage(honours.error)}</Typography.Text>
      ) : (
        <List<Honour>
          size="small" bordered loading={honours.isPending} dataSource={honours.data?.items ?? []} locale={{ emptyText: '暂无荣誉记录' }}
          renderItem={(h) => (
            <List.Item
              actions={h.canDelete ? [
                <Popconfirm key="del" title="删除这条荣誉记录？" okText="删除" cancelText="取消" onConfirm={() => void remove(h)}><Button type="link" size="small" danger>删除</Button></Popconfirm>,
              ] : []}
            >
              <Flex vertical>
                <span><Tag color={h.fromSelection ? 'red' : 'gold'}>{h.year}</Tag>{h.title}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{h.awardedBy} · {h.awardedOn}{h.note ? ` · ${h.note}` : ''}</Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      )}
      {adding && <HonourModal subjectKind={subjectKind} subjectId={subjectId} open onClose={() => setAdding(false)} />}
    </div>
  );
}
