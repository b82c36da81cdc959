// 星级评定 (incentive.read): a year's ratings of 党支部, 小区, units and members. Each score comes with its basis (the
// sources, their values and weights) in a popover; the committee computes (adjusted stars kept), adjusts with a
// reason and publishes; before publishing only the committee sees the year. Excel export.
import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Flex, Form, Input, InputNumber, Popconfirm, Popover, Rate, Segmented, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { CalculatorOutlined, DownloadOutlined, EditOutlined, SendOutlined } from '@ant-design/icons';
import { errorMessage, type Query } from '../../api/client';
import { useSession } from '../../app/session';
import { FormModal } from '../../components/FormModal';
import { PageContainer } from '../../components/PageContainer';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { useDownload } from '../../components/useDownload';
import { adjustStar, computeStars, publishStars, STAR_KIND_LABEL, STAR_KIND_TITLE, STARS_URL, TIER_LABEL, useRefresh, useStars, type Star, type StarKind } from './evaluationApi';

function StarsView({ n, mode, noData }: { n: number; mode: 'stars' | 'tiers'; noData: boolean }) {
  if (noData && n === 0) return <Typography.Text type="secondary">无数据</Typography.Text>;
  if (mode === 'tiers') return <Tag color={n === 2 ? 'gold' : n === 1 ? 'green' : 'default'}>{TIER_LABEL[n]}</Tag>;
  return <Rate disabled value={n} style={{ fontSize: 14 }} />;
}

function BasisPopover({ s }: { s: Star }) {
  const content = (
    <Table
      size="small" pagination={false} rowKey="label" dataSource={s.basis} style={{ maxWidth: 360 }}
      columns={[
        { title: '依据', dataIndex: 'label' },
        { title: '得分', dataIndex: 'value', render: (v: number | null, b) => (v === null ? '无数据' : <Tooltip title={b.note}>{v}</Tooltip>) },
        { title: '权重', dataIndex: 'weight' },
      ]}
      footer={() => '无数据的依据不计，其余按权重加权平均'}
    />
  );
  return (
    <Popover content={content} title="得分依据" trigger="click">
      <Button size="small" type="link" style={{ padding: 0 }} onClick={(e) => e.stopPropagation()}>{s.computedScore ?? '无数据'}</Button>
    </Popover>
  );
}

