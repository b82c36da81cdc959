// 新增/编辑题目: the kind decides the answer's editor — options with a 正确 mark for 单选/多选 (a radio or
// checkboxes), 对/错 for 判断, accepted texts for 填空. The server checks the rules and answers in Chinese; this form
// only shapes the body.
import { Button, Checkbox, Flex, Form, Input, Radio, Select, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { FormModal } from '../../components/FormModal';
import { ScopeOrgTreeSelect } from '../members/orgPickers';
import { OPTION_KEYS, saveQuestion, useQuestionTags, type Question, type QuestionInput, type QuestionKind } from './QuestionApi';

interface OptionRow { text: string; correct: boolean }
interface Values {
  orgId: string;
  kind: QuestionKind;
  stem: string;
  options: OptionRow[];
  judge?: 'T' | 'F';
  fill: string[];
  explanation: string;
  difficulty: number;
  tags: string[];
}

function initial(q: Question | null, orgId?: string): Partial<Values> {
  if (!q) {
    return { orgId, kind: 'single', options: [0, 1, 2, 3].map(() => ({ text: '', correct: false })), fill: [], difficulty: 2, tags: [], explanation: '' };
  }
  return {
    orgId: q.orgId, kind: q.kind, stem: q.stem, explanation: q.explanation, difficulty: q.difficulty, tags: q.tags,
    options: q.kind === 'single' || q.kind === 'multiple'
      ? q.options.map((o) => ({ text: o.text, correct: q.answer.includes(o.key) }))
      : [0, 1, 2, 3].map(() => ({ text: '', correct: false })),
    judge: q.kind === 'judge' ? (q.answer[0] as 'T' | 'F') : undefined,
    fill: q.kind === 'fill' ? q.answer : [],
  };
}

function toBody(v: Values): QuestionInput {
  const choice = v.kind === 'single' || v.kind === 'multiple';
  const rows = choice ? v.options ?? [] : [];
  return {
    orgId: v.orgId, kind: v.kind, stem: v.stem ?? '', explanation: v.explanation ?? '', difficulty: v.difficulty, tags: v.tags ?? [],
    options: rows.map((o) => o.text ?? ''),
    answer: choice ? rows.flatMap((o, i) => (o.correct ? [OPTION_KEYS[i]!] : [])) : v.kind === 'judge' ? (v.judge ? [v.judge] : []) : v.fill ?? [],
  };
}

/** The option rows: a letter, the text, and the 正确 mark (one only for 单选). */
function OptionsEditor({ kind }: { kind: QuestionKind }) {
  const form = Form.useFormInstance<Values>();
  return (
    <Form.List name="options">
      {(fields, { add, remove }) => (
        <Flex vertical gap={8}>
          {fields.map((field, i) => (
            <Flex key={field.key} gap={8} align="center">
              <Typography.Text strong style={{ width: 16 }}>{OPTION_KEYS[i]}</Typography.Text>
              <Form.Item name={[field.name, 'text']} noStyle>
                <Input placeholder={`选项${OPTION_KEYS[i]}`} maxLength={200} aria-label={`选项${OPTION_KEYS[i]}`} />
              </Form.Item>
              <Form.Item name={[field.name, 'correct']} valuePropName="checked" noStyle>
                <Checkbox
                  style={{ whiteSpace: 'nowrap' }}
                  onChange={(e) => {
                    // 单选: ticking one clears the others.
                    if (kind === 'single' && e.target.checked) {
                      const rows = (form.getFieldValue('options') as OptionRow[]).map((r, j) => ({ ...r, correct: j === i }));
                      form.setFieldValue('options', rows);
                    }
                  }}
                >
                  正确
                </Checkbox>
              </Form.Item>
              <Button type="text" icon={<DeleteOutlined />} aria-label={`删除选项${OPTION_KEYS[i]}`} disabled={fields.length <= 2} onClick={() => remove(field.name)} />
            </Flex>
          ))}
          {fields.length < 8 && (
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ text: '', correct: false })} style={{ alignSelf: 'flex-start' }}>
              添加选项
            </Button>
          )}
        </Flex>
      )}
    </Form.List>
  );
}

