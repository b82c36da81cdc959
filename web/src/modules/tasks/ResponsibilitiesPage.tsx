// 责任清单 (党建工作责任制): each organisation's (or leader's) standing duties for a year, the reporting
// periods with what is reported or overdue, the reports themselves, and 填报 for a period.
import { Fragment, useState } from 'react';
import { useOpenId } from '../../components/useOpenId';
import { Alert, Button, Card, Col, Divider, Empty, Flex, Form, Grid, Input, InputNumber, List, Row, Select, Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { api, errorMessage } from '../../api/client';
import { useSession } from '../../app/session';
import { DetailDrawer } from '../../components/DetailDrawer';
import { FormModal } from '../../components/FormModal';
import { ListPage } from '../../components/ListPage';
import { formatInstant } from '../../lib/time';
import { ScopeOrgTreeSelect } from '../members/orgPickers';
import { RESPONSIBILITIES_URL, responsibilityUrl, useRefreshTasks, useResponsibility } from './api';
import { AssigneeSelect } from './parts';
import { OwnerOrgSelect } from './TaskForms';
import { CYCLE_LABEL, options, type ReportCycle, type Responsibility, type ResponsibilityPeriod } from './types';
import { RecordLink } from '../../components/RecordLink';

const THIS_YEAR = Number(new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));
const YEARS = [THIS_YEAR + 1, THIS_YEAR, THIS_YEAR - 1, THIS_YEAR - 2].map((y) => ({ value: y, label: `${y} 年` }));

function PeriodTag({ p }: { p: ResponsibilityPeriod }) {
  const color = p.reported ? 'success' : p.overdue ? 'error' : 'default';
  const state = p.reported ? '已报告' : p.overdue ? '逾期未报' : '未到期';
  return (
    <Tag color={color} title={`报告截止 ${p.dueOn}`}>
      {p.label} · {state}
    </Tag>
  );
}

interface ReportValues {
  period: string;
  content: string;
  notes?: Record<string, string | undefined>;
}

function ReportModal({ r, open, onClose, onDone }: { r: Responsibility; open: boolean; onClose: () => void; onDone: () => void }) {
  const pending = r.periods.filter((p) => !p.reported);
  const first = pending.find((p) => p.overdue) ?? pending[0];
  return (
    <FormModal<ReportValues, Responsibility>
      title={`填报履责情况：${r.title}`}
      open={open}
      onClose={onClose}
      okText="提交报告"
      successMessage="报告已提交"
      width={720}
      initialValues={{ period: first?.period }}
      onSubmit={(v) =>
        api.post<Responsibility>(responsibilityUrl(r.id, 'reports'), {
          period: v.period,
          content: v.content.trim(),
          itemNotes: Object.entries(v.notes ?? {})
            .filter(([, note]) => note && note.trim())
            .map(([itemId, note]) => ({ itemId, note: note!.trim() })),
        })
      }
      onSuccess={onDone}
    >
      <Form.Item name="period" label="报告期" rules={[{ required: true, message: '请选择报告期' }]}>
        <Select
          options={pending.map((p) => ({ value: p.period, label: `${p.label}（截止 ${p.dueOn}${p.overdue ? '，已逾期' : ''}）` }))}
          notFoundContent="本年度各期均已报告"
        />
      </Form.Item>
      <Form.Item name="content" label="总体履责情况" rules={[{ required: true, whitespace: true, message: '请填写总体履责情况' }, { max: 4000, message: '最多 4000 个字' }]}>
        <Input.TextArea rows={4} maxLength={4000} placeholder="本期落实责任的主要工作、成效和存在的问题" />
      </Form.Item>
      {r.items.map((item, i) => (
        <Form.Item key={item.id} name={['notes', item.id]} label={`${i + 1}. ${item.content}`}>
          <Input.TextArea rows={2} maxLength={1000} placeholder="本项落实情况（可不填）" />
        </Form.Item>
      ))}
    </FormModal>
  );
}

function ResponsibilityDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { can, me } = useSession();
  const detail = useResponsibility(id);
  const refresh = useRefreshTasks();
  const screens = Grid.useBreakpoint();
  const phone = screens.md === false;
  const [reporting, setReporting] = useState(false);
  const [seq, setSeq] = useState(0);
  const r = detail.data;
  const canReport = r && (can('task.write') || r.leaderId === me.user.id) && r.periods.some((p) => !p.reported);
  const button = canReport && (
    <Button
      type="primary"
      icon={<PlusOutlined />}
      onClick={() => {
        setSeq((n) => n + 1);
        setReporting(true);
      }}
    >
      填报
    </Button>
  );
  const itemContent = new Map((r?.items ?? []).map((it, i) => [it.id, `${i + 1}. ${it.content}`]));

  return (
    <>
      <DetailDrawer
        title={r ? `责任清单：${r.title}` : '责任清单'}
        open={!!id}
        onClose={onClose}
        loading={detail.isPending && !!id}
        width={760}
        extra={!phone && button}
        items={
          r
            ? [
                { key: 'org', label: '责任组织', children: r.orgName },
                { key: 'leader', label: '责任人', children: r.leaderName ?? '（组织）' },
                { key: 'year', label: '年度', children: `${r.year} 年` },
                { key: 'cycle', label: '报告周期', children: r.reportCycleName },
              ]
            : undefined
        }
      >
        {detail.isError && <Alert type="error" showIcon title={errorMessage(detail.error)} />}
        {r && (
          <>
            {phone && button && <div style={{ marginTop: 16 }}>{button}</div>}
            <Divider titlePlacement="start">责任事项（{r.items.length}）</Divider>
            <List
              size="small"
              dataSource={r.items}
              rowKey="id"
              renderItem={(it, i) => (
                <List.Item>
                  <Flex vertical>
                    <span>
                      {i + 1}. {it.content}
                    </span>
                    {it.standard && <Typography.Text type="secondary">标准：{it.standard}</Typography.Text>}
                  </Flex>
                </List.Item>
              )}
            />
            <Divider titlePlacement="start">报告期</Divider>
            <Flex wrap gap={8}>
              {r.periods.map((p) => (
                <PeriodTag key={p.period} p={p} />
              ))}
            </Flex>
            <Divider titlePlacement="start">履责报告（{r.reports.length}）</Divider>
            {r.reports.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚无报告" />
            ) : (
              <Flex vertical gap={12}>
                {[...r.reports].reverse().map((rep) => (
                  <Card key={rep.id} size="small" title={rep.periodLabel} extra={<Typography.Text type="secondary">{rep.reportedByName ?? '-'} · {formatInstant(rep.reportedAt)}</Typography.Text>}>
                    <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: rep.itemNotes.length ? 8 : 0 }}>{rep.content}</Typography.Paragraph>
                    {rep.itemNotes.map((n) => (
                      <div key={n.itemId}>
                        <Typography.Text type="secondary">{itemContent.get(n.itemId) ?? '责任事项'}：</Typography.Text>
                        <span style={{ whiteSpace: 'pre-wrap' }}>{n.note}</span>
                      </div>
                    ))}
                  </Card>
                ))}
              </Flex>
            )}
          </>
        )}
      </DetailDrawer>
      {r && (
        <Fragment key={seq}>
          <ReportModal r={r} open={reporting} onClose={() => setReporting(false)} onDone={() => void refresh()} />
        </Fragment>
      )}
    </>
  );
}

interface CreateValues {
  year: number;
  orgId: string;
  leaderId?: string;
  title: string;
  reportCycle: ReportCycle;
  items: { content: string; standard?: string }[];
}

