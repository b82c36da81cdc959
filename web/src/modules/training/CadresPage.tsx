// 党务干部 (training.read): who holds a committee post in the organisations in sight, since when and in which term,
// read from the organisations' posts (a change of post in 组织 shows here at once), and the employees holding a
// Party-affairs post of the committee (set in 员工; members or not); Excel export. A person holding two posts appears
// once per post.
import { useQuery } from '@tanstack/react-query';
import { Space, Statistic, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { api } from '../../api/client';
import { ListPage } from '../../components/ListPage';
import { ScopeOrgTreeSelect } from '../members/orgPickers';
import { CADRES_URL, type Cadre } from './TalentApi';
import type { ApiResponse } from '../../api/types';

const POST_LABEL: Record<Cadre['post'], string> = {
  secretary: '书记', deputySecretary: '副书记', organisation: '组织委员', publicity: '宣传委员', discipline: '纪检委员', youth: '青年委员', member: '委员', affairsStaff: '党务工作者',
  affairsFullTime: '党群部专职',
};

const columns: ColumnsType<Cadre> = [
  { title: '姓名', dataIndex: 'memberName', width: 110, render: (v: string, c) => <span>{v}{c.talentCategory && <><br /><Tag color="gold">后备·{c.talentCategory}</Tag></>}</span> },
  { title: '组织', dataIndex: 'orgName', render: (v: string, c) => <span>{v}<br /><Typography.Text type="secondary">{c.unitName ? `${c.unitName}·员工岗位` : c.orgKind}</Typography.Text></span> },
  { title: '职务', dataIndex: 'postName', width: 100 },
  { title: '任职起始', dataIndex: 'since', width: 110, render: (v: string | null) => v ?? '-' },
  { title: '本届任期', key: 'term', width: 240, render: (_: unknown, c) => (c.termStartedOn ? <span style={{ whiteSpace: 'nowrap' }}>{c.termStartedOn} 至 {c.termEndsOn ?? ''}</span> : '-') },
  {
    title: '本年学时', key: 'hours', width: 110,
    // An employee who is no member has no 学时 to keep.
    render: (_: unknown, c) => (c.hoursTenths === null || c.requiredTenths === null ? <Typography.Text type="secondary">非党员</Typography.Text> : (
      <Typography.Text type={c.hoursTenths < c.requiredTenths ? 'danger' : undefined} style={{ whiteSpace: 'nowrap' }}>
        {(c.hoursTenths / 10).toFixed(1)} / {c.requiredTenths / 10}
      </Typography.Text>
    )),
  },
  {
    title: '考试', key: 'exams', width: 150,
    render: (_: unknown, c) => (!c.exams ? '-' : c.exams.latest
      ? <span>{c.exams.latest.score}/{c.exams.latest.totalScore} 分{c.exams.latest.passed ? '' : '（未及格）'}<br /><Typography.Text type="secondary">共 {c.exams.taken} 场，及格 {c.exams.passed}</Typography.Text></span>
      : <Typography.Text type="secondary">未参加</Typography.Text>),
  },
];

export default function CadresPage() {
  const summary = useQuery({
    queryKey: ['training', 'cadres', 'summary'],
    queryFn: ({ signal }) => api.get<ApiResponse<'/api/v1/training/cadres'>>(CADRES_URL, { pageSize: 1 }, signal),
  });
  const s = summary.data?.summary;
  return (
    <ListPage<Cadre>
      title="党务干部"
      subTitle={
        <Space direction="vertical" size={4}>
          <span>各级党组织现任书记、副书记、委员和党务工作者，取自组织架构中的任职记录（在“组织”中调整职务即同步）；员工的党务岗位（党务工作者、党群部专职）在“员工”中设置，列在党委下。</span>
          {s && (
            <Space size="large" wrap>
              <Statistic title="人数" value={s.people} />
              <Statistic title="职务" value={s.posts} />
              <Statistic title="书记" value={s.secretaries} />
            </Space>
          )}
        </Space>
      }
      url={CADRES_URL}
      rowKey="postId"
      columns={columns}
      exportName="党务干部名册"
      tableProps={{ phoneTitle: 'memberName' }}
      searchFields={[
        { type: 'text', name: 'keyword', label: '姓名' },
        { type: 'select', name: 'post', label: '职务', options: Object.entries(POST_LABEL).map(([value, label]) => ({ value, label })) },
        { type: 'custom', name: 'orgId', label: '组织', render: () => <ScopeOrgTreeSelect /> },
      ]}
    />
  );
}
