import { Fragment, useState, type Key, type ReactNode } from 'react';
import { Card, Empty, Flex, Grid, Pagination, Spin, Table, Typography } from 'antd';
import type { TablePaginationConfig, TableProps } from 'antd';
import type { ColumnGroupType, ColumnType } from 'antd/es/table/interface';

/**
 * A table on wide screens and a list of cards on phones (below antd's `md`, 768 px): the one way a wide list
 * fits a phone without sideways scrolling. Each row becomes a card titled by its first column (or
 * `phoneTitle`; a `title` or `name` column wins over the first), the other columns as label–value lines, the 操作 column as a row of buttons at the bottom.
 * Takes antd Table's props; row clicks, paging and the page's `onChange` work the same on both.
 */
export type ResponsiveTableProps<T> = TableProps<T> & {
  /** Key (or dataIndex) of the column that titles a card on a phone; the first column by default. */
  phoneTitle?: string;
  /** Keys of columns left out of a phone card (e.g. a colour dot already in the title). */
  phoneHide?: string[];
};

type Leaf<T> = ColumnType<T> & { label: ReactNode };

function columnKey<T>(c: ColumnType<T>): string {
  if (c.key !== undefined) return String(c.key);
  const di = c.dataIndex;
  return Array.isArray(di) ? di.join('.') : di === undefined ? '' : String(di);
}

/** Leaf columns in order; a grouped header's title goes before its children's. */
function leaves<T>(columns: TableProps<T>['columns'], prefix?: ReactNode): Leaf<T>[] {
  const out: Leaf<T>[] = [];
  for (const c of columns ?? []) {
    if (c.hidden) continue;
    const title = typeof c.title === 'function' ? null : (c.title as ReactNode);
    const label = prefix ? <>{prefix}·{title}</> : title;
    const group = (c as ColumnGroupType<T>).children;
    if (group) out.push(...leaves(group, label));
    else out.push({ ...(c as ColumnType<T>), label });
  }
  return out;
}

function valueOf<T>(row: T, c: ColumnType<T>): unknown {
  const di = c.dataIndex;
  if (di === undefined || di === null) return undefined;
  const path = Array.isArray(di) ? di : [di];
  let v: unknown = row;
  for (const p of path) v = v == null ? undefined : (v as Record<string, unknown>)[String(p)];
  return v;
}

function cell<T>(row: T, c: ColumnType<T>, index: number): ReactNode {
  const value = valueOf(row, c);
  if (c.render) {
    const out = c.render(value, row, index) as ReactNode | { children?: ReactNode };
    return out && typeof out === 'object' && 'children' in out && !('$$typeof' in out) ? out.children : (out as ReactNode);
  }
  return value === undefined || value === null ? null : (value as ReactNode);
}

const isAction = <T,>(c: Leaf<T>) => columnKey(c) === 'actions' || columnKey(c) === 'action' || c.title === '操作';
const empty = (n: ReactNode) => n === null || n === undefined || n === '' || n === false;

function rowKeyOf<T>(rowKey: TableProps<T>['rowKey'], row: T, index: number): Key {
  if (typeof rowKey === 'function') return rowKey(row, index);
  if (typeof rowKey === 'string') return (row as Record<string, Key>)[rowKey] ?? index;
  return (row as { key?: Key }).key ?? index;
}

function PhoneCards<T>(props: ResponsiveTableProps<T>) {
  const { columns, dataSource, rowKey, pagination, loading, onRow, onChange, phoneTitle, phoneHide = [], locale } = props;
  const all = leaves(columns).filter((c) => !phoneHide.includes(columnKey(c)));
  const titleCol =
    (phoneTitle && all.find((c) => columnKey(c) === phoneTitle)) ||
    all.find((c) => ['title', 'name'].includes(columnKey(c))) ||
    all.find((c) => !isAction(c));
  const actionCols = all.filter(isAction);
  const rest = all.filter((c) => c !== titleCol && !isAction(c));
  const rows = [...(dataSource ?? [])];

  // Client-side paging when the page gives the table all rows (antd pages by 10 by default).
  const controlled = pagination !== false && pagination?.total !== undefined && pagination.current !== undefined;
  const [localPage, setLocalPage] = useState(1);
  const pageSize = (pagination !== false && pagination?.pageSize) || 10;
  const current = controlled ? pagination.current! : localPage;
  const total = controlled ? pagination.total! : rows.length;
  const shown = pagination === false || controlled ? rows : rows.slice((current - 1) * pageSize, current * pageSize);
  const spinning = typeof loading === 'object' ? !!loading.spinning : !!loading;

  const turn = (page: number, size: number) => {
    if (!controlled) return setLocalPage(page);
    const next: TablePaginationConfig = { ...(pagination as TablePaginationConfig), current: page, pageSize: size };
    onChange?.(next, {}, [], { action: 'paginate', currentDataSource: rows });
    (pagination as TablePaginationConfig).onChange?.(page, size);
  };

  return (
    <Spin spinning={spinning}>
      {shown.length === 0 ? (
        (locale?.emptyText as ReactNode) ?? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <Flex vertical gap={12} role="list">
          {shown.map((row, i) => {
            const index = (current - 1) * pageSize + i;
            const handlers = onRow?.(row, index) ?? {};
            const actions = actionCols.map((c) => cell(row, c, index)).filter((n) => !empty(n));
            return (
              <Card
                key={rowKeyOf(rowKey, row, index)}
                size="small"
                role="listitem"
                hoverable={!!handlers.onClick}
                onClick={handlers.onClick as never}
                style={handlers.style}
                styles={{ body: { padding: 12 } }}
              >
                {titleCol && <div style={{ fontWeight: 600, marginBottom: 6, wordBreak: 'break-word' }}>{cell(row, titleCol, index)}</div>}
                <div style={{ display: 'grid', gridTemplateColumns: 'auto minmax(0, 1fr)', gap: '4px 12px', alignItems: 'baseline' }}>
                  {rest.map((c) => {
                    const content = cell(row, c, index);
                    if (empty(content)) return null;
                    return (
                      <Fragment key={columnKey(c) || String(c.label)}>
                        <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
                          {c.label}
                        </Typography.Text>
                        <div style={{ minWidth: 0, wordBreak: 'break-word' }}>{content}</div>
                      </Fragment>
                    );
                  })}
                </div>
                {actions.length > 0 && (
                  // Buttons inside a card must not open the card's drawer as well.
                  <Flex wrap gap={8} justify="flex-end" style={{ marginTop: 8 }} onClick={(e) => e.stopPropagation()}>
                    {actions.map((a, k) => (
                      <Fragment key={k}>{a}</Fragment>
                    ))}
                  </Flex>
                )}
              </Card>
            );
          })}
        </Flex>
      )}
      {pagination !== false && total > pageSize && (
        <Flex justify="center" style={{ marginTop: 12 }}>
          <Pagination simple current={current} pageSize={pageSize} total={total} onChange={turn} />
        </Flex>
      )}
    </Spin>
  );
}

/** antd Table on screens from 768 px, cards on phones. */
export function ResponsiveTable<T extends object>(props: ResponsiveTableProps<T>) {
  const phone = Grid.useBreakpoint().md === false;
  if (phone) return <PhoneCards {...props} />;
  const { phoneTitle: _title, phoneHide: _hide, ...table } = props;
  return <Table<T> {...table} />;
}
