// 统计年报: the yearly statistics tables of an organisation's subtree (members by category, sex, age, education and
// Party age; members leaving; recruitment; 学时) as the page shows them, each figure's definition beside it, and the
// Excel download (one sheet per table plus a 说明 sheet).
import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { Alert, Button, Card, Col, DatePicker, Flex, Row, Skeleton, Typography } from 'antd';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { DownloadOutlined } from '@ant-design/icons';
import { api, errorMessage } from '../../api/client';
import type { ApiResponse } from '../../api/types';
import { PageContainer } from '../../components/PageContainer';
import { useDownload } from '../../components/useDownload';
import { today } from '../org/orgs';
import { ScopeOrgTreeSelect } from '../members/orgPickers';

type YearlyView = ApiResponse<'/api/v1/reports/yearly'>;
const URL = '/api/v1/reports/yearly';

export default function YearlyReportPage() {
  const [orgId, setOrgId] = useState<string | undefined>();
  const [year, setYear] = useState(() => Number(today().slice(0, 4)));
  const { downloading, start } = useDownload();
  const report = useQuery({
    queryKey: ['reports-yearly', orgId ?? null, year],
    queryFn: ({ signal }) => api.get<YearlyView>(URL, { orgId, year }, signal),
    placeholderData: keepPreviousData,
  });
  const v = report.data;
  return (
    <PageContainer title="党内统计年报">
      <Flex vertical gap={12}>
        <Card size="small">
          <Row gutter={[12, 12]} align="middle">
            <Col xs={24} sm={12} lg={8}>
              <ScopeOrgTreeSelect aria-label="统计组织" placeholder={v ? `${v.org.name}（默认）` : '请选择党组织'} style={{ width: '100%' }} value={orgId} onChange={(x: string | undefined) => setOrgId(x)} />
            </Col>
            <Col xs={24} sm={12} lg={6}>
              <DatePicker picker="year" aria-label="统计年度" allowClear={false} style={{ width: '100%' }} value={dayjs(`${year}-01-01`)}
                disabledDate={(d) => d.isAfter(dayjs(today()), 'year')} onChange={(d) => d && setYear(d.year())} />
            </Col>
            <Col xs={24} lg={10}>
              <Button type="primary" icon={<DownloadOutlined />} loading={downloading} disabled={!v}
                onClick={() => v && void start(`${URL}.xlsx`, { orgId: v.org.id, year }, `${v.org.name}${year}年党内统计年报.xlsx`)}>
                下载 Excel
              </Button>
            </Col>
          </Row>
          {v && <Typography.Text type="secondary">统计截至 {v.asOf}，数字取自系统在册记录。</Typography.Text>}
        </Card>
        {report.isError && <Alert type="error" showIcon message={errorMessage(report.error)} />}
        {!v && report.isPending && <Skeleton active />}
        {v?.tables.map((t) => (
          <Card key={`${t.key}-${t.title}`} size="small" title={t.title}>
            <ResponsiveTable
              size="small"
              pagination={false}
              scroll={{ x: 'max-content' }}
              rowKey={(_, i) => String(i)}
              dataSource={t.rows.map((r) => ({ r }))}
              columns={t.headers.map((h, i) => ({ title: h, key: String(i), render: (_: unknown, row: { r: (string | number)[] }) => (row.r[0] === '合计' ? <b>{row.r[i]}</b> : row.r[i]) }))}
            />
            {t.definitions.map((d) => (
              <Typography.Paragraph key={d.name} type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 12 }}>
                {d.name}：{d.definition}
              </Typography.Paragraph>
            ))}
          </Card>
        ))}
      </Flex>
    </PageContainer>
  );
}
