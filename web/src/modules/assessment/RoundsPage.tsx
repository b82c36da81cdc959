// 考核批次: the rounds (period, scheme, scope, deadline, status, sheets submitted), 新建考核 (the wizard) and a
// round's detail. `/assessment/rounds?id=…` (links from 督办 tasks opened on anomalies) opens a round.
import { useState } from 'react';
import { Alert, Button, Card, Flex, Progress, Segmented, Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { errorMessage } from '../../api/client';
import { useSession } from '../../app/session';
import { PageContainer } from '../../components/PageContainer';
import { RecordLink } from '../../components/RecordLink';
import { useOpenId } from '../../components/useOpenId';
import { useRounds } from './api';
import { RoundDrawer } from './RoundDrawer';
import { RoundWizard } from './RoundWizard';
import { ROUND_STATUS_COLOR, ROUND_STATUS_LABEL, labelOf, type Round, type RoundStatus } from './types';
import { ResponsiveTable } from '../../components/ResponsiveTable';

export default function RoundsPage() {
  const { can } = useSession();
  const [openId, setOpen] = useOpenId();
  const [status, setStatus] = useState<RoundStatus | 'all'>('all');
  const [wizard, setWizard] = useState(0);
  const rounds = useRounds(status === 'all' ? undefined : status);

  const columns: ColumnsType<Round> = [
    {
      title: '考核批次',
      dataIndex: 'name',
      render: (_: unknown, r) => (
        <RecordLink onOpen={() => setOpen(r.id)} sub={<>{r.schemeName} · 第 {r.schemeVersion} 版</>}>
          {r.name}
        </RecordLink>
      ),
    },
    { title: '考核期', dataIndex: 'periodLabel' },
    { title: '范围', dataIndex: 'rootOrgName', responsive: ['md'] },
    { title: '状态', dataIndex: 'status', render: (v: RoundStatus, r) => <Tag color={ROUND_STATUS_COLOR[v]}>{r.statusName || labelOf(ROUND_STATUS_LABEL, v)}</Tag> },
    {
      title: '评分表',
      dataIndex: 'sheetsSubmitted',
      responsive: ['sm'],
      render: (v: number, r) => (
        <Progress size="small" style={{ minWidth: 120, margin: 0 }} percent={r.sheetsTotal ? Math.round((v / r.sheetsTotal) * 100) : 0} format={() => `${v}/${r.sheetsTotal}`} />
      ),
    },
    { title: '对象', dataIndex: 'targetCount', responsive: ['lg'] },
    { title: '截止日期', dataIndex: 'deadline', responsive: ['sm'] },
  ];

  return (
    <PageContainer
      title="考核批次"
      subTitle="按考核方案和考核期开展考核：分发评分表、跟踪进度、审核异常、发布排名与奖金系数。"
      extra={
        <Space>
          <Button icon={<ReloadOutlined />} aria-label="刷新" onClick={() => void rounds.refetch()} />
          {can('assessment.manage') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setWizard((n) => n + 1)}>
              新建考核
            </Button>
          )}
        </Space>
      }
    >
      <Card>
        <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 16 }}>
          <Segmented
            value={status}
            onChange={(v) => setStatus(v as RoundStatus | 'all')}
            options={[
              { value: 'all', label: '全部' },
              { value: 'open', label: '已开启' },
              { value: 'scoring', label: '评分中' },
              { value: 'review', label: '复核中' },
              { value: 'published', label: '已发布' },
            ]}
          />
          <Typography.Text type="secondary">共 {rounds.data?.length ?? 0} 个</Typography.Text>
        </Flex>
        {rounds.isError && <Alert type="error" showIcon title={errorMessage(rounds.error)} style={{ marginBottom: 16 }} />}
        <ResponsiveTable<Round> rowKey="id" size="middle" columns={columns} dataSource={rounds.data ?? []} loading={rounds.isFetching} pagination={{ pageSize: 20, hideOnSinglePage: true }} />
      </Card>
      {wizard > 0 && <RoundWizard key={wizard} open onClose={() => setWizard(0)} onCreated={(id) => setOpen(id)} />}
      {openId && <RoundDrawer key={openId} id={openId} onClose={() => setOpen(null)} />}
    </PageContainer>
  );
}
