// A campaign's board: the requirements and deadlines, then every applicable branch with its 推进措施 and each
// progress report (submitted on time, late, or missing), the branches without measures at a glance, and
// 一键督办 for the chosen (or all) missing ones. A branch secretary reports from here for their branches.
import { useMemo, useState, type HTMLAttributes, type ReactNode } from 'react';
import { Alert, App, Button, Card, Checkbox, Collapse, Descriptions, Flex, Grid, List, Popconfirm, Progress, Skeleton, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { AlertOutlined, ArrowLeftOutlined, CheckCircleOutlined, ReloadOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { errorMessage } from '../../api/client';
import { RichText } from '../../components/RichText';
import { formatInstantDate } from '../../lib/time';
import { activateCampaign, closeCampaign, deleteCampaign, useBoard, useRefreshCampaigns } from './api';
import { OrgsModal } from './OrgsModal';
import { SubmissionDrawer, type SubmissionTarget } from './SubmissionDrawer';
import { SuperviseConfirm, SuperviseResultModal } from './SuperviseModals';
import { STATUS_COLOR, STATUS_LABEL, labelOf, type Board, type BoardCell, type BoardOrg, type ReportDue, type SuperviseResult } from './types';

function CellTag({ cell, dueOn, onOpen }: { cell: BoardCell | null | undefined; dueOn: string; onOpen?: () => void }) {
  if (!cell) {
    const overdue = formatInstantDate(new Date()) > dueOn;
    const tag = <Tag color={overdue ? 'red' : 'default'}>{overdue ? '逾期未报' : '未报送'}</Tag>;
    return onOpen ? <a onClick={onOpen}>{tag}</a> : tag;
  }
  const late = cell.late;
  const tag = (
    <Tag color={late ? 'orange' : 'green'} title={`报送于 ${formatInstantDate(cell.submittedAt)}`}>
      {late ? '逾期报送' : '已报送'} {formatInstantDate(cell.submittedAt).slice(5)}
    </Tag>
  );
  return onOpen ? <a onClick={onOpen}>{tag}</a> : tag;
}

function Facts({ board }: { board: Board }) {
  const c = board.campaign;
  const screens = Grid.useBreakpoint();
  const items = [
    { key: 'kind', label: '活动类型', children: c.kind || '-' },
    { key: 'status', label: '状态', children: <Tag color={STATUS_COLOR[c.status]}>{labelOf(STATUS_LABEL, c.status)}</Tag> },
    { key: 'dates', label: '活动时间', children: `${c.startOn} 至 ${c.endOn}` },
    { key: 'measuresDue', label: '措施报送截止', children: c.measuresDue },
    ...(c.rootOrgName ? [{ key: 'root', label: '部署组织', children: c.rootOrgName }] : []),
    {
      key: 'dues',
      label: '进展报告',
      children: board.dues.length ? board.dues.map((d) => `${d.title}（${d.dueOn}前）`).join('；') : '无',
    },
    ...(c.callsCases
      ? [
          {
            key: 'cases',
            label: '精品案例',
            span: 2,
            children: (
              <span>
                征集“{c.caseTheme || c.name}”精品案例
                {c.caseDesignDue ? `，设计 ${c.caseDesignDue} 前` : ''}
                {c.caseResultDue ? `，成果 ${c.caseResultDue} 前` : ''}。<Link to={`/campaigns/cases?campaignId=${encodeURIComponent(c.id)}`}>查看案例</Link>
              </span>
            ),
          },
        ]
      : []),
  ];
  return <Descriptions column={screens.md === false ? 1 : 2} size="small" bordered items={items} styles={{ label: { whiteSpace: 'nowrap' } }} />;
}

export function CampaignBoard({ id, onBack }: { id: string; onBack: () => void }) {
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const phone = screens.md === false;
  const board = useBoard(id);
  const refresh = useRefreshCampaigns();
  const [selected, setSelected] = useState<string[]>([]);
  const [confirming, setConfirming] = useState(false);
  const [result, setResult] = useState<SuperviseResult | null>(null);
  const [target, setTarget] = useState<SubmissionTarget | null>(null);
  const [busy, setBusy] = useState(false);
  const [editingOrgs, setEditingOrgs] = useState(false);

  const b = board.data;
  const c = b?.campaign;
  const allowed = c?.allowed ?? [];
  // 一键督办 and the selection of missing branches: campaign.manage over the issuing organisation, while active.
  const manager = allowed.includes('supervise');
  const open = c?.status === 'active';
  const missingIds = useMemo(() => new Set((b?.missingMeasures ?? []).map((m) => m.orgId)), [b]);
  const names = useMemo(() => new Map((b?.orgs ?? []).map((o) => [o.orgId, o.orgName])), [b]);
  // The branches this user reports for (the server says which).
  const mine = useMemo(() => new Set(b?.campaign.allowed.includes('submit') ? b.campaign.submitOrgIds : []), [b]);

  if (board.isError) {
    return (
      <Card>
        <Flex vertical gap={12}>
          <Alert type="error" showIcon title={errorMessage(board.error)} />
          <div>
            <Button icon={<ArrowLeftOutlined />} onClick={onBack}>
              返回活动列表
            </Button>
          </div>
        </Flex>
      </Card>
    );
  }
  if (!b || !c) return <Card><Skeleton active /></Card>;

  const submitted = b.orgs.length - b.missingMeasures.length;
  const chosen = selected.filter((s) => missingIds.has(s));
  const superviseOrgs = chosen.length > 0 ? chosen.map((orgId) => ({ orgId, orgName: names.get(orgId) ?? orgId })) : b.missingMeasures;
  const openCell = (o: BoardOrg, due?: ReportDue) =>
    setTarget({
      campaignId: c.id,
      campaignName: c.name,
      orgId: o.orgId,
      orgName: o.orgName,
      due,
      dueOn: due ? due.dueOn : c.measuresDue,
      editable: open && mine.has(o.orgId),
    });

  const step = async (action: 'activate' | 'close' | 'delete') => {
    setBusy(true);
    try {
      if (action === 'activate') await activateCampaign(c.id);
      else if (action === 'close') await closeCampaign(c.id);
      else await deleteCampaign(c.id);
      void message.success(action === 'activate' ? '活动已发布' : action === 'close' ? '活动已结束' : '草稿已删除');
      if (action === 'delete') onBack();
      await refresh();
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const reportButtons = (o: BoardOrg): ReactNode =>
    open && mine.has(o.orgId) ? (
      <Space wrap size={4}>
        <Button size="small" type={o.measures ? 'default' : 'primary'} onClick={() => openCell(o)}>
          {o.measures ? '修改措施' : '报送措施'}
        </Button>
        {b.dues.map((d) => (
          <Button key={d.id} size="small" onClick={() => openCell(o, d)}>
            {o.progress[d.id] ? `修改${d.title}` : `报送${d.title}`}
          </Button>
        ))}
      </Space>
    ) : null;

  const taskLink = (o: BoardOrg) => (o.taskId ? <Link to={`/tasks?id=${encodeURIComponent(o.taskId)}`}>督办中</Link> : null);

  const columns: ColumnsType<BoardOrg> = [
    {
      title: '支部',
      dataIndex: 'orgName',
      fixed: 'left',
      render: (_: unknown, o) => (
        <Flex vertical>
          <Typography.Text strong>{o.orgName}</Typography.Text>
          {o.late && <Typography.Text type="danger" style={{ fontSize: 12 }}>有逾期</Typography.Text>}
        </Flex>
      ),
    },
    { title: `推进措施（${c.measuresDue}前）`, key: 'measures', render: (_: unknown, o) => <CellTag cell={o.measures} dueOn={c.measuresDue} onOpen={() => openCell(o)} /> },
    ...b.dues.map((d) => ({
      title: `${d.title}（${d.dueOn}前）`,
      key: `due-${d.id}`,
      render: (_: unknown, o: BoardOrg) => <CellTag cell={o.progress[d.id]} dueOn={d.dueOn} onOpen={() => openCell(o, d)} />,
    })),
    { title: '督办', key: 'task', render: (_: unknown, o) => taskLink(o) ?? '-' },
    ...(mine.size > 0 && open ? [{ title: '报送', key: 'report', render: (_: unknown, o: BoardOrg) => reportButtons(o) }] : []),
  ];

  const missingCard = (
    <Card
      size="small"
      title={
        <Space>
          <AlertOutlined style={{ color: b.missingMeasures.length ? '#cf1322' : '#52c41a' }} />
          未报送推进措施的支部（{b.missingMeasures.length}）
        </Space>
      }
      data-testid="missing-measures"
      extra={
        manager && open && b.missingMeasures.length > 0 ? (
          <Button type="primary" danger onClick={() => setConfirming(true)}>
            一键督办{chosen.length > 0 ? `（已选 ${chosen.length}）` : `（全部 ${b.missingMeasures.length}）`}
          </Button>
        ) : undefined
      }
    >
      {b.missingMeasures.length === 0 ? (
        <Typography.Text type="success">
          <CheckCircleOutlined /> 所有适用支部均已报送推进措施
        </Typography.Text>
      ) : (
        <Flex wrap gap={8}>
          {b.missingMeasures.map((m) =>
            manager ? (
              <Checkbox
                key={m.orgId}
                checked={selected.includes(m.orgId)}
                onChange={(e) => setSelected((s) => (e.target.checked ? [...s, m.orgId] : s.filter((x) => x !== m.orgId)))}
              >
                <Tag color="red" style={{ marginInlineEnd: 0 }} data-org-missing={m.orgName}>
                  {m.orgName}
                </Tag>
              </Checkbox>
            ) : (
              <Tag key={m.orgId} color="red" data-org-missing={m.orgName}>
                {m.orgName}
              </Tag>
            ),
          )}
        </Flex>
      )}
      {manager && b.missingMeasures.length > 0 && (
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8, fontSize: 12 }}>
          勾选部分支部只督办所选支部；不勾选则督办全部未报送的支部。
        </Typography.Text>
      )}
      {b.missingProgress.some((m) => m.orgs.length > 0) && (
        <Flex vertical gap={4} style={{ marginTop: 12 }}>
          {b.missingProgress
            .filter((m) => m.orgs.length > 0)
            .map((m) => {
              const due = b.dues.find((d) => d.id === m.dueId);
              const title = m.title ?? due?.title ?? '进展报告';
              const dueOn = m.dueOn ?? due?.dueOn;
              return (
                <div key={m.dueId}>
                  <Typography.Text type="secondary">{dueOn ? `${title}（${dueOn}前）` : title}未报送：</Typography.Text>
                  {m.orgs.map((o) => o.orgName).join('、')}
                </div>
              );
            })}
        </Flex>
      )}
    </Card>
  );

  return (
    <>
      <Card
        title={
          <Flex gap={8} align="center" wrap>
            <Button type="text" icon={<ArrowLeftOutlined />} aria-label="返回活动列表" onClick={onBack} />
            <span>{c.name}</span>
            <Tag color={STATUS_COLOR[c.status]}>{labelOf(STATUS_LABEL, c.status)}</Tag>
          </Flex>
        }
        extra={
          <Space wrap>
            {allowed.includes('activate') && (
              <Popconfirm title="发布后各支部开始报送，确定发布？" okText="发布" cancelText="取消" onConfirm={() => void step('activate')}>
                <Button type="primary" loading={busy}>
                  发布活动
                </Button>
              </Popconfirm>
            )}
            {allowed.includes('editOrgs') && <Button onClick={() => setEditingOrgs(true)}>调整适用组织</Button>}
            {allowed.includes('delete') && (
              <Popconfirm title="删除这个草稿活动？" okText="删除" okButtonProps={{ danger: true }} cancelText="取消" onConfirm={() => void step('delete')}>
                <Button danger loading={busy}>
                  删除草稿
                </Button>
              </Popconfirm>
            )}
            {allowed.includes('close') && (
              <Popconfirm title="结束后不能再报送，确定结束活动？" okText="结束" cancelText="取消" onConfirm={() => void step('close')}>
                <Button loading={busy}>结束活动</Button>
              </Popconfirm>
            )}
            <Button icon={<ReloadOutlined />} aria-label="刷新" title="刷新" onClick={() => void board.refetch()} />
          </Space>
        }
      >
        <Flex vertical gap={16}>
          <Flex wrap gap={24}>
            <Statistic title="适用支部" value={b.orgs.length} />
            <Statistic title="已报送措施" value={submitted} suffix={`/ ${b.orgs.length}`} />
            <div style={{ minWidth: 160 }}>
              <Typography.Text type="secondary">措施报送率</Typography.Text>
              <Progress percent={b.orgs.length ? Math.round((submitted * 100) / b.orgs.length) : 0} status={submitted === b.orgs.length ? 'success' : 'active'} />
            </div>
            {b.dues.map((d) => {
              const n = b.orgs.filter((o) => o.progress[d.id]).length;
              return <Statistic key={d.id} title={`${d.title}已报`} value={n} suffix={`/ ${b.orgs.length}`} />;
            })}
          </Flex>
          <Collapse
            size="small"
            items={[
              {
                key: 'facts',
                label: '活动要求与时间安排',
                children: (
                  <Flex vertical gap={12}>
                    <Facts board={b} />
                    <RichText html={c.description} empty={<Typography.Text type="secondary">（未填写活动要求）</Typography.Text>} />
                  </Flex>
                ),
              },
            ]}
          />
        </Flex>
      </Card>
      {missingCard}
      <Card title="各支部报送情况" size="small">
        {phone ? (
          <List
            dataSource={b.orgs}
            rowKey="orgId"
            renderItem={(o) => (
              <List.Item data-org-row={o.orgName}>
                <Flex vertical gap={6} style={{ width: '100%' }}>
                  <Flex justify="space-between" align="center" gap={8}>
                    <Typography.Text strong>{o.orgName}</Typography.Text>
                    {taskLink(o)}
                  </Flex>
                  <Flex wrap gap={4} align="center">
                    <Typography.Text type="secondary">推进措施</Typography.Text>
                    <CellTag cell={o.measures} dueOn={c.measuresDue} onOpen={() => openCell(o)} />
                  </Flex>
                  {b.dues.map((d) => (
                    <Flex key={d.id} wrap gap={4} align="center">
                      <Typography.Text type="secondary">{d.title}</Typography.Text>
                      <CellTag cell={o.progress[d.id]} dueOn={d.dueOn} onOpen={() => openCell(o, d)} />
                    </Flex>
                  ))}
                  {reportButtons(o)}
                </Flex>
              </List.Item>
            )}
          />
        ) : (
          <Table<BoardOrg>
            size="middle"
            rowKey="orgId"
            scroll={{ x: 'max-content' }}
            columns={columns}
            dataSource={b.orgs}
            pagination={false}
            onRow={(o) => ({ 'data-org-row': o.orgName } as HTMLAttributes<HTMLElement>)}
            rowSelection={
              manager && b.missingMeasures.length > 0
                ? {
                    selectedRowKeys: chosen,
                    onChange: (keys) => setSelected(keys.map(String)),
                    getCheckboxProps: (o) => ({ disabled: !missingIds.has(o.orgId), 'aria-label': `选择 ${o.orgName}` }),
                  }
                : undefined
            }
          />
        )}
      </Card>
      <SuperviseConfirm
        campaignId={c.id}
        campaignName={c.name}
        orgs={superviseOrgs}
        all={chosen.length === 0}
        open={confirming}
        onClose={() => setConfirming(false)}
        onDone={(r) => {
          setSelected([]);
          setResult(r);
        }}
      />
      <SuperviseResultModal result={result} names={names} onClose={() => setResult(null)} />
      <SubmissionDrawer target={target} onClose={() => setTarget(null)} />
      {editingOrgs && <OrgsModal campaign={c} open={editingOrgs} onClose={() => setEditingOrgs(false)} />}
    </>
  );
}
