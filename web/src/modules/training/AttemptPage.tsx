// 答题 (training.learn), made for a phone: one question per screen with a number grid to jump, every answer saved
// as it is chosen, a countdown from the server's deadline (the server refuses answers after it, so at zero the sheet
// submits what was saved), 交卷 with a confirm. Once submitted: the score at once; after the exam's window closes, the
// questions answered wrong with the correct answer and the explanation.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { Alert, App, Button, Card, Checkbox, Flex, Input, Progress, Radio, Result, Skeleton, Space, Tag, Typography } from 'antd';
import { ClockCircleOutlined, LeftOutlined, RightOutlined } from '@ant-design/icons';
import { api, errorMessage } from '../../api/client';
import { PageContainer } from '../../components/PageContainer';
import { formatInstantMinute } from '../../lib/time';
import { attemptUrl, JUDGE_OPTIONS, KIND_LABEL, mmss, remaining, useAttempt, useRefreshExams, type Attempt, type AttemptQuestion } from './ExamApi';

type Answers = Record<number, string[]>;

function QuestionInput({ q, value, onChange }: { q: AttemptQuestion; value: string[]; onChange: (v: string[]) => void }) {
  const options = q.kind === 'judge' ? JUDGE_OPTIONS : q.options;
  const big = { display: 'flex', padding: '10px 12px', border: '1px solid #f0f0f0', borderRadius: 8, marginInlineEnd: 0, width: '100%' } as const;
  if (q.kind === 'fill') {
    return <Input size="large" placeholder="请输入答案" defaultValue={value[0] ?? ''} maxLength={200} onBlur={(e) => onChange(e.target.value.trim() ? [e.target.value.trim()] : [])} />;
  }
  if (q.kind === 'multiple') {
    return (
      <Checkbox.Group value={value} onChange={(v) => onChange([...v].sort())} style={{ width: '100%' }}>
        <Flex vertical gap={8} style={{ width: '100%' }}>
          {options.map((o) => <Checkbox key={o.key} value={o.key} style={big}>{o.key}. {o.text}</Checkbox>)}
        </Flex>
      </Checkbox.Group>
    );
  }
  return (
    <Radio.Group value={value[0]} onChange={(e) => onChange([e.target.value as string])} style={{ width: '100%' }}>
      <Flex vertical gap={8} style={{ width: '100%' }}>
        {options.map((o) => <Radio key={o.key} value={o.key} style={big}>{q.kind === 'judge' ? o.text : `${o.key}. ${o.text}`}</Radio>)}
      </Flex>
    </Radio.Group>
  );
}

const answerText = (q: AttemptQuestion, keys: readonly string[] | null) => {
  if (!keys || keys.length === 0) return '未作答';
  if (q.kind === 'judge') return keys[0] === 'T' ? '正确' : '错误';
  if (q.kind === 'fill') return keys.join(' 或 ');
  return keys.join('');
};

function ResultView({ a }: { a: Attempt }) {
  const navigate = useNavigate();
  const r = a.result!;
  const wrong = a.questions.filter((q) => !r.marks.find((m) => m.position === q.position)?.correct);
  return (
    <Flex vertical gap={12}>
      <Card>
        <Result
          status={r.passed ? 'success' : 'warning'}
          title={<span data-testid="attempt-score">{r.score} 分</span>}
          subTitle={<>满分 {a.totalScore}，{a.passScore} 分及格 · 答对 {r.correctCount}/{a.questions.length} 题 · {r.passed ? <Tag color="success">及格</Tag> : <Tag color="error">不及格</Tag>}{a.late && <Tag color="warning">超时交卷，按截止前保存的答案评分</Tag>}</>}
          extra={<Button size="large" onClick={() => void navigate('/training/my-exams')}>返回我的考试</Button>}
          style={{ padding: '12px 0' }}
        />
      </Card>
      <Card size="small" title={`错题（${wrong.length}）`}>
        {r.review === null && <Alert type="info" showIcon title={`考试结束（${formatInstantMinute(a.closesAt)}）后可查看错题的正确答案和解析`} />}
        {r.review !== null && wrong.length === 0 && <Typography.Text type="secondary">全部答对</Typography.Text>}
        {r.review !== null && (
          <Flex vertical gap={12}>
            {wrong.map((q) => {
              const rv = r.review!.find((x) => x.position === q.position);
              return (
                <div key={q.position} style={{ borderBottom: '1px solid #f0f0f0', paddingBottom: 10 }}>
                  <Typography.Text strong>{q.position}. [{KIND_LABEL[q.kind]}] {q.stem}</Typography.Text>
                  {q.kind !== 'judge' && q.kind !== 'fill' && (
                    <div>{q.options.map((o) => <div key={o.key}><Typography.Text type="secondary">{o.key}. {o.text}</Typography.Text></div>)}</div>
                  )}
                  <div>我的答案：<Typography.Text type="danger">{answerText(q, q.given)}</Typography.Text></div>
                  <div>正确答案：<Typography.Text type="success">{answerText(q, rv?.correctAnswer ?? null)}</Typography.Text></div>
                  {rv?.explanation && <Typography.Paragraph type="secondary" style={{ margin: 0 }}>解析：{rv.explanation}</Typography.Paragraph>}
                </div>
              );
            })}
          </Flex>
        )}
      </Card>
    </Flex>
  );
}

