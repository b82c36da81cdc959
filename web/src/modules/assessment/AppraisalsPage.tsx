// 民主评议党员: per branch per year. The secretary or 党委 opens the branch's appraisal, sees each member's self
// rating and the peer counts per grade, decides each graded member's grade (预备党员 are listed but not graded)
// and publishes (the server refuses while 优秀 exceeds its quota, with the numbers). A member rates themselves
// and the branch's other members. `/appraisals?id=…` opens one appraisal. The year's list shows every branch the
// user manages, the ones not started too (the 党委 sees who has not begun; a secretary starts from the row).
import { useEffect, useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, DatePicker, Drawer, Empty, Flex, Form, Grid, Input, Modal, Popconfirm, Row, Select, Skeleton, Space, Statistic, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { api, errorMessage } from '../../api/client';
import { useSession } from '../../app/session';
import { FormModal } from '../../components/FormModal';
import { PageContainer } from '../../components/PageContainer';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { useOpenId } from '../../components/useOpenId';
import { formatInstant } from '../../lib/time';
import { BranchSelect } from '../members/orgPickers';
import { ASSESSMENT_KEY, useRefreshAssessment } from './api';
import { RecordLink } from '../../components/RecordLink';
import {
  APPRAISALS_URL,
  APPRAISAL_STATUS_LABEL,
  GRADES,
  GRADE_COLOR,
  GRADE_LABEL,
  appraisalUrl,
  labelOf,
  type Appraisal,
  type AppraisalDetail,
  type AppraisalGrade,
  type AppraisalList,
  type AppraisalMember,
} from './types';

const gradeOptions = GRADES.map((g) => ({ value: g, label: GRADE_LABEL[g] }));

function GradeTag({ grade }: { grade: AppraisalGrade | null | undefined }) {
  if (!grade) return <Typography.Text type="secondary">未评</Typography.Text>;
  return <Tag color={GRADE_COLOR[grade]}>{GRADE_LABEL[grade]}</Tag>;
}

function useAppraisal(id: string | null) {
  return useQuery({
    queryKey: [...ASSESSMENT_KEY, 'appraisal', id],
    queryFn: ({ signal }) => api.get<AppraisalDetail>(appraisalUrl(id!), undefined, signal),
    enabled: !!id,
  });
}

/** 自评 and 互评 of the signed-in member. */
function MyRatings({ a }: { a: AppraisalDetail }) {
  const refresh = useRefreshAssessment();
  const { message } = App.useApp();
  const me = a.me!;
  const open = a.status === 'open';
  const [selfGrade, setSelfGrade] = useState<AppraisalGrade | undefined>(me.selfGrade ?? undefined);
  const [comment, setComment] = useState(a.members.find((m) => m.memberId === me.memberId)?.selfComment ?? '');
  const [ratings, setRatings] = useState<Record<string, AppraisalGrade>>(me.ratings);
  const [busy, setBusy] = useState<'self' | 'peer' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const others = a.members.filter((m) => m.memberId !== me.memberId && m.graded);

  const saveSelf = async () => {
    if (!selfGrade) {
      setError('请选择自评等次');
      return;
    }
    setBusy('self');
    setError(null);
    try {
      await api.put(appraisalUrl(a.id, 'self'), { grade: selfGrade, comment });
      void message.success('自评已保存');
      await refresh();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };
  const savePeer = async () => {
    const list = Object.entries(ratings).map(([memberId, grade]) => ({ memberId, grade }));
    if (list.length === 0) {
      setError('请至少评议一名党员');
      return;
    }
    setBusy('peer');
    setError(null);
    try {
      await api.put(appraisalUrl(a.id, 'peer'), { ratings: list });
      void message.success(`已提交对 ${list.length} 名党员的评议`);
      await refresh();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Flex vertical gap={12}>
      {error && <Alert type="error" showIcon title={error} />}
      <Card size="small" title="自评">
        <Flex gap={8} wrap align="center">
          <Select aria-label="自评等次" style={{ width: 160 }} placeholder="选择等次" options={gradeOptions} value={selfGrade} onChange={setSelfGrade} disabled={!open} />
          <Input aria-label="自评说明" style={{ flex: '1 1 220px' }} placeholder="对照党员标准，简要说明（可选）" maxLength={500} value={comment} onChange={(e) => setComment(e.target.value)} disabled={!open} />
          {open && (
            <Button type="primary" loading={busy === 'self'} onClick={() => void saveSelf()}>
              保存自评
            </Button>
          )}
        </Flex>
      </Card>
      <Card size="small" title={`互评（本支部其他党员 ${others.length} 人）`}>
        {others.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有需要互评的党员" />
        ) : (
          <Flex vertical gap={8}>
            {others.map((m) => (
              <Flex key={m.memberId} gap={8} align="center" justify="space-between" wrap>
                <Typography.Text>{m.name}</Typography.Text>
                <Select
                  aria-label={`互评 ${m.name}`}
                  style={{ width: 160 }}
                  placeholder="选择等次"
                  options={gradeOptions}
                  value={ratings[m.memberId]}
                  disabled={!open}
                  onChange={(g: AppraisalGrade) => setRatings((r) => ({ ...r, [m.memberId]: g }))}
                />
              </Flex>
            ))}
            {open && (
              <Button type="primary" style={{ alignSelf: 'flex-end' }} loading={busy === 'peer'} onClick={() => void savePeer()}>
                提交互评
              </Button>
            )}
          </Flex>
        )}
      </Card>
    </Flex>
  );
}

/** The committee's view: self rating, peer counts, decision per member; publish. */
function CommitteeDecisions({ a }: { a: AppraisalDetail }) {
  const refresh = useRefreshAssessment();
  const { message } = App.useApp();
  const open = a.status === 'open';
  const [decisions, setDecisions] = useState<Record<string, { grade: AppraisalGrade | null; note: string }>>({});
  const [busy, setBusy] = useState<'save' | 'publish' | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const d: Record<string, { grade: AppraisalGrade | null; note: string }> = {};
    for (const m of a.members) d[m.memberId] = { grade: m.decision, note: m.decisionNote ?? '' };
    setDecisions(d);
  }, [a]);

  const excellent = Object.entries(decisions).filter(([id, d]) => d.grade === 'excellent' && a.members.find((m) => m.memberId === id)?.graded).length;

  const save = async () => {
    const list = a.members
      .filter((m) => m.graded && decisions[m.memberId]?.grade)
      .map((m) => ({ memberId: m.memberId, grade: decisions[m.memberId]!.grade!, note: decisions[m.memberId]!.note || undefined }));
    if (list.length === 0) {
      setError('请先为党员选择评定等次');
      return false;
    }
    setBusy('save');
    setError(null);
    try {
      await api.put(appraisalUrl(a.id, 'decisions'), { decisions: list });
      await refresh();
      return true;
    } catch (e) {
      setError(errorMessage(e));
      return false;
    } finally {
      setBusy(null);
    }
  };

  const publish = () => {
    Modal.confirm({
      title: `公布 ${a.branchName} ${a.year} 年民主评议结果？`,
      content: '公布后评定等次不能再修改。',
      okText: '公布',
      cancelText: '取消',
      onOk: async () => {
        if (!(await save())) return;
        setBusy('publish');
        try {
          await api.post(appraisalUrl(a.id, 'publish'));
          void message.success('民主评议结果已公布');
          await refresh();
        } catch (e) {
          setError(errorMessage(e));
        } finally {
          setBusy(null);
        }
      },
    });
  };

  const columns: ColumnsType<AppraisalMember> = [
    {
      title: '党员',
      dataIndex: 'name',
      fixed: 'left',
      render: (v: string, m) => (
        <Space size={4} wrap>
          <span>{v}</span>
          {m.type === 'probationary' && <Tag>预备党员</Tag>}
        </Space>
      ),
    },
    {
      title: '自评',
      dataIndex: 'selfGrade',
      render: (g: AppraisalGrade | null, m) => (
        <Flex vertical>
          <GradeTag grade={g} />
          {m.selfComment && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{m.selfComment}</Typography.Text>}
        </Flex>
      ),
    },
    {
      title: '互评（优秀/合格/基本合格/不合格）',
      dataIndex: 'peer',
      render: (_: unknown, m) =>
        m.graded ? (
          <Space size={4} wrap>
            {GRADES.map((g) => (
              <Tag key={g} color={m.peer[g] > 0 ? GRADE_COLOR[g] : undefined}>
                {GRADE_LABEL[g]} {m.peer[g]}
              </Tag>
            ))}
          </Space>
        ) : (
          <Typography.Text type="secondary">-</Typography.Text>
        ),
    },
    {
      title: '支部评定',
      dataIndex: 'decision',
      render: (_: unknown, m) =>
        !m.graded ? (
          <Typography.Text type="secondary">不评定等次</Typography.Text>
        ) : open ? (
          <Select
            aria-label={`评定 ${m.name}`}
            style={{ width: 130 }}
            placeholder="选择等次"
            options={gradeOptions}
            value={decisions[m.memberId]?.grade ?? undefined}
            onChange={(g: AppraisalGrade) => setDecisions((d) => ({ ...d, [m.memberId]: { grade: g, note: d[m.memberId]?.note ?? '' } }))}
          />
        ) : (
          <GradeTag grade={m.decision} />
        ),
    },
    {
      title: '备注',
      dataIndex: 'decisionNote',
      responsive: ['md'],
      render: (v: string, m) =>
        open && m.graded ? (
          <Input
            aria-label={`评定备注 ${m.name}`}
            maxLength={200}
            value={decisions[m.memberId]?.note ?? ''}
            onChange={(e) => setDecisions((d) => ({ ...d, [m.memberId]: { grade: d[m.memberId]?.grade ?? null, note: e.target.value } }))}
          />
        ) : (
          v
        ),
    },
  ];

  return (
    <Flex vertical gap={12}>
      <Row gutter={[12, 12]}>
        <Col xs={8}>
          <Statistic title="参评（评定等次）" value={a.gradedCount} suffix="人" />
        </Col>
        <Col xs={8}>
          <Statistic title="评定优秀" value={open ? excellent : a.excellentCount} suffix="人" styles={{ content: { color: (open ? excellent : a.excellentCount) > a.excellentMax ? '#cf1322' : undefined } }} />
        </Col>
        <Col xs={8}>
          <Statistic title="优秀最多" value={a.excellentMax} suffix="人" />
        </Col>
      </Row>
      {error && <Alert type="error" showIcon title={error} data-testid="appraisal-error" />}
      <ResponsiveTable<AppraisalMember> rowKey="memberId" size="small" columns={columns} dataSource={a.members} pagination={false} />
      {open && (
        <Flex gap={8} justify="flex-end" wrap>
          <Button
            loading={busy === 'save'}
            onClick={() =>
              void save().then((ok) => {
                if (ok) void message.success('评定已保存');
              })
            }
          >
            保存评定
          </Button>
          <Button type="primary" loading={busy === 'publish'} onClick={publish}>
            公布结果
          </Button>
        </Flex>
      )}
    </Flex>
  );
}

function AppraisalDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const { can } = useSession();
  const screens = Grid.useBreakpoint();
  const detail = useAppraisal(id);
  const a = detail.data;
  const manager = a?.manager ?? can('appraisal.manage');
  return (
    <Drawer open onClose={onClose} size={screens.md === false ? '100%' : 960} title={a ? `民主评议：${a.branchName} ${a.year} 年` : '民主评议'} destroyOnHidden>
      {detail.isError && <Alert type="error" showIcon title={errorMessage(detail.error)} />}
      {detail.isPending ? (
        <Skeleton active />
      ) : a ? (
        <Flex vertical gap={16}>
          <Space wrap>
            <Tag color={a.status === 'published' ? 'success' : 'processing'}>{labelOf(APPRAISAL_STATUS_LABEL, a.status)}</Tag>
            {a.publishedAt && <Typography.Text type="secondary">公布于 {formatInstant(a.publishedAt)}</Typography.Text>}
            <Typography.Text type="secondary">等次：优秀、合格、基本合格、不合格；优秀不超过参评人数的三分之一；预备党员参加评议但不评定等次。</Typography.Text>
          </Space>
          {a.me && <MyRatings key={`${a.id}-${a.status}`} a={a} />}
          {manager && <CommitteeDecisions a={a} />}
          {!manager && !a.me && <Empty description="您不是本次评议的参评党员" />}
          {!manager && a.me && a.status === 'published' && (
            <Card size="small" title="评定结果">
              <Space>
                本人评定等次：
                <GradeTag grade={a.members.find((m) => m.memberId === a.me!.memberId)?.decision} />
              </Space>
            </Card>
          )}
        </Flex>
      ) : null}
    </Drawer>
  );
}

