// 我的考试 (training.learn), made for a phone: one card per exam offered to my branch — open ones first — with the
// window, time limit, attempts left and my best score; 开始答题 starts an attempt (or continues the open one) and
// opens the answer sheet, 查看成绩 the last submitted one.
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Alert, App, Button, Card, Col, Empty, Flex, Row, Skeleton, Tag, Typography } from 'antd';
import { api, errorMessage } from '../../api/client';
import { PageContainer } from '../../components/PageContainer';
import { formatInstantMinute } from '../../lib/time';
import { examUrl, PHASE_COLOR, PHASE_LABEL, useMyExams, useRefreshExams, type Attempt, type MyExam } from './ExamApi';
import { NotLinkedNotice } from './NotLinkedNotice';

function ExamCard({ e, onStart, starting }: { e: MyExam; onStart: () => void; starting: boolean }) {
  const navigate = useNavigate();
  const last = [...e.attempts].reverse().find((a) => a.status === 'submitted');
  return (
    <Card size="small" data-exam={e.title} styles={{ body: { padding: 14 } }}>
      <Flex justify="space-between" align="flex-start" gap={8}>
        <Typography.Text strong style={{ fontSize: 17 }}>{e.title}</Typography.Text>
        <Tag color={PHASE_COLOR[e.phase]} style={{ marginInlineEnd: 0 }}>{PHASE_LABEL[e.phase]}</Tag>
      </Flex>
      <Typography.Text type="secondary" style={{ display: 'block', marginTop: 2 }}>
        {e.orgName} · {formatInstantMinute(e.opensAt)} 至 {formatInstantMinute(e.closesAt)}
      </Typography.Text>
      <div style={{ display: 'grid', gridTemplateColumns: 'auto minmax(0, 1fr)', gap: '4px 12px', marginTop: 8 }}>
        <Typography.Text type="secondary">试卷</Typography.Text>
        <span>{e.questionCount} 题 · 满分 {e.totalScore} · {e.passScore} 分及格 · 限时 {e.timeLimitMinutes} 分钟</span>
        <Typography.Text type="secondary">次数</Typography.Text>
        <span>可考 {e.maxAttempts} 次，剩余 {e.attemptsLeft} 次</span>
        <Typography.Text type="secondary">我的成绩</Typography.Text>
        <span data-testid="best-score">
          {e.bestScore === null ? '尚未交卷' : <>最高 {e.bestScore} 分 {e.passed ? <Tag color="success">及格</Tag> : <Tag color="error">不及格</Tag>}</>}
        </span>
      </div>
      {e.description && <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>{e.description}</Typography.Paragraph>}
      <Flex gap={8} style={{ marginTop: 12 }} wrap>
        {e.openAttemptId && (
          <Button type="primary" size="large" style={{ flex: 1 }} onClick={() => void navigate(`/training/attempts/${e.openAttemptId}`)}>继续答题</Button>
        )}
        {!e.openAttemptId && e.phase === 'open' && e.attemptsLeft > 0 && (
          <Button type="primary" size="large" style={{ flex: 1 }} loading={starting} onClick={onStart}>{e.attempts.length ? '再考一次' : '开始答题'}</Button>
        )}
        {last && <Button size="large" style={{ flex: 1 }} onClick={() => void navigate(`/training/attempts/${last.id}`)}>查看成绩</Button>}
      </Flex>
    </Card>
  );
}

export default function ExamMyPage() {
  const mine = useMyExams();
  const refresh = useRefreshExams();
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const [starting, setStarting] = useState<string | null>(null);
  const items = mine.data?.items ?? [];

  const start = (e: MyExam) => modal.confirm({
    title: `开始“${e.title}”？`,
    content: `共 ${e.questionCount} 题，限时 ${e.timeLimitMinutes} 分钟，开始后计时，到时未交卷按已保存的答案评分。`,
    okText: '开始答题',
    onOk: async () => {
      setStarting(e.id);
      try {
        const a = await api.post<Attempt>(examUrl(e.id, 'attempts'));
        await refresh();
        void navigate(`/training/attempts/${a.id}`);
      } catch (err) {
        message.error(errorMessage(err));
      } finally {
        setStarting(null);
      }
    },
  });

  return (
    <PageContainer title="我的考试" subTitle="本支部及上级党组织发布的考试。答题时每题自动保存，交卷后立即显示成绩；考试结束后可查看错题的答案和解析。">
      {mine.isError && <Alert type="error" showIcon title={errorMessage(mine.error)} />}
      {!mine.data && !mine.isError && <Card><Skeleton active /></Card>}
      {mine.data && !mine.data.linked && <NotLinkedNotice />}
      {mine.data?.linked && items.length === 0 && <Card><Empty description="目前没有发布给您的考试" /></Card>}
      {items.length > 0 && (
        <Row gutter={[12, 12]}>
          {items.map((e) => (
            <Col key={e.id} xs={24} md={12} xl={8}>
              <ExamCard e={e} starting={starting === e.id} onStart={() => start(e)} />
            </Col>
          ))}
        </Row>
      )}
    </PageContainer>
  );
}

