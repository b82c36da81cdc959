import { useMemo, useState, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, DatePicker, Flex, Form, Grid, Input, Row, Select, Space, Typography } from 'antd';
import type { TablePaginationConfig } from 'antd';
import type { ColumnsType, SorterResult } from 'antd/es/table/interface';
import type { Dayjs } from 'dayjs';
import { DownOutlined, DownloadOutlined, ReloadOutlined, SearchOutlined, UpOutlined } from '@ant-design/icons';
import { api, errorMessage, type Query } from '../api/client';
import { useDownload } from './useDownload';
import type { Page } from '../api/types';
import { shanghaiDayEnd, shanghaiDayStart } from '../lib/time';
import { FilterDrawer } from './FilterDrawer';
import { PageContainer } from './PageContainer';
import { ResponsiveTable, type ResponsiveTableProps } from './ResponsiveTable';

/** One filter above the table. Values become query parameters of the list URL. */
export type SearchField =
  | { type: 'text'; name: string; label: string; placeholder?: string }
  | {
      type: 'select';
      name: string;
      label: string;
      options: { label: ReactNode; value: string | number }[];
      placeholder?: string;
      loading?: boolean;
    }
  | {
      type: 'dateRange';
      name: string;
      label: string;
      /** Query names of the two ends; default `from` / `to`. */
      fromParam?: string;
      toParam?: string;
      /** `instant` sends ISO instants (start and end of the days in Asia/Shanghai); `date` sends YYYY-MM-DD. */
      valueType?: 'instant' | 'date';
    }
  | {
      type: 'custom';
      name: string;
      label: string;
      /** An input for Form.Item (gets value/onChange); its value is sent as is. */
      render: () => ReactNode;
    };

export type ListSort = { field: string; order: 'asc' | 'desc' } | undefined;

/** Query key prefix of a list, for invalidation after a change. */
export function listQueryKey(url: string) {
  return ['list', url] as const;
}

/** Returns a function that reloads every ListPage showing `url`. */
export function useRefreshList(url: string): () => Promise<void> {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: listQueryKey(url) });
}

/**
 * Sorting state for server-side sorted tables. Columns opt in with `sorter: true` and a
 * string `key` or `dataIndex`; the list sends `sort=<field>&order=asc|desc`.
 */
export function useTableSort(initial?: ListSort) {
  const [sort, setSort] = useState<ListSort>(initial);
  const fromTable = <T,>(sorter: SorterResult<T> | SorterResult<T>[]) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const field = s?.columnKey ?? s?.field;
    if (!s?.order || field === undefined || Array.isArray(field)) setSort(undefined);
    else setSort({ field: String(field), order: s.order === 'ascend' ? 'asc' : 'desc' });
  };
  const params: Query = sort ? { sort: sort.field, order: sort.order } : {};
  return { sort, setSort, fromTable, params };
}

function toParams(fields: SearchField[], values: Record<string, unknown>): Query {
  const out: Query = {};
  for (const field of fields) {
    const value = values[field.name];
    if (value === undefined || value === null || value === '') continue;
    if (field.type === 'text') {
      const text = String(value).trim();
      if (text) out[field.name] = text;
    } else if (field.type === 'dateRange') {
      const range = value as [Dayjs | null, Dayjs | null];
      const [start, end] = range;
      const fromName = field.fromParam ?? 'from';
      const toName = field.toParam ?? 'to';
      if (start) {
        const day = start.format('YYYY-MM-DD');
        out[fromName] = field.valueType === 'date' ? day : shanghaiDayStart(day);
      }
      if (end) {
        const day = end.format('YYYY-MM-DD');
        out[toName] = field.valueType === 'date' ? day : shanghaiDayEnd(day);
      }
    } else {
      out[field.name] = value as string | number;
    }
  }
  return out;
}

function fieldInput(field: SearchField): ReactNode {
  switch (field.type) {
    case 'text':
      return <Input allowClear placeholder={field.placeholder ?? `请输入${field.label}`} />;
    case 'select':
      return (
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={field.placeholder ?? `请选择${field.label}`}
          options={field.options}
          loading={field.loading}
        />
      );
    case 'dateRange':
      return <DatePicker.RangePicker style={{ width: '100%' }} placeholder={['开始日期', '结束日期']} />;
    case 'custom':
      return field.render();
  }
}

export interface ListPageProps<T extends object> {
  title: ReactNode;
  subTitle?: ReactNode;
  /** The list endpoint answering `{items,total,page,pageSize}` for `page` and `pageSize`. */
  url: string;
  columns: ColumnsType<T>;
  rowKey: string | ((row: T) => string);
  searchFields?: SearchField[];
  /** Fixed query parameters sent with every request (and with the export). */
  params?: Query;
  /** Buttons above the table, next to 导出 Excel. */
  toolbar?: ReactNode;
  /** File name (without .xlsx) for 导出 Excel; `false` hides the button. */
  exportName?: string | false;
  /**
   * When given, 导出 Excel sends the filters and sort with `body` as the JSON body of a POST to `url` instead of
   * a GET of the list as xlsx: for an export that reveals data, which must never be a plain GET.
   */
  exportPost?: {
    url: string;
    /** Added to the filters; or, as a function, the whole body made from the filters (e.g. 'true' → true for a JSON flag). */
    body: Record<string, unknown> | ((filters: Record<string, unknown>) => Record<string, unknown>);
  };
  defaultPageSize?: number;
  tableProps?: Omit<ResponsiveTableProps<T>, 'columns' | 'dataSource' | 'rowKey' | 'pagination' | 'loading' | 'onChange'>;
}