/** One branch of the year's list: its appraisal, or not started yet. */
interface BranchRow {
  branchId: string;
  branchName: string;
  state: 'notStarted' | Appraisal['status'];
  appraisal?: Appraisal;
}

const STATE_TAG: Record<BranchRow['state'], { label: string; color: string }> = {
  notStarted: { label: '未开始', color: 'default' },
  open: { label: APPRAISAL_STATUS_LABEL.open, color: 'processing' },
  published: { label: APPRAISAL_STATUS_LABEL.published, color: 'success' },
};
/** Not started first: what the committee has to chase. */
const STATE_ORDER: BranchRow['state'][] = ['notStarted', 'open', 'published'];

function rowsOf(list: AppraisalList | undefined): BranchRow[] {
  if (!list) return [];
  const rows: BranchRow[] = [
    ...list.notStarted.map((b) => ({ branchId: b.branchId, branchName: b.branchName, state: 'notStarted' as const })),
    ...list.items.map((a) => ({ branchId: a.branchId, branchName: a.branchName, state: a.status, appraisal: a })),
  ];
  // Stable: within a state, the server's (tree) order stays.
  return rows.sort((a, b) => STATE_ORDER.indexOf(a.state) - STATE_ORDER.indexOf(b.state));
}

/** 开始评议 from a not-started branch's row: the same POST as the 开始评议 form, after a confirmation. */
function StartButton({ row, year, onStarted }: { row: BranchRow; year: number; onStarted: (id: string) => void }) {
  const { message } = App.useApp();
  const refresh = useRefreshAssessment();
  const [busy, setBusy] = useState(false);
  const start = async () => {
    setBusy(true);
    try {
      const res = await api.post<AppraisalDetail>(APPRAISALS_URL, { branchId: row.branchId, year });
      void message.success(`已开始 ${row.branchName} ${year} 年民主评议，支部党员已列入`);
      await refresh();
      onStarted(res.id);
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Popconfirm title={`开始 ${row.branchName} ${year} 年民主评议？`} description="支部在册党员将列入评议。" okText="开始" cancelText="取消" onConfirm={() => start()}>
      <Button size="small" type="primary" loading={busy}>
        开始评议
      </Button>
    </Popconfirm>
  );
}

export default function AppraisalsPage() {
  const { can } = useSession();
  const [openId, setOpen] = useOpenId();
  const [year, setYear] = useState<Dayjs | null>(() => dayjs());
  const [creating, setCreating] = useState(false);
  const refresh = useRefreshAssessment();
  const list = useQuery({
    queryKey: [...ASSESSMENT_KEY, 'appraisals', year?.year()],
    queryFn: ({ signal }) => api.get<AppraisalList>(APPRAISALS_URL, { year: year?.year() }, signal),
  });
  const rows = useMemo(() => rowsOf(list.data), [list.data]);
  const shownYear = year?.year() ?? dayjs().year();
  const counts = STATE_ORDER.map((state) => ({ state, n: rows.filter((r) => r.state === state).length }));

  const columns: ColumnsType<BranchRow> = [
    {
      title: '党支部',
      dataIndex: 'branchName',
      render: (v: string, r) => (r.appraisal ? <RecordLink onOpen={() => setOpen(r.appraisal!.id)}>{v}</RecordLink> : v),
    },
    { title: '状态', dataIndex: 'state', render: (v: BranchRow['state']) => <Tag color={STATE_TAG[v].color}>{STATE_TAG[v].label}</Tag> },
    {
      title: '参评党员',
      key: 'members',
      render: (_: unknown, r) =>
        r.appraisal ? (
          <Flex vertical>
            <span>
              {r.appraisal.memberCount} 人（评定等次 {r.appraisal.gradedCount}）
            </span>
            {r.appraisal.selfRatedCount !== null && r.state === 'open' && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                已自评 {r.appraisal.selfRatedCount}/{r.appraisal.memberCount}
              </Typography.Text>
            )}
          </Flex>
        ) : (
          <Typography.Text type="secondary">尚未开始</Typography.Text>
        ),
    },
    { title: '优秀', key: 'excellent', render: (_: unknown, r) => (r.appraisal && r.state === 'published' ? `${r.appraisal.excellentCount} 人` : '') },
    { title: '公布时间', key: 'publishedAt', render: (_: unknown, r) => (r.appraisal?.publishedAt ? formatInstant(r.appraisal.publishedAt) : '') },
    {
      title: '操作',
      key: 'actions',
      render: (_: unknown, r) =>
        r.appraisal ? (
          <Button size="small" onClick={() => setOpen(r.appraisal!.id)}>
            查看
          </Button>
        ) : (
          <StartButton row={r} year={shownYear} onStarted={setOpen} />
        ),
    },
  ];

  return (
    <PageContainer
      title="民主评议"
      subTitle="年度民主评议党员：党员自评、互评，支部评定等次，党委审核公布。"
      extra={
        <Space wrap>
          <DatePicker picker="year" aria-label="年度" value={year} onChange={setYear} allowClear={false} />
          <Button icon={<ReloadOutlined />} aria-label="刷新" onClick={() => void list.refetch()} />
          {can('appraisal.manage') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              开始评议
            </Button>
          )}
        </Space>
      }
    >
      <Card>
        {list.isError && <Alert type="error" showIcon title={errorMessage(list.error)} style={{ marginBottom: 16 }} />}
        {rows.length > 0 && (
          <Flex wrap gap={8} align="center" style={{ marginBottom: 12 }}>
            <Typography.Text strong>
              {shownYear} 年：{rows.length} 个支部
            </Typography.Text>
            {counts.map((c) => (
              <Tag key={c.state} color={c.state === 'notStarted' && c.n > 0 ? 'warning' : STATE_TAG[c.state].color}>
                {STATE_TAG[c.state].label} {c.n}
              </Tag>
            ))}
          </Flex>
        )}
        <ResponsiveTable<BranchRow>
          rowKey={(r) => r.appraisal?.id ?? `new:${r.branchId}`}
          size="middle"
          columns={columns}
          dataSource={rows}
          loading={list.isFetching}
          pagination={false}
          locale={{ emptyText: can('appraisal.manage') ? '没有可组织民主评议的党支部' : '本年度没有需要参加的民主评议' }}
        />
      </Card>
      <FormModal<{ branchId: string; year: Dayjs }, AppraisalDetail>
        title="开始民主评议"
        open={creating}
        onClose={() => setCreating(false)}
        okText="开始"
        successMessage="已开始民主评议，支部党员已列入"
        initialValues={{ year: year ?? dayjs() }}
        onSubmit={(v) => api.post<AppraisalDetail>(APPRAISALS_URL, { branchId: v.branchId, year: v.year.year() })}
        onSuccess={(res) => {
          void refresh();
          setOpen(res.id);
        }}
      >
        <Form.Item name="branchId" label="党支部" rules={[{ required: true, message: '请选择党支部' }]}>
          <BranchSelect />
        </Form.Item>
        <Form.Item name="year" label="年度" rules={[{ required: true, message: '请选择年度' }]}>
          <DatePicker picker="year" style={{ width: '100%' }} />
        </Form.Item>
      </FormModal>
      {openId && <AppraisalDrawer key={openId} id={openId} onClose={() => setOpen(null)} />}
    </PageContainer>
  );
}
