// 工作方案: named plans (e.g. 星级文明小区创建) whose milestones are tasks of different organisations.
// The list shows each plan's progress; the drawer lists every milestone with its organisation, due date
// and light, and 添加节点任务 deploys another. `/programmes?id=…` opens a plan.
import { Fragment, useState } from 'react';
import { useOpenId } from '../../components/useOpenId';
import { Alert, Button, Card, Col, DatePicker, Divider, Flex, Form, Grid, Input, Progress, Row, Space, Statistic, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { api, errorMessage } from '../../api/client';
import { useSession } from '../../app/session';
import { DetailDrawer } from '../../components/DetailDrawer';
import { FormModal } from '../../components/FormModal';
import { ListPage } from '../../components/ListPage';
import { ScopeOrgTreeSelect } from '../members/orgPickers';
import { PROGRAMMES_URL, useProgramme, useRefreshTasks } from './api';
import { DaysLeft, IssuingOrgSelect, LightDot, StatusTag, useDefaultIssuingOrg } from './parts';
import { DeployTaskModal, OwnerFields, dueAfterStart } from './TaskForms';
import { TaskDrawer } from './TaskDrawer';
import { LIGHT_COLOR, LIGHT_LABEL, LIGHTS, type Programme, type ProgrammeDetail, type Task } from './types';
import { RecordLink } from '../../components/RecordLink';
import { ResponsiveTable } from '../../components/ResponsiveTable';

function SummaryBar({ summary }: { summary: Programme['summary'] }) {
  return (
    <Flex wrap gap={12} align="center">
      <Progress percent={summary.percentDone} size="small" style={{ width: 140, margin: 0 }} format={(p) => `${p}% 完成`} />
      {LIGHTS.map((l) => (
        <Typography.Text key={l} style={{ whiteSpace: 'nowrap' }}>
          <span style={{ display: 'inline-block', width: 8, height: 8, borderRadius: 4, background: LIGHT_COLOR[l], marginRight: 4 }} />
          {LIGHT_LABEL[l]} {summary[l]}
        </Typography.Text>
      ))}
    </Flex>
  );
}

function ProgrammeDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { can } = useSession();
  const programme = useProgramme(id);
  const refresh = useRefreshTasks();
  const screens = Grid.useBreakpoint();
  const phone = screens.md === false;
  const [taskId, setTaskId] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [seq, setSeq] = useState(0);
  const p = programme.data;

  const columns: ColumnsType<Task> = [
    { title: '灯', dataIndex: 'light', width: 72, render: (_: unknown, t) => <LightDot light={t.light} text={t.lightName} /> },
    {
      title: '节点任务',
      dataIndex: 'title',
      render: (_: unknown, t) => (
        <Typography.Link onClick={() => setTaskId(t.id)} strong>
          {t.title}
        </Typography.Link>
      ),
    },
    { title: '责任组织', dataIndex: 'ownerOrgName' },
    { title: '责任人', dataIndex: 'ownerName', responsive: ['md'] },
    {
      title: '截止日期',
      dataIndex: 'dueOn',
      render: (_: unknown, t) => (
        <Flex vertical>
          <span>{t.dueOn}</span>
          <DaysLeft task={t} />
        </Flex>
      ),
    },
    { title: '状态', dataIndex: 'status', render: (_: unknown, t) => <StatusTag status={t.status} name={t.statusName} /> },
    { title: '进度', dataIndex: 'percent', responsive: ['lg'], render: (v: number) => <Progress percent={v} size="small" style={{ width: 90, margin: 0 }} /> },
  ];

  const addButton = p && can('task.write') && (
    <Button
      type="primary"
      icon={<PlusOutlined />}
      onClick={() => {
        setSeq((n) => n + 1);
        setAdding(true);
      }}
    >
      添加节点任务
    </Button>
  );

  return (
    <>
      <DetailDrawer
        title={p ? `工作方案：${p.name}` : '工作方案'}
        open={!!id}
        onClose={onClose}
        loading={programme.isPending && !!id}
        width={960}
        extra={!phone && addButton}
        items={
          p
            ? [
                { key: 'org', label: '部署组织', children: p.issuingOrgName },
                { key: 'period', label: '实施期间', children: `${p.startOn} 至 ${p.endOn}` },
                { key: 'by', label: '制定人', children: p.createdByName ?? '-' },
                { key: 'avg', label: '平均进度', children: `${p.summary.avgPercent}%` },
                ...(p.description
                  ? [{ key: 'desc', label: '方案说明', span: 2, children: <span style={{ whiteSpace: 'pre-wrap' }}>{p.description}</span> }]
                  : []),
              ]
            : undefined
        }
      >
        {programme.isError && <Alert type="error" showIcon title={errorMessage(programme.error)} />}
        {p && (
          <>
            {phone && <div style={{ marginTop: 16 }}>{addButton}</div>}
            <Divider titlePlacement="start">进度</Divider>
            <Row gutter={[16, 16]}>
              <Col xs={12} sm={6}>
                <Statistic title="节点总数" value={p.summary.total} />
              </Col>
              <Col xs={12} sm={6}>
                <Statistic title="已完成" value={p.summary.done} suffix={`/ ${p.summary.total}`} />
              </Col>
              <Col xs={12} sm={6}>
                <Statistic title="完成率" value={p.summary.percentDone} suffix="%" />
              </Col>
              <Col xs={12} sm={6}>
                <Statistic title="逾期" value={p.summary.red} styles={{ content: { color: p.summary.red > 0 ? LIGHT_COLOR.red : undefined } }} />
              </Col>
            </Row>
            <div style={{ marginTop: 12 }}>
              <SummaryBar summary={p.summary} />
            </div>
            <Divider titlePlacement="start">节点任务（{p.milestones.length}）</Divider>
            <ResponsiveTable<Task>
              size="small"
              rowKey="id"
              columns={columns}
              dataSource={p.milestones}
              pagination={false}
              locale={{ emptyText: '暂无节点任务' }}
            />
          </>
        )}
      </DetailDrawer>
      <TaskDrawer id={taskId} onClose={() => setTaskId(null)} />
      {p && (
        <Fragment key={seq}>
          <DeployTaskModal
            open={adding}
            programme={{ id: p.id, name: p.name, issuingOrgId: p.issuingOrgId, issuingOrgName: p.issuingOrgName }}
            onClose={() => setAdding(false)}
            onDone={() => void refresh()}
          />
        </Fragment>
      )}
    </>
  );
}

