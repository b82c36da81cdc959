// 留言审核 (incentive.write): residents' comments from the public pages of the plaques in the branch's care,
// waiting ones first; 公开 shows a comment on the public page, 不公开 keeps it inside. `?plaqueId=` (the 待办 link)
// narrows to one plaque. The rating itself counts in the evaluation either way.
import { Alert, Button, Segmented, Space } from 'antd';
import { useSearchParams } from 'react-router';
import { PageContainer } from '../../components/PageContainer';
import type { Rating } from './PlaqueApi';
import { RatingList } from './RatingList';

const TABS: { value: Rating['commentStatus']; label: string }[] = [
  { value: 'pending', label: '待审核' },
  { value: 'approved', label: '已公开' },
  { value: 'rejected', label: '不公开' },
];

export default function RatingModerationPage() {
  const [params, setParams] = useSearchParams();
  // A hand-edited or stale ?status= falls back to the waiting ones instead of asking the server for a tab that does not exist.
  const asked = params.get('status');
  const status = TABS.find((t) => t.value === asked)?.value ?? 'pending';
  const plaqueId = params.get('plaqueId') ?? undefined;
  const set = (name: string, value: string | null) => setParams((prev) => {
    const next = new URLSearchParams(prev);
    if (value) next.set(name, value);
    else next.delete(name);
    return next;
  });
  return (
    <PageContainer title="留言审核" subTitle="群众在示范岗、责任区公开页的留言，审核“公开”后才在公开页显示；评分不论是否公开都计入考评。">
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        <Segmented options={TABS} value={status} onChange={(v) => set('status', String(v))} />
        {plaqueId && (
          <Alert type="info" showIcon message="仅显示一个岗位的留言" action={<Button size="small" onClick={() => set('plaqueId', null)}>显示全部</Button>} />
        )}
        <RatingList key={`${status}:${plaqueId ?? ''}`} commentStatus={status} plaqueId={plaqueId} showPlaque />
      </Space>
    </PageContainer>
  );
}
