// One material as a learner reads it: the article, the PDF or the video, and the study clock. While the page is visible it
// reports a heartbeat every `heartbeatSeconds` (the server decides what each one credits: it cannot be inflated by
// more tabs or faster beats); the page shows 已学 / 需学 and the 学时 earned from the server's answer.
import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Card, Flex, Progress, Skeleton, Statistic, Typography } from 'antd';
import { ArrowLeftOutlined, FilePdfOutlined, VideoCameraOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router';
import { api, errorMessage } from '../../api/client';
import { PageContainer } from '../../components/PageContainer';
import { RichText } from '../../components/RichText';
import { useMaterial, useRefreshCourses } from './courseApi';
import { materialUrl, mmss, tenths, type Heartbeat, type MaterialDetail } from './courseTypes';

type Progress = NonNullable<MaterialDetail['progress']>;

/** Sends heartbeats while the page is visible; returns the latest progress and the refusal, if any. */
function useStudyClock(m: MaterialDetail | undefined): { progress: Progress | null; problem: string | null } {
  const [progress, setProgress] = useState<Progress | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const refresh = useRefreshCourses();
  const refreshRef = useRef(refresh);
  refreshRef.current = refresh;
  const id = m?.id;
  const studies = !!m?.progress && m.open;
  const interval = m?.heartbeatSeconds ?? 30;
  useEffect(() => {
    if (!id || !studies) return;
    let stopped = false;
    const beat = async () => {
      if (stopped || document.visibilityState !== 'visible') return;
      try {
        const r = await api.post<Heartbeat>(materialUrl(id, 'heartbeat'));
        if (!stopped) setProgress(r);
      } catch (e) {
        if (!stopped) {
          setProblem(errorMessage(e));
          stopped = true;
        }
      }
    };
    void beat();
    const timer = window.setInterval(() => void beat(), interval * 1000);
    const onVisible = () => void beat();
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      stopped = true;
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
      void refreshRef.current();
    };
  }, [id, studies, interval]);
  return { progress: progress ?? m?.progress ?? null, problem };
}

function Clock({ m, p, problem }: { m: MaterialDetail; p: Progress; problem: string | null }) {
  return (
    <Card size="small" data-testid="study-clock">
      <Flex wrap gap={24} align="center">
        <Statistic title="已学 / 需学" value={`${mmss(p.seconds)} / ${mmss(p.requiredSeconds)}`} styles={{ content: { fontSize: 20 } }} />
        <Statistic title="已得学时" value={`${tenths(p.earnedTenths)} / ${tenths(m.creditTenths)}`} styles={{ content: { fontSize: 20 } }} />
      </Flex>
      <Progress percent={Math.floor((p.seconds * 100) / p.requiredSeconds)} status={p.done ? 'success' : 'active'} />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {p.done ? '已学满规定时长，学时已全部计入。' : p.todaySeconds >= p.dailyCapSeconds ? '今日在线学习已达上限，明天继续计时。' : `页面停留时每 ${m.heartbeatSeconds} 秒计时一次；切到后台或锁屏不计时。`}
      </Typography.Text>
      {problem && <Alert type="warning" showIcon title={problem} style={{ marginTop: 8 }} />}
    </Card>
  );
}

export default function MaterialPage() {
  const { id = '' } = useParams();
  const q = useMaterial(id);
  const m = q.data;
  const { progress, problem } = useStudyClock(m);
  return (
    <PageContainer title={m?.title ?? '学习资料'} subTitle={m ? `${m.courseTitle} · ${m.kindName} · ${tenths(m.creditTenths)} 学时` : undefined}
      extra={<Link to="/training/my-study"><Button icon={<ArrowLeftOutlined />}>我的学习</Button></Link>}>
      {q.isError && <Alert type="error" showIcon title={errorMessage(q.error)} />}
      {!m && !q.isError && <Skeleton active />}
      {m && (
        <Flex vertical gap={12}>
          {!m.open && <Alert type="info" showIcon title={`学习时间为 ${m.opensOn} 至 ${m.closesOn}，现在学习不计学时`} />}
          {progress && <Clock m={m} p={progress} problem={problem} />}
          <Card size="small">
            {m.kind === 'article' && <RichText html={m.body} />}
            {m.kind !== 'article' && (m.fileId ? (
              <Flex vertical gap={8}>
                {m.kind === 'video' ? (
                  // The server answers byte ranges, so a phone starts at once and can seek; the clock is the page's.
                  <video controls playsInline preload="metadata" src={materialUrl(m.id, 'file')} data-testid="material-video"
                    style={{ display: 'block', width: '100%', maxHeight: '70vh', background: '#000' }}>
                    <Typography.Text>此浏览器无法播放视频，<a href={materialUrl(m.id, 'file')}>下载 {m.fileName}</a></Typography.Text>
                  </video>
                ) : <a href={`${materialUrl(m.id, 'file')}?inline=true`} target="_blank" rel="noreferrer"><FilePdfOutlined /> {m.fileName}</a>}
                {m.kind === 'video' && <Typography.Text type="secondary" style={{ fontSize: 12 }}><VideoCameraOutlined /> {m.fileName}</Typography.Text>}
                {m.kind === 'pdf' && <iframe title={m.title} src={`${materialUrl(m.id, 'file')}?inline=true`} style={{ width: '100%', height: '70vh', border: 0 }} />}
              </Flex>
            ) : <Typography.Text type="secondary">资料文件尚未上传</Typography.Text>)}
          </Card>
        </Flex>
      )}
    </PageContainer>
  );
}
