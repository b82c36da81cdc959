// 我的学时 (training.learn), made for a phone: this year's 学时 against my requirement (a bar and what is left), the
// three sources, and every line that earned them (a material studied, a session or 党课 attended or made up).
import { useState } from 'react';
import { Alert, Card, Col, Empty, Flex, Progress, Row, Segmented, Skeleton, Statistic, Tag, Typography } from 'antd';
import { errorMessage } from '../../api/client';
import { PageContainer } from '../../components/PageContainer';
import { hoursText, SOURCE_COLOR, SOURCE_LABEL, useMyHours, type MyHoursItem } from './hoursApi';
import { NotLinkedNotice } from './NotLinkedNotice';

function ItemCard({ i }: { i: MyHoursItem }) {
  return (
    <Card size="small" styles={{ body: { padding: 12 } }} data-testid="hours-item">
      <Flex justify="space-between" align="flex-start" gap={8}>
        <div style={{ minWidth: 0 }}>
          <Tag color={SOURCE_COLOR[i.source]} bordered={false}>
            {SOURCE_LABEL[i.source]}
          </Tag>
          <Typography.Text strong style={{ wordBreak: 'break-all' }}>
            {i.title}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 13, marginTop: 2 }}>
            {[i.courseTitle, i.date, i.makeupOn ? `${i.makeupOn} 补课` : '', i.seconds !== null && i.requiredMinutes !== null ? `已学 ${Math.floor(i.seconds / 60)} / ${i.requiredMinutes} 分钟` : '']
              .filter(Boolean)
              .join(' · ')}
          </Typography.Text>
        </div>
        <Typography.Text strong style={{ whiteSpace: 'nowrap', fontSize: 16 }}>
          +{hoursText(i.tenths)}
        </Typography.Text>
      </Flex>
    </Card>
  );
}

export default function MyHoursPage() {
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const mine = useMyHours(year);
  const h = mine.data;
  const percent = h && h.requiredTenths > 0 ? Math.min(100, Math.floor((100 * h.totalTenths) / h.requiredTenths)) : 100;

  return (
    <PageContainer title="我的学时" subTitle="线上学习、线下培训和组织生活党课计入学时，同一次党课只计一次。">
      <Segmented block value={year} onChange={(v) => setYear(Number(v))} options={[thisYear - 2, thisYear - 1, thisYear].map((y) => ({ value: y, label: `${y} 年` }))} />
      {mine.isError && <Alert type="error" showIcon title={errorMessage(mine.error)} />}
      {!h && !mine.isError && (
        <Card>
          <Skeleton active />
        </Card>
      )}
      {h && !h.linked && <NotLinkedNotice />}
      {h?.linked && (
        <>
          <Card size="small">
            <Flex vertical gap={8}>
              <Flex justify="space-between" align="baseline" wrap gap={8}>
                <Typography.Text>
                  <Typography.Text strong style={{ fontSize: 28 }}>
                    {hoursText(h.totalTenths)}
                  </Typography.Text>{' '}
                  / {hoursText(h.requiredTenths)} 学时
                </Typography.Text>
                {h.behindTenths === 0 ? <Tag color="success">已达标</Tag> : <Typography.Text type="danger">还差 {hoursText(h.behindTenths)} 学时</Typography.Text>}
              </Flex>
              <Progress percent={percent} showInfo={false} status={h.behindTenths === 0 ? 'success' : 'active'} aria-label="学时完成进度" />
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {h.posts.length > 0 ? `${h.posts.join('、')}：每年应完成 ${hoursText(h.requiredTenths)} 学时` : `党员每年应完成 ${hoursText(h.requiredTenths)} 学时`}
              </Typography.Text>
            </Flex>
          </Card>
          <Card size="small">
            <Row gutter={8}>
              <Col span={8}>
                <Statistic title="线上学习" value={hoursText(h.onlineTenths)} />
              </Col>
              <Col span={8}>
                <Statistic title="线下培训" value={hoursText(h.offlineTenths)} />
              </Col>
              <Col span={8}>
                <Statistic title="党课" value={hoursText(h.lectureTenths)} />
              </Col>
            </Row>
          </Card>
          <Typography.Title level={5} style={{ margin: '4px 0 0' }}>
            学时明细
          </Typography.Title>
          {h.items.length === 0 ? (
            <Card>
              <Empty description={`${year} 年还没有计入的学时`} />
            </Card>
          ) : (
            <Flex vertical gap={8}>
              {h.items.map((i) => (
                <ItemCard key={`${i.source}:${i.refId}`} i={i} />
              ))}
            </Flex>
          )}
        </>
      )}
    </PageContainer>
  );
}