interface MilestoneValues {
  title: string;
  ownerOrgId: string;
  ownerId: string;
  coOwnerIds?: string[];
  dueOn: Dayjs;
  doneStandard: string;
}

interface ProgrammeValues {
  name: string;
  description?: string;
  issuingOrgId: string;
  startOn: Dayjs;
  endOn: Dayjs;
  milestones?: MilestoneValues[];
}

const day = (d: Dayjs) => d.format('YYYY-MM-DD');

function CreateProgrammeModal({ open, onClose, onDone }: { open: boolean; onClose: () => void; onDone: (p: ProgrammeDetail) => void }) {
  const defaultOrg = useDefaultIssuingOrg();
  return (
    <FormModal<ProgrammeValues, ProgrammeDetail>
      title="新建工作方案"
      open={open}
      onClose={onClose}
      okText="创建并部署"
      successMessage="方案已创建，节点任务已部署"
      width={860}
      initialValues={{ issuingOrgId: defaultOrg, milestones: [] }}
      onSubmit={(v) =>
        api.post<ProgrammeDetail>(PROGRAMMES_URL, {
          name: v.name.trim(),
          description: v.description?.trim() || undefined,
          issuingOrgId: v.issuingOrgId,
          startOn: day(v.startOn),
          endOn: day(v.endOn),
          milestones: (v.milestones ?? []).map((m) => ({
            title: m.title.trim(),
            ownerOrgId: m.ownerOrgId,
            ownerId: m.ownerId,
            coOwnerIds: m.coOwnerIds ?? [],
            dueOn: day(m.dueOn),
            doneStandard: m.doneStandard.trim(),
          })),
        })
      }
      onSuccess={onDone}
    >
      <Form.Item name="name" label="方案名称" rules={[{ required: true, whitespace: true, message: '请填写方案名称' }, { max: 100, message: '方案名称最多 100 个字' }]}>
        <Input placeholder="如：星级文明小区创建工作方案" maxLength={100} />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} sm={8}>
          <Form.Item name="issuingOrgId" label="部署组织" rules={[{ required: true, message: '请选择部署组织' }]}>
            <IssuingOrgSelect />
          </Form.Item>
        </Col>
        <Col xs={12} sm={8}>
          <Form.Item name="startOn" label="开始日期" rules={[{ required: true, message: '请选择开始日期' }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={12} sm={8}>
          <Form.Item
            name="endOn"
            label="结束日期"
            dependencies={['startOn']}
            rules={[
              { required: true, message: '请选择结束日期' },
              ({ getFieldValue }) => ({
                validator: (_, value: Dayjs | undefined) => {
                  const start = getFieldValue('startOn') as Dayjs | undefined;
                  return value && start && value.isBefore(start, 'day')
                    ? Promise.reject(new Error('结束日期不能早于开始日期'))
                    : Promise.resolve();
                },
              }),
            ]}
          >
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="description" label="方案说明" rules={[{ max: 4000, message: '方案说明最多 4000 个字' }]}>
        <Input.TextArea rows={2} placeholder="目标、要求（可不填）" maxLength={4000} />
      </Form.Item>
      <Form.List name="milestones">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, i) => (
              <Card
                key={field.key}
                size="small"
                style={{ marginBottom: 12 }}
                title={`节点 ${i + 1}`}
                extra={
                  <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={`删除节点 ${i + 1}`}>
                    删除
                  </Button>
                }
              >
                <Row gutter={16}>
                  <Col xs={24} sm={16}>
                    <Form.Item name={[field.name, 'title']} label="节点任务" rules={[{ required: true, whitespace: true, message: '请填写节点任务' }]}>
                      <Input placeholder="如：完成楼道环境整治" maxLength={100} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={8}>
                    <Form.Item
                      name={[field.name, 'dueOn']}
                      label="截止日期"
                      rules={[{ required: true, message: '请选择截止日期' }, dueAfterStart(['startOn'])]}
                    >
                      <DatePicker style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                </Row>
                <OwnerFields name={[field.name]} path={['milestones', field.name]} />
                <Form.Item name={[field.name, 'doneStandard']} label="完成标准" rules={[{ required: true, whitespace: true, message: '请填写完成标准' }]}>
                  <Input.TextArea rows={2} maxLength={2000} />
                </Form.Item>
              </Card>
            ))}
            <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ coOwnerIds: [] })}>
              添加节点任务
            </Button>
          </>
        )}
      </Form.List>
    </FormModal>
  );
}

