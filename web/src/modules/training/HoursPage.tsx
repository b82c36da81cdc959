// 学时统计 (training.read): a year's 学时 of every member of the chosen organisation (default: the highest in scope)
// against the yearly requirement (业务规则: members and cadres apart), who is behind and by how much (behind first),
// the completion per child organisation, and the Excel export. A 待办 link opens it with ?orgId&year&behind=1.
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { Alert, Button, Card, Col, Flex, Input, Progress, Row, Select, Skeleton, Space, Statistic, Switch, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { DownloadOutlined } from '@ant-design/icons';
import { errorMessage, type Query } from '../../api/client';
import { FilterDrawer } from '../../components/FilterDrawer';
import { PageContainer } from '../../components/PageContainer';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { useDownload } from '../../components/useDownload';
import { ScopeOrgTreeSelect } from '../members/orgPickers';
import { HOURS_EXPORT_URL, hoursText, useHoursLedger, type HoursOrgRow, type HoursRow } from './hoursApi';

const PAGE_SIZE = 20;

function BehindCell({ r }: { r: HoursRow }) {
  return r.behindTenths === 0 ? <Tag color="success">已达标</Tag> : <Typography.Text type="danger" strong>差 {hoursText(r.behindTenths)}</Typography.Text>;
}

export default function HoursPage() {
  const [params] = useSearchParams();
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(() => Number(params.get('year')) || thisYear);
  const [orgId, setOrgId] = useState<string | undefined>(() => params.get('orgId') ?? undefined);
  const [behind, setBehind] = useState(() => params.get('behind') === '1');
  const [keyword, setKeyword] = useState('');
  const [page, setPage] = useState(1);
  const filters = useMemo<Query>(() => ({ year, orgId, behind: behind ? '1' : undefined, keyword: keyword || undefined }), [year, orgId, behind, keyword]);
  const data = useHoursLedger({ ...filters, page, pageSize: PAGE_SIZE });
  const { downloading, start } = useDownload();
  const h = data.data;
  const reset = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    setPage(1);
  };

  const orgColumns: ColumnsType<HoursOrgRow> = [
    { title: '组织', dataIndex: 'orgName' },
    { title: '在册党员', dataIndex: 'members', align: 'right', render: (n: number) => `${n} 人` },
    { title: '已达标', dataIndex: 'met', align: 'right', render: (n: number) => `${n} 人` },
    {
      title: '达标率',
      dataIndex: 'rate',
      width: 220,
      render: (rate: number | null) => (rate === null ? '—' : <Progress percent={rate} size="small" format={(p) => `${p}%`} status={rate >= 100 ? 'success' : 'normal'} />),
    },
    { title: '学时合计', dataIndex: 'totalTenths', align: 'right', render: (t: number) => hoursText(t) },
  ];
  const memberColumns: ColumnsType<HoursRow> = [
    {
      title: '姓名',
      dataIndex: 'name',
      render: (n: string, r) => (
        <Space size={4} wrap>
          {n}
          {r.posts.map((p) => (
            <Tag key={p} color="red" bordered={false}>
              {p}
            </Tag>
          ))}
        </Space>
      ),
    },
    { title: '所在组织', dataIndex: 'orgName' },
    { title: '应完成', dataIndex: 'requiredTenths', align: 'right', render: (t: number) => hoursText(t) },
    { title: '线上学习', dataIndex: 'onlineTenths', align: 'right', render: (t: number) => hoursText(t) },
    { title: '线下培训', dataIndex: 'offlineTenths', align: 'right', render: (t: number) => hoursText(t) },
    { title: '党课', dataIndex: 'lectureTenths', align: 'right', render: (t: number) => hoursText(t) },
    { title: '合计', dataIndex: 'totalTenths', align: 'right', render: (t: number) => <strong>{hoursText(t)}</strong> },
    { title: '差额', key: 'behind', align: 'right', render: (_, r) => <BehindCell r={r} /> },
  ];

  return (
    <PageContainer
      title="学时统计"
      subTitle={
        h
          ? `党员每年应完成 ${hoursText(h.requirement.memberTenths)} 学时，书记、副书记、委员和党务工作者 ${hoursText(h.requirement.cadreTenths)} 学时（业务规则）；线上学习、线下培训与组织生活党课合计，党课只计一次。`
          : '年度学时：线上学习、线下培训与组织生活党课，对照年度要求。'
      }
      extra={
        <Button icon={<DownloadOutlined />} loading={downloading} onClick={() => void start(HOURS_EXPORT_URL, filters, `学时统计-${h?.orgName ?? ''}-${year}.xlsx`)}>
          导出 Excel
        </Button>
      }
    >
      <FilterDrawer active={(orgId ? 1 : 0) + (behind ? 1 : 0) + (keyword ? 1 : 0)} doneButton>
        <Card size="small">
          <Row gutter={[12, 12]} align="middle">
            <Col xs={24} md={4}>
              <Select
                style={{ width: '100%' }}
                aria-label="年度"
                value={year}
                onChange={reset(setYear)}
                options={[0, 1, 2, 3].map((d) => ({ value: thisYear - d, label: `${thisYear - d} 年` }))}
              />
            </Col>
            <Col xs={24} md={9}>
              <ScopeOrgTreeSelect style={{ width: '100%' }} placeholder="组织（默认全部）" value={orgId} onChange={reset(setOrgId)} allowClear />
            </Col>
            <Col xs={24} md={6}>
              <Input.Search placeholder="姓名" allowClear aria-label="姓名" onSearch={reset((v: string) => setKeyword(v.trim()))} />
            </Col>
            <Col xs={24} md={5}>
              <Flex align="center" gap={8}>
                <Switch checked={behind} onChange={reset(setBehind)} aria-label="只看未达标" />
                只看未达标
              </Flex>
            </Col>
          </Row>
        </Card>
      </FilterDrawer>
      {data.isError && <Alert type="error" showIcon title={errorMessage(data.error)} />}
      {!h ? (
        !data.isError && (
          <Card>
            <Skeleton active />
          </Card>
        )
      ) : (
        <>
          <Card size="small">
            <Flex wrap gap={32}>
              <Statistic title={`${h.orgName} ${h.year} 年在册党员`} value={h.summary.members} suffix="人" />
              <Statistic title="已达标" value={h.summary.met} suffix="人" />
              <Statistic title="未达标" value={h.summary.members - h.summary.met} suffix="人" styles={{ content: h.summary.members > h.summary.met ? { color: '#cf1322' } : undefined }} />
              <Statistic title="达标率" value={h.summary.rate ?? '—'} suffix={h.summary.rate === null ? undefined : '%'} />
              <Statistic title="学时合计" value={hoursText(h.summary.totalTenths)} />
            </Flex>
          </Card>
          {h.orgs.length > 1 && (
            <Card size="small" title="各组织完成情况">
              <ResponsiveTable<HoursOrgRow> size="small" rowKey="orgId" columns={orgColumns} dataSource={h.orgs} pagination={false} />
            </Card>
          )}
          <Card size="small" title={behind ? '未达标党员（差额大的在前）' : '党员学时（未达标、差额大的在前）'}>
            <ResponsiveTable<HoursRow>
              size="small"
              rowKey="memberId"
              columns={memberColumns}
              // A phone card keeps what a secretary acts on: required, total and what is missing.
              phoneHide={['onlineTenths', 'offlineTenths', 'lectureTenths']}
              dataSource={h.items}
              loading={data.isFetching}
              pagination={{ current: h.page, pageSize: h.pageSize, total: h.total, showSizeChanger: false, onChange: setPage, showTotal: (n) => `共 ${n} 人` }}
            />
          </Card>
        </>
      )}
    </PageContainer>
  );
}
