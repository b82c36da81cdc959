// 考核方案: the schemes (target type, period, version, indicators) and the editor of one scheme's indicator
// tree. `/assessment/schemes?id=…` opens a scheme; `?id=new` starts a new one.
import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Col, Drawer, Flex, Form, Grid, Input, Row, Select, Skeleton, Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { api, errorMessage } from '../../api/client';
import { useSession } from '../../app/session';
import { PageContainer } from '../../components/PageContainer';
import { applyServerErrors } from '../../components/form';
import { useOpenId } from '../../components/useOpenId';
import { formatInstant } from '../../lib/time';
import { useMetrics, useRefreshAssessment, useScheme, useSchemes } from './api';
import { IndicatorTreeEditor, newIndicator, normalizeTree, treeProblems } from './IndicatorTree';
import {
  PERIOD_TYPE_LABEL,
  SCHEMES_URL,
  TARGET_TYPE_LABEL,
  formatScore,
  schemeUrl,
  type Indicator,
  type PeriodType,
  type Scheme,
  type SchemeDetail,
  type SchemeInput,
  type TargetType,
} from './types';
import { ResponsiveTable } from '../../components/ResponsiveTable';

const targetOptions = (Object.keys(TARGET_TYPE_LABEL) as TargetType[]).map((v) => ({ value: v, label: TARGET_TYPE_LABEL[v] }));
const periodOptions = (Object.keys(PERIOD_TYPE_LABEL) as PeriodType[]).map((v) => ({ value: v, label: PERIOD_TYPE_LABEL[v] }));

interface FormValues {
  name: string;
  targetType: TargetType;
  periodType: PeriodType;
  description?: string;
}

function SchemeEditor({ id, onClose, onSaved }: { id: string; onClose: () => void; onSaved: (id: string) => void }) {
  const isNew = id === 'new';
  const { can } = useSession();
  const manage = can('assessment.manage');
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const scheme = useScheme(isNew ? null : id);
  const metrics = useMetrics();
  const refresh = useRefreshAssessment();
  const [form] = Form.useForm<FormValues>();
  const [tree, setTree] = useState<Indicator[]>(() => (isNew ? [newIndicator()] : []));
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const s: SchemeDetail | undefined = scheme.data;

  useEffect(() => {
    if (s) {
      form.setFieldsValue({ name: s.name, targetType: s.targetType, periodType: s.periodType, description: s.description });
      setTree(s.indicators);
    }
  }, [s, form]);

  const save = async () => {
    let values: FormValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const problems = treeProblems(tree);
    if (problems.length > 0) {
      setError(problems.join('；'));
      return;
    }
    setSaving(true);
    setError(null);
    const body: SchemeInput = { ...values, description: values.description ?? '', indicators: normalizeTree(tree) };
    try {
      const saved = isNew ? await api.post<SchemeDetail>(SCHEMES_URL, body) : await api.patch<SchemeDetail>(schemeUrl(id), body);
      void message.success(isNew ? '方案已创建' : `方案已保存${saved?.version ? `（第 ${saved.version} 版）` : ''}`);
      await refresh();
      onSaved(saved?.id ?? id);
    } catch (e) {
      const { matched, unmatched } = applyServerErrors(form, e);
      if (matched === 0 || unmatched.length > 0) setError([errorMessage(e), ...unmatched].filter((x, i, a) => a.indexOf(x) === i).join('；'));
    } finally {
      setSaving(false);
    }
  };

  const readOnly = !manage;
  return (
    <Drawer
      open
      onClose={onClose}
      size={screens.md === false ? '100%' : 960}
      title={isNew ? '新建考核方案' : `考核方案：${s?.name ?? ''}`}
      destroyOnHidden
      extra={
        manage && (
          <Button type="primary" loading={saving} onClick={() => void save()}>
            保存
          </Button>
        )
      }
    >
      {scheme.isError && <Alert type="error" showIcon title={errorMessage(scheme.error)} />}
      {!isNew && scheme.isPending ? (
        <Skeleton active />
      ) : (
        <Flex vertical gap={12}>
          {s && (
            <Space wrap>
              <Tag color="red">第 {s.version} 版</Tag>
              <Typography.Text type="secondary">
                最后修改 {formatInstant(s.updatedAt)}
                {s.roundCount > 0 ? ` · 已用于 ${s.roundCount} 个考核批次（已开启的批次保持开启时的版本）` : ''}
              </Typography.Text>
            </Space>
          )}
          {error && <Alert type="error" showIcon title={error} data-testid="scheme-error" closable={{ onClose: () => setError(null) }} />}
          <Form<FormValues> form={form} layout="vertical" disabled={readOnly} initialValues={{ targetType: 'org', periodType: 'month' }}>
            <Row gutter={12}>
              <Col xs={24} md={12}>
                <Form.Item name="name" label="方案名称" rules={[{ required: true, whitespace: true, message: '请填写方案名称' }]}>
                  <Input maxLength={100} placeholder="如：党支部月度工作考核" />
                </Form.Item>
              </Col>
              <Col xs={12} md={6}>
                <Form.Item name="targetType" label="考核对象" rules={[{ required: true }]}>
                  <Select options={targetOptions} />
                </Form.Item>
              </Col>
              <Col xs={12} md={6}>
                <Form.Item name="periodType" label="考核周期" rules={[{ required: true }]}>
                  <Select options={periodOptions} />
                </Form.Item>
              </Col>
              <Col span={24}>
                <Form.Item name="description" label="说明">
                  <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={2000} />
                </Form.Item>
              </Col>
            </Row>
          </Form>
          <Typography.Title level={5} style={{ margin: 0 }}>
            指标体系
          </Typography.Title>
          <IndicatorTreeEditor value={tree} onChange={setTree} metrics={metrics.data ?? []} metricsLoading={metrics.isPending} readOnly={readOnly} />
        </Flex>
      )}
    </Drawer>
  );
}