export function QuestionForm({ question, open, onClose, onSaved, defaultOrgId }: {
  question: Question | null;
  open: boolean;
  onClose: () => void;
  onSaved: () => void;
  defaultOrgId?: string;
}) {
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form) ?? question?.kind ?? 'single';
  const tags = useQuestionTags();
  const locked = !!question?.locked;
  return (
    <FormModal<Values, Question>
      title={question ? '编辑题目' : '新增题目'}
      open={open}
      onClose={onClose}
      form={form}
      width={640}
      initialValues={initial(question, defaultOrgId)}
      onSubmit={(v) => saveQuestion(question?.id ?? null, toBody(v))}
      onSuccess={onSaved}
      // The answer's problems show beside its editor for 判断/填空; for the choice kinds above the form.
      fieldMap={kind === 'judge' ? { answer: 'judge' } : kind === 'fill' ? { answer: 'fill' } : {}}
    >
      {locked && (
        <Typography.Paragraph type="warning">该题已有人作答：题型、选项和正确答案不能再修改，可修改题干文字、解析、难度和标签。</Typography.Paragraph>
      )}
      <Form.Item name="orgId" label="所属题库（组织）" rules={[{ required: true, message: '请选择所属组织' }]}>
        <ScopeOrgTreeSelect placeholder="请选择组织" />
      </Form.Item>
      <Form.Item name="kind" label="题型" rules={[{ required: true }]}>
        <Radio.Group disabled={locked} optionType="button" options={[
          { value: 'single', label: '单选题' }, { value: 'multiple', label: '多选题' }, { value: 'judge', label: '判断题' }, { value: 'fill', label: '填空题' },
        ]} />
      </Form.Item>
      <Form.Item name="stem" label="题干" rules={[{ required: true, whitespace: true, message: '请填写题干' }]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={500} showCount placeholder={kind === 'fill' ? '填空处用 ____ 表示' : undefined} />
      </Form.Item>
      {(kind === 'single' || kind === 'multiple') && (
        <Form.Item label={kind === 'single' ? '选项（勾选一个正确答案）' : '选项（勾选两个及以上正确答案）'} required>
          <fieldset disabled={locked} style={{ border: 0, margin: 0, padding: 0 }}>
            <OptionsEditor kind={kind} />
          </fieldset>
        </Form.Item>
      )}
      {kind === 'judge' && (
        <Form.Item name="judge" label="正确答案" rules={[{ required: true, message: '请选择正确答案' }]}>
          <Radio.Group disabled={locked} options={[{ value: 'T', label: '对' }, { value: 'F', label: '错' }]} />
        </Form.Item>
      )}
      {kind === 'fill' && (
        <Form.Item name="fill" label="可接受的答案（1–5 个，回车分隔；判分时忽略首尾空格、全半角和大小写）" rules={[{ required: true, message: '请填写正确答案' }]}>
          <Select mode="tags" open={false} disabled={locked} placeholder="输入答案后回车" tokenSeparators={['|']} />
        </Form.Item>
      )}
      <Form.Item name="explanation" label="解析">
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} showCount placeholder="答错的人在考试结束后看到" />
      </Form.Item>
      <Flex gap={16} wrap>
        <Form.Item name="difficulty" label="难度" rules={[{ required: true }]}>
          <Radio.Group optionType="button" options={[{ value: 1, label: '易' }, { value: 2, label: '中' }, { value: 3, label: '难' }]} />
        </Form.Item>
        <Form.Item name="tags" label="标签（最多 5 个）" style={{ flex: 1, minWidth: 220 }}>
          <Select mode="tags" maxCount={5} placeholder="选择或输入标签" options={(tags.data?.items ?? []).map((t) => ({ value: t.tag, label: t.tag }))} />
        </Form.Item>
      </Flex>
    </FormModal>
  );
}
