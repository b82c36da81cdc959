// 年度统计 (tab of 发展党员): for a year, per branch in sight and in total, how many applied, became 积极分子 and
// 发展对象, were admitted, confirmed (转正) and had their 预备期 extended; Excel export.
import { useState } from 'react';
import { Alert, Button, Select, Space, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { DownloadOutlined } from '@ant-design/icons';
import { errorMessage } from '../../api/client';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { useDownload } from '../../components/useDownload';
import { STATS_URL, useYearStats, type YearStats } from './api';
import { yearOptions } from './PlansTab';

type Row = YearStats['items'][number];
const FIGURES: [keyof YearStats['total'], string][] = [
  ['applied', '递交入党申请书'], ['activists', '确定为入党积极分子'], ['candidates', '确定为发展对象'], ['admitted', '接收为预备党员'], ['confirmed', '预备党员转正'], ['extended', '延长预备期'],
];

export function StatsTab({ now }: { now: number }) {
  const [year, setYear] = useState(now);
  const q = useYearStats(year);
  const { downloading, start } = useDownload();
  const columns: ColumnsType<Row> = [
    { title: '党组织', dataIndex: 'orgName' },
    ...FIGURES.map(([k, label]) => ({ title: label, dataIndex: k, width: 120, align: 'right' as const })),
  ];
  const rows = q.data ? [...q.data.items, { orgId: 'total', orgName: '合计', ...q.data.total }] : [];
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Space wrap>
        <Typography.Text>年度</Typography.Text>
        <Select value={year} onChange={setYear} options={yearOptions(now)} style={{ width: 120 }} aria-label="统计年度" />
        <Button icon={<DownloadOutlined />} loading={downloading} onClick={() => void start(STATS_URL, { year, format: 'xlsx' }, `${year}年度发展党员统计.xlsx`)}>导出 Excel</Button>
      </Space>
      {q.isError && <Alert type="error" showIcon title={errorMessage(q.error)} />}
      <ResponsiveTable<Row> size="small" rowKey="orgId" loading={q.isPending} columns={columns} dataSource={rows} pagination={false} phoneTitle="orgName" />
    </Space>
  );
}
