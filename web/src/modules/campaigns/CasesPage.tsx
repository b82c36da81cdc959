// 精品案例: the gallery of rated cases (cards with the first photo and the average score, best first) and,
// per campaign that calls for cases, every case at its stage (design or results) — where a branch secretary
// submits a design and later its results, and reviewers rate. `?campaignId=` chooses the campaign,
// `?id=<caseId>` opens a case (the address 待办 and notifications link to).
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { Alert, Button, Card, Col, Empty, Flex, Image, List, Row, Segmented, Select, Skeleton, Tag, Typography } from 'antd';
import { PictureOutlined, PlusOutlined, StarFilled } from '@ant-design/icons';
import { errorMessage } from '../../api/client';
import { PageContainer } from '../../components/PageContainer';
import { useOpenId } from '../../components/useOpenId';
import { formatInstantDate } from '../../lib/time';
import { casePhotoUrl, useCampaign, useCampaigns, useCaseCampaign, useCases, useGallery } from './api';
import { CaseDrawer } from './CaseDrawer';
import { CaseEditor } from './CaseForms';
import { CASE_STATUS_COLOR, CASE_STATUS_LABEL, formatScore, labelOf, type CaseItem } from './types';

function ScoreBadge({ score, count }: { score: number | null; count: number }) {
  if (score === null) return <Typography.Text type="secondary">未评分</Typography.Text>;
  return (
    <Flex align="baseline" gap={4}>
      <StarFilled style={{ color: '#faad14' }} />
      <Typography.Text strong style={{ fontSize: 20, color: '#cf1322' }}>
        {formatScore(score)}
      </Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        分 · {count} 人评
      </Typography.Text>
    </Flex>
  );
}

function GalleryCard({ k, onOpen }: { k: CaseItem; onOpen: () => void }) {
  return (
    <Card
      hoverable
      onClick={onOpen}
      data-case={k.title}
      cover={
        k.firstPhotoId ? (
          <Image
            src={casePhotoUrl(k.campaignId, k.id, k.firstPhotoId, true)}
            alt={k.title}
            height={180}
            style={{ objectFit: 'cover' }}
            preview={false}
          />
        ) : (
          // The card's cover makes its child a block: the centring flex box sits inside it.
          <div>
            <Flex align="center" justify="center" style={{ height: 180, background: '#fff1f0' }}>
              <PictureOutlined style={{ fontSize: 48, color: '#ffa39e' }} />
            </Flex>
          </div>
        )
      }
      styles={{ body: { padding: 16 } }}
      style={{ height: '100%' }}
    >
      <Flex vertical gap={6}>
        <Typography.Text strong ellipsis title={k.title} style={{ fontSize: 16 }}>
          {k.title}
        </Typography.Text>
        <ScoreBadge score={k.averageScore} count={k.ratingCount} />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {k.orgName} · {k.campaignName}
        </Typography.Text>
        {k.summary && (
          <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: 0, fontSize: 13 }}>
            {k.summary}
          </Typography.Paragraph>
        )}
      </Flex>
    </Card>
  );
}

