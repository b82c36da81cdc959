// 新建志愿活动 (participants picked from the organisation's volunteers, minutes each, a common default first) and
// 从组织生活导入 (a held 义务劳动日 record: its present attendees become the participants, so nothing is typed twice).
import { useMemo, useState } from 'react';
import { Alert, DatePicker, Empty, Flex, Form, Input, InputNumber, Radio, Select, Spin, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { FormModal } from '../../components/FormModal';
import { todayShanghai } from '../../lib/people';
import { ScopeOrgTreeSelect } from '../members/orgPickers';
import { isFuture, notFutureRule } from '../staff/IdentityFields';
import { activityFromOrgLife, createActivity, useCandidates, useOrgLifeSources } from './api';
import type { Candidate, VolunteerKind } from './types';

interface ActivityValues {
  orgId: string;
  title: string;
  heldOn: Dayjs;
  place?: string;
  description?: string;
  people: string[];
  defaultMinutes: number;
  minutes?: Record<string, number | null>;
}

const keyOf = (c: { kind: string; id: string }) => `${c.kind}:${c.id}`;

export function ActivityFormModal({ open, onClose, onDone }: { open: boolean; onClose: () => void; onDone: (id: string) => void }) {
  const [form] = Form.useForm<ActivityValues>();
  const orgId = Form.useWatch('orgId', form);
  const people = Form.useWatch('people', form) ?? [];
  const [keyword, setKeyword] = useState('');
  const candidates = useCandidates(orgId, keyword, open && !!orgId);
  // Names of everyone picked so far, kept across searches.
  const [known, setKnown] = useState<Map<string, Candidate>>(new Map());
  const opts = useMemo(() => {
    const list = new Map(known);
    for (const c of candidates.data?.items ?? []) list.set(keyOf(c), c);
    return [...list.values()].map((c) => ({ value: keyOf(c), label: `${c.name}（${c.orgName}）` }));
  }, [candidates.data, known]);

  return (
    <FormModal<ActivityValues, { id: string }>
      title="新建志愿活动"
      open={open}
      onClose={onClose}
      form={form}
      width={640}
      okText="创建"
      successMessage="活动已创建"
      initialValues={{ heldOn: dayjs(todayShanghai()), defaultMinutes: 120, people: [] }}
      onSubmit={(v) =>
        createActivity({
          orgId: v.orgId,
          title: v.title.trim(),
          heldOn: v.heldOn.format('YYYY-MM-DD'),
          place: v.place?.trim() ?? '',
          description: v.description?.trim() ?? '',
          participants: v.people.map((key) => {
            const [kind, id] = key.split(':') as [VolunteerKind, string];
            return { kind, id, minutes: v.minutes?.[key] ?? v.defaultMinutes };
          }),
        })
      }
      onSuccess={(a) => onDone(a.id)}
    >
      <Form.Item name="orgId" label="组织" rules={[{ required: true, message: '请选择组织' }]}>
        <ScopeOrgTreeSelect placeholder="开展活动的党组织" />
      </Form.Item>
      <Form.Item name="title" label="活动名称" rules={[{ required: true, whitespace: true, message: '请填写活动名称' }, { max: 100 }]}>
        <Input placeholder="如 幸福里小区卫生治理" />
      </Form.Item>
      <Form.Item name="heldOn" label="活动日期" rules={[{ required: true, message: '请选择日期' }, notFutureRule]}>
        <DatePicker style={{ width: '100%' }} disabledDate={isFuture} />
      </Form.Item>
      <Form.Item name="place" label="地点" rules={[{ max: 100 }]}>
        <Input />
      </Form.Item>
      <Form.Item name="description" label="活动内容" rules={[{ max: 2000 }]}>
        <Input.TextArea rows={2} />
      </Form.Item>
      <Form.Item name="defaultMinutes" label="每人服务时长（分钟）" rules={[{ required: true, message: '请填写时长' }]} extra="新选的参加人默认此时长，可在下方逐人修改。">
        <InputNumber min={1} max={1440} precision={0} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="people" label="参加人" rules={[{ required: true, type: 'array', min: 1, message: '请选择参加人' }]}>
        <Select
          mode="multiple"
          disabled={!orgId}
          placeholder={orgId ? '输入姓名搜索' : '请先选择组织'}
          showSearch={{ filterOption: false, onSearch: setKeyword }}
          loading={candidates.isFetching}
          options={opts}
          onChange={(keys: string[]) => {
            const next = new Map(known);
            for (const c of candidates.data?.items ?? []) if (keys.includes(keyOf(c))) next.set(keyOf(c), c);
            setKnown(next);
          }}
        />
      </Form.Item>
      {people.length > 0 && (
        <Flex vertical gap={8}>
          {people.map((key) => (
            <Flex key={key} justify="space-between" align="center" gap={8}>
              <Typography.Text>{known.get(key)?.name ?? key}</Typography.Text>
              <Flex align="center" gap={4}>
                <Form.Item name={['minutes', key]} noStyle>
                  <InputNumber min={1} max={1440} precision={0} placeholder={String(form.getFieldValue('defaultMinutes') ?? '')} aria-label={`${known.get(key)?.name ?? ''}的时长（分钟）`} style={{ width: 110 }} />
                </Form.Item>
                分钟
              </Flex>
            </Flex>
          ))}
        </Flex>
      )}
    </FormModal>
  );
}

export function FromOrgLifeModal({ open, onClose, onDone }: { open: boolean; onClose: () => void; onDone: (id: string) => void }) {
  const [form] = Form.useForm<{ orgId?: string; source: string; minutes: number }>();
  const orgId = Form.useWatch('orgId', form);
  const sources = useOrgLifeSources(orgId, open);
  const items = sources.data?.items ?? [];
  return (
    <FormModal<{ orgId?: string; source: string; minutes: number }, { id: string }>
      title="从组织生活导入"
      open={open}
      onClose={onClose}
      form={form}
      okText="导入"
      successMessage="已导入为志愿活动"
      initialValues={{ minutes: 120 }}
      onSubmit={(v) => activityFromOrgLife({ orgLifeActivityId: v.source, minutes: v.minutes })}
      onSuccess={(a) => onDone(a.id)}
      fieldMap={{ orgLifeActivityId: 'source' }}
    >
      <Typography.Paragraph type="secondary">已开展的义务劳动日记录，出席的党员即为参加人；每条记录只能导入一次。</Typography.Paragraph>
      <Form.Item name="orgId" label="组织（可不选）">
        <ScopeOrgTreeSelect />
      </Form.Item>
      {sources.isPending ? (
        <Spin />
      ) : sources.isError ? (
        <Alert type="error" showIcon title="记录加载失败" style={{ marginBottom: 16 }} />
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有可导入的义务劳动日记录" />
      ) : (
        <Form.Item name="source" label="义务劳动日记录" rules={[{ required: true, message: '请选择一条记录' }]}>
          <Radio.Group
            style={{ width: '100%' }}
            onChange={(e) => {
              // The record's own length is the suggested minutes for each attendee.
              const picked = items.find((x) => x.id === e.target.value);
              if (picked?.suggestedMinutes) form.setFieldValue('minutes', picked.suggestedMinutes);
            }}
          >
            <Flex vertical gap={8} style={{ maxHeight: 320, overflowY: 'auto' }}>
              {items.map((s) => (
                <Radio key={s.id} value={s.id}>
                  <span>{s.title}</span>
                  <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                    {s.heldOn} · {s.orgName} · 出席 {s.attendees.length} 人
                    {s.attendees.length > 0 && `（${s.attendees.slice(0, 6).map((p) => p.name).join('、')}${s.attendees.length > 6 ? ' 等' : ''}）`}
                  </Typography.Text>
                </Radio>
              ))}
            </Flex>
          </Radio.Group>
        </Form.Item>
      )}
      <Form.Item name="minutes" label="每人服务时长（分钟）" rules={[{ required: true, message: '请填写时长' }]}>
        <InputNumber min={1} max={1440} precision={0} style={{ width: '100%' }} />
      </Form.Item>
    </FormModal>
  );
}
