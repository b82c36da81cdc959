// Pieces shared by the 考评 pages: the three parts of a score in one line, and the status tags.
import { Space, Tag, Tooltip, Typography } from 'antd';
import { scoreText, type Evaluation } from './evaluationApi';

export function PartsLine({ e }: { e: Evaluation }) {
  return (
    <Space size={[12, 0]} wrap>
      <span>自评 {scoreText(e.selfScore)}</span>
      <Tooltip title={e.residentsCounted ? `${e.ratingCount} 条评价` : `仅 ${e.ratingCount} 条评价，不计入总分，其权重分给自评和支部评价`}>
        <span>
          群众 {scoreText(e.residentsScore)}
          <Typography.Text type="secondary">（{e.ratingCount} 条{e.residentsCounted ? '' : '，不计'}）</Typography.Text>
        </span>
      </Tooltip>
      <span>支部 {scoreText(e.branchScore)}</span>
    </Space>
  );
}

export function TotalTag({ e }: { e: Evaluation }) {
  if (e.total === null) return <Tag>待评</Tag>;
  return e.flagged ? <Tag color="red">{e.total} 分 · 建议摘牌</Tag> : <Tag color="green">{e.total} 分</Tag>;
}
