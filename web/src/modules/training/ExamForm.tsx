// The exam form (training.write): organisation, window, time limit, attempts, pass mark, and the paper — a fixed
// choice of questions from the bank the organisation may use, or drawing rules with the live "题库可用 n 道" per rule
// (the server checks the same again on saving and on publishing).
import { Alert, Button, DatePicker, Form, Input, InputNumber, Radio, Select, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../api/client';
import { FormModal } from '../../components/FormModal';
import { ScopeOrgTreeSelect } from '../members/orgPickers';
import { DIFFICULTY_LABEL, EXAMS_URL, examUrl, KIND_LABEL, usePool, useRulesCheck, type ExamDetail, type ExamInput, type PaperRule } from './ExamApi';

interface Values {
  orgId: string;
  title: string;
  description?: string;
  paperMode: 'fixed' | 'rules';
  fixedIds?: string[];
  fixedPoints?: number;
  rules?: PaperRule[];
  window: [Dayjs, Dayjs];
  timeLimitMinutes: number;
  maxAttempts: number;
  passScore: number;
}

const KIND_OPTIONS = (Object.keys(KIND_LABEL) as (keyof typeof KIND_LABEL)[]).map((k) => ({ value: k, label: KIND_LABEL[k] }));

function RulesEditor({ orgId }: { orgId: string | undefined }) {
  const form = Form.useFormInstance<Values>();
  const rules = (Form.useWatch('rules', form) ?? []).filter(Boolean) as PaperRule[];
  const clean = rules.map((r) => ({ ...(r.kind ? { kind: r.kind } : {}), ...(r.tag ? { tag: r.tag } : {}), ...(r.difficulty ? { difficulty: r.difficulty } : {}), count: r.count, points: r.points }));
  const check = useRulesCheck(orgId, clean, true);
  return (
    <Form.List name="rules">
      {(fields, { add, remove }) => (
        <Space direction="vertical" style={{ width: '100%' }}>
          {fields.map((f, i) => (
            <div key={f.key} style={{ border: '1px solid #f0f0f0', borderRadius: 8, padding: 8 }}>
              <Space wrap align="start">
                <Form.Item name={[f.name, 'kind']} noStyle><Select allowClear placeholder="题型" options={KIND_OPTIONS} style={{ width: 100 }} /></Form.Item>
                <Form.Item name={[f.name, 'tag']} noStyle><Input placeholder="标签" maxLength={20} style={{ width: 100 }} /></Form.Item>
                <Form.Item name={[f.name, 'difficulty']} noStyle>
                  <Select allowClear placeholder="难度" options={[1, 2, 3].map((d) => ({ value: d, label: DIFFICULTY_LABEL[d] }))} style={{ width: 80 }} />
                </Form.Item>
                <Form.Item name={[f.name, 'count']} noStyle rules={[{ required: true }]}><InputNumber min={1} max={100} addonAfter="道" style={{ width: 110 }} /></Form.Item>
                <Form.Item name={[f.name, 'points']} noStyle rules={[{ required: true }]}><InputNumber min={1} max={100} addonAfter="分/道" style={{ width: 120 }} /></Form.Item>
                <Button icon={<DeleteOutlined />} aria-label="删除规则" onClick={() => remove(f.name)} />
              </Space>
              {check.data?.rules[i] && (
                <Typography.Text type={check.data.rules[i].available < check.data.rules[i].count ? 'danger' : 'secondary'} style={{ display: 'block', fontSize: 12, marginTop: 4 }}>
                  “{check.data.rules[i].label}”题库可用 {check.data.rules[i].available} 道
                </Typography.Text>
              )}
            </div>
          ))}
          {check.data?.problem && <Alert type="error" showIcon title={check.data.problem} />}
          <Button icon={<PlusOutlined />} onClick={() => add({ count: 5, points: 2 })}>添加抽题规则</Button>
          {clean.length > 0 && <Typography.Text type="secondary">共 {clean.reduce((s, r) => s + (r.count ?? 0), 0)} 题，总分 {clean.reduce((s, r) => s + (r.count ?? 0) * (r.points ?? 0), 0)} 分</Typography.Text>}
        </Space>
      )}
    </Form.List>
  );
}

function FixedPicker({ orgId }: { orgId: string | undefined }) {
  const pool = usePool({ orgId }, true);
  const ids = Form.useWatch('fixedIds') as string[] | undefined;
  const points = Form.useWatch('fixedPoints') as number | undefined;
  return (
    <>
      <Form.Item name="fixedIds" label={`题目（题库可用 ${pool.data?.available ?? '…'} 道）`} rules={[{ required: true, message: '请选择题目' }]}>
        <Select
          mode="multiple"
          loading={pool.isPending && !!orgId}
          placeholder={orgId ? '搜索题干选择题目' : '请先选择组织'}
          optionFilterProp="label"
          options={(pool.data?.items ?? []).map((q) => ({ value: q.id, label: `[${KIND_LABEL[q.kind]}] ${q.stem}` }))}
        />
      </Form.Item>
      <Form.Item name="fixedPoints" label="每题分值" rules={[{ required: true }]} extra={ids?.length ? `共 ${ids.length} 题，总分 ${(ids.length) * (points ?? 0)} 分` : undefined}>
        <InputNumber min={1} max={100} />
      </Form.Item>
    </>
  );
}

export function ExamFormModal({ open, exam, onClose, onDone }: { open: boolean; exam: ExamDetail | null; onClose: () => void; onDone: (id: string) => void }) {
  const [form] = Form.useForm<Values>();
  const orgId = Form.useWatch('orgId', form);
  const mode = Form.useWatch('paperMode', form);
  const taken = !!exam && exam.attempts > 0 && exam.status === 'published';
  const initial: Partial<Values> = exam
    ? {
      orgId: exam.orgId, title: exam.title, description: exam.description, paperMode: exam.paperMode, rules: exam.rules,
      fixedIds: exam.questions.map((q) => q.id), fixedPoints: exam.questions[0]?.points ?? 2,
      window: [dayjs(exam.opensAt), dayjs(exam.closesAt)], timeLimitMinutes: exam.timeLimitMinutes, maxAttempts: exam.maxAttempts, passScore: exam.passScore,
    }
    : { paperMode: 'rules', rules: [{ count: 10, points: 10 }], fixedPoints: 10, timeLimitMinutes: 30, maxAttempts: 2, passScore: 60, window: [dayjs().startOf('hour'), dayjs().add(14, 'day').endOf('day')] };

  const submit = async (v: Values) => {
    const body: ExamInput = {
      orgId: v.orgId, title: v.title, description: v.description ?? '', paperMode: v.paperMode,
      questions: v.paperMode === 'fixed' ? (v.fixedIds ?? []).map((questionId) => ({ questionId, points: v.fixedPoints ?? 1 })) : [],
      rules: v.paperMode === 'rules' ? (v.rules ?? []).map((r) => ({ ...(r.kind ? { kind: r.kind } : {}), ...(r.tag ? { tag: r.tag } : {}), ...(r.difficulty ? { difficulty: r.difficulty } : {}), count: r.count, points: r.points })) : [],
      opensAt: v.window[0].toISOString(), closesAt: v.window[1].toISOString(), timeLimitMinutes: v.timeLimitMinutes, maxAttempts: v.maxAttempts, passScore: v.passScore,
    };
    if (!exam) return api.post<ExamDetail>(EXAMS_URL, body);
    const { orgId: _org, ...patch } = body;
    return api.patch<ExamDetail>(examUrl(exam.id), taken ? { title: patch.title, description: patch.description, closesAt: patch.closesAt, maxAttempts: patch.maxAttempts } : patch);
  };

  return (
    <FormModal<Values, ExamDetail>
      title={exam ? '修改考试' : '新建考试'}
      open={open}
      onClose={onClose}
      onSubmit={submit}
      onSuccess={(r) => onDone(r.id)}
      initialValues={initial}
      form={form}
      width={640}
      fieldMap={{ questions: 'fixedIds', opensAt: 'window', closesAt: 'window' }}
    >
      {taken && <Alert type="info" showIcon style={{ marginBottom: 12 }} title="已有人参加，只能修改名称、说明、结束时间和可考次数" />}
      <Form.Item name="orgId" label="组织" rules={[{ required: true, message: '请选择组织' }]}>
        <ScopeOrgTreeSelect disabled={!!exam} />
      </Form.Item>
      <Form.Item name="title" label="考试名称" rules={[{ required: true, message: '请填写考试名称' }, { max: 100 }]}><Input /></Form.Item>
      <Form.Item name="description" label="说明"><Input.TextArea rows={2} maxLength={1000} /></Form.Item>
      <Form.Item name="window" label="考试时间" rules={[{ required: true, message: '请选择考试时间' }]}>
        <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} disabled={taken ? [true, false] : false} />
      </Form.Item>
      <Space wrap>
        <Form.Item name="timeLimitMinutes" label="答题时长（分钟）" rules={[{ required: true }]}><InputNumber min={1} max={300} disabled={taken} /></Form.Item>
        <Form.Item name="maxAttempts" label="可考次数" rules={[{ required: true }]}><InputNumber min={1} max={10} /></Form.Item>
        <Form.Item name="passScore" label="及格分" rules={[{ required: true }]}><InputNumber min={0} disabled={taken} /></Form.Item>
      </Space>
      <Form.Item name="paperMode" label="组卷方式">
        <Radio.Group disabled={taken} options={[{ value: 'rules', label: '随机组卷（每人按规则抽题）' }, { value: 'fixed', label: '固定试卷' }]} />
      </Form.Item>
      {!taken && (mode === 'fixed' ? <FixedPicker orgId={orgId} /> : <RulesEditor orgId={orgId} />)}
    </FormModal>
  );
}
