// 我的评分表: the sheets assigned to the signed-in user (round, target, status, deadline; overdue drafts in red)
// and the sheet editor. `/assessment/sheets?id=…` (links from 待办) opens a sheet.
import { useMemo, useState } from 'react';
import { Alert, Button, Card, Flex, Progress, Segmented, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { ReloadOutlined } from '@ant-design/icons';
import { errorMessage } from '../../api/client';
import { PageContainer } from '../../components/PageContainer';
import { RecordLink } from '../../components/RecordLink';
import { useOpenId } from '../../components/useOpenId';
import { formatInstantMinute } from '../../lib/time';
import { useMySheets } from './api';
import { SheetEditor, shanghaiToday } from './SheetEditor';
import { SHEET_KIND_LABEL, SHEET_STATUS_LABEL, formatScore, labelOf, type Sheet } from './types';

export default function SheetsPage() {
  const [openId, setOpen] = useOpenId();
  const [view, setView] = useState<'todo' | 'all'>('todo');
  const sheets = useMySheets(view === 'todo' ? true : undefined);
  const today = shanghaiToday();
  const rows = useMemo(
    () => (sheets.data ?? []).filter((s) => view === 'all' || s.status === 'draft'),
    [sheets.data, view],
  );

  const columns: ColumnsType<Sheet> = [
    {
      title: '考核对象',
      dataIndex: 'targetName',
      render: (_: unknown, s) => (
        <RecordLink
          onOpen={() => setOpen(s.id)}
          sub={
            <>
              {labelOf(SHEET_KIND_LABEL, s.kind)}
              {s.unitName ? `（${s.unitName}）` : ''}
            </>
          }
        >
          {s.targetName}
        </RecordLink>
      ),
    },
    { title: '考核批次', dataIndex: 'roundName', render: (v: string, s) => <span>{v}<br /><Typography.Text type="secondary" style={{ fontSize: 12 }}>{s.periodLabel}</Typography.Text></span> },
    {
      title: '状态',
      dataIndex: 'status',
      render: (v: Sheet['status'], s) => {
        const overdue = v === 'draft' && s.deadline < today;
        return (
          <Flex vertical gap={2}>
            <span>
              <Tag color={v === 'submitted' ? 'success' : overdue ? 'error' : 'processing'}>{labelOf(SHEET_STATUS_LABEL, v)}</Tag>
              {overdue && <Tag color="error">已逾期</Tag>}
            </span>
            {v === 'submitted' && s.submittedAt && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatInstantMinute(s.submittedAt)}</Typography.Text>}
          </Flex>
        );
      },
    },
    {
      title: '截止日期',
      dataIndex: 'deadline',
      render: (v: string, s) => <Typography.Text type={s.status === 'draft' && v < today ? 'danger' : undefined}>{v}</Typography.Text>,
    },
    {
      title: '进度',
      dataIndex: 'scoredCount',
      responsive: ['sm'],
      render: (_: unknown, s) => (
        <Flex vertical style={{ minWidth: 120 }}>
          <Progress size="small" percent={s.leafCount > 0 ? Math.round((s.scoredCount / s.leafCount) * 100) : 0} format={() => `${s.scoredCount}/${s.leafCount}`} />
        </Flex>
      ),
    },
    { title: '合计', dataIndex: 'total', responsive: ['md'], render: (v: number, s) => `${formatScore(v)} / ${formatScore(s.maxTotal)}` },
    {
      title: '操作',
      key: 'op',
      render: (_: unknown, s) => (
        <Button size="small" type={s.status === 'draft' ? 'primary' : 'default'} onClick={() => setOpen(s.id)}>
          {s.status === 'draft' ? '评分' : '查看'}
        </Button>
      ),
    },
  ];

  return (
    <PageContainer
      title="我的评分表"
      subTitle="分配给我的评分表：对照评分标准和系统数据逐项打分，可先暂存，全部填完后提交。"
      extra={<Button icon={<ReloadOutlined />} aria-label="刷新" onClick={() => void sheets.refetch()} />}
    >
      <Card>
        <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 16 }}>
          <Segmented
            value={view}
            onChange={(v) => setView(v as 'todo' | 'all')}
            options={[
              { value: 'todo', label: '待评分' },
              { value: 'all', label: '全部' },
            ]}
          />
          <Typography.Text type="secondary">共 {rows.length} 张</Typography.Text>
        </Flex>
        {sheets.isError && <Alert type="error" showIcon title={errorMessage(sheets.error)} style={{ marginBottom: 16 }} />}
        <Table<Sheet>
          rowKey="id"
          size="middle"
          scroll={{ x: 'max-content' }}
          columns={columns}
          dataSource={rows}
          loading={sheets.isFetching}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: view === 'todo' ? '没有待评分的评分表' : '暂无评分表' }}
        />
      </Card>
      {openId && <SheetEditor key={openId} id={openId} onClose={() => setOpen(null)} />}
    </PageContainer>
  );
}
