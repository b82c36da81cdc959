import { useMemo, useState, type Key } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Dropdown, Empty, Form, Grid, Input, Popconfirm, Select, Skeleton, Space, Tag, Tree, Typography } from 'antd';
import type { TreeDataNode } from 'antd';
import { MoreOutlined, PlusOutlined } from '@ant-design/icons';
import { api, errorMessage } from '../../api/client';
import type { Unit } from '../../api/types';
import { FormModal } from '../../components/FormModal';
import { PageContainer } from '../../components/PageContainer';
import { useSession } from '../../app/session';
import { UNIT_KIND_LABEL, label, options } from '../../lib/people';
import { UNITS_KEY, UNITS_URL, buildUnitTree, useUnits, type UnitNode } from './units';

const KIND_COLOR: Record<string, string> = { grassroots: 'geekblue', office: 'purple', section: 'cyan' };

interface UnitValues {
  kind: Unit['kind'];
  name: string;
  code?: string;
}

const DELETE_NOTE = '仅能删除没有员工、没有下级单位的单位。删除后可由管理员恢复。';

type Dialog = { kind: 'create'; parent: UnitNode | null } | { kind: 'edit'; unit: UnitNode } | null;

export default function UnitsPage() {
  const { can } = useSession();
  const { message, modal } = App.useApp();
  const phone = Grid.useBreakpoint().md === false;
  const queryClient = useQueryClient();
  const writable = can('staff.write@root');
  const units = useUnits();
  const items = units.data?.items;
  const tree = useMemo(() => (items ? buildUnitTree(items) : []), [items]);
  const [keyword, setKeyword] = useState('');
  // Collapsed units; everything else is open (the unit tree is small).
  const [collapsed, setCollapsed] = useState<Set<Key>>(new Set());
  const [dialog, setDialog] = useState<Dialog>(null);
  const [lastDialog, setLastDialog] = useState<Exclude<Dialog, null> | null>(null);
  // Each opening mounts a fresh form, so no values linger from the previous unit.
  const [seq, setSeq] = useState(0);
  const open = (d: Exclude<Dialog, null>) => {
    setLastDialog(d);
    setDialog(d);
    setSeq((n) => n + 1);
  };
  const refresh = () => queryClient.invalidateQueries({ queryKey: UNITS_KEY });

  const remove = async (unit: UnitNode) => {
    try {
      await api.delete(`${UNITS_URL}/${encodeURIComponent(unit.id)}`);
      void message.success(`已删除“${unit.name}”`);
      await refresh();
    } catch (e) {
      // 409: the server says why (still has staff or sub-units).
      void message.error(errorMessage(e));
    }
  };

  const confirmRemove = (unit: UnitNode) =>
    modal.confirm({
      title: `删除单位“${unit.name}”？`,
      content: DELETE_NOTE,
      okText: '删除',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: () => remove(unit),
    });

  const totalStaff = tree.reduce((s, n) => s + n.totalStaff, 0);
  const kw = keyword.trim();

  const toTreeData = (nodes: UnitNode[]): TreeDataNode[] => {
    const out: TreeDataNode[] = [];
    for (const node of nodes) {
      const children = toTreeData(node.children);
      const matches = !kw || node.name.includes(kw) || (node.code ?? '').includes(kw);
      if (!matches && children.length === 0) continue;
      out.push({
        key: node.id,
        children,
        title: (
          <Space size={6} wrap>
            <Tag color={KIND_COLOR[node.kind]} style={{ marginInlineEnd: 0 }}>
              {label(UNIT_KIND_LABEL, node.kind)}
            </Tag>
            <span style={kw && node.name.includes(kw) ? { color: '#c8161d', fontWeight: 600 } : undefined}>{node.name}</span>
            {node.code && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {node.code}
              </Typography.Text>
            )}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {node.children.length > 0 ? `${node.staffCount} 人 / 含下级 ${node.totalStaff} 人` : `${node.staffCount} 人`}
            </Typography.Text>
            {writable &&
              (phone ? (
                <span onClick={(e) => e.stopPropagation()}>
                  <Dropdown
                    trigger={['click']}
                    menu={{
                      items: [
                        { key: 'create', label: '新增下级' },
                        { key: 'edit', label: '重命名' },
                        { key: 'delete', label: '删除', danger: true },
                      ],
                      onClick: ({ key }) => {
                        if (key === 'create') open({ kind: 'create', parent: node });
                        else if (key === 'edit') open({ kind: 'edit', unit: node });
                        else confirmRemove(node);
                      },
                    }}
                  >
                    <Button type="text" size="small" icon={<MoreOutlined />} aria-label={`${node.name}的操作`} />
                  </Dropdown>
                </span>
              ) : (
                <span onClick={(e) => e.stopPropagation()}>
                  <Button type="link" size="small" onClick={() => open({ kind: 'create', parent: node })}>
                    新增下级
                  </Button>
                  <Button type="link" size="small" onClick={() => open({ kind: 'edit', unit: node })}>
                    重命名
                  </Button>
                  <Popconfirm
                    title={`删除单位“${node.name}”？`}
                    description={DELETE_NOTE}
                    okText="删除"
                    okButtonProps={{ danger: true }}
                    cancelText="取消"
                    onConfirm={() => remove(node)}
                  >
                    <Button type="link" size="small" danger>
                      删除
                    </Button>
                  </Popconfirm>
                </span>
              ))}
          </Space>
        ),
      });
    }
    return out;
  };
  const data = toTreeData(tree);
  const allKeys = (nodes: TreeDataNode[]): Key[] => nodes.flatMap((n) => [n.key, ...allKeys(n.children ?? [])]);

  const d = dialog ?? lastDialog;
  const editing = d?.kind === 'edit' ? d.unit : null;
  const parent = d?.kind === 'create' ? d.parent : null;

  return (
    <PageContainer
      title="部门单位"
      subTitle="行政单位（基层单位、机关部门、科室）及其员工人数；与党组织相互独立。"
      extra={
        writable && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => open({ kind: 'create', parent: null })}>
            新增单位
          </Button>
        )
      }
    >
      <Card>
        {units.isError && <Alert type="error" showIcon title={errorMessage(units.error)} style={{ marginBottom: 16 }} />}
        {units.isPending ? (
          <Skeleton active />
        ) : (
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
              {items && (
                <Typography.Text type="secondary">
                  共 {items.length} 个单位，{totalStaff} 名员工
                </Typography.Text>
              )}
            </Space>
            {data.length === 0 ? (
              <Empty description={kw ? '没有匹配的单位' : '暂无单位'} />
            ) : (
              <Tree
                showLine
                blockNode
                selectable={false}
                expandedKeys={allKeys(data).filter((k) => kw || !collapsed.has(k))}
                onExpand={(_, info) => {
                  const next = new Set(collapsed);
                  if (info.expanded) next.delete(info.node.key);
                  else next.add(info.node.key);
                  setCollapsed(next);
                }}
                treeData={data}
              />
            )}
          </>
        )}
      </Card>

      <FormModal<UnitValues>
        key={seq}
        title={editing ? `重命名：${editing.name}` : parent ? `新增下级单位（${parent.name}）` : '新增单位'}
        open={dialog !== null}
        onClose={() => setDialog(null)}
        initialValues={
          editing
            ? { kind: editing.kind, name: editing.name, code: editing.code ?? undefined }
            : { kind: parent ? 'section' : 'office' }
        }
        onSubmit={(v) => {
          const body = { name: v.name.trim(), code: v.code?.trim() || null };
          if (editing) return api.patch(`${UNITS_URL}/${encodeURIComponent(editing.id)}`, body);
          return api.post(UNITS_URL, { ...body, kind: v.kind, parentId: parent?.id ?? null });
        }}
        onSuccess={() => {
          if (parent && collapsed.has(parent.id)) {
            const next = new Set(collapsed);
            next.delete(parent.id);
            setCollapsed(next);
          }
          void refresh();
        }}
      >
        <Form.Item name="kind" label="类型" rules={[{ required: true }]}>
          <Select options={options(UNIT_KIND_LABEL)} disabled={!!editing} />
        </Form.Item>
        <Form.Item name="name" label="名称" rules={[{ required: true, whitespace: true }, { max: 50 }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="code" label="编码" rules={[{ max: 30 }]}>
          <Input autoComplete="off" placeholder="可不填" />
        </Form.Item>
      </FormModal>
    </PageContainer>
  );
}
