// 我的结对老人 (volunteer.serve), made for a phone: one card per resident paired with me, with the last visit and
// when the next is due (red when overdue), and a big 记录走访 button; after saving, the card's due date moves.
// Below: my service hours this year and the 志愿服务记录证明 to download. `?id=` opens a resident's record.
import { useState } from 'react';
import { Alert, Button, Card, Col, Empty, Flex, Row, Skeleton, Statistic, Typography } from 'antd';
import { EditOutlined, FileWordOutlined } from '@ant-design/icons';
import { errorMessage } from '../../api/client';
import { PageContainer } from '../../components/PageContainer';
import { useDownload } from '../../components/useDownload';
import { useOpenId } from '../../components/useOpenId';
import { MY_CERTIFICATE_URL, hours, useMine, useMyHours, useRefreshVolunteer } from './api';
import { ConditionTag, DueText, RiskTag, livingText } from './parts';
import { ResidentDrawer } from './ResidentDrawer';
import { VisitFormModal, type VisitTarget } from './VisitForm';
import type { MyResident } from './types';

function ResidentCard({ r, onVisit, onOpen }: { r: MyResident; onVisit: () => void; onOpen: () => void }) {
  const overdue = (r.overdueDays ?? 0) > 0;
  return (
    <Card size="small" data-resident={r.name} styles={{ body: { padding: 14 } }} style={overdue ? { borderColor: '#ffa39e' } : undefined}>
      <Flex justify="space-between" align="flex-start" gap={8}>
        <Typography.Link strong style={{ fontSize: 17 }} onClick={onOpen}>
          {r.name}
          <Typography.Text type="secondary" style={{ fontSize: 14, fontWeight: 400 }}>
            {' '}
            {r.age} 岁
          </Typography.Text>
        </Typography.Link>
        <RiskTag risk={r.risk} />
      </Flex>
      <Typography.Text type="secondary" style={{ display: 'block', marginTop: 2 }}>
        {r.community} · {livingText(r.living)}
      </Typography.Text>
      <div style={{ display: 'grid', gridTemplateColumns: 'auto minmax(0, 1fr)', gap: '4px 12px', marginTop: 8 }}>
        <Typography.Text type="secondary">上次走访</Typography.Text>
        <span data-testid="last-visit">
          {r.lastVisitOn ?? '尚未走访'} {r.lastCondition && r.lastCondition !== 'normal' && <ConditionTag condition={r.lastCondition} />}
        </span>
        <Typography.Text type="secondary">下次应访</Typography.Text>
        <DueText nextDueOn={r.nextDueOn} overdueDays={r.overdueDays} />
      </div>
      <Button type="primary" size="large" block icon={<EditOutlined />} style={{ marginTop: 12 }} onClick={onVisit}>
        记录走访
      </Button>
    </Card>
  );
}

function MyHoursCard() {
  const year = new Date().getFullYear();
  const mine = useMyHours(year);
  const { downloading, start } = useDownload();
  const h = mine.data;
  return (
    <Card size="small" title={`${year} 年我的志愿服务`}>
      {mine.isError && <Alert type="error" showIcon title={errorMessage(mine.error)} />}
      {!h && !mine.isError && <Skeleton active paragraph={{ rows: 1 }} />}
      {h && (
        <Flex vertical gap={12}>
          <Row gutter={12}>
            <Col span={12}>
              <Statistic title="服务时长" value={hours(h.total.visitMinutes + h.total.activityMinutes)} suffix="小时" />
            </Col>
            <Col span={12}>
              <Statistic title="走访次数" value={h.total.visits} suffix="次" />
            </Col>
          </Row>
          <Button icon={<FileWordOutlined />} loading={downloading} onClick={() => void start(MY_CERTIFICATE_URL, { year }, `志愿服务记录证明-${year}.docx`)}>
            下载志愿服务记录证明
          </Button>
        </Flex>
      )}
    </Card>
  );
}

export default function MinePage() {
  const mine = useMine();
  const refresh = useRefreshVolunteer();
  const [openId, setOpen] = useOpenId();
  const [target, setTarget] = useState<VisitTarget | null>(null);
  const [seq, setSeq] = useState(0);
  const data = mine.data;
  const items = data?.items ?? [];
  const overdue = items.filter((r) => (r.overdueDays ?? 0) > 0).length;

  return (
    <PageContainer
      title="我的结对老人"
      subTitle={data?.volunteer ? `与我结对的服务对象（每人最多 ${data.limit} 位）。按时走访，遇到情况及时标记“需关注”或“紧急”。` : undefined}
    >
      {mine.isError && <Alert type="error" showIcon title={errorMessage(mine.error)} />}
      {!data && !mine.isError && (
        <Card>
          <Skeleton active />
        </Card>
      )}
      {data && !data.volunteer && (
        <Card>
          <Empty description="您的账号没有关联党员档案，不能结对服务。如需参加结对，请联系所在支部。" />
        </Card>
      )}
      {data?.volunteer && items.length === 0 && (
        <Card>
          <Empty description="目前没有与您结对的老人。结对由支部安排。" />
        </Card>
      )}
      {overdue > 0 && <Alert type="warning" showIcon title={`${overdue} 位老人已超过应访日期，请尽快走访`} />}
      {items.length > 0 && (
        <Row gutter={[12, 12]}>
          {items.map((r) => (
            <Col key={r.residentId} xs={24} md={12} xl={8}>
              <ResidentCard
                r={r}
                onOpen={() => setOpen(r.residentId)}
                onVisit={() => {
                  setSeq((n) => n + 1);
                  setTarget({ residentId: r.residentId, name: r.name });
                }}
              />
            </Col>
          ))}
        </Row>
      )}
      {data?.volunteer && <MyHoursCard />}
      <VisitFormModal key={seq} target={target} open={!!target} onClose={() => setTarget(null)} onDone={() => void refresh()} />
      <ResidentDrawer id={openId} onClose={() => setOpen(null)} />
    </PageContainer>
  );
}
