// The editor's and the author's steps on a manuscript, each in its own dialog: 意见 (optionally 要求修改),
// 采用 with a 1–5 quality rating and its criteria, 退稿 with a reason, 刊发登记, 质量评定.
import { DatePicker, Form, Input, Select, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { FormModal } from '../../components/FormModal';
import { today } from '../org/orgs';
import { adoptManuscript, commentManuscript, publishManuscript, rateManuscript, rejectManuscript } from './api';
import { QualityInput } from './parts';
import { LEVELS, LEVEL_LABEL, type Level, type ManuscriptDetail } from './types';

export type StepKind = 'comment' | 'adopt' | 'reject' | 'publish' | 'rate';

interface Props {
  manuscript: ManuscriptDetail;
  step: StepKind | null;
  /** The author answering the editor (no revision request, other wording). */
  asAuthor?: boolean;
  onClose: () => void;
  onDone: () => void;
}

export function ManuscriptStepModal({ manuscript: m, step, asAuthor = false, onClose, onDone }: Props) {
  const common = { open: true, onClose, onSuccess: () => onDone() };
  switch (step) {
    case 'comment': {
      const canRequest = !asAuthor && m.allowed.includes('requestRevision');
      return (
        <FormModal<{ body: string; requestRevision?: boolean }>
          {...common}
          title={`${asAuthor ? '回复' : '意见'}：${m.title}`}
          okText={asAuthor ? '发送回复' : '发送意见'}
          successMessage={asAuthor ? '回复已发送' : '意见已发送'}
          initialValues={{ requestRevision: false }}
          onSubmit={(v) => commentManuscript(m.id, v.body.trim(), canRequest && !!v.requestRevision)}
        >
          <Form.Item
            name="body"
            label={asAuthor ? '回复内容' : '修改意见'}
            rules={[
              { required: true, whitespace: true, message: asAuthor ? '请填写回复内容' : '请填写意见' },
              { max: 2000, message: '最多 2000 字' },
            ]}
          >
            <Input.TextArea
              rows={5}
              maxLength={2000}
              showCount
              placeholder={asAuthor ? '例如：已补充活动照片，导语已改写' : '例如：导语请写明时间、地点、人物；补充一张活动现场照片'}
            />
          </Form.Item>
          {canRequest && (
            <Form.Item name="requestRevision" label="退回作者修改" valuePropName="checked" extra="打开后稿件进入“修改中”，作者修改后重新提交">
              <Switch checkedChildren="要求修改" unCheckedChildren="仅意见" />
            </Form.Item>
          )}
        </FormModal>
      );
    }
    case 'adopt':
      return (
        <FormModal<{ quality: number; qualityNote?: string }>
          {...common}
          title={`采用：${m.title}`}
          okText="采用"
          successMessage="已采用"
          width={560}
          onSubmit={(v) => adoptManuscript(m.id, v.quality, v.qualityNote?.trim())}
        >
          <Form.Item name="quality" label="质量评分" rules={[{ required: true, message: '请评定质量（1–5 分）' }]}>
            <QualityInput />
          </Form.Item>
          <Form.Item name="qualityNote" label="评语" rules={[{ max: 500, message: '评语最多 500 字' }]}>
            <Input.TextArea rows={3} maxLength={500} placeholder="可不填" />
          </Form.Item>
        </FormModal>
      );
    case 'rate':
      return (
        <FormModal<{ quality: number; note?: string }>
          {...common}
          title={`质量评定：${m.title}`}
          okText="保存评定"
          successMessage="已评定"
          width={560}
          initialValues={{ quality: m.quality ?? undefined, note: m.qualityNote ?? undefined }}
          onSubmit={(v) => rateManuscript(m.id, v.quality, v.note?.trim())}
        >
          <Form.Item name="quality" label="质量评分" rules={[{ required: true, message: '请评定质量（1–5 分）' }]}>
            <QualityInput />
          </Form.Item>
          <Form.Item name="note" label="评语" rules={[{ max: 500, message: '评语最多 500 字' }]}>
            <Input.TextArea rows={3} maxLength={500} placeholder="可不填" />
          </Form.Item>
        </FormModal>
      );
    case 'reject':
      return (
        <FormModal<{ reason: string }>
          {...common}
          title={`退稿：${m.title}`}
          okText="退稿"
          successMessage="已退稿"
          onSubmit={(v) => rejectManuscript(m.id, v.reason.trim())}
        >
          <Form.Item
            name="reason"
            label="退稿理由"
            rules={[
              { required: true, whitespace: true, message: '请填写退稿理由' },
              { max: 500, message: '退稿理由最多 500 字' },
            ]}
          >
            <Input.TextArea rows={4} maxLength={500} showCount placeholder="作者将看到这段说明" />
          </Form.Item>
        </FormModal>
      );
    case 'publish':
      return (
        <FormModal<{ publishedOn: Dayjs; outlet: string; level: Level; ref?: string }>
          {...common}
          title={`刊发登记：${m.title}`}
          okText="登记刊发"
          successMessage="已登记刊发"
          initialValues={{ publishedOn: dayjs(today()), outlet: m.outlet, level: m.level }}
          onSubmit={(v) => publishManuscript(m.id, { publishedOn: v.publishedOn.format('YYYY-MM-DD'), outlet: v.outlet.trim(), level: v.level, ref: v.ref?.trim() || undefined })}
        >
          <Form.Item name="publishedOn" label="刊发日期" rules={[{ required: true, message: '请选择刊发日期' }]}>
            <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.format('YYYY-MM-DD') > today()} />
          </Form.Item>
          <Form.Item
            name="outlet"
            label="刊发媒体"
            rules={[
              { required: true, whitespace: true, message: '请填写刊发媒体' },
              { max: 60, message: '刊发媒体最多 60 字' },
            ]}
          >
            <Input maxLength={60} placeholder="例如：集团报、市日报" />
          </Form.Item>
          <Form.Item name="level" label="刊发级别" rules={[{ required: true, message: '请选择刊发级别' }]} extra="可与投稿时的拟投级别不同；统计按刊发级别计权">
            <Select options={LEVELS.map((l) => ({ value: l, label: LEVEL_LABEL[l] }))} />
          </Form.Item>
          <Form.Item name="ref" label="链接或版面" rules={[{ max: 300, message: '最多 300 字' }]}>
            <Input maxLength={300} placeholder="例如：https://… 或 第 3 版" />
          </Form.Item>
        </FormModal>
      );
    default:
      return null;
  }
}
