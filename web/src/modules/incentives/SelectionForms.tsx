// The 党委's dialogs of a selection: 新建评选 (year, deadline, quotas), 开始公示 (dates; the server refuses fewer
// than the 业务规则's working days and says the earliest end), 作出决定 (decision number and date), and the
// review note (通过/不通过), an objection and its handling.
import { DatePicker, Form, Input, InputNumber, Radio, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../api/client';
import { FormModal } from '../../components/FormModal';
import { todayShanghai } from '../../lib/people';
import { nominationUrl, selectionUrl, SELECTIONS_URL, type Nomination, type Selection, type SelectionInput } from './SelectionApi';

const day = (d: Dayjs) => d.format('YYYY-MM-DD');
type Done = () => void;

interface CreateValues { year: number; nominateBy: Dayjs; outstandingMember: number; outstandingWorker: number; advancedOrg: number }

export function SelectionCreateModal({ open, onClose, onDone }: { open: boolean; onClose: () => void; onDone: (id: string) => void }) {
  const [form] = Form.useForm<CreateValues>();
  const year = Number(todayShanghai().slice(0, 4));
  return (
    <FormModal<CreateValues, Selection>
      title="新建年度表彰评选" open={open} onClose={onClose} form={form} okText="创建" successMessage="评选已创建"
      initialValues={{ year, nominateBy: dayjs(todayShanghai()).add(14, 'day'), outstandingMember: 10, outstandingWorker: 3, advancedOrg: 2 }}
      fieldMap={{ 'quotas.outstandingMember': 'outstandingMember', 'quotas.outstandingWorker': 'outstandingWorker', 'quotas.advancedOrg': 'advancedOrg' }}
      onSubmit={(v) => api.post<Selection>(SELECTIONS_URL, {
        year: v.year, nominateBy: day(v.nominateBy),
        quotas: { outstandingMember: v.outstandingMember, outstandingWorker: v.outstandingWorker, advancedOrg: v.advancedOrg },
      } satisfies SelectionInput)}
      onSuccess={(s) => onDone(s.id)}
    >
      <Form.Item name="year" label="年度" rules={[{ required: true, message: '请填写年度' }]}>
        <InputNumber min={2000} max={2100} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="nominateBy" label="推荐截止日期" rules={[{ required: true, message: '请选择推荐截止日期' }]}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Space wrap>
        <Form.Item name="outstandingMember" label="优秀共产党员名额" rules={[{ required: true, message: '请填写名额' }]}><InputNumber min={0} max={500} /></Form.Item>
        <Form.Item name="outstandingWorker" label="优秀党务工作者名额" rules={[{ required: true, message: '请填写名额' }]}><InputNumber min={0} max={500} /></Form.Item>
        <Form.Item name="advancedOrg" label="先进基层党组织名额" rules={[{ required: true, message: '请填写名额' }]}><InputNumber min={0} max={500} /></Form.Item>
      </Space>
    </FormModal>
  );
}

export function PublicityModal({ selection, onClose, onDone }: { selection: Selection | null; onClose: () => void; onDone: Done }) {
  const [form] = Form.useForm<{ from: Dayjs; to: Dayjs }>();
  const today = dayjs(todayShanghai());
  return (
    <FormModal<{ from: Dayjs; to: Dayjs }>
      title="开始公示" open={!!selection} onClose={onClose} form={form} okText="开始公示" successMessage="已开始公示"
      initialValues={{ from: today, to: today.add(7, 'day') }}
      onSubmit={(v) => api.post(selectionUrl(selection!.id, 'publicity'), { from: day(v.from), to: day(v.to) })}
      onSuccess={onDone}
    >
      <p>公示期不少于 {selection?.minPublicityWorkingDays ?? 5} 个工作日（按周一至周五计算，法定节假日请自行顺延）。公示期间收到的异议须全部处理后才能作出决定。</p>
      <Form.Item name="from" label="公示开始日期" rules={[{ required: true, message: '请选择开始日期' }]}><DatePicker style={{ width: '100%' }} /></Form.Item>
      <Form.Item name="to" label="公示结束日期" rules={[{ required: true, message: '请选择结束日期' }]}><DatePicker style={{ width: '100%' }} /></Form.Item>
    </FormModal>
  );
}

export function DecideModal({ selection, onClose, onDone }: { selection: Selection | null; onClose: () => void; onDone: Done }) {
  const [form] = Form.useForm<{ decisionNo: string; decidedOn: Dayjs }>();
  return (
    <FormModal<{ decisionNo: string; decidedOn: Dayjs }>
      title="作出表彰决定" open={!!selection} onClose={onClose} form={form} okText="确定" successMessage="表彰决定已作出，荣誉已记入档案"
      initialValues={{ decidedOn: dayjs(todayShanghai()), decisionNo: `党委〔${selection?.year ?? ''}〕号` }}
      onSubmit={(v) => api.post(selectionUrl(selection!.id, 'decide'), { decisionNo: v.decisionNo.trim(), decidedOn: day(v.decidedOn) })}
      onSuccess={onDone}
    >
      <p>审核通过的对象将被授予荣誉称号并记入党员或组织的荣誉记录，决定后不可撤销。</p>
      <Form.Item name="decisionNo" label="决定文号" rules={[{ required: true, whitespace: true, message: '请填写决定文号' }, { max: 50 }]}><Input /></Form.Item>
      <Form.Item name="decidedOn" label="决定日期" rules={[{ required: true, message: '请选择决定日期' }]}><DatePicker style={{ width: '100%' }} /></Form.Item>
    </FormModal>
  );
}

export function ReviewModal({ nomination, onClose, onDone }: { nomination: Nomination | null; onClose: () => void; onDone: Done }) {
  const [form] = Form.useForm<{ decision: 'accept' | 'reject'; note?: string }>();
  const accepted = nomination?.status === 'accepted';
  return (
    <FormModal<{ decision: 'accept' | 'reject'; note?: string }>
      title={nomination ? `审核：${nomination.nomineeName}（${nomination.categoryName}）` : '审核'} open={!!nomination} onClose={onClose} form={form}
      successMessage="已审核" initialValues={{ decision: accepted ? 'reject' : 'accept' }}
      onSubmit={(v) => api.post(nominationUrl(nomination!.id, 'review'), { decision: v.decision, ...(v.note?.trim() ? { note: v.note.trim() } : {}) })}
      onSuccess={onDone}
    >
      <Form.Item name="decision" label="审核意见">
        <Radio.Group options={[{ value: 'accept', label: '通过' }, { value: 'reject', label: accepted ? '取消通过' : '不通过' }]} />
      </Form.Item>
      <Form.Item name="note" label="说明" extra="不通过或取消时须填写理由" rules={[{ max: 500 }]}><Input.TextArea rows={3} /></Form.Item>
    </FormModal>
  );
}

export function ObjectionModal({ nomination, onClose, onDone }: { nomination: Nomination | null; onClose: () => void; onDone: Done }) {
  const [form] = Form.useForm<{ receivedOn: Dayjs; content: string }>();
  return (
    <FormModal<{ receivedOn: Dayjs; content: string }>
      title={nomination ? `登记异议：${nomination.nomineeName}` : '登记异议'} open={!!nomination} onClose={onClose} form={form} successMessage="异议已登记"
      initialValues={{ receivedOn: dayjs(todayShanghai()) }}
      onSubmit={(v) => api.post(nominationUrl(nomination!.id, 'objections'), { receivedOn: day(v.receivedOn), content: v.content.trim() })}
      onSuccess={onDone}
    >
      <Form.Item name="receivedOn" label="收到日期" rules={[{ required: true, message: '请选择日期' }]}><DatePicker style={{ width: '100%' }} /></Form.Item>
      <Form.Item name="content" label="异议内容" rules={[{ required: true, whitespace: true, message: '请填写异议内容' }, { max: 2000 }]}><Input.TextArea rows={4} /></Form.Item>
    </FormModal>
  );
}

export function HandleObjectionModal({ objectionId, onClose, onDone }: { objectionId: string | null; onClose: () => void; onDone: Done }) {
  const [form] = Form.useForm<{ handling: string }>();
  return (
    <FormModal<{ handling: string }>
      title="处理异议" open={!!objectionId} onClose={onClose} form={form} successMessage="异议已处理"
      onSubmit={(v) => api.post(`/api/v1/incentives/objections/${encodeURIComponent(objectionId!)}/handle`, { handling: v.handling.trim() })}
      onSuccess={onDone}
    >
      <Form.Item name="handling" label="核实与处理情况" extra="异议成立的，请同时在名单中取消该对象的通过" rules={[{ required: true, whitespace: true, message: '请填写处理情况' }, { max: 2000 }]}>
        <Input.TextArea rows={4} />
      </Form.Item>
    </FormModal>
  );
}
