// The residents' ratings with their comments, newest first, paged: a branch that moderates sees 公开 / 不公开 on
// each comment. Used in the plaque drawer (one plaque, all ratings) and on the 留言审核 page (comments only).
import { useState } from 'react';
import { App, Button, List, Rate, Space, Tag, Typography } from 'antd';
import { errorMessage } from '../../api/client';
import { COMMENT_STATUS_LABEL, moderate, useRatings, useRefreshIncentives, type Rating } from './PlaqueApi';

const STATUS_COLOR: Record<Rating['commentStatus'], string> = { none: 'default', pending: 'orange', approved: 'green', rejected: 'default' };

export function RatingList({ plaqueId, commentStatus, showPlaque }: { plaqueId?: string; commentStatus?: Rating['commentStatus']; showPlaque?: boolean }) {
  const { message } = App.useApp();
  const refresh = useRefreshIncentives();
  const [page, setPage] = useState(1);
  const ratings = useRatings({ plaqueId, commentStatus: commentStatus === 'none' ? undefined : commentStatus, page, pageSize: 10 });
  const decide = async (r: Rating, decision: 'approve' | 'reject') => {
    try {
      await moderate(r.id, decision);
      void message.success(decision === 'approve' ? '留言已公开' : '留言已设为不公开');
      void refresh();
    } catch (e) {
      void message.error(errorMessage(e));
    }
  };
  return (
    <List<Rating>
      loading={ratings.isPending}
      dataSource={ratings.data?.items ?? []}
      locale={{ emptyText: ratings.isError ? errorMessage(ratings.error) : '暂无记录' }}
      pagination={(ratings.data?.total ?? 0) > 10 ? { current: page, pageSize: 10, total: ratings.data?.total, onChange: setPage, size: 'small', showSizeChanger: false } : false}
      renderItem={(r) => (
        <List.Item
          data-testid="rating-item"
          actions={r.canModerate ? [
            r.commentStatus !== 'approved' && <Button key="a" size="small" type="link" onClick={() => void decide(r, 'approve')}>公开</Button>,
            r.commentStatus !== 'rejected' && <Button key="r" size="small" type="link" danger onClick={() => void decide(r, 'reject')}>不公开</Button>,
          ].filter(Boolean) : undefined}
        >
          <List.Item.Meta
            title={
              <Space wrap size={4}>
                <Rate disabled value={r.score} style={{ fontSize: 14 }} />
                <Typography.Text type="secondary">{r.ratedOn}</Typography.Text>
                {r.commentStatus !== 'none' && <Tag color={STATUS_COLOR[r.commentStatus]}>{COMMENT_STATUS_LABEL[r.commentStatus]}</Tag>}
              </Space>
            }
            description={
              <>
                {showPlaque && <div>{r.plaqueTitle}（{r.memberName}）</div>}
                {r.comment && <Typography.Text style={{ wordBreak: 'break-word' }}>{r.comment}</Typography.Text>}
              </>
            }
          />
        </List.Item>
      )}
    />
  );
}
