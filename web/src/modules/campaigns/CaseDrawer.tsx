// One 精品案例: design and results, photos, the reviewers' scores and comments; the branch edits it and adds
// results and photos while the campaign is open, reviewers (not of that branch) rate it.
import { useState } from 'react';
import { Alert, Button, Divider, Empty, Flex, List, Space, Statistic, Tag, Typography } from 'antd';
import { errorMessage } from '../../api/client';
import { Attachments } from '../../components/Attachments';
import { DetailDrawer } from '../../components/DetailDrawer';
import { RichText } from '../../components/RichText';
import { formatInstant } from '../../lib/time';
import { casePhotoUrl, deleteCasePhoto, uploadCasePhoto, useCampaign, useCase, useRefreshCampaigns } from './api';
import { CaseEditor, RateModal } from './CaseForms';
import { CASE_STATUS_COLOR, CASE_STATUS_LABEL, formatScore, labelOf } from './types';

export function CaseDrawer({ campaignId, caseId, onClose }: { campaignId: string | null; caseId: string | null; onClose: () => void }) {
  const kase = useCase(campaignId, caseId);
  const campaign = useCampaign(caseId ? campaignId : null);
  const refresh = useRefreshCampaigns();
  const [editing, setEditing] = useState<'design' | 'result' | null>(null);
  const [rating, setRating] = useState(false);
  const k = kase.data;
  const allowed = k?.allowed ?? [];

  const actions = k && (
    <Space wrap>
      {allowed.includes('edit') && (
        <Button type={k.status === 'design' ? 'primary' : 'default'} onClick={() => setEditing('result')}>
          {k.status === 'design' ? '报送成果' : '修改成果'}
        </Button>
      )}
      {allowed.includes('edit') && <Button onClick={() => setEditing('design')}>修改设计</Button>}
      {allowed.includes('rate') && (
        <Button type="primary" onClick={() => setRating(true)}>
          {k.myScore !== null ? '修改评分' : '评审打分'}
        </Button>
      )}
    </Space>
  );

  return (
    <>
      <DetailDrawer
        title={k ? `精品案例：${k.title}` : '精品案例'}
        open={!!caseId}
        onClose={onClose}
        loading={!!caseId && (kase.isPending || !campaignId)}
        width={820}
        extra={actions}
        items={
          k
            ? [
                { key: 'org', label: '报送支部', children: k.orgName },
                { key: 'campaign', label: '所属活动', children: k.campaignName },
                { key: 'status', label: '阶段', children: <Tag color={CASE_STATUS_COLOR[k.status]}>{labelOf(CASE_STATUS_LABEL, k.status)}</Tag> },
                { key: 'designAt', label: '设计报送', children: formatInstant(k.designAt) },
                ...(k.resultAt ? [{ key: 'resultAt', label: '成果报送', children: formatInstant(k.resultAt) }] : []),
                ...(k.summary ? [{ key: 'summary', label: '案例简介', span: 2, children: <span style={{ whiteSpace: 'pre-wrap' }}>{k.summary}</span> }] : []),
              ]
            : undefined
        }
      >
        {kase.isError && <Alert type="error" showIcon title={errorMessage(kase.error)} />}
        {k && (
          <Flex vertical gap={8} style={{ marginTop: 16 }}>
            <Flex gap={32} wrap>
              <Statistic title="平均分" value={formatScore(k.averageScore)} suffix={k.averageScore !== null ? '分' : undefined} />
              <Statistic title="评审人数" value={k.ratingCount} />
              {k.myScore !== null && <Statistic title="我的评分" value={k.myScore} />}
            </Flex>
            <Divider titlePlacement="start">设计方案</Divider>
            <RichText html={k.design} empty={<Typography.Text type="secondary">（无）</Typography.Text>} />
            <Divider titlePlacement="start">实施成果</Divider>
            <RichText html={k.result} empty={<Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未报送成果" />} />
            <Divider titlePlacement="start">照片（{k.photos.length}）</Divider>
            <Attachments
              files={k.photos.map((f) => ({ ...f, isImage: f.mime.startsWith('image/') }))}
              urlOf={(fileId, inline) => casePhotoUrl(k.campaignId, k.id, fileId, inline)}
              upload={allowed.includes('photos') ? (file) => uploadCasePhoto(k.campaignId, k.id, file) : undefined}
              remove={allowed.includes('photos') ? (fileId) => deleteCasePhoto(k.campaignId, k.id, fileId) : undefined}
              onChanged={refresh}
              thumbnails
              uploadLabel="上传照片"
              pickLabel="选择照片"
              hint="jpg、png 图片"
              emptyText="暂无照片"
            />
            <Divider titlePlacement="start">评审意见（{k.ratings.length}）</Divider>
            {k.ratings.length === 0 ? (
              <Typography.Text type="secondary">尚无评分</Typography.Text>
            ) : (
              <List
                size="small"
                dataSource={k.ratings}
                rowKey="reviewerUserId"
                renderItem={(r) => (
                  <List.Item>
                    <Flex vertical gap={2} style={{ width: '100%' }}>
                      <Flex justify="space-between" gap={8}>
                        <Typography.Text strong>{r.reviewerName || '评审人'}</Typography.Text>
                        <Typography.Text strong style={{ color: '#cf1322' }}>
                          {r.score} 分
                        </Typography.Text>
                      </Flex>
                      {r.comment && <span style={{ whiteSpace: 'pre-wrap' }}>{r.comment}</span>}
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {formatInstant(r.ratedAt)}
                      </Typography.Text>
                    </Flex>
                  </List.Item>
                )}
              />
            )}
          </Flex>
        )}
      </DetailDrawer>
      <CaseEditor campaign={campaign.data} current={k} mode={editing ?? 'design'} open={!!editing} onClose={() => setEditing(null)} />
      {campaignId && <RateModal campaignId={campaignId} current={k} open={rating} onClose={() => setRating(false)} />}
    </>
  );
}