export default function CasesPage() {
  const [params, setParams] = useSearchParams();
  const campaignId = params.get('campaignId') ?? undefined;
  const [openCaseId, setOpened] = useOpenId();
  const [view, setView] = useState<'gallery' | 'all'>(() => (campaignId ? 'all' : 'gallery'));
  const [creating, setCreating] = useState(false);
  const [seq, setSeq] = useState(0);
  const campaigns = useCampaigns();
  const calling = useMemo(() => (campaigns.data ?? []).filter((c) => c.callsCases && c.status !== 'draft'), [campaigns.data]);
  // The case list needs one campaign: the chosen one, else the latest that calls for cases.
  const listCampaignId = campaignId ?? calling[0]?.id;
  const gallery = useGallery(campaignId);
  const cases = useCases(view === 'all' ? (listCampaignId ?? null) : null);
  const campaign = useCampaign(view === 'all' ? (listCampaignId ?? null) : null);
  const known = useMemo(() => new Map([...(gallery.data ?? []), ...(cases.data ?? [])].map((k) => [k.id, k.campaignId])), [gallery.data, cases.data]);
  const openCampaignId = useCaseCampaign(openCaseId, known, campaigns.data);

  const setCampaign = (id: string | undefined) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      if (id) next.set('campaignId', id);
      else next.delete('campaignId');
      return next;
    });
  const open = (k: CaseItem) => setOpened(k.id);
  const canSubmit = !!campaign.data?.allowed.includes('submitCase');

  return (
    <PageContainer
      title="精品案例"
      subTitle="支部先报送案例设计，再报送实施成果；评审人按 1–100 分打分，评过分的案例在此展示。"
      extra={
        view === 'all' &&
        canSubmit && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => {
              setSeq((n) => n + 1);
              setCreating(true);
            }}
          >
            报送案例设计
          </Button>
        )
      }
    >
      <Card size="small">
        <Flex wrap gap={12} justify="space-between" align="center">
          <Segmented
            value={view}
            onChange={(v) => setView(v as 'gallery' | 'all')}
            options={[
              { value: 'gallery', label: '案例展示' },
              { value: 'all', label: '全部案例' },
            ]}
          />
          <Select
            style={{ minWidth: 240, flex: '0 1 360px' }}
            allowClear={view === 'gallery'}
            placeholder={view === 'gallery' ? '全部活动' : '选择活动'}
            aria-label="活动"
            loading={campaigns.isPending}
            value={view === 'all' ? listCampaignId : campaignId}
            onChange={(v: string | undefined) => setCampaign(v)}
            options={calling.map((c) => ({ value: c.id, label: c.name }))}
            notFoundContent="暂无征集精品案例的活动"
          />
        </Flex>
      </Card>

      {view === 'gallery' ? (
        gallery.isError ? (
          <Alert type="error" showIcon title={errorMessage(gallery.error)} />
        ) : gallery.isPending ? (
          <Card>
            <Skeleton active />
          </Card>
        ) : (gallery.data ?? []).length === 0 ? (
          <Card>
            <Empty description="还没有评过分的案例" />
          </Card>
        ) : (
          <Row gutter={[16, 16]} data-testid="case-gallery">
            {(gallery.data ?? []).map((k) => (
              <Col key={k.id} xs={24} sm={12} lg={8} xxl={6}>
                <GalleryCard k={k} onOpen={() => open(k)} />
              </Col>
            ))}
          </Row>
        )
      ) : (
        <Card size="small" title={campaign.data ? `${campaign.data.name}${campaign.data.caseTheme ? ` · ${campaign.data.caseTheme}` : ''}` : undefined}>
          {!listCampaignId ? (
            <Empty description="暂无征集精品案例的活动" />
          ) : (
            <>
              {cases.isError && <Alert type="error" showIcon title={errorMessage(cases.error)} style={{ marginBottom: 12 }} />}
              {campaign.data && (campaign.data.caseDesignDue || campaign.data.caseResultDue) && (
                <Typography.Paragraph type="secondary">
                  {campaign.data.caseDesignDue ? `设计报送截止 ${campaign.data.caseDesignDue}` : ''}
                  {campaign.data.caseDesignDue && campaign.data.caseResultDue ? '；' : ''}
                  {campaign.data.caseResultDue ? `成果报送截止 ${campaign.data.caseResultDue}` : ''}
                </Typography.Paragraph>
              )}
              <List
                loading={cases.isFetching}
                dataSource={cases.data ?? []}
                rowKey="id"
                locale={{ emptyText: <Empty description="本活动还没有报送案例" /> }}
                renderItem={(k) => (
                  <List.Item onClick={() => open(k)} style={{ cursor: 'pointer' }} data-case={k.title}>
                    <Flex justify="space-between" gap={12} wrap style={{ width: '100%' }}>
                      <Flex vertical gap={4} style={{ minWidth: 0, flex: '1 1 240px' }}>
                        <Flex gap={8} wrap align="center">
                          <Typography.Link strong>{k.title}</Typography.Link>
                          <Tag color={CASE_STATUS_COLOR[k.status]}>{labelOf(CASE_STATUS_LABEL, k.status)}</Tag>
                          {k.myScore !== null && <Tag>我评 {k.myScore} 分</Tag>}
                        </Flex>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {k.orgName} · 设计 {formatInstantDate(k.designAt)}
                          {k.resultAt ? ` · 成果 ${formatInstantDate(k.resultAt)}` : ''}
                        </Typography.Text>
                      </Flex>
                      <ScoreBadge score={k.averageScore} count={k.ratingCount} />
                    </Flex>
                  </List.Item>
                )}
              />
            </>
          )}
        </Card>
      )}

      <CaseDrawer campaignId={openCampaignId} caseId={openCaseId} onClose={() => setOpened(null)} />
      <CaseEditor
        key={seq}
        campaign={campaign.data}
        mode="new"
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={(k) => setOpened(k.id)}
      />
    </PageContainer>
  );
}
