// The keepers' forms: a course, an online material (article with the rich-text editor, or a PDF or video uploaded
// after saving), and an offline session chosen among the 组织生活 activities of the course's organisation.
import { useState } from 'react';
import { DatePicker, Form, Input, InputNumber, Segmented, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { FormModal } from '../../components/FormModal';
import { RichTextEditor } from '../../components/RichTextEditor';
import { ScopeOrgTreeSelect } from '../members/orgPickers';
import { COURSES_URL, courseUrl, materialUrl, type Candidate, type CourseDetail, type MaterialItem } from './courseTypes';

const KIND_OPTIONS = [
  { value: 'online', label: '线上' },
  { value: 'offline', label: '线下' },
  { value: 'mixed', label: '线上线下结合' },
];

type CourseValues = { orgId: string; title: string; kind: 'online' | 'offline' | 'mixed'; description?: string; year: number };

export function CourseFormModal({ open, course, onClose, onDone }: { open: boolean; course?: CourseDetail; onClose: () => void; onDone: (id: string) => void }) {
  return (
    <FormModal<CourseValues, { id: string }>
      title={course ? '修改课程' : '开设课程'}
      open={open}
      onClose={onClose}
      initialValues={course ? { orgId: course.orgId, title: course.title, kind: course.kind, description: course.description, year: course.year } : { year: new Date().getFullYear(), kind: 'online' }}
      onSubmit={(v) => course
        ? api.patch<{ id: string }>(courseUrl(course.id), { title: v.title, kind: v.kind, description: v.description ?? '', year: v.year })
        : api.post<{ id: string }>(COURSES_URL, { ...v, description: v.description ?? '' })}
      onSuccess={(r) => onDone(r.id)}
    >
      {!course && (
        <Form.Item name="orgId" label="举办组织" rules={[{ required: true, message: '请选择组织' }]}>
          <ScopeOrgTreeSelect />
        </Form.Item>
      )}
      <Form.Item name="title" label="课程名称" rules={[{ required: true, message: '请填写课程名称' }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="kind" label="课程类型" rules={[{ required: true }]}>
        <Select options={KIND_OPTIONS} />
      </Form.Item>
      <Form.Item name="year" label="计入学时的年度" rules={[{ required: true, message: '请填写年度' }]}>
        <InputNumber min={2000} max={2100} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="description" label="课程简介">
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
    </FormModal>
  );
}

type MaterialValues = { title: string; kind: 'article' | 'pdf' | 'video'; body?: string; credit: number; requiredMinutes: number; window: [Dayjs, Dayjs]; position?: number };

export function MaterialFormModal({ open, courseId, material, onClose, onDone }: { open: boolean; courseId: string; material?: MaterialItem & { body?: string }; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<MaterialValues>();
  const kind = Form.useWatch('kind', form);
  const year = new Date().getFullYear();
  const toBody = (v: MaterialValues) => ({
    title: v.title, creditTenths: Math.round(v.credit * 10), requiredMinutes: v.requiredMinutes,
    opensOn: v.window[0].format('YYYY-MM-DD'), closesOn: v.window[1].format('YYYY-MM-DD'), position: v.position ?? 0,
  });
  return (
    <FormModal<MaterialValues>
      title={material ? '修改学习资料' : '添加学习资料'}
      open={open}
      onClose={onClose}
      form={form}
      width={720}
      fieldMap={{ creditTenths: 'credit', opensOn: 'window', closesOn: 'window' }}
      initialValues={material
        ? { title: material.title, kind: material.kind, credit: material.creditTenths / 10, requiredMinutes: material.requiredMinutes, window: [dayjs(material.opensOn), dayjs(material.closesOn)], position: material.position, body: material.body }
        : { kind: 'article', credit: 1, requiredMinutes: 30, window: [dayjs(`${year}-01-01`), dayjs(`${year}-12-31`)], position: 0 }}
      onSubmit={async (v) => {
        if (material) await api.patch(materialUrl(material.id), { ...toBody(v), ...(material.kind === 'article' && v.body !== undefined ? { body: v.body } : {}) });
        else await api.post(`${courseUrl(courseId)}/materials`, { ...toBody(v), kind: v.kind, body: v.body ?? '' });
      }}
      onSuccess={onDone}
    >
      <Form.Item name="title" label="资料名称" rules={[{ required: true, message: '请填写资料名称' }]}>
        <Input maxLength={100} />
      </Form.Item>
      {!material && (
        <Form.Item name="kind" label="资料类型" extra="PDF、视频资料保存后在课程中上传文件（视频为 MP4 或 WebM）">
          <Select options={[{ value: 'article', label: '文章' }, { value: 'pdf', label: 'PDF' }, { value: 'video', label: '视频' }]} />
        </Form.Item>
      )}
      {(material ? material.kind === 'article' : kind === 'article') && (
        <Form.Item name="body" label="正文" rules={[{ required: true, message: '请填写文章正文' }]}>
          <RichTextEditor aria-label="正文" minHeight={200} />
        </Form.Item>
      )}
      <Form.Item name="credit" label="学时" rules={[{ required: true, message: '请填写学时' }]} extra="学满规定时长得全部学时，不足按比例计">
        <InputNumber min={0.1} max={100} step={0.5} precision={1} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="requiredMinutes" label="需学习时长（分钟）" rules={[{ required: true, message: '请填写学习时长' }]}>
        <InputNumber min={1} max={600} precision={0} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="window" label="学习期限" rules={[{ required: true, message: '请选择学习期限' }]}>
        <DatePicker.RangePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="position" label="顺序">
        <InputNumber min={0} max={999} precision={0} style={{ width: '100%' }} />
      </Form.Item>
    </FormModal>
  );
}

type SessionValues = { mode: 'link' | 'new'; activityId?: string; credit: number; title?: string; time?: [Dayjs, Dayjs]; place?: string; lecturerName?: string };

/** A session: an existing 组织生活 activity of the subtree, or a new 党课 of the course's organisation recorded in 组织生活. */
export function SessionFormModal({ open, courseId, orgId, onClose, onDone }: { open: boolean; courseId: string; orgId: string; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<SessionValues>();
  const mode = Form.useWatch('mode', form);
  const [keyword, setKeyword] = useState('');
  const candidates = useQuery({
    queryKey: ['training', 'courses', 'candidates', courseId, keyword],
    queryFn: ({ signal }) => api.get<{ items: Candidate[] }>(`${courseUrl(courseId)}/activity-candidates`, { keyword: keyword || undefined }, signal),
    enabled: open,
  });
  return (
    <FormModal<SessionValues>
      title="添加线下学习"
      open={open}
      onClose={onClose}
      form={form}
      fieldMap={{ creditTenths: 'credit', startsAt: 'time', endsAt: 'time' }}
      initialValues={{ mode: 'link', credit: 2 }}
      onSubmit={(v) => v.mode === 'link'
        ? api.post(`${courseUrl(courseId)}/sessions`, { activityId: v.activityId, creditTenths: Math.round(v.credit * 10) })
        : api.post(`${courseUrl(courseId)}/sessions/with-activity`, {
          creditTenths: Math.round(v.credit * 10),
          activity: {
            orgId, kind: 'partyLecture', title: v.title || undefined, place: v.place || undefined, lecturerName: v.lecturerName || undefined,
            startsAt: v.time![0].toISOString(), endsAt: v.time![1].toISOString(),
          },
        })}
      onSuccess={onDone}
    >
      <Form.Item name="mode">
        <Segmented block options={[{ value: 'link', label: '关联已有活动' }, { value: 'new', label: '新建党课' }]} />
      </Form.Item>
      {mode !== 'new' && (
        <Form.Item name="activityId" label="组织生活活动" rules={[{ required: true, message: '请选择组织生活活动' }]} extra="时间、地点、授课人和签到均以组织生活记录为准；一次活动只能计入一门课程">
          <Select
            showSearch={{ filterOption: false, onSearch: setKeyword }}
            loading={candidates.isFetching}
            options={(candidates.data?.items ?? []).map((a) => ({
              value: a.id, disabled: !!a.takenBy,
              label: `${a.startsAt.slice(0, 10)} ${a.kindName}：${a.title}（${a.orgName}）${a.takenBy ? ` — 已计入“${a.takenBy}”` : ''}`,
            }))}
          />
        </Form.Item>
      )}
      {mode === 'new' && (
        <>
          <Form.Item name="title" label="党课题目" extra="不填则按组织生活的默认标题">
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="time" label="时间" rules={[{ required: true, message: '请选择时间' }]} extra="登记到组织生活，签到（含扫码签到）在组织生活中进行">
            <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="place" label="地点">
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item name="lecturerName" label="授课人">
            <Input maxLength={50} />
          </Form.Item>
        </>
      )}
      <Form.Item name="credit" label="学时" rules={[{ required: true, message: '请填写学时' }]}>
        <InputNumber min={0.1} max={100} step={0.5} precision={1} style={{ width: '100%' }} />
      </Form.Item>
    </FormModal>
  );
}