/** Search form + server-paged table (cards on a phone) + Excel export: the standard list page of every module. */
export function ListPage<T extends object>({
  title,
  subTitle,
  url,
  columns,
  rowKey,
  searchFields = [],
  params,
  toolbar,
  exportName,
  exportPost,
  defaultPageSize = 20,
  tableProps,
}: ListPageProps<T>) {
  const [form] = Form.useForm<Record<string, unknown>>();
  // Filters named in the address (?orgId=…&type=full: a 工作台 number's link) start the list filtered.
  const [search] = useSearchParams();
  const [linked] = useState<Query>(() => Object.fromEntries(
    searchFields.filter((f) => f.type !== 'dateRange' && search.get(f.name)).map((f) => [f.name, search.get(f.name)!]),
  ));
  const [filters, setFilters] = useState<Query>(linked);
  const [paging, setPaging] = useState({ page: 1, pageSize: defaultPageSize });
  const sorting = useTableSort();
  const { downloading: exporting, start: startDownload } = useDownload();
  // Long search forms start folded to their first two fields, as in Ant Design Pro.
  const foldable = searchFields.length > 3;
  const [folded, setFolded] = useState(true);
  const phone = Grid.useBreakpoint().md === false;
  const [filterOpen, setFilterOpen] = useState(false);

  const filterQuery = useMemo<Query>(
    () => ({ ...params, ...filters, ...sorting.params }),
    [params, filters, sorting.params],
  );
  const query = useMemo<Query>(() => ({ ...filterQuery, page: paging.page, pageSize: paging.pageSize }), [filterQuery, paging]);

  const list = useQuery({
    queryKey: [...listQueryKey(url), query],
    queryFn: ({ signal }) => api.get<Page<T>>(url, query, signal),
    placeholderData: keepPreviousData,
  });

  const runSearch = (values: Record<string, unknown>) => {
    setFilterOpen(false);
    setFilters(toParams(searchFields, values));
    setPaging((p) => ({ ...p, page: 1 }));
  };

  const reset = () => {
    setFilterOpen(false);
    form.resetFields();
    // resetFields goes back to the linked filters: 重置 clears them too.
    form.setFieldsValue(Object.fromEntries(Object.keys(linked).map((k) => [k, undefined])));
    setFilters({});
    setPaging((p) => ({ ...p, page: 1 }));
  };

  const exportXlsx = () => {
    const fileName = `${exportName || 'export'}.xlsx`;
    if (!exportPost) return startDownload(url, { ...filterQuery, format: 'xlsx' }, fileName);
    const filled: Record<string, unknown> = Object.fromEntries(Object.entries(filterQuery).filter(([, v]) => v !== undefined && v !== null && v !== ''));
    const body = typeof exportPost.body === 'function' ? exportPost.body(filled) : { ...filled, ...exportPost.body };
    return startDownload(exportPost.url, undefined, fileName, body);
  };

  const onTableChange = (
    pagination: TablePaginationConfig,
    _filters: unknown,
    sorter: SorterResult<T> | SorterResult<T>[],
  ) => {
    sorting.fromTable(sorter);
    setPaging({ page: pagination.current ?? 1, pageSize: pagination.pageSize ?? defaultPageSize });
  };

  const searchForm = (
    <Form form={form} name="search" initialValues={linked} onFinish={runSearch} layout={phone ? 'vertical' : 'horizontal'} labelCol={phone ? undefined : { flex: '0 0 auto' }}>
      <Row gutter={16}>
        {searchFields.map((field, i) => (
          <Col
            key={field.name}
            xs={24}
            sm={12}
            lg={8}
            xxl={6}
            style={!phone && foldable && folded && i >= 2 ? { display: 'none' } : undefined}
          >
            <Form.Item name={field.name} label={field.label}>
              {fieldInput(field)}
            </Form.Item>
          </Col>
        ))}
        <Col flex="auto" style={{ textAlign: 'right' }}>
          <Form.Item>
            <Space>
              <Button onClick={reset}>重置</Button>
              <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
                查询
              </Button>
              {!phone && foldable && (
                <Button type="link" onClick={() => setFolded((f) => !f)} style={{ paddingInline: 4 }}>
                  {folded ? '展开' : '收起'} {folded ? <DownOutlined /> : <UpOutlined />}
                </Button>
              )}
            </Space>
          </Form.Item>
        </Col>
      </Row>
    </Form>
  );

  const data = list.data;
  return (
    <PageContainer title={title} subTitle={subTitle}>
      {searchFields.length > 0 && (
        <FilterDrawer active={Object.keys(filters).length} open={filterOpen} onOpenChange={setFilterOpen}>
          {phone ? searchForm : <Card size="small" styles={{ body: { padding: '16px 16px 0' } }}>{searchForm}</Card>}
        </FilterDrawer>
      )}
      <Card>
        <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 16 }}>
          <Typography.Text strong style={{ fontSize: 16 }}>
            {data ? `共 ${data.total} 条` : '\u00a0'}
          </Typography.Text>
          <Space wrap>
            {toolbar}
            {exportName !== false && (
              <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportXlsx()}>
                导出 Excel
              </Button>
            )}
            <Button icon={<ReloadOutlined />} aria-label="刷新" title="刷新" onClick={() => void list.refetch()} />
          </Space>
        </Flex>
        {list.isError && (
          <Alert type="error" showIcon title={errorMessage(list.error)} style={{ marginBottom: 16 }} />
        )}
        <ResponsiveTable<T>
          size="middle"
          {...tableProps}
          columns={columns}
          dataSource={data?.items ?? []}
          rowKey={rowKey}
          loading={list.isFetching}
          onChange={onTableChange}
          pagination={{
            current: paging.page,
            pageSize: paging.pageSize,
            total: data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [10, 20, 50, 100],
            showTotal: (total) => `共 ${total} 条`,
          }}
        />
      </Card>
    </PageContainer>
  );
}
