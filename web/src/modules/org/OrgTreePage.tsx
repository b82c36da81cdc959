import { useMemo, useState, type Key } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Empty, Input, Skeleton, Space, Tag, Tree, Typography } from 'antd';
import type { TreeDataNode } from 'antd';
import { api, errorMessage } from '../../api/client';
import type { Items, Org, OrgKind } from '../../api/types';
import { PageContainer } from '../../components/PageContainer';
import { ORG_KIND_COLOR, ORG_KIND_LABEL, buildOrgTree, countByKind, type OrgNode } from './orgs';

function toTreeData(nodes: OrgNode[], keyword: string): TreeDataNode[] {
  const out: TreeDataNode[] = [];
  for (const node of nodes) {
    const children = toTreeData(node.children, keyword);
    const matches = !keyword || node.name.includes(keyword) || node.code.includes(keyword);
    if (!matches && children.length === 0) continue;
    out.push({
      key: node.id,
      title: (
        <Space size={6}>
          <Tag color={ORG_KIND_COLOR[node.kind]} style={{ marginInlineEnd: 0 }}>
            {ORG_KIND_LABEL[node.kind] ?? node.kind}
          </Tag>
          <span style={keyword && node.name.includes(keyword) ? { color: '#c8161d', fontWeight: 600 } : undefined}>
            {node.name}
          </span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {node.code}
          </Typography.Text>
        </Space>
      ),
      children,
    });
  }
  return out;
}

function allKeys(nodes: TreeDataNode[]): Key[] {
  return nodes.flatMap((n) => [n.key, ...allKeys(n.children ?? [])]);
}

const KIND_ORDER: OrgKind[] = ['committee', 'generalBranch', 'branch', 'jointBranch', 'group'];

export default function OrgTreePage() {
  const [keyword, setKeyword] = useState('');
  const orgs = useQuery({
    queryKey: ['orgs', 'tree'],
    queryFn: ({ signal }) => api.get<Items<Org>>('/api/v1/orgs/tree', undefined, signal),
  });
  const items = orgs.data?.items;
  const tree = useMemo(() => (items ? buildOrgTree(items) : []), [items]);
  const data = useMemo(() => toTreeData(tree, keyword.trim()), [tree, keyword]);
  const counts = useMemo(() => countByKind(items ?? []), [items]);

  return (
    <PageContainer title="党组织" subTitle="您的管辖范围内的党组织（只读）">
      <Card>
        {orgs.isError && <Alert type="error" showIcon title={errorMessage(orgs.error)} />}
        {orgs.isPending ? (
          <Skeleton active />
        ) : (
          items && (
            <>
              <Space wrap style={{ marginBottom: 16 }}>
                <Input.Search
                  allowClear
                  placeholder="按名称或编码查找"
                  onSearch={setKeyword}
                  onChange={(e) => {
                    if (!e.target.value) setKeyword('');
                  }}
                  style={{ width: 260 }}
                />
                {KIND_ORDER.filter((k) => counts[k]).map((k) => (
                  <Tag key={k} color={ORG_KIND_COLOR[k]}>
                    {ORG_KIND_LABEL[k]} {counts[k]} 个
                  </Tag>
                ))}
              </Space>
              {data.length === 0 ? (
                <Empty description={keyword ? '没有匹配的党组织' : '您的管辖范围内暂无党组织'} />
              ) : (
                <Tree
                  key={keyword}
                  showLine
                  blockNode
                  selectable={false}
                  defaultExpandedKeys={keyword ? allKeys(data) : tree.flatMap((r) => [r.id, ...r.children.map((c) => c.id)])}
                  treeData={data}
                />
              )}
            </>
          )
        )}
      </Card>
    </PageContainer>
  );
}