export default function SchemesPage() {
  const { can } = useSession();
  const [openId, setOpen] = useOpenId();
  const schemes = useSchemes();

  const columns: ColumnsType<Scheme> = [
    {
      title: '方案名称',
      dataIndex: 'name',
      render: (_: unknown, s) => (
        <Flex vertical>
          <Typography.Link strong onClick={() => setOpen(s.id)}>
            {s.name}
          </Typography.Link>
          {s.description && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
              {s.description}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    { title: '考核对象', dataIndex: 'targetTypeName', render: (v: string, s) => v || TARGET_TYPE_LABEL[s.targetType] },
    { title: '周期', dataIndex: 'periodTypeName', render: (v: string, s) => v || PERIOD_TYPE_LABEL[s.periodType] },
    { title: '满分', dataIndex: 'totalScore', render: (v: number) => formatScore(v) },
    { title: '指标', dataIndex: 'leafCount', responsive: ['sm'], render: (v: number, s) => `${v} 项（自动 ${s.autoCount}）` },
    { title: '版本', dataIndex: 'version', render: (v: number) => `第 ${v} 版` },
    { title: '批次', dataIndex: 'roundCount', responsive: ['md'] },
    { title: '修改时间', dataIndex: 'updatedAt', responsive: ['lg'], render: (v: string) => formatInstant(v) },
  ];

  return (
    <PageContainer
      title="考核方案"
      subTitle="指标体系：每项指标的分值、评分标准，以及人工评分（考核人或责任单位）或自动取数（系统数据与计分规则）。"
      extra={
        <Space>
          <Button icon={<ReloadOutlined />} aria-label="刷新" onClick={() => void schemes.refetch()} />
          {can('assessment.manage') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen('new')}>
              新建方案
            </Button>
          )}
        </Space>
      }
    >
      <Card>
        {schemes.isError && <Alert type="error" showIcon title={errorMessage(schemes.error)} style={{ marginBottom: 16 }} />}
        <ResponsiveTable<Scheme> rowKey="id" size="middle" columns={columns} dataSource={schemes.data ?? []} loading={schemes.isFetching} pagination={false} />
      </Card>
      {openId && <SchemeEditor key={openId} id={openId} onClose={() => setOpen(null)} onSaved={(id) => setOpen(id)} />}
    </PageContainer>
  );
}
