// 党组织: the tree of the user's scope on the left (search, kind labels, terms due), the selected
// organisation on the right, and the 换届提醒 list of terms ending within the reminder window.
import { useMemo, useRef, useState, type Key } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Empty, Flex, Input, Row, Skeleton, Tag, Tree, Typography } from 'antd';
import type { TreeDataNode } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { api, download, errorMessage } from '../../api/client';
import type { Items } from '../../api/types';
import { PageContainer } from '../../components/PageContainer';
import { OrgDetailPanel } from './OrgDetailPanel';
import { TermTag } from './TermTag';
import {
  buildOrgTree, countByKind, daysUntil, KIND_ORDER, ORG_KIND_COLOR, ORG_KIND_LABEL, orgKindLabel,
  type ExpiringOrg, type OrgNode, type OrgRecord,
} from './orgs';
import { ResponsiveTable } from '../../components/ResponsiveTable';

const REMIND_DAYS = 90;

function toTreeData(nodes: OrgNode<OrgRecord>[], keyword: string): TreeDataNode[] {
  const out: TreeDataNode[] = [];
  for (const node of nodes) {
    const children = toTreeData(node.children, keyword);
    const matches = !keyword || node.name.includes(keyword) || (node.code ?? '').includes(keyword);
    if (!matches && children.length === 0) continue;
    const due = node.termEndsOn !== null && daysUntil(node.termEndsOn) <= REMIND_DAYS;
    out.push({
      key: node.id,
      title: (
        <Flex gap={6} align="center" wrap={false}>
          <Tag color={ORG_KIND_COLOR[node.kind]} style={{ marginInlineEnd: 0 }}>
            {ORG_KIND_LABEL[node.kind] ?? node.kind}
          </Tag>
          <span style={keyword && node.name.includes(keyword) ? { color: '#c8161d', fontWeight: 600 } : undefined}>{node.name}</span>
          {due && <Tag color={daysUntil(node.termEndsOn!) <= 30 ? 'red' : 'orange'} style={{ marginInlineEnd: 0 }}>换届</Tag>}
        </Flex>
      ),
      children,
    });
  }
  return out;
}

function allKeys(nodes: TreeDataNode[]): Key[] {
  return nodes.flatMap((n) => [n.key, ...allKeys(n.children ?? [])]);
}

function TermReminders({ onSelect }: { onSelect: (id: string) => void }) {
  const expiring = useQuery({
    queryKey: ['orgs', 'expiring', REMIND_DAYS],
    queryFn: ({ signal }) => api.get<Items<ExpiringOrg>>('/api/v1/orgs/terms/expiring', { days: REMIND_DAYS }, signal),
  });
  return (
    <Card size="small" title={`换届提醒（${REMIND_DAYS} 天内届满或已届满）`}>
      {expiring.isError && <Alert type="error" showIcon title={errorMessage(expiring.error)} />}
      {expiring.isPending ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : (expiring.data?.items.length ?? 0) === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={`${REMIND_DAYS} 天内没有需要换届的组织`} />
      ) : (
        <ResponsiveTable<ExpiringOrg>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={expiring.data?.items}
          columns={[
            {
              title: '组织', dataIndex: 'name',
              render: (_: unknown, o) => (
                <Flex gap={6} align="center">
                  <Tag color={ORG_KIND_COLOR[o.kind]} style={{ marginInlineEnd: 0 }}>{orgKindLabel(o.kind)}</Tag>
                  <Typography.Link onClick={() => onSelect(o.id)}>{o.name}</Typography.Link>
                </Flex>
              ),
            },
            { title: '届满日期', dataIndex: 'termEndsOn', width: 110 },
            { title: '', key: 'left', width: 120, render: (_: unknown, o) => <TermTag endsOn={o.termEndsOn} daysLeft={o.daysLeft} window={REMIND_DAYS} /> },
          ]}
        />
      )}
    </Card>
  );
}

