// 服务时长 (volunteer.read): a year's volunteer hours in the chosen organisation (default: all in scope) — per
// month (chart), per organisation and per volunteer, with each volunteer's 志愿服务记录证明 (Word) and an Excel
// export of the summary. Hours are minutes / 60 with one decimal.
import { lazy, Suspense, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { Alert, Button, Card, Col, Flex, Row, Select, Skeleton, Statistic } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { DownloadOutlined, FileWordOutlined } from '@ant-design/icons';
import { errorMessage, type Query } from '../../api/client';
import { FilterDrawer } from '../../components/FilterDrawer';
import { PageContainer } from '../../components/PageContainer';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { useDownload } from '../../components/useDownload';
import { label } from '../../lib/people';
import { ScopeOrgTreeSelect } from '../members/orgPickers';
import { HOURS_URL, VOLUNTEER_KIND_LABEL, type Hours } from './types';
import { hours, useHours, volunteerCertificateUrl } from './api';

const HoursChart = lazy(() => import('./HoursChart'));

type OrgRow = Hours['orgs'][number];
type VolunteerRow = Hours['volunteers'][number];

function CertificateButton({ v, year }: { v: VolunteerRow; year: number }) {
  const { downloading, start } = useDownload();
  return (
    <Button size="small" type="link" icon={<FileWordOutlined />} loading={downloading} onClick={() => void start(volunteerCertificateUrl(v.kind, v.id), { year }, `志愿服务记录证明-${v.name}-${year}.docx`)}>
      证明
    </Button>
  );
}

export default function HoursPage() {
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  // The 工作台 links here with ?orgId=….
  const [orgId, setOrgId] = useState<string | undefined>(useSearchParams()[0].get('orgId') ?? undefined);
  const query = useMemo<Query>(() => ({ year, orgId }), [year, orgId]);
  const data = useHours(query);
  const { downloading, start } = useDownload();
  const h = data.data;

  const orgColumns: ColumnsType<OrgRow> = [
    { title: '组织', dataIndex: 'orgName' },
    { title: '志愿者', dataIndex: 'volunteers', align: 'right', render: (n: number) => `${n} 人` },
    { title: '服务时长（小时）', dataIndex: 'minutes', align: 'right', defaultSortOrder: 'descend', sorter: (a, b) => a.minutes - b.minutes, render: (m: number) => hours(m) },
  ];
  const volunteerColumns: ColumnsType<VolunteerRow> = [
    { title: '姓名', dataIndex: 'name', render: (n: string, v) => `${n}${v.kind === 'staff' ? `（${label(VOLUNTEER_KIND_LABEL, v.kind)}）` : ''}` },
    { title: '组织', dataIndex: 'orgName' },
    { title: '走访', dataIndex: 'visits', align: 'right', render: (n: number, v) => `${n} 次 / ${hours(v.visitMinutes)} 小时` },
    { title: '活动（小时）', dataIndex: 'activityMinutes', align: 'right', render: (m: number) => hours(m) },
    {
      title: '合计（小时）',
      key: 'total',
      align: 'right',
      defaultSortOrder: 'descend',
      sorter: (a, b) => a.visitMinutes + a.activityMinutes - (b.visitMinutes + b.activityMinutes),
      render: (_, v) => hours(v.visitMinutes + v.activityMinutes),
    },
    { title: '操作', key: 'actions', render: (_, v) => <CertificateButton v={v} year={year} /> },
  ];

  return (
    <PageContainer
      title="服务时长"
      subTitle="党员志愿服务时长：结对走访与志愿活动，按月、按组织、按人统计；可下载个人志愿服务记录证明。"
      extra={
        <Button icon={<DownloadOutlined />} loading={downloading} onClick={() => void start(HOURS_URL, { ...query, format: 'xlsx' }, `志愿服务时长-${year}.xlsx`)}>
          导出 Excel
        </Button>
      }
    >
      <FilterDrawer active={orgId ? 1 : 0} doneButton>
        <Card size="small">
          <Row gutter={[12, 12]}>
            <Col xs={24} md={8}>
              <Select
                style={{ width: '100%' }}
                aria-label="年度"
                value={year}
                onChange={setYear}
                options={[0, 1, 2, 3].map((d) => ({ value: thisYear - d, label: `${thisYear - d} 年` }))}
              />
            </Col>
            <Col xs={24} md={16}>
              <ScopeOrgTreeSelect style={{ width: '100%' }} placeholder="组织（默认全部）" value={orgId} onChange={setOrgId} />
            </Col>
          </Row>
        </Card>
      </FilterDrawer>
      {data.isError && <Alert type="error" showIcon title={errorMessage(data.error)} />}
      {!h ? (
        <Card>
          <Skeleton active />
        </Card>
      ) : (
        <>
          <Card size="small">
            <Flex wrap gap={24}>
              <Statistic title={`${h.orgName} ${year} 年服务时长`} value={hours(h.total.visitMinutes + h.total.activityMinutes)} suffix="小时" />
              <Statistic title="其中走访" value={hours(h.total.visitMinutes)} suffix="小时" />
              <Statistic title="走访次数" value={h.total.visits} suffix="次" />
              <Statistic title="参与志愿者" value={h.total.volunteers} suffix="人" />
            </Flex>
          </Card>
          <Card size="small" title="每月服务时长">
            <Suspense fallback={<Skeleton active />}>
              <HoursChart months={h.months} />
            </Suspense>
          </Card>
          <Card size="small" title="各组织">
            <ResponsiveTable<OrgRow> size="small" rowKey="orgId" columns={orgColumns} dataSource={h.orgs} pagination={false} />
          </Card>
          <Card size="small" title="志愿者个人">
            <ResponsiveTable<VolunteerRow>
              size="small"
              rowKey={(v) => `${v.kind}:${v.id}`}
              columns={volunteerColumns}
              dataSource={h.volunteers}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
            />
          </Card>
        </>
      )}
    </PageContainer>
  );
}
