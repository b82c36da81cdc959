// 我的学习 (training.learn), made for a phone: the courses offered to me this year (and those open now), each with
// its materials, my progress bar per material and the 学时 earned; a material opens its reading page.
import { Alert, Card, Empty, Flex, Progress, Skeleton, Statistic, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { errorMessage } from '../../api/client';
import { PageContainer } from '../../components/PageContainer';
import { useMyCourses } from './courseApi';
import { mmss, tenths, type MyCourse } from './courseTypes';
import { NotLinkedNotice } from './NotLinkedNotice';

function CourseCard({ c }: { c: MyCourse }) {
  return (
    <Card size="small" title={<span style={{ whiteSpace: 'normal' }}>{c.title}</span>} extra={<Tag>{c.kindName}</Tag>} data-course={c.title}>
      <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 8 }}>
        {c.orgName} · 已得 {tenths(c.earnedTenths)} / {tenths(c.creditTenths)} 学时
      </Typography.Text>
      {c.materials.length === 0 && <Typography.Text type="secondary">本课程为线下学习，出勤以组织生活签到为准。</Typography.Text>}
      <Flex vertical gap={10}>
        {c.materials.map((m) => {
          const required = m.requiredMinutes * 60;
          return (
            <div key={m.id} data-material={m.title}>
              <Flex justify="space-between" gap={8} align="baseline">
                {m.open ? <Link to={`/training/materials/${m.id}`} style={{ fontSize: 16 }}>{m.title}</Link> : <Typography.Text type="secondary">{m.title}</Typography.Text>}
                <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>{tenths(m.earnedTenths)}/{tenths(m.creditTenths)} 学时</Typography.Text>
              </Flex>
              <Progress percent={Math.floor((m.seconds * 100) / required)} size="small" status={m.seconds >= required ? 'success' : 'normal'} />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                已学 {mmss(m.seconds)} / 需学 {mmss(required)} · {m.open ? `学习期限 ${m.opensOn} 至 ${m.closesOn}` : '不在学习时间内'}
              </Typography.Text>
            </div>
          );
        })}
      </Flex>
    </Card>
  );
}

export default function MyStudyPage() {
  const mine = useMyCourses();
  const d = mine.data;
  return (
    <PageContainer title="我的学习" subTitle="在线学习资料，页面打开并停留时计时，学满规定时长得全部学时">
      {mine.isError && <Alert type="error" showIcon title={errorMessage(mine.error)} />}
      {!d && !mine.isError && <Skeleton active />}
      {d && !d.linked && <NotLinkedNotice />}
      {d?.linked && (
        <Flex vertical gap={12}>
          <Card size="small">
            <Statistic title={`${d.year} 年在线学习已得学时`} value={tenths(d.earnedTenths)} />
          </Card>
          {d.items.length === 0 && <Empty description="暂无可学习的课程" />}
          {d.items.map((c) => <CourseCard key={c.id} c={c} />)}
        </Flex>
      )}
    </PageContainer>
  );
}
