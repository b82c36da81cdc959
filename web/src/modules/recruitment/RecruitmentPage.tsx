// 发展党员 (recruit.read): the people in the pipeline by stage (a count on each tab), with name and organisation
// filters, 登记入党申请人 for a branch's keepers and the 工作台账 export; a row opens the person's page (timeline and
// 办理下一步). Two more tabs: the year's 发展计划 with its progress, and the year's statistics.
import { useState, type ReactNode } from 'react';
import { Button, Grid, Segmented, Select, Space, Tabs, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { useSession } from '../../app/session';
import { ListPage } from '../../components/ListPage';
import { PageContainer } from '../../components/PageContainer';
import { useDownload } from '../../components/useDownload';
import { ScopeOrgTreeSelect } from '../members/orgPickers';
import { LEDGER_URL, PEOPLE_URL, personPage, STAGE_COLOR, STAGE_LABEL, type RecruitPage, type RecruitPerson, type Stage } from './api';
import { PlansTab } from './PlansTab';
import { RegisterModal } from './RegisterModal';
import { StatsTab } from './StatsTab';

const ALL = 'all';
const TABS = [{ key: 'list', label: '发展名单' }, { key: 'plans', label: '发展计划' }, { key: 'stats', label: '年度统计' }];
const TITLE = '发展党员';
const INTRO = '25 个步骤按规定的时间办理，时间未到的步骤系统会拒绝并说明依据。';

export default function RecruitmentPage() {
  const [search, setSearch] = useSearchParams();
  const tab = TABS.some((x) => x.key === search.get('tab')) ? search.get('tab')! : 'list';
  const tabs = <Tabs activeKey={tab} items={TABS} onChange={(k) => setSearch(k === 'list' ? {} : { tab: k }, { replace: true })} style={{ marginBottom: -8 }} />;
  // The year of the server's day is not known here; the browser's is the same but around midnight on 31 December.
  const now = new Date().getFullYear();
  if (tab !== 'list') {
    return (
      <PageContainer title={TITLE} subTitle={<>{INTRO}{tabs}</>}>
        {tab === 'plans' ? <PlansTab now={now} /> : <StatsTab now={now} />}
      </PageContainer>
    );
  }
  return <PeopleList tabs={tabs} />;
}

function PeopleList({ tabs }: { tabs: ReactNode }) {
  const { can } = useSession();
  const { downloading, start } = useDownload();
  const navigate = useNavigate();
  const [stage, setStage] = useState<Stage | typeof ALL>(ALL);
  const [registering, setRegistering] = useState(false);
  // The count of each stage for the tabs (the list's own answer carries them too, but per filter).
  const counts = useQuery({ queryKey: ['recruitment', 'counts'], queryFn: ({ signal }) => api.get<RecruitPage>(PEOPLE_URL, { pageSize: 1 }, signal) });
  const c = counts.data?.counts;
  const phone = Grid.useBreakpoint().md === false;
  const stageOptions = [
    { value: ALL, label: `全部${c ? ` ${Object.values(c).reduce((a, b) => a + b, 0)}` : ''}` },
    ...(Object.keys(STAGE_LABEL) as Stage[]).map((s) => ({ value: s, label: `${STAGE_LABEL[s]}${c ? ` ${c[s]}` : ''}` })),
  ];

  const columns: ColumnsType<RecruitPerson> = [
    {
      title: '姓名', dataIndex: 'name',
      render: (v: string, p) => (
        <span>
          <Link to={personPage(p.id)}><Typography.Text strong>{v}</Typography.Text></Link>
          <br /><Typography.Text type="secondary" style={{ fontSize: 12 }}>{p.orgName}</Typography.Text>
        </span>
      ),
    },
    { title: '阶段', dataIndex: 'stage', width: 120, render: (s: Stage) => <Tag color={STAGE_COLOR[s]}>{STAGE_LABEL[s]}</Tag> },
    {
      title: '进度', key: 'progress', width: 200,
      render: (_: unknown, p) => (
        <span>第 {p.lastStep} / 25 步<br /><Typography.Text type="secondary" style={{ fontSize: 12 }}>{p.lastDoneOn ? `最近办理 ${p.lastDoneOn}` : ''}</Typography.Text></span>
      ),
    },
    { title: '下一步', key: 'next', render: (_: unknown, p) => (p.next ? `${p.next.no}. ${p.next.name}` : <Typography.Text type="secondary">已全部完成</Typography.Text>) },
    { title: '性别 · 年龄', key: 'who', width: 110, render: (_: unknown, p) => `${p.gender === 'male' ? '男' : '女'} · ${p.age} 岁` },
  ];

  return (
    <>
      <ListPage<RecruitPerson>
        title={TITLE}
        subTitle={
          <>
            {INTRO}
            {tabs}
            <div style={{ marginTop: 12 }}>
              {/* Five stages do not fit a phone's width as one bar: a drop-down there, never a sideways scroll. */}
              {phone ? (
                <Select style={{ width: '100%' }} value={stage} onChange={setStage} options={stageOptions} aria-label="阶段" />
              ) : (
                <Segmented value={stage} onChange={(v) => setStage(v as Stage | typeof ALL)} options={stageOptions} />
              )}
            </div>
          </>
        }
        url={PEOPLE_URL}
        params={stage === ALL ? undefined : { stage }}
        rowKey="id"
        columns={columns}
        exportName="发展党员名单"
        tableProps={{ phoneTitle: 'name', onRow: (p) => ({ onClick: (e) => { if (!(e.target as HTMLElement).closest('a')) void navigate(personPage(p.id)); }, style: { cursor: 'pointer' } }) }}
        searchFields={[
          { type: 'text', name: 'keyword', label: '姓名' },
          { type: 'custom', name: 'orgId', label: '党组织', render: () => <ScopeOrgTreeSelect /> },
        ]}
        toolbar={(
          <Space wrap>
            <Button icon={<DownloadOutlined />} loading={downloading} onClick={() => void start(LEDGER_URL, undefined, '发展党员工作台账.xlsx')}>工作台账</Button>
            {can('recruit.write') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setRegistering(true)}>登记入党申请人</Button>}
          </Space>
        )}
      />
      {registering && <RegisterModal onClose={() => setRegistering(false)} onDone={(id) => { setRegistering(false); void navigate(personPage(id)); }} />}
    </>
  );
}
