// 活动看板: the campaigns as cards (how many branches have submitted their measures, at a glance); one opens
// its board (`/campaigns?id=…`, the address 督办 tasks and 待办 link to). 新建活动 for campaign.manage holders.
import { useMemo, useState } from 'react';
import { Alert, Button, Card, Col, Empty, Flex, Input, List, Progress, Row, Segmented, Skeleton, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { PlusOutlined, TrophyOutlined } from '@ant-design/icons';
import { errorMessage } from '../../api/client';
import { useSession } from '../../app/session';
import { PageContainer } from '../../components/PageContainer';
import { useOpenId } from '../../components/useOpenId';
import { useTodos } from '../notify/api';
import { useCampaigns } from './api';
import { CampaignBoard } from './CampaignBoard';
import { CampaignWizard } from './CampaignWizard';
import { STATUS_COLOR, STATUS_LABEL, labelOf, type CampaignListItem, type CampaignStatus } from './types';

function CampaignCard({ c, onOpen }: { c: CampaignListItem; onOpen: () => void }) {
  const missing = c.orgCount - c.measuresSubmitted;
  const pct = c.orgCount ? Math.round((c.measuresSubmitted * 100) / c.orgCount) : 0;
  return (
    <Card
      hoverable
      size="small"
      onClick={onOpen}
      data-campaign={c.name}
      title={
        <Typography.Text strong ellipsis title={c.name}>
          {c.name}
        </Typography.Text>
      }
      extra={<Tag color={STATUS_COLOR[c.status]}>{labelOf(STATUS_LABEL, c.status)}</Tag>}
      style={{ height: '100%' }}
    >
      <Flex vertical gap={6}>
        <Flex wrap gap={4}>
          {c.kind && <Tag color="red">{c.kind}</Tag>}
          {c.callsCases && (
            <Tag color="gold" icon={<TrophyOutlined />}>
              精品案例 {c.caseCount}
            </Tag>
          )}
        </Flex>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {c.startOn} 至 {c.endOn} · 措施报送截止 {c.measuresDue}
        </Typography.Text>
        <div>
          <Typography.Text style={{ fontSize: 12 }}>
            推进措施已报送 {c.measuresSubmitted} / {c.orgCount}
          </Typography.Text>
          <Progress percent={pct} size="small" status={missing === 0 ? 'success' : 'normal'} showInfo={false} />
        </div>
        {missing > 0 ? (
          <Typography.Text type="danger" style={{ fontSize: 12 }}>
            {missing} 个支部未报送推进措施
          </Typography.Text>
        ) : (
          <Typography.Text type="success" style={{ fontSize: 12 }}>
            全部支部已报送推进措施
          </Typography.Text>
        )}
      </Flex>
    </Card>
  );
}

/** A branch secretary's reports still to make (their 待办 of this module), at the top of the list. */
function MyDue() {
  const todos = useTodos();
  const items = (todos.data?.items ?? []).filter((t) => t.kind === 'campaign.measures' || t.kind === 'campaign.progress');
  if (items.length === 0) return null;
  return (
    <Card size="small" title={`本支部待报送（${items.length}）`} data-testid="my-due">
      <List
        size="small"
        dataSource={items}
        rowKey={(t) => `${t.kind}|${t.entityId}`}
        renderItem={(t) => (
          <List.Item>
            <Flex justify="space-between" gap={8} wrap style={{ width: '100%' }}>
              <Link to={t.link}>{t.title}</Link>
              <Flex gap={4} align="center">
                {t.orgName && <Typography.Text type="secondary">{t.orgName}</Typography.Text>}
                {t.due && <Tag color={t.overdue ? 'red' : 'default'}>{t.overdue ? `已逾期（${t.due}）` : `${t.due} 前`}</Tag>}
              </Flex>
            </Flex>
          </List.Item>
        )}
      />
    </Card>
  );
}

export default function CampaignsPage() {
  const { can } = useSession();
  const [openId, setOpen] = useOpenId();
  const [status, setStatus] = useState<CampaignStatus | 'all'>('all');
  const [q, setQ] = useState('');
  const [creating, setCreating] = useState(false);
  const [seq, setSeq] = useState(0);
  const query = useMemo(() => ({ status: status === 'all' ? undefined : status, q: q.trim() || undefined }), [status, q]);
  const list = useCampaigns(query);

  if (openId) {
    return (
      <PageContainer title="活动看板" subTitle="各支部推进措施与进展报告的报送情况；未报送的支部可一键督办。">
        <CampaignBoard id={openId} onBack={() => setOpen(null)} />
      </PageContainer>
    );
  }

  return (
    <PageContainer
      title="活动看板"
      subTitle="主题实践活动：每个支部须按时报送推进措施和进展报告，谁没有报送一目了然。"
      extra={
        can('campaign.manage') && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => {
              setSeq((n) => n + 1);
              setCreating(true);
            }}
          >
            新建活动
          </Button>
        )
      }
    >
      {can('campaign.submit') && <MyDue />}
      <Card size="small">
        <Flex wrap gap={12} justify="space-between">
          <Segmented
            value={status}
            onChange={(v) => setStatus(v as CampaignStatus | 'all')}
            options={[
              { value: 'all', label: '全部' },
              { value: 'active', label: '进行中' },
              { value: 'draft', label: '草稿' },
              { value: 'closed', label: '已结束' },
            ]}
          />
          <Input.Search allowClear placeholder="活动名称或类型" aria-label="搜索活动" style={{ maxWidth: 320 }} onSearch={setQ} />
        </Flex>
      </Card>
      {list.isError && <Alert type="error" showIcon title={errorMessage(list.error)} />}
      {list.isPending ? (
        <Card>
          <Skeleton active />
        </Card>
      ) : (list.data ?? []).length === 0 ? (
        <Card>
          <Empty description="暂无主题实践活动" />
        </Card>
      ) : (
        <Row gutter={[16, 16]}>
          {(list.data ?? []).map((c) => (
            <Col key={c.id} xs={24} md={12} xl={8}>
              <CampaignCard c={c} onOpen={() => setOpen(c.id)} />
            </Col>
          ))}
        </Row>
      )}
      {can('campaign.manage') && <CampaignWizard key={seq} open={creating} onClose={() => setCreating(false)} onCreated={(c) => setOpen(c.id)} />}
    </PageContainer>
  );
}
