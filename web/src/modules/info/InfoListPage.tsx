// 信息库: every entry the user may see, by category, with Chinese search ranked by relevance, filters,
// paging, Excel export, the detail drawer and (for writers) 新建. `?id=` opens an entry directly (links
// from 待办 and notifications).
import { useDownload } from '../../components/useDownload';
import { useMemo, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router';
import { Alert, Button, Card, Col, DatePicker, Flex, Grid, Input, Row, Select, Space, Table, Tabs, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import type { Dayjs } from 'dayjs';
import { DownloadOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { api, errorMessage, type Query } from '../../api/client';
import type { Page } from '../../api/types';
import { useSession } from '../../app/session';
import { listQueryKey } from '../../components/ListPage';
import { PageContainer } from '../../components/PageContainer';
import { Highlight } from '../../components/RichText';
import { formatInstantMinute } from '../../lib/time';
import { ScopeOrgTreeSelect } from '../members/orgPickers';
import { CategoryTag, InfoEntryDrawer, StatusTag } from './InfoEntryDrawer';
import { InfoEditor } from './InfoEditor';
import { CATEGORIES, CATEGORY_LABEL, INFO_URL, STATUS_LABEL, queryTerms, type InfoEntry, type InfoListItem, type InfoStatus } from './types';

interface Filters {
  orgId?: string;
  status?: InfoStatus;
  month?: string;
}

export default function InfoListPage() {
  const { can } = useSession();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const phone = screens.md === false;
  const [params, setParams] = useSearchParams();
  const category = params.get('category') ?? 'all';
  const q = params.get('q') ?? '';
  const openId = params.get('id');
  const [searchText, setSearchText] = useState(q);
  const [filters, setFilters] = useState<Filters>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const { downloading: exporting, start: startDownload } = useDownload();
  const [editing, setEditing] = useState<{ entry: InfoEntry | null; seq: number } | null>(null);

  const setParam = (name: string, value: string | null) => {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: name === 'id' ? false : true },
    );
  };

  const filterQuery = useMemo<Query>(
    () => ({ category: category === 'all' ? undefined : category, q: q || undefined, ...filters }),
    [category, q, filters],
  );
  const query = useMemo<Query>(() => ({ ...filterQuery, ...paging }), [filterQuery, paging]);
  const list = useQuery({
    queryKey: [...listQueryKey(INFO_URL), query],
    queryFn: ({ signal }) => api.get<Page<InfoListItem>>(INFO_URL, query, signal),
    placeholderData: keepPreviousData,
  });
  const terms = useMemo(() => queryTerms(q), [q]);

  const search = (text: string) => {
    setSearchText(text);
    setParam('q', text.trim() || null);
    setPaging((p) => ({ ...p, page: 1 }));
  };

  const changeFilter = (patch: Filters) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPaging((p) => ({ ...p, page: 1 }));
  };

  const exportXlsx = () => startDownload(INFO_URL, { ...filterQuery, format: 'xlsx' }, '管控信息.xlsx');

  const open = (row: InfoListItem) => {
    if (row.link) void navigate(row.link);
    else setParam('id', row.id);
  };

  const columns: ColumnsType<InfoListItem> = [
    {
      title: '标题',
      dataIndex: 'title',
      render: (_: string, row) => (
        <div style={phone ? undefined : { minWidth: 320 }}>
          <Typography.Link strong onClick={() => open(row)}>
            <Highlight text={row.title} terms={terms} />
          </Typography.Link>
          {row.excerpt && (
            <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0', fontSize: 13 }} ellipsis={{ rows: 2 }}>
              <Highlight text={row.excerpt} terms={terms} />
            </Typography.Paragraph>
          )}
          {phone && (
            <Space size={4} wrap style={{ marginTop: 4 }}>
              <CategoryTag category={row.category} />
              <StatusTag status={row.status} />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {row.orgName}
              </Typography.Text>
            </Space>
          )}
        </div>
      ),
    },
    { title: '类别', dataIndex: 'category', responsive: ['md'], render: (v: InfoListItem['category']) => <CategoryTag category={v} /> },
    // A 党小组's name carries its branch ("机关第一党支部/第一党小组"): a set width lets it wrap instead of widening the table.
    { title: '所属组织', dataIndex: 'orgName', responsive: ['md'], width: 170 },
    { title: '状态', dataIndex: 'status', responsive: ['md'], render: (v: InfoStatus) => <StatusTag status={v} /> },
    {
      // One column for both times (the update as a second line when later) so the list fits 1440 px.
      title: '发布 / 更新时间',
      dataIndex: 'publishedAt',
      responsive: ['lg'],
      render: (v: string | null, row) => {
        const published = v ? formatInstantMinute(v) : null;
        const updated = formatInstantMinute(row.updatedAt);
        return (
          <div style={{ whiteSpace: 'nowrap' }}>
            <div>{published ?? '未发布'}</div>
            {updated !== published && <Typography.Text type="secondary" style={{ fontSize: 12 }}>更新 {updated}</Typography.Text>}
          </div>
        );
      },
    },
  ];

  const data = list.data;
  const writable = can('info.write');
  return (
    <PageContainer
      title="信息库"
      subTitle="各级党组织的制度、职责、流程，以及会议、活动和考核记录"
      extra={
        writable && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing((e) => ({ entry: null, seq: (e?.seq ?? 0) + 1 }))}>
            新建
          </Button>
        )
      }
    >
      <Card size="small" styles={{ body: { paddingBottom: 4 } }}>
        <Tabs
          activeKey={category}
          onChange={(key) => {
            setParam('category', key === 'all' ? null : key);
            setPaging((p) => ({ ...p, page: 1 }));
          }}
          items={[{ key: 'all', label: '全部' }, ...CATEGORIES.map((c) => ({ key: c, label: CATEGORY_LABEL[c] }))]}
          size={phone ? 'small' : 'middle'}
        />
        <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
          <Col xs={24} lg={10}>
            <Input.Search
              aria-label="搜索标题和正文"
              placeholder="搜索标题和正文，如：消防、垃圾分类"
              allowClear
              enterButton="搜索"
              maxLength={50}
              value={searchText}
              onChange={(e) => {
                setSearchText(e.target.value);
                if (!e.target.value && q) search('');
              }}
              onSearch={search}
            />
          </Col>
          <Col xs={24} sm={12} lg={6}>
            <ScopeOrgTreeSelect
              aria-label="所属组织"
              style={{ width: '100%' }}
              value={filters.orgId}
              onChange={(v: string | undefined) => changeFilter({ orgId: v })}
            />
          </Col>
          <Col xs={12} sm={6} lg={4}>
            <Select<InfoStatus>
              aria-label="状态"
              allowClear
              placeholder="全部状态"
              style={{ width: '100%' }}
              value={filters.status}
              onChange={(v) => changeFilter({ status: v })}
              options={(Object.keys(STATUS_LABEL) as InfoStatus[]).map((s) => ({ value: s, label: STATUS_LABEL[s] }))}
            />
          </Col>
          <Col xs={12} sm={6} lg={4}>
            <DatePicker
              picker="month"
              aria-label="发布月份"
              placeholder="发布月份"
              style={{ width: '100%' }}
              onChange={(v: Dayjs | null) => changeFilter({ month: v ? v.format('YYYY-MM') : undefined })}
            />
          </Col>
        </Row>
      </Card>
      <Card>
        <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 16 }}>
          <Typography.Text strong style={{ fontSize: 16 }}>
            {data ? (q ? `找到 ${data.total} 条与“${q}”相关的信息` : `共 ${data.total} 条`) : '\u00a0'}
          </Typography.Text>
          <Space wrap>
            <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportXlsx()}>
              导出 Excel
            </Button>
            <Button icon={<ReloadOutlined />} aria-label="刷新" title="刷新" onClick={() => void list.refetch()} />
          </Space>
        </Flex>
        {list.isError && <Alert type="error" showIcon title={errorMessage(list.error)} style={{ marginBottom: 16 }} />}
        <Table<InfoListItem>
          size="middle"
          columns={columns}
          dataSource={data?.items ?? []}
          rowKey={(r) => `${r.source}:${r.id}`}
          loading={list.isFetching}
          locale={{ emptyText: q ? `没有找到与“${q}”相关的信息` : '暂无信息' }}
          onChange={(p) => setPaging({ page: p.current ?? 1, pageSize: p.pageSize ?? 20 })}
          pagination={{
            current: paging.page,
            pageSize: paging.pageSize,
            total: data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [10, 20, 50, 100],
            showTotal: (total) => `共 ${total} 条`,
            simple: phone,
          }}
        />
      </Card>
      <InfoEntryDrawer
        id={openId}
        onClose={() => setParam('id', null)}
        highlight={terms}
        onEdit={(entry) => setEditing((e) => ({ entry, seq: (e?.seq ?? 0) + 1 }))}
      />
      {editing && (
        <InfoEditor
          key={editing.seq}
          entry={editing.entry}
          open
          onClose={() => setEditing(null)}
          onSaved={(saved) => {
            if (!editing.entry) setParam('id', saved.id);
          }}
        />
      )}
    </PageContainer>
  );
}