export default function OrgPage() {
  const [keyword, setKeyword] = useState('');
  const [chosen, setChosen] = useState<string | null>(null);
  const [expanded, setExpanded] = useState<Key[] | null>(null);
  const detailRef = useRef<HTMLDivElement>(null);
  const orgs = useQuery({
    queryKey: ['orgs', 'tree'],
    queryFn: ({ signal }) => api.get<Items<OrgRecord>>('/api/v1/orgs/tree', undefined, signal),
  });
  const items = orgs.data?.items;
  const tree = useMemo(() => (items ? buildOrgTree(items) : []), [items]);
  const data = useMemo(() => toTreeData(tree, keyword.trim()), [tree, keyword]);
  const counts = useMemo(() => countByKind(items ?? []), [items]);
  // The chosen organisation while it is in the tree; otherwise the first root.
  const selected = chosen && items?.some((o) => o.id === chosen) ? chosen : (tree[0]?.id ?? null);
  const defaultExpanded = useMemo(() => tree.flatMap((r) => [r.id, ...r.children.map((c) => c.id)]), [tree]);

  /** Selects an organisation and opens the tree down to it (`path` for one the tree has not loaded yet). */
  const select = (id: string | null, path?: string) => {
    setChosen(id);
    const orgPath = path ?? items?.find((o) => o.id === id)?.path;
    if (!id || !orgPath) return;
    const ancestors = orgPath.split('/').filter(Boolean).slice(0, -1);
    setExpanded((prev) => [...new Set([...(prev ?? defaultExpanded), ...ancestors])]);
  };

  return (
    <PageContainer
      title="党组织"
      subTitle="党委、党总支、党支部、党小组的设置、班子成员与换届"
      extra={
        <Button icon={<DownloadOutlined />} onClick={() => void download('/api/v1/orgs', { format: 'xlsx' }, '党组织列表.xlsx')}>
          导出 Excel
        </Button>
      }
    >
      {orgs.isError && <Alert type="error" showIcon title={errorMessage(orgs.error)} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={9}>
          <Flex vertical gap={16}>
            <Card size="small" title="组织树">
              {orgs.isPending ? (
                <Skeleton active />
              ) : (
                <>
                  <Input.Search
                    allowClear
                    placeholder="按名称或编码查找"
                    onSearch={setKeyword}
                    onChange={(e) => {
                      if (!e.target.value) setKeyword('');
                    }}
                    style={{ marginBottom: 12 }}
                  />
                  <Flex wrap gap={4} style={{ marginBottom: 12 }}>
                    {KIND_ORDER.filter((k) => counts[k]).map((k) => (
                      <Tag key={k} color={ORG_KIND_COLOR[k]}>
                        {ORG_KIND_LABEL[k]} {counts[k]} 个
                      </Tag>
                    ))}
                  </Flex>
                  {data.length === 0 ? (
                    <Empty description={keyword ? '没有匹配的党组织' : '您的管辖范围内暂无党组织'} />
                  ) : (
                    <Tree
                      showLine
                      blockNode
                      selectedKeys={selected ? [selected] : []}
                      expandedKeys={keyword ? allKeys(data) : (expanded ?? defaultExpanded)}
                      onExpand={(keys) => setExpanded(keys)}
                      onSelect={(keys) => {
                        if (!keys[0]) return;
                        setChosen(String(keys[0]));
                        // On a phone the detail sits below the tree: bring it into view.
                        if (window.matchMedia('(max-width: 991px)').matches) {
                          setTimeout(() => detailRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' }), 0);
                        }
                      }}
                      treeData={data}
                      style={{ overflowX: 'auto' }}
                    />
                  )}
                </>
              )}
            </Card>
            <TermReminders onSelect={select} />
          </Flex>
        </Col>
        <Col xs={24} lg={15} ref={detailRef}>
          {selected ? (
            <OrgDetailPanel key={selected} orgId={selected} orgs={items ?? []} onSelect={select} />
          ) : (
            !orgs.isPending && <Card><Empty description="请选择左侧的党组织" /></Card>
          )}
        </Col>
      </Row>
    </PageContainer>
  );
}