function CreateModal({ open, onClose, onDone }: { open: boolean; onClose: () => void; onDone: (r: Responsibility) => void }) {
  const [form] = Form.useForm<CreateValues>();
  const orgId = Form.useWatch('orgId', form);
  return (
    <FormModal<CreateValues, Responsibility>
      title="新建责任清单"
      form={form}
      open={open}
      onClose={onClose}
      okText="创建"
      successMessage="责任清单已创建"
      width={760}
      initialValues={{ year: THIS_YEAR, reportCycle: 'quarter', items: [{ content: '' }] }}
      onSubmit={(v) =>
        api.post<Responsibility>(RESPONSIBILITIES_URL, {
          year: v.year,
          orgId: v.orgId,
          leaderId: v.leaderId,
          title: v.title.trim(),
          reportCycle: v.reportCycle,
          items: v.items.map((it) => ({ content: it.content.trim(), standard: it.standard?.trim() || undefined })),
        })
      }
      onSuccess={onDone}
    >
      <Form.Item name="title" label="清单名称" rules={[{ required: true, whitespace: true, message: '请填写清单名称' }, { max: 100, message: '最多 100 个字' }]}>
        <Input placeholder="如：党建工作责任清单" maxLength={100} />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={12} sm={6}>
          <Form.Item name="year" label="年度" rules={[{ required: true, message: '请填写年度' }]}>
            <InputNumber min={2000} max={2100} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={12} sm={6}>
          <Form.Item name="reportCycle" label="报告周期" rules={[{ required: true, message: '请选择报告周期' }]}>
            <Select options={options(CYCLE_LABEL)} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={6}>
          <Form.Item name="orgId" label="责任组织" rules={[{ required: true, message: '请选择责任组织' }]}>
            <OwnerOrgSelect onChange={() => form.setFieldValue('leaderId', undefined)} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={6}>
          <Form.Item name="leaderId" label="责任领导">
            <AssigneeSelect orgId={orgId} placeholder="可不选（组织责任）" />
          </Form.Item>
        </Col>
      </Row>
      <Form.List
        name="items"
        rules={[{ validator: async (_, items: unknown[] | undefined) => (items && items.length > 0 ? undefined : Promise.reject(new Error('请至少填写一项责任事项'))) }]}
      >
        {(fields, { add, remove }, { errors }) => (
          <>
            {fields.map((field, i) => (
              <Row key={field.key} gutter={8} align="top">
                <Col flex="auto">
                  <Row gutter={8}>
                    <Col xs={24} sm={14}>
                      <Form.Item name={[field.name, 'content']} label={`责任事项 ${i + 1}`} rules={[{ required: true, whitespace: true, message: '请填写责任事项' }]}>
                        <Input maxLength={1000} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} sm={10}>
                      <Form.Item name={[field.name, 'standard']} label="完成标准">
                        <Input maxLength={1000} placeholder="可不填" />
                      </Form.Item>
                    </Col>
                  </Row>
                </Col>
                <Col flex="none" style={{ paddingTop: 30 }}>
                  <Button type="text" danger icon={<DeleteOutlined />} aria-label={`删除责任事项 ${i + 1}`} onClick={() => remove(field.name)} />
                </Col>
              </Row>
            ))}
            <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ content: '' })}>
              添加责任事项
            </Button>
            <Form.ErrorList errors={errors} />
          </>
        )}
      </Form.List>
    </FormModal>
  );
}

export default function ResponsibilitiesPage() {
  const { can } = useSession();
  const refresh = useRefreshTasks();
  const [openId, setOpen] = useOpenId();
  const [creating, setCreating] = useState(false);
  const [seq, setSeq] = useState(0);

  const columns: ColumnsType<Responsibility> = [
    {
      title: '清单',
      dataIndex: 'title',
      render: (v: string, r) => <RecordLink onOpen={() => setOpen(r.id)}>{v}</RecordLink>,
    },
    { title: '年度', dataIndex: 'year', render: (y: number) => `${y} 年` },
    { title: '责任组织', dataIndex: 'orgName' },
    { title: '责任领导', dataIndex: 'leaderName', responsive: ['sm'], render: (v: string | null) => v ?? '（组织）' },
    { title: '事项', key: 'items', responsive: ['md'], render: (_, r) => `${r.items.length} 项` },
    { title: '报告周期', dataIndex: 'reportCycleName', responsive: ['md'] },
    {
      title: '报告情况',
      key: 'periods',
      render: (_, r) => {
        const reported = r.periods.filter((p) => p.reported).length;
        const overdue = r.periods.filter((p) => p.overdue && !p.reported).length;
        return (
          <Space size={4} wrap>
            <Tag color="success">已报 {reported}/{r.periods.length}</Tag>
            {overdue > 0 && <Tag color="error">逾期 {overdue}</Tag>}
          </Space>
        );
      },
    },
  ];

  return (
    <>
      <ListPage<Responsibility>
        title="责任清单"
        subTitle="党建工作责任制：各组织及责任领导的年度责任事项和定期履责报告。"
        url={RESPONSIBILITIES_URL}
        rowKey="id"
        columns={columns}
        exportName={false}
        searchFields={[
          { type: 'select', name: 'year', label: '年度', options: YEARS },
          { type: 'custom', name: 'orgId', label: '组织', render: () => <ScopeOrgTreeSelect /> },
        ]}
        toolbar={
          can('task.write') && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => {
                setSeq((n) => n + 1);
                setCreating(true);
              }}
            >
              新建责任清单
            </Button>
          )
        }
      />
      <ResponsibilityDrawer id={openId} onClose={() => setOpen(null)} />
      {can('task.write') && (
        <Fragment key={seq}>
          <CreateModal
            open={creating}
            onClose={() => setCreating(false)}
            onDone={(r) => {
              void refresh();
              setOpen(r.id);
            }}
          />
        </Fragment>
      )}
    </>
  );
}
