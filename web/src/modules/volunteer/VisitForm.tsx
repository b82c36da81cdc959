// 记录走访 in a few taps on a phone: the date (today), what was done (chips), how long (30/60/90/120 分钟 or
// another number), how the person was (正常/需关注/紧急), notes and photos. The visit is saved first; photos
// are uploaded to it afterwards, so a failed photo never loses the visit. 需关注/紧急 reaches the responsible
// secretary at once (the server notifies and lists it in their 待办).
import { useRef, useState } from 'react';
import { App, Button, DatePicker, Flex, Form, Input, InputNumber, Segmented, Select, Typography } from 'antd';
import { CameraOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { errorMessage } from '../../api/client';
import { FormModal } from '../../components/FormModal';
import { todayShanghai } from '../../lib/people';
import { isFuture, notFutureRule } from '../staff/IdentityFields';
import { recordVisit, uploadVisitPhoto } from './api';
import { ChipSelect } from './parts';
import { CONDITION_LABEL, KIND_LABEL, type VisitInput, type VolunteerKind } from './types';

type Kind = VisitInput['kind'];
type Condition = VisitInput['condition'];

const QUICK_MINUTES = [30, 60, 90, 120];
const CUSTOM = -1;

interface Values {
  visitedOn: Dayjs;
  kind: Kind;
  quick: number;
  minutes?: number;
  condition: Condition;
  notes?: string;
  volunteer?: string;
}

export interface VisitTarget {
  residentId: string;
  name: string;
  /** Open pairings, when someone other than the volunteer records (volunteer.write): whose visit it was. */
  volunteers?: { kind: VolunteerKind; id: string; name: string }[];
}

export function VisitFormModal({ target, open, onClose, onDone }: { target: VisitTarget | null; open: boolean; onClose: () => void; onDone: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [photos, setPhotos] = useState<File[]>([]);
  const picker = useRef<HTMLInputElement>(null);
  const quick = Form.useWatch('quick', form);
  const volunteers = target?.volunteers;

  const submit = async (v: Values) => {
    const minutes = v.quick === CUSTOM ? (v.minutes ?? 0) : v.quick;
    const chosen = volunteers?.find((p) => `${p.kind}:${p.id}` === v.volunteer);
    const visit = await recordVisit({
      residentId: target!.residentId,
      visitedOn: v.visitedOn.format('YYYY-MM-DD'),
      kind: v.kind,
      minutes,
      condition: v.condition,
      notes: v.notes?.trim() ?? '',
      ...(chosen ? { volunteerKind: chosen.kind, volunteerId: chosen.id } : {}),
    });
    for (const file of photos) {
      try {
        await uploadVisitPhoto(visit.id, file);
      } catch (e) {
        void message.error(`走访已保存，照片“${file.name}”未上传：${errorMessage(e)}`);
      }
    }
    return visit;
  };

  return (
    <FormModal<Values>
      title={target ? `记录走访：${target.name}` : '记录走访'}
      open={open}
      onClose={() => {
        setPhotos([]);
        onClose();
      }}
      form={form}
      okText="保存"
      successMessage="走访已记录"
      fieldMap={{ visitedOn: 'visitedOn', minutes: 'minutes' }}
      initialValues={{
        visitedOn: dayjs(todayShanghai()),
        kind: 'visit',
        quick: 60,
        condition: 'normal',
        volunteer: volunteers?.[0] ? `${volunteers[0].kind}:${volunteers[0].id}` : undefined,
      }}
      onSubmit={submit}
      onSuccess={() => {
        setPhotos([]);
        onDone();
      }}
    >
      {volunteers && volunteers.length > 0 && (
        <Form.Item name="volunteer" label="走访志愿者" rules={[{ required: true, message: '请选择志愿者' }]}>
          <Select options={volunteers.map((p) => ({ value: `${p.kind}:${p.id}`, label: p.name }))} />
        </Form.Item>
      )}
      <Form.Item name="visitedOn" label="走访日期" rules={[{ required: true, message: '请选择走访日期' }, notFutureRule]}>
        <DatePicker style={{ width: '100%' }} disabledDate={isFuture} allowClear={false} inputReadOnly />
      </Form.Item>
      <Form.Item name="kind" label="服务内容" rules={[{ required: true, message: '请选择服务内容' }]}>
        <ChipSelect<Kind> ariaLabel="服务内容" options={Object.entries(KIND_LABEL).map(([value, text]) => ({ value: value as Kind, label: text }))} />
      </Form.Item>
      <Form.Item name="quick" label="服务时长" rules={[{ required: true, message: '请选择服务时长' }]}>
        <ChipSelect<number>
          ariaLabel="服务时长"
          options={[...QUICK_MINUTES.map((m) => ({ value: m, label: `${m} 分钟` })), { value: CUSTOM, label: '自定义' }]}
        />
      </Form.Item>
      {quick === CUSTOM && (
        <Form.Item
          name="minutes"
          label="时长（分钟）"
          rules={[
            { required: true, message: '请填写时长' },
            { type: 'integer', min: 1, max: 1440, message: '时长须为 1 至 1440 分钟' },
          ]}
        >
          <InputNumber style={{ width: '100%' }} min={1} max={1440} precision={0} inputMode="numeric" placeholder="如 45" />
        </Form.Item>
      )}
      <Form.Item name="condition" label="老人状况" rules={[{ required: true }]}>
        <Segmented<Condition>
          block
          aria-label="老人状况"
          options={Object.entries(CONDITION_LABEL).map(([value, text]) => ({ value: value as Condition, label: text }))}
        />
      </Form.Item>
      <Form.Item noStyle dependencies={['condition']}>
        {({ getFieldValue }) =>
          getFieldValue('condition') !== 'normal' && (
            <Typography.Paragraph type="warning" style={{ marginTop: -12 }}>
              保存后将立即通知负责的支部书记，并列入其待办。
            </Typography.Paragraph>
          )
        }
      </Form.Item>
      <Form.Item name="notes" label="情况记录" rules={[{ max: 2000 }]}>
        <Input.TextArea rows={3} placeholder="身体、生活情况，需要帮助的事" />
      </Form.Item>
      <Form.Item label="照片（可不传）">
        <input
          ref={picker}
          type="file"
          accept="image/*"
          multiple
          hidden
          aria-label="选择照片"
          onChange={(e) => {
            setPhotos(Array.from(e.target.files ?? []));
          }}
        />
        <Flex vertical gap={4} align="flex-start">
          <Button icon={<CameraOutlined />} onClick={() => picker.current?.click()}>
            {photos.length > 0 ? `已选 ${photos.length} 张，重新选择` : '拍照或选择照片'}
          </Button>
          {photos.length > 0 && (
            <Typography.Text type="secondary" style={{ fontSize: 12, wordBreak: 'break-all' }}>
              {photos.map((p) => p.name).join('、')}
            </Typography.Text>
          )}
        </Flex>
      </Form.Item>
    </FormModal>
  );
}
