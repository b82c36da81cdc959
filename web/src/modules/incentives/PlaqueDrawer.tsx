// One 示范岗/责任区: its facts, the public QR code and plaque card, the residents' ratings per half-year and their
// comments (moderated here by the branch), and the history. The buttons are exactly what the server allows
// (`allowed`): a branch edits and moderates, the 党委 approves, returns, issues and withdraws.
import { useState } from 'react';
import { App, Button, Descriptions, Divider, Flex, Form, Input, Popconfirm, Space, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { api, errorMessage } from '../../api/client';
import { DetailDrawer } from '../../components/DetailDrawer';
import { FormModal } from '../../components/FormModal';
import { useDownload } from '../../components/useDownload';
import {
  EVENT_LABEL, PLAQUE_KIND_LABEL, PLAQUE_STATUS_COLOR, PLAQUE_STATUS_LABEL, placeOf, plaqueUrl, usePlaque, usePublicLink, useRatingSummary,
  useRefreshIncentives, type Plaque,
} from './PlaqueApi';
import { RatingList } from './RatingList';

type Reasoned = 'reject' | 'withdraw';
const REASON_TITLE: Record<Reasoned, string> = { reject: '退回申报', withdraw: '摘牌' };

export function PlaqueDrawer({ id, onClose, onEdit }: { id: string | null; onClose: () => void; onEdit: (p: Plaque) => void }) {
  const { message } = App.useApp();
  const refresh = useRefreshIncentives();
  const record = usePlaque(id);
  const p = record.data;
  const hasCode = !!p?.publicCode;
  const link = usePublicLink(id, hasCode);
  const summary = useRatingSummary(id);
  const { downloading, start } = useDownload();
  const [reason, setReason] = useState<Reasoned | null>(null);

  const act = async (action: 'approve' | 'issue') => {
    try {
      await api.post(plaqueUrl(p!.id, action), {});
      void message.success(action === 'approve' ? '已审核通过，已生成二维码' : '已挂牌');
      void refresh();
    } catch (e) {
      void message.error(errorMessage(e));
    }
  };
  const allowed = p?.allowed ?? [];
  const extra = p && (
    <Space wrap>
      {allowed.includes('edit') && <Button onClick={() => onEdit(p)}>{p.status === 'rejected' ? '修改后重新申报' : '修改'}</Button>}
      {allowed.includes('approve') && (
        <Popconfirm title="审核通过并生成公开页二维码？" okText="通过" cancelText="取消" onConfirm={() => void act('approve')}>
          <Button type="primary">审核通过</Button>
        </Popconfirm>
      )}
      {allowed.includes('reject') && <Button onClick={() => setReason('reject')}>退回</Button>}
      {allowed.includes('issue') && (
        <Popconfirm title="确认已挂牌？挂牌后公开页即可评价" okText="挂牌" cancelText="取消" onConfirm={() => void act('issue')}>
          <Button type="primary">挂牌</Button>
        </Popconfirm>
      )}
      {allowed.includes('withdraw') && <Button danger onClick={() => setReason('withdraw')}>摘牌</Button>}
    </Space>
  );

  return (
    <DetailDrawer
      title={p ? p.title : '示范岗 / 责任区'}
      open={!!id}
      onClose={onClose}
      loading={record.isPending && !!id}
      width={720}
      extra={extra}
      history={p ? {
        title: '历程',
        items: [...p.events].reverse().map((e) => ({
          key: e.id, at: e.at, title: EVENT_LABEL[e.action] ?? e.action,
          description: [e.actorName, e.note].filter(Boolean).join('：') || undefined,
          color: e.action === 'rejected' || e.action === 'withdrawn' || e.action === 'flagged' ? 'red' : e.action === 'issued' ? 'green' : 'blue',
        })),
      } : undefined}
    >
      {record.isError && <Typography.Text type="danger">{errorMessage(record.error)}</Typography.Text>}
      {p && (
        <>
          <Descriptions
            column={1}
            bordered
            size="small"
            items={[
              { key: 'status', label: '状态', children: <Space wrap><Tag color={PLAQUE_STATUS_COLOR[p.status]}>{PLAQUE_STATUS_LABEL[p.status]}</Tag>{p.flagged && <Tag color="red">建议摘牌</Tag>}</Space> },
              { key: 'kind', label: '类别', children: PLAQUE_KIND_LABEL[p.kind] },
              { key: 'member', label: '党员', children: `${p.memberName}（${p.orgName}）` },
              { key: 'place', label: p.kind === 'post' ? '岗位' : '责任区', children: placeOf(p) || '-' },
              { key: 'commit', label: '服务承诺', children: <span style={{ whiteSpace: 'pre-wrap' }}>{p.commitment}</span> },
              { key: 'period', label: '期限', children: `${p.periodFrom} 至 ${p.periodTo}` },
              ...(p.issuedOn ? [{ key: 'issued', label: '挂牌日期', children: p.issuedOn }] : []),
              ...(p.withdrawnOn ? [{ key: 'withdrawn', label: '摘牌', children: `${p.withdrawnOn}：${p.withdrawReason ?? ''}` }] : []),
              { key: 'rating', label: '群众评价', children: p.ratingAverage === null ? '暂无评价' : `${p.ratingAverage.toFixed(2)} 分（${p.ratingCount} 人次）` },
            ]}
          />
          {p.flagged && allowed.includes('withdraw') && (
            <Typography.Paragraph type="danger" style={{ marginTop: 12 }}>考评低于阈值，建议摘牌：可点击右上角“摘牌”并填写原因。</Typography.Paragraph>
          )}
          {hasCode && (
            <>
              <Divider titlePlacement="start">公开页与挂牌卡</Divider>
              <Flex gap={16} wrap align="center">
                {link.data && <img src={`data:image/svg+xml;utf8,${encodeURIComponent(link.data.svg)}`} alt="公开页二维码" width={140} height={140} />}
                <Flex vertical gap={8} style={{ minWidth: 0, flex: '1 1 220px' }}>
                  {link.data && (
                    <Typography.Link href={link.data.url} target="_blank" rel="noreferrer" copyable={{ text: link.data.url }} style={{ wordBreak: 'break-all' }} data-testid="plaque-public-link">
                      {link.data.url}
                    </Typography.Link>
                  )}
                  <Typography.Text type="secondary">群众扫码即可查看承诺并评价（1–5 星，可留言），留言经审核后公开；摘牌后显示“此岗位已撤销”。</Typography.Text>
                  <div>
                    <Button icon={<DownloadOutlined />} loading={downloading} onClick={() => void start(plaqueUrl(p.id, 'card.docx'), undefined, `${p.title}-挂牌卡.docx`)}>
                      下载挂牌卡（Word，A5）
                    </Button>
                  </div>
                </Flex>
              </Flex>
            </>
          )}
          {p.ratingCount > 0 && (
            <>
              <Divider titlePlacement="start">群众评价（按半年）</Divider>
              <Flex gap={8} wrap>
                {(summary.data?.items ?? []).map((s) => (
                  <Tag key={s.period}>{s.period}：{s.average?.toFixed(2) ?? '-'} 分 / {s.count} 人次</Tag>
                ))}
              </Flex>
              <Divider titlePlacement="start">评价与留言</Divider>
              <RatingList plaqueId={p.id} />
            </>
          )}
          {reason && (
            <FormModal<{ reason: string }>
              title={REASON_TITLE[reason]}
              open
              onClose={() => setReason(null)}
              okText={reason === 'reject' ? '退回' : '摘牌'}
              successMessage={reason === 'reject' ? '已退回' : '已摘牌'}
              onSubmit={(v) => api.post(plaqueUrl(p.id, reason), { reason: v.reason.trim() })}
              onSuccess={() => {
                setReason(null);
                void refresh();
              }}
            >
              <Form.Item name="reason" label="原因" rules={[{ required: true, whitespace: true, message: '请填写原因' }, { max: 200 }]}>
                <Input.TextArea rows={3} />
              </Form.Item>
            </FormModal>
          )}
        </>
      )}
    </DetailDrawer>
  );
}