export default function StarsPage() {
  const { can } = useSession();
  const manages = can('incentive.manage@root');
  const { message } = App.useApp();
  const refresh = useRefresh();
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear - 1);
  const [kind, setKind] = useState<StarKind>('branch');
  const [stars, setStars] = useState<number | undefined>();
  const [keyword, setKeyword] = useState('');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [adjusting, setAdjusting] = useState<Star | null>(null);
  const query = useMemo<Query>(() => ({ year, kind, stars, keyword: keyword || undefined, page, pageSize }), [year, kind, stars, keyword, page, pageSize]);
  const list = useStars(query);
  const data = list.data;
  const mode = data?.mode ?? 'stars';
  const { downloading, start } = useDownload();
  const act = async (what: () => Promise<unknown>, ok: string) => {
    try { await what(); message.success(ok); await refresh(); } catch (e) { message.error(errorMessage(e)); }
  };
  const starOptions = mode === 'tiers' ? TIER_LABEL.map((l, i) => ({ value: i, label: l })) : [5, 4, 3, 2, 1].map((n) => ({ value: n, label: `${n} 星` }));

  const columns: ColumnsType<Star> = [
    {
      title: STAR_KIND_LABEL[kind], dataIndex: 'subjectName', key: 'title',
      render: (n: string, s) => (
        <div>
          <div>{n}</div>
          {kind === 'member' && s.orgName && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{s.orgName}</Typography.Text>}
        </div>
      ),
    },
    { title: '得分', key: 'score', width: 90, render: (_, s) => <BasisPopover s={s} /> },
    {
      title: '评定', key: 'stars', width: 190,
      render: (_, s) => (
        <Space size={4} wrap>
          <StarsView n={s.stars} mode={mode} noData={s.computedScore === null && !s.adjusted} />
          {s.adjusted && <Tooltip title={`计算结果：${mode === 'tiers' ? TIER_LABEL[s.computedStars] : `${s.computedStars} 星`}；理由：${s.adjustReason ?? ''}`}><Tag color="purple">已调整</Tag></Tooltip>}
        </Space>
      ),
    },
    {
      title: '操作', key: 'actions', width: 90, hidden: !manages || data?.published,
      render: (_, s) => <Button size="small" type="link" icon={<EditOutlined />} onClick={() => setAdjusting(s)}>调整</Button>,
    },
  ];

  return (
    <PageContainer
      title="星级评定"
      subTitle="每年评定标准化规范化党支部、星级文明小区、星级文明单位和星级党员：依据考核、组织生活、示范岗考评与群众评价等数据计算，可人工调整（须说明理由）"
      extra={manages && (
        <>
          <Popconfirm title={`计算 ${year} 年度星级？`} description="按当前数据重新计算；人工调整过的星级保留。" onConfirm={() => act(() => computeStars(year), '已计算')} disabled={data?.published}>
            <Button icon={<CalculatorOutlined />} disabled={data?.published}>计算</Button>
          </Popconfirm>
          <Popconfirm title={`发布 ${year} 年度星级？`} description="发布后各党组织可查看，不能再计算或调整。" onConfirm={() => act(() => publishStars(year), '已发布')} disabled={!data?.computed || data?.published}>
            <Button type="primary" icon={<SendOutlined />} disabled={!data?.computed || data?.published}>发布</Button>
          </Popconfirm>
        </>
      )}
    >
      <Card size="small">
        <Flex gap={8} wrap align="center">
          <Select value={year} style={{ width: 110 }} onChange={(y: number) => { setYear(y); setPage(1); }} options={Array.from({ length: 6 }, (_, i) => thisYear - i).map((y) => ({ value: y, label: `${y} 年` }))} />
          <Segmented<StarKind> value={kind} onChange={(k) => { setKind(k); setStars(undefined); setPage(1); }} options={(Object.keys(STAR_KIND_LABEL) as StarKind[]).map((k) => ({ value: k, label: STAR_KIND_LABEL[k] }))} />
          {data && <Tag color={data.published ? 'green' : data.computed ? 'orange' : 'default'}>{data.published ? '已发布' : data.computed ? '未发布' : '未计算'}</Tag>}
        </Flex>
        {data && data.counts.length > 0 && (
          <Flex gap={8} wrap style={{ marginTop: 12 }}>
            {data.counts.map((c) => (
              <Tag key={c.stars} color={stars === c.stars ? 'blue' : undefined} style={{ cursor: 'pointer' }} onClick={() => { setStars(stars === c.stars ? undefined : c.stars); setPage(1); }}>
                {mode === 'tiers' ? TIER_LABEL[c.stars] : c.stars ? `${c.stars} 星` : '无数据'}：{c.count}
              </Tag>
            ))}
          </Flex>
        )}
      </Card>
      <Card size="small" title={`${year} 年度${STAR_KIND_TITLE[kind]}`}>
        <Flex gap={8} wrap style={{ marginBottom: 12 }}>
          <Input.Search allowClear placeholder="名称" maxLength={50} style={{ width: 200 }} onSearch={(v) => { setKeyword(v.trim()); setPage(1); }} />
          <Select allowClear placeholder="星级" style={{ width: 120 }} value={stars} options={starOptions} onChange={(v?: number) => { setStars(v); setPage(1); }} />
          <Button icon={<DownloadOutlined />} loading={downloading} disabled={!data?.total} onClick={() => void start(STARS_URL, { ...query, format: 'xlsx' }, `星级评定-${year}-${STAR_KIND_LABEL[kind]}.xlsx`)}>导出</Button>
        </Flex>
        {list.isError && <Alert type="error" showIcon title={errorMessage(list.error)} />}
        {/* A branch sees nothing of a year until it is published, computed or not: say so rather than show an empty table. */}
        {data && (manages ? !data.computed : !data.published) && (
          <Alert type="info" showIcon style={{ marginBottom: 12 }} title={manages ? `${year} 年度尚未计算，点击“计算”按当前数据评定` : `${year} 年度星级评定尚未发布`} />
        )}
        <ResponsiveTable<Star>
          rowKey="id" columns={columns} dataSource={data?.items} loading={list.isFetching} phoneTitle="title"
          pagination={{ current: page, pageSize, total: data?.total ?? 0, showSizeChanger: true, onChange: (p, s) => { setPage(p); setPageSize(s); } }}
        />
      </Card>
      <FormModal<{ stars: number; reason: string }>
        title={`调整星级：${adjusting?.subjectName ?? ''}`} open={!!adjusting} onClose={() => setAdjusting(null)} successMessage="已调整"
        initialValues={{ stars: adjusting?.stars, reason: adjusting?.adjustReason ?? '' }}
        onSubmit={(v) => adjustStar(adjusting!.id, v)} onSuccess={() => { setAdjusting(null); void refresh(); }}
      >
        <Typography.Paragraph type="secondary">计算结果：{adjusting && (mode === 'tiers' ? TIER_LABEL[adjusting.computedStars] : `${adjusting.computedStars} 星`)}（{adjusting?.computedScore ?? '无数据'} 分）。调整记入审计。</Typography.Paragraph>
        <Form.Item name="stars" label={mode === 'tiers' ? '评定（0 未达标，1 达标，2 星级）' : '星级（1–5）'} rules={[{ required: true, message: '请选择星级' }]}>
          {mode === 'tiers' ? <Select options={starOptions} style={{ width: 160 }} /> : <InputNumber min={1} max={5} precision={0} style={{ width: 160 }} />}
        </Form.Item>
        <Form.Item name="reason" label="调整理由" rules={[{ required: true, min: 5, message: '调整理由至少 5 个字' }]}>
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </FormModal>
    </PageContainer>
  );
}
