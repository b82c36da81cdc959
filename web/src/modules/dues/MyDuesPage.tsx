// 我的党费 (self.read), made for a phone: this year's monthly amount, what is due now, and the twelve months as a
// grid (paid, due, still to come), with the month and way each was paid.
import { useState } from 'react';
import { Alert, Card, Col, Empty, Flex, Row, Segmented, Skeleton, Statistic, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api, errorMessage } from '../../api/client';
import { PageContainer } from '../../components/PageContainer';
import { DUES_URL, METHOD_LABEL, monthLabel, thisYear, yuan, type MyDues } from './api';

export default function MyDuesPage() {
  const now = thisYear();
  const [year, setYear] = useState(now);
  const mine = useQuery({ queryKey: ['dues', 'me', year], queryFn: ({ signal }) => api.get<MyDues>(`${DUES_URL}/me`, { year }, signal) });
  const d = mine.data;
  const serious = d && d.dueMonths.length >= d.seriousMonths;
  const warn = d && d.dueMonths.length >= d.warnMonths;
  return (
    <PageContainer title="我的党费" subTitle="按月交纳；可一次交多个月或预交。交纳请联系所在党支部。">
      <Segmented block value={year} onChange={(v) => setYear(Number(v))} options={[now - 1, now].map((y) => ({ value: y, label: `${y} 年` }))} />
      {mine.isError && <Alert type="error" showIcon title={errorMessage(mine.error)} />}
      {!d && !mine.isError && <Card><Skeleton active /></Card>}
      {d && !d.linked && <Alert type="info" showIcon title="您的账号未关联党员档案，没有本人党费记录。" />}
      {d?.linked && (
        <>
          {serious ? <Alert type="error" showIcon title={`已连续 ${d.dueMonths.length} 个月未交党费，请尽快与党支部联系交纳。`} />
            : warn ? <Alert type="warning" showIcon title={`已有 ${d.dueMonths.length} 个月未交党费，请及时交纳。`} /> : null}
          <Card size="small">
            <Row gutter={8}>
              <Col span={8}><Statistic title="每月（元）" value={yuan(d.monthlyFen)} /></Col>
              <Col span={8}><Statistic title="已交" value={d.paidMonths} suffix="个月" /></Col>
              <Col span={8}><Statistic title="应交（元）" value={yuan(d.dueFen)} valueStyle={d.dueFen > 0 ? { color: '#cf1322' } : undefined} /></Col>
            </Row>
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
              {d.orgName} · {d.memberType}{d.dueMonths.length > 0 ? ` · 未交：${d.dueMonths.map(monthLabel).join('、')}` : ' · 已按月交清'}
            </Typography.Text>
          </Card>
          {d.bills.length === 0 ? (
            <Card><Empty description={`${year} 年还没有党费账单`} /></Card>
          ) : (
            <Row gutter={[8, 8]}>
              {d.bills.map((b) => {
                const due = d.dueMonths.includes(b.month);
                return (
                  <Col key={b.month} xs={8} sm={6} md={4}>
                    <Card size="small" styles={{ body: { padding: 8, textAlign: 'center' } }} data-testid="dues-month">
                      <Flex vertical align="center" gap={2}>
                        <Typography.Text strong>{monthLabel(b.month)}</Typography.Text>
                        <Typography.Text style={{ fontSize: 13 }}>{yuan(b.amountFen)}</Typography.Text>
                        {b.paid ? <Tag color="success" bordered={false} style={{ marginInlineEnd: 0 }}>已交</Tag>
                          : due ? <Tag color="error" bordered={false} style={{ marginInlineEnd: 0 }}>应交</Tag>
                          : <Tag bordered={false} style={{ marginInlineEnd: 0 }}>未到期</Tag>}
                        {b.paid && b.paidOn && <Typography.Text type="secondary" style={{ fontSize: 11 }}>{b.paidOn.slice(5)}{b.method ? ` ${METHOD_LABEL[b.method]}` : ''}</Typography.Text>}
                      </Flex>
                    </Card>
                  </Col>
                );
              })}
            </Row>
          )}
        </>
      )}
    </PageContainer>
  );
}