function Sheet({ a, onSubmitted }: { a: Attempt; onSubmitted: (v: Attempt) => void }) {
  const { message, modal } = App.useApp();
  const [answers, setAnswers] = useState<Answers>(() => Object.fromEntries(a.questions.map((q) => [q.position, q.given ?? []])));
  const [index, setIndex] = useState(() => Math.max(0, a.questions.findIndex((q) => !q.given)));
  const [saving, setSaving] = useState(0);
  const [submitting, setSubmitting] = useState(false);
  // The server's clock decides: the countdown runs on its deadline, corrected by how far this device's clock is off.
  const offset = useMemo(() => Date.parse(a.now) - Date.now(), [a.now]);
  const [left, setLeft] = useState(() => remaining(a.deadlineAt, offset));
  const submitted = useRef(false);
  const q = a.questions[index]!;
  const answered = a.questions.filter((x) => (answers[x.position] ?? []).length > 0).length;

  const submit = async () => {
    if (submitted.current) return;
    submitted.current = true;
    setSubmitting(true);
    try {
      const body = { answers: a.questions.map((x) => ({ position: x.position, answer: answers[x.position] ?? [] })) };
      onSubmitted(await api.post<Attempt>(attemptUrl(a.id, 'submit'), body));
    } catch (err) {
      submitted.current = false;
      message.error(errorMessage(err));
    } finally {
      setSubmitting(false);
    }
  };

  useEffect(() => {
    const t = window.setInterval(() => {
      const s = remaining(a.deadlineAt, offset);
      setLeft(s);
      if (s === 0) void submit();
    }, 1000);
    return () => window.clearInterval(t);
  });

  const save = async (position: number, value: string[]) => {
    setAnswers((cur) => ({ ...cur, [position]: value }));
    setSaving((n) => n + 1);
    try {
      await api.put(attemptUrl(a.id, `answers/${position}`), { answer: value });
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setSaving((n) => n - 1);
    }
  };

  const confirmSubmit = () => modal.confirm({
    title: '确认交卷？',
    content: answered < a.questions.length ? `还有 ${a.questions.length - answered} 题未作答，交卷后不能再修改。` : '已全部作答，交卷后不能再修改。',
    okText: '交卷',
    onOk: submit,
  });

  return (
    <Flex vertical gap={12}>
      <Card size="small" styles={{ body: { padding: 12 } }}>
        <Flex justify="space-between" align="center" gap={8} wrap>
          <Typography.Text strong style={{ fontSize: 16 }}>{a.title}</Typography.Text>
          <Tag icon={<ClockCircleOutlined />} color={left < 60 ? 'error' : left < 300 ? 'warning' : 'processing'} style={{ fontSize: 16, padding: '2px 8px', marginInlineEnd: 0 }} data-testid="countdown">
            剩余 {mmss(left)}
          </Tag>
        </Flex>
        <Progress percent={Math.round((100 * answered) / a.questions.length)} size="small" format={() => `${answered}/${a.questions.length}`} />
      </Card>
      <Card size="small" styles={{ body: { padding: 14 } }} data-testid="question">
        <Typography.Text type="secondary">第 {q.position} 题 · {KIND_LABEL[q.kind]} · {q.points} 分</Typography.Text>
        <Typography.Paragraph style={{ fontSize: 16, margin: '6px 0 12px' }}>{q.stem}</Typography.Paragraph>
        <QuestionInput key={q.position} q={q} value={answers[q.position] ?? []} onChange={(v) => void save(q.position, v)} />
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8, fontSize: 12 }}>{saving > 0 ? '正在保存…' : '答案已自动保存'}</Typography.Text>
        <Flex gap={8} style={{ marginTop: 12 }}>
          <Button size="large" icon={<LeftOutlined />} disabled={index === 0} onClick={() => setIndex(index - 1)} style={{ flex: 1 }}>上一题</Button>
          {index < a.questions.length - 1
            ? <Button size="large" type="primary" onClick={() => setIndex(index + 1)} style={{ flex: 1 }}>下一题 <RightOutlined /></Button>
            : <Button size="large" type="primary" danger loading={submitting} onClick={confirmSubmit} style={{ flex: 1 }}>交卷</Button>}
        </Flex>
      </Card>
      <Card size="small" title="答题卡" extra={<Button type="link" onClick={confirmSubmit} loading={submitting}>交卷</Button>}>
        <Space wrap size={6}>
          {a.questions.map((x, i) => (
            <Button key={x.position} size="small" type={i === index ? 'primary' : 'default'} ghost={i !== index && (answers[x.position] ?? []).length > 0}
              style={{ width: 36 }} onClick={() => setIndex(i)} aria-label={`第 ${x.position} 题`}>
              {x.position}
            </Button>
          ))}
        </Space>
      </Card>
    </Flex>
  );
}

export default function AttemptPage() {
  const { id } = useParams();
  const attempt = useAttempt(id);
  const refresh = useRefreshExams();
  const [done, setDone] = useState<Attempt | null>(null);
  const a = done ?? attempt.data;
  return (
    <PageContainer title={a?.status === 'submitted' ? '考试成绩' : '答题'}>
      {attempt.isError && <Alert type="error" showIcon title={errorMessage(attempt.error)} />}
      {!a && !attempt.isError && <Card><Skeleton active /></Card>}
      {a && a.status === 'open' && <Sheet a={a} onSubmitted={(v) => { setDone(v); void refresh(); }} />}
      {a && a.status === 'submitted' && <ResultView a={a} />}
    </PageContainer>
  );
}
