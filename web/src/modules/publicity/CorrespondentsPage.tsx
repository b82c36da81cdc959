// 通讯员队伍: who reports for each organisation, their training (挂职培训, 集中培训) and this year's output.
// Editors (publicity.review) add, change and retire correspondents and record trainings; everyone with
// publicity.read sees the team in their scope. `/publicity/correspondents?id=…` opens one correspondent.
import { useMemo, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, DatePicker, Divider, Empty, Flex, Form, Input, InputNumber, List, Popconfirm, Row, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import dayjs, { type Dayjs } from 'dayjs';
import { DeleteOutlined, EditOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { api, errorMessage, type Query } from '../../api/client';
import type { ApiResponse, Items } from '../../api/types';
import { useSession } from '../../app/session';
import { DetailDrawer } from '../../components/DetailDrawer';
import { FormModal } from '../../components/FormModal';
import { listQueryKey } from '../../components/ListPage';
import { PageContainer } from '../../components/PageContainer';
import { useOpenId } from '../../components/useOpenId';
import { ScopeOrgTreeSelect } from '../members/orgPickers';
import { today } from '../org/orgs';
import { addTraining, createCorrespondent, deleteCorrespondent, deleteTraining, revealCorrespondentPhone, updateCorrespondent, useCorrespondent, useRefreshPublicity } from './api';
import { LevelTag, StatusTag, usePhone } from './parts';
import { CORRESPONDENTS_URL, TRAINING_KIND_LABEL, labelOf, optionsOf, type Correspondent, type CorrespondentDetail, type Training, type TrainingKind } from './types';
import { RecordLink } from '../../components/RecordLink';

interface CorrespondentValues {
  orgId: string;
  userId?: string | null;
  name: string;
  phone?: string;
  since: Dayjs;
  until?: Dayjs | null;
  note?: string;
}

/** The accounts that may submit for the chosen organisation: linking one counts its manuscripts as this correspondent's. */
function AccountPicker() {
  const form = Form.useFormInstance<CorrespondentValues>();
  const orgId = Form.useWatch('orgId', form);
  const candidates = useQuery({
    queryKey: ['publicity', 'candidates', orgId],
    queryFn: ({ signal }) => api.get<ApiResponse<'/api/v1/publicity/correspondents/candidates'>>(`${CORRESPONDENTS_URL}/candidates`, { orgId }, signal),
    enabled: !!orgId,
  });
  const options = (candidates.data?.items ?? []).map((c) => ({ value: c.userId, label: `${c.name}（${c.username}）`, name: c.name }));
  return (
    <Form.Item name="userId" label="登录账号" extra="关联后，该账号投递的稿件计入此通讯员的年度稿件">
      <Select
        allowClear
        showSearch
        optionFilterProp="label"
        loading={candidates.isFetching}
        placeholder={orgId ? '选择在该组织有投稿权限的账号' : '请先选择组织'}
        disabled={!orgId}
        options={options}
        notFoundContent={candidates.isError ? errorMessage(candidates.error) : '没有可关联的账号'}
        onChange={(_v, option) => {
          const picked = Array.isArray(option) ? undefined : option;
          if (picked && !form.getFieldValue('name')) form.setFieldValue('name', picked.name);
        }}
      />
    </Form.Item>
  );
}

function CorrespondentModal({ editing, open, onClose, onDone }: { editing: CorrespondentDetail | Correspondent | null; open: boolean; onClose: () => void; onDone: (id: string) => void }) {
  const { me } = useSession();
  const initialValues = useMemo<Partial<CorrespondentValues>>(
    () =>
      editing
        ? // The phone arrives masked: the field starts empty and an empty field keeps the registered number.
          { orgId: editing.orgId, userId: editing.userId, name: editing.name, since: dayjs(editing.since), until: editing.until ? dayjs(editing.until) : null, note: editing.note || undefined }
        : { orgId: me.scope[0]?.orgId, since: dayjs(today()) },
    [editing, me.scope],
  );
  return (
    <FormModal<CorrespondentValues, CorrespondentDetail>
      title={editing ? `修改通讯员：${editing.name}` : '新增通讯员'}
      open={open}
      onClose={onClose}
      initialValues={initialValues}
      onSubmit={(v) => {
        const input = {
          orgId: v.orgId,
          userId: v.userId ?? null,
          name: v.name.trim(),
          ...(editing && !v.phone?.trim() ? {} : { phone: v.phone?.trim() || null }),
          since: v.since.format('YYYY-MM-DD'),
          until: v.until ? v.until.format('YYYY-MM-DD') : null,
          note: v.note?.trim() || null,
        };
        return editing ? updateCorrespondent(editing.id, input) : createCorrespondent(input);
      }}
      onSuccess={(c) => onDone(c?.id ?? editing?.id ?? '')}
    >
      <Form.Item name="orgId" label="组织" rules={[{ required: true, message: '请选择组织' }]}>
        <ScopeOrgTreeSelect placeholder="请选择党组织" allowClear={false} />
      </Form.Item>
      <AccountPicker />
      <Form.Item name="name" label="姓名" rules={[{ required: true, whitespace: true, message: '请填写姓名' }, { max: 30, message: '姓名最多 30 字' }]}>
        <Input maxLength={30} />
      </Form.Item>
      <Form.Item
        name="phone"
        label="联系电话"
        extra={editing?.phone ? `已登记 ${editing.phone}，不修改请留空` : undefined}
        rules={[{ max: 30, message: '最多 30 字' }, { pattern: /^[0-9+\-\s()（）]*$/, message: '只能填写数字、空格和 + - ( )' }]}>
        <Input maxLength={30} inputMode="tel" />
      </Form.Item>
      <Flex gap={16} wrap>
        <Form.Item name="since" label="担任日期" rules={[{ required: true, message: '请选择担任日期' }]} style={{ flex: '1 1 160px' }}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="until" label="卸任日期" extra="在任不填" style={{ flex: '1 1 160px' }}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Flex>
      <Form.Item name="note" label="备注" rules={[{ max: 500, message: '备注最多 500 字' }]}>
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
    </FormModal>
  );
}

interface TrainingValues {
  kind: TrainingKind;
  title: string;
  dates: [Dayjs, Dayjs];
  hours: number;
  place?: string;
  note?: string;
}

function TrainingModal({ correspondent, open, onClose, onDone }: { correspondent: CorrespondentDetail; open: boolean; onClose: () => void; onDone: () => void }) {
  return (
    <FormModal<TrainingValues>
      title={`登记培训：${correspondent.name}`}
      open={open}
      onClose={onClose}
      successMessage="已登记培训"
      initialValues={{ kind: 'course' }}
      fieldMap={{ fromDate: 'dates', toDate: 'dates' }}
      onSubmit={(v) =>
        addTraining(correspondent.id, {
          kind: v.kind,
          title: v.title.trim(),
          fromDate: v.dates[0].format('YYYY-MM-DD'),
          toDate: v.dates[1].format('YYYY-MM-DD'),
          hours: v.hours,
          place: v.place?.trim() || undefined,
          note: v.note?.trim() || undefined,
        })
      }
      onSuccess={onDone}
    >
      <Form.Item name="kind" label="培训类型" rules={[{ required: true, message: '请选择培训类型' }]}>
        <Segmented options={optionsOf(TRAINING_KIND_LABEL)} />
      </Form.Item>
      <Form.Item name="title" label="培训名称" rules={[{ required: true, whitespace: true, message: '请填写培训名称' }, { max: 100, message: '最多 100 字' }]}>
        <Input maxLength={100} placeholder="例如：集团报社挂职培训" />
      </Form.Item>
      <Form.Item name="dates" label="起止日期" rules={[{ required: true, message: '请选择起止日期' }]}>
        <DatePicker.RangePicker style={{ width: '100%' }} placeholder={['开始日期', '结束日期']} />
      </Form.Item>
      <Form.Item name="hours" label="学时" rules={[{ required: true, message: '请填写学时' }]}>
        <InputNumber min={0} max={5000} step={0.5} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="place" label="地点" rules={[{ max: 100, message: '最多 100 字' }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="note" label="备注" rules={[{ max: 500, message: '最多 500 字' }]}>
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
    </FormModal>
  );
}

function CorrespondentDrawer({ id, onClose, canManage, onEdit }: { id: string | null; onClose: () => void; canManage: boolean; onEdit: (c: CorrespondentDetail) => void }) {
  const { message } = App.useApp();
  const detail = useCorrespondent(id);
  const refresh = useRefreshPublicity();
  const [training, setTraining] = useState(false);
  const [seq, setSeq] = useState(0);
  const [clearPhone, setClearPhone] = useState<{ id: string; phone: string | null } | null>(null);
  const c = detail.data;
  const showPhone = async () => {
    try {
      setClearPhone({ id: c!.id, ...(await revealCorrespondentPhone(c!.id)) });
    } catch (e) {
      void message.error(errorMessage(e));
    }
  };

  const remove = async (fn: () => Promise<unknown>, done: string, close = false) => {
    try {
      await fn();
      void message.success(done);
      await refresh();
      if (close) onClose();
    } catch (e) {
      void message.error(errorMessage(e));
    }
  };

  const trainingItem = (t: Training) => (
    <List.Item
      style={{ paddingInline: 0 }}
      actions={
        canManage
          ? [
              <Popconfirm key="del" title={`删除培训记录“${t.title}”？`} okText="删除" okButtonProps={{ danger: true }} cancelText="取消" onConfirm={() => remove(() => deleteTraining(c!.id, t.id), '已删除')}>
                <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={`删除 ${t.title}`} />
              </Popconfirm>,
            ]
          : []
      }
    >
      <Flex vertical gap={2}>
        <Flex wrap gap={6} align="center">
          <Tag color={t.kind === 'secondment' ? 'purple' : t.kind === 'course' ? 'blue' : 'default'} style={{ marginInlineEnd: 0 }}>
            {t.kindName ?? labelOf(TRAINING_KIND_LABEL, t.kind)}
          </Tag>
          <Typography.Text strong>{t.title}</Typography.Text>
        </Flex>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t.fromDate} 至 {t.toDate} · {t.hours} 学时{t.place ? ` · ${t.place}` : ''}
        </Typography.Text>
        {t.note && <Typography.Text style={{ fontSize: 12 }}>{t.note}</Typography.Text>}
      </Flex>
    </List.Item>
  );

  return (
    <DetailDrawer
      title={c ? `通讯员：${c.name}` : '通讯员'}
      open={!!id}
      onClose={onClose}
      loading={detail.isPending && !!id}
      width={720}
      items={
        c
          ? [
              { key: 'org', label: '组织', children: c.orgName },
              {
                key: 'phone',
                label: '联系电话',
                children:
                  clearPhone?.id === c.id ? (
                    (clearPhone.phone ?? '-')
                  ) : (
                    <Space size={4}>
                      {c.phone || '-'}
                      {c.canRevealPhone && (
                        <Button type="link" size="small" onClick={() => void showPhone()} title="显示完整号码（将记入审计日志）">
                          显示
                        </Button>
                      )}
                    </Space>
                  ),
              },
              { key: 'since', label: '担任日期', children: c.since },
              { key: 'until', label: '状态', children: c.active ? <Tag color="success">在任</Tag> : c.until ? `${c.until} 卸任` : '未到任' },
              { key: 'training', label: '培训', children: `${c.trainingCount ?? c.trainings.length} 次 · ${c.trainingHours} 学时` },
              {
                key: 'output',
                label: `${c.yearOutput.year} 年稿件`,
                children: `投稿 ${c.yearOutput.submitted} · 采用 ${c.yearOutput.adopted} · 刊发 ${c.yearOutput.published}`,
              },
              ...(c.note ? [{ key: 'note', label: '备注', span: 2, children: c.note }] : []),
            ]
          : undefined
      }
    >
      {detail.isError && <Alert type="error" showIcon title={errorMessage(detail.error)} />}
      {c && (
        <Flex vertical gap={8} style={{ marginTop: 16 }}>
          {canManage && (
            <Space wrap>
              <Button icon={<EditOutlined />} onClick={() => onEdit(c)}>
                修改
              </Button>
              <Button
                icon={<PlusOutlined />}
                onClick={() => {
                  setSeq((n) => n + 1);
                  setTraining(true);
                }}
              >
                登记培训
              </Button>
              <Popconfirm
                title={`删除“${c.name}”的通讯员登记？`}
                description="仅用于登记有误；卸任请在“修改”中填写卸任日期。已投稿件保留。"
                okText="删除"
                okButtonProps={{ danger: true }}
                cancelText="取消"
                onConfirm={() => remove(() => deleteCorrespondent(c.id), '已删除', true)}
              >
                <Button danger icon={<DeleteOutlined />}>
                  删除登记
                </Button>
              </Popconfirm>
            </Space>
          )}
          <Divider titlePlacement="start">培训记录（{c.trainings.length}）</Divider>
          {c.trainings.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无培训记录" /> : <List size="small" dataSource={c.trainings} rowKey="id" renderItem={trainingItem} />}
          <Divider titlePlacement="start">近期稿件</Divider>
          {c.manuscripts.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无稿件" />
          ) : (
            <List
              size="small"
              dataSource={c.manuscripts}
              rowKey="id"
              renderItem={(m) => (
                <List.Item style={{ paddingInline: 0 }}>
                  <Flex vertical gap={2} style={{ width: '100%' }}>
                    <Flex justify="space-between" gap={8}>
                      <Typography.Text>{m.title}</Typography.Text>
                      <StatusTag status={m.status} />
                    </Flex>
                    <Flex gap={8} wrap align="center">
                      <LevelTag level={m.level} />
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {m.outlet}
                        {m.publishedOn ? ` · 刊发 ${m.publishedOn}` : ''}
                      </Typography.Text>
                    </Flex>
                  </Flex>
                </List.Item>
              )}
            />
          )}
          <TrainingModal key={seq} correspondent={c} open={training} onClose={() => setTraining(false)} onDone={() => void refresh()} />
        </Flex>
      )}
    </DetailDrawer>
  );
}

export default function CorrespondentsPage() {
  const { can } = useSession();
  const canManage = can('publicity.review');
  const phone = usePhone();
  const [openId, setOpen] = useOpenId();
  const [orgId, setOrgId] = useState<string | undefined>();
  const [active, setActive] = useState<'1' | ''>('1');
  const [q, setQ] = useState('');
  const [editing, setEditing] = useState<CorrespondentDetail | Correspondent | null>(null);
  const [modalOpen, setModalOpen] = useState(false);
  const [seq, setSeq] = useState(0);
  const refresh = useRefreshPublicity();

  const query = useMemo<Query>(() => ({ orgId, active: active || undefined }), [orgId, active]);
  const list = useQuery({
    queryKey: [...listQueryKey(CORRESPONDENTS_URL), query],
    queryFn: ({ signal }) => api.get<Items<Correspondent>>(CORRESPONDENTS_URL, query, signal),
    placeholderData: keepPreviousData,
  });
  const items = useMemo(() => {
    const words = q.trim();
    const all = list.data?.items ?? [];
    return words ? all.filter((c) => c.name.includes(words) || c.orgName.includes(words)) : all;
  }, [list.data, q]);

  const totals = useMemo(
    () => ({
      people: items.length,
      hours: items.reduce((n, c) => n + (c.trainingHours ?? 0), 0),
      submitted: items.reduce((n, c) => n + c.yearOutput.submitted, 0),
      adopted: items.reduce((n, c) => n + c.yearOutput.adopted, 0),
      published: items.reduce((n, c) => n + c.yearOutput.published, 0),
    }),
    [items],
  );
  const year = items[0]?.yearOutput.year ?? today().slice(0, 4);

  const openModal = (c: CorrespondentDetail | Correspondent | null) => {
    setEditing(c);
    setSeq((n) => n + 1);
    setModalOpen(true);
  };

  const columns: ColumnsType<Correspondent> = [
    {
      title: '姓名',
      dataIndex: 'name',
      render: (_: unknown, c) => <RecordLink onOpen={() => setOpen(c.id)}>{c.name}</RecordLink>,
    },
    { title: '组织', dataIndex: 'orgName' },
    { title: '联系电话', dataIndex: 'phone', responsive: ['md'], render: (v: string | null) => v || '-' },
    {
      title: '任职',
      key: 'term',
      responsive: ['sm'],
      render: (_: unknown, c) => (
        <Flex vertical>
          <span>{c.since} 起</span>
          {c.active ? (
            <Tag color="success" style={{ width: 'fit-content' }}>
              在任
            </Tag>
          ) : (
            <Typography.Text type="secondary">{c.until ? `${c.until} 卸任` : '未到任'}</Typography.Text>
          )}
        </Flex>
      ),
    },
    { title: '培训', key: 'training', render: (_: unknown, c) => `${c.trainings} 次 / ${c.trainingHours} 学时` },
    { title: `${year} 年投稿`, key: 'submitted', align: 'right', render: (_: unknown, c) => c.yearOutput.submitted },
    { title: '采用', key: 'adopted', align: 'right', render: (_: unknown, c) => c.yearOutput.adopted },
    { title: '刊发', key: 'published', align: 'right', render: (_: unknown, c) => c.yearOutput.published },
    ...(canManage
      ? [
          {
            title: '操作',
            key: 'actions',
            render: (_: unknown, c: Correspondent) => (
              <Button size="small" icon={<EditOutlined />} onClick={() => openModal(c)}>
                修改
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <PageContainer
      title="通讯员队伍"
      subTitle="各组织的通讯员、培训记录（挂职培训、集中培训）与年度稿件情况"
      extra={
        canManage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => openModal(null)}>
            新增通讯员
          </Button>
        )
      }
    >
      <Card size="small">
        <Row gutter={[12, 12]}>
          <Col xs={24} sm={12} lg={8}>
            <ScopeOrgTreeSelect style={{ width: '100%' }} aria-label="组织" placeholder="组织（含下级）" value={orgId} onChange={(v: string | undefined) => setOrgId(v)} />
          </Col>
          <Col xs={24} sm={12} lg={6}>
            <Select
              style={{ width: '100%' }}
              aria-label="任职状态"
              value={active}
              onChange={setActive}
              options={[
                { value: '1', label: '仅在任' },
                { value: '', label: '全部（含已卸任）' },
              ]}
            />
          </Col>
          <Col xs={24} sm={24} lg={10}>
            <Flex gap={8}>
              <Input.Search allowClear placeholder="姓名或组织" aria-label="搜索通讯员" onSearch={setQ} onChange={(e) => e.target.value === '' && setQ('')} />
              <Button icon={<ReloadOutlined />} aria-label="刷新" title="刷新" onClick={() => void list.refetch()} />
            </Flex>
          </Col>
        </Row>
      </Card>
      {list.isError && <Alert type="error" showIcon title={errorMessage(list.error)} />}
      <Card>
        <Typography.Text strong style={{ display: 'block', marginBottom: 12 }}>
          {list.data ? `共 ${totals.people} 人，培训 ${totals.hours} 学时；${year} 年投稿 ${totals.submitted} 篇、采用 ${totals.adopted} 篇、刊发 ${totals.published} 篇` : '\u00a0'}
        </Typography.Text>
        {phone ? (
          <List<Correspondent>
            dataSource={items}
            loading={list.isFetching}
            rowKey="id"
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无通讯员" /> }}
            renderItem={(c) => (
              <List.Item style={{ paddingInline: 0 }} onClick={() => setOpen(c.id)}>
                <Flex vertical gap={2} style={{ width: '100%' }}>
                  <Flex justify="space-between" gap={8}>
                    <Typography.Link strong>{c.name}</Typography.Link>
                    {c.active ? <Tag color="success" style={{ marginInlineEnd: 0 }}>在任</Tag> : <Tag style={{ marginInlineEnd: 0 }}>已卸任</Tag>}
                  </Flex>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {c.orgName} · 培训 {c.trainings} 次 / {c.trainingHours} 学时
                  </Typography.Text>
                  <Typography.Text style={{ fontSize: 12 }}>
                    {c.yearOutput.year} 年：投稿 {c.yearOutput.submitted} · 采用 {c.yearOutput.adopted} · 刊发 {c.yearOutput.published}
                  </Typography.Text>
                </Flex>
              </List.Item>
            )}
          />
        ) : (
          <Table<Correspondent> size="middle" rowKey="id" scroll={{ x: 'max-content' }} columns={columns} dataSource={items} loading={list.isFetching} pagination={{ pageSize: 20, showTotal: (t) => `共 ${t} 人`, hideOnSinglePage: true }} />
        )}
      </Card>
      <CorrespondentDrawer id={openId} onClose={() => setOpen(null)} canManage={canManage} onEdit={openModal} />
      {canManage && (
        <CorrespondentModal
          key={seq}
          editing={editing}
          open={modalOpen}
          onClose={() => setModalOpen(false)}
          onDone={(id) => {
            void refresh();
            if (id) setOpen(id);
          }}
        />
      )}
    </PageContainer>
  );
}