export default function ProgrammesPage() {
  const { can } = useSession();
  const refresh = useRefreshTasks();
  const [openId, setOpen] = useOpenId();
  const [creating, setCreating] = useState(false);
  const [seq, setSeq] = useState(0);

  const columns: ColumnsType<Programme> = [
    {
      title: '方案名称',
      dataIndex: 'name',
      render: (v: string, p) => <RecordLink onOpen={() => setOpen(p.id)}>{v}</RecordLink>,
    },
    { title: '部署组织', dataIndex: 'issuingOrgName', responsive: ['md'] },
    { title: '实施期间', key: 'period', responsive: ['sm'], render: (_, p) => `${p.startOn} 至 ${p.endOn}` },
    { title: '节点', key: 'total', render: (_, p) => `${p.summary.done} / ${p.summary.total}` },
    { title: '进度', key: 'summary', render: (_, p) => <SummaryBar summary={p.summary} /> },
  ];

  return (
    <>
      <ListPage<Programme>
        title="工作方案"
        subTitle="阶段性工作方案：每个节点是部署给有关组织的督办任务，按各自的截止日期亮灯。"
        url={PROGRAMMES_URL}
        rowKey="id"
        columns={columns}
        exportName={false}
        searchFields={[
          { type: 'text', name: 'q', label: '方案名称' },
          { type: 'custom', name: 'orgId', label: '部署组织', render: () => <ScopeOrgTreeSelect /> },
        ]}
        toolbar={
          can('task.write') && (
            <Space>
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => {
                  setSeq((n) => n + 1);
                  setCreating(true);
                }}
              >
                新建方案
              </Button>
            </Space>
          )
        }
      />
      <ProgrammeDrawer id={openId} onClose={() => setOpen(null)} />
      {can('task.write') && (
        <Fragment key={seq}>
          <CreateProgrammeModal
            open={creating}
            onClose={() => setCreating(false)}
            onDone={(p) => {
              void refresh();
              setOpen(p.id);
            }}
          />
        </Fragment>
      )}
    </>
  );
}
