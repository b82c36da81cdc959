// 月度报告: pick an organisation and a month, see what each module reports for it, write the secretary's own words
// (总体情况, 存在问题, 下月工作计划) in the page and save them, and generate the Word file, which holds the same.
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { Alert, App, Button, Card, Col, DatePicker, Flex, Form, Input, Row, Skeleton, Statistic, Typography } from 'antd';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { FileWordOutlined, SaveOutlined } from '@ant-design/icons';
import { api, errorMessage } from '../../api/client';
import type { ApiRequest, ApiResponse } from '../../api/types';
import { PageContainer } from '../../components/PageContainer';
import { useDownload } from '../../components/useDownload';
import { today } from '../org/orgs';
import { ScopeOrgTreeSelect } from '../members/orgPickers';

type MonthlyView = ApiResponse<'/api/v1/reports/monthly'>;
type Words = Omit<ApiRequest<'/api/v1/reports/monthly/words', 'put'>, 'orgId' | 'month'>;
const URL = '/api/v1/reports/monthly';
const LIMIT = 5000;
const PARTS: { name: keyof Words; label: string; placeholder: string }[] = [
  { name: 'overview', label: '总体情况', placeholder: '本月工作的总体情况（书记的话，写入报告第一部分）' },
  { name: 'problems', label: '存在问题', placeholder: '本月工作中存在的问题和不足' },
  { name: 'plans', label: '下月工作计划', placeholder: '下月的主要工作安排' },
];

export default function MonthlyReportPage() {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [orgId, setOrgId] = useState<string | undefined>(useSearchParams()[0].get('orgId') ?? undefined);
  const [month, setMonth] = useState(() => dayjs(today()).format('YYYY-MM'));
  const [form] = Form.useForm<Words>();
  const { downloading, start } = useDownload();

  const report = useQuery({
    queryKey: ['reports-monthly', orgId ?? null, month],
    queryFn: ({ signal }) => api.get<MonthlyView>(URL, { orgId, month }, signal),
    placeholderData: keepPreviousData,
  });
  const v = report.data;
  const words = v && !report.isPlaceholderData ? v.words : undefined;
  useEffect(() => {
    if (words) form.setFieldsValue({ overview: words.overview, problems: words.problems, plans: words.plans });
  }, [words, form]);

  const save = useMutation({
    mutationFn: (w: Words) => api.put(`${URL}/words`, { orgId: v!.org.id, month, ...w }),
    onSuccess: async () => {
      void message.success('已保存');
      await queryClient.invalidateQueries({ queryKey: ['reports-monthly'] });
    },
    onError: (e) => void message.error(errorMessage(e)),
  });

  const generate = async () => {
    if (!v) return;
    // Unsaved words would be missing from the file: save first (a refusal is shown by the mutation; no file then).
    if (v.canWrite && form.isFieldsTouched()) {
      try {
        await save.mutateAsync(await form.validateFields());
      } catch {
        return;
      }
    }
    await start(`${URL}.docx`, { orgId: v.org.id, month }, `${v.org.name}${v.label}党建工作报告.docx`);
  };

  return (
    <PageContainer title="月度党建工作报告">
      <Flex vertical gap={12}>
        <Card size="small">
          <Row gutter={[12, 12]} align="middle">
            <Col xs={24} sm={12} lg={8}>
              <ScopeOrgTreeSelect
                aria-label="报告组织"
                placeholder={v ? `${v.org.name}（默认）` : '请选择党组织'}
                style={{ width: '100%' }}
                value={orgId}
                onChange={(x: string | undefined) => setOrgId(x)}
              />
            </Col>
            <Col xs={24} sm={12} lg={6}>
              <DatePicker
                picker="month"
                aria-label="报告月份"
                allowClear={false}
                style={{ width: '100%' }}
                value={dayjs(`${month}-01`)}
                disabledDate={(d) => d.isAfter(dayjs(today()), 'month')}
                onChange={(d) => d && setMonth(d.format('YYYY-MM'))}
              />
            </Col>
            <Col xs={24} lg={10}>
              <Button type="primary" icon={<FileWordOutlined />} loading={downloading || save.isPending} disabled={!v} onClick={() => void generate()} block={false}>
                生成 Word
              </Button>
            </Col>
          </Row>
        </Card>
        {report.isError && <Alert type="error" showIcon message={errorMessage(report.error)} />}
        {!v && report.isPending && <Skeleton active />}
        {v && (
          <>
            <Card size="small" title={`书记的话（${v.org.name}${v.label}）`} extra={words?.updatedAt ? <Typography.Text type="secondary">{words.updatedByName} 保存于 {dayjs(words.updatedAt).format('YYYY-MM-DD HH:mm')}</Typography.Text> : null}>
              <Form form={form} layout="vertical" disabled={!v.canWrite} onFinish={(w) => save.mutate(w)}>
                {PARTS.map((p) => (
                  <Form.Item key={p.name} name={p.name} label={p.label} rules={[{ max: LIMIT, message: `${p.label}最多 ${LIMIT} 个字` }]}>
                    <Input.TextArea rows={4} showCount maxLength={LIMIT} placeholder={p.placeholder} />
                  </Form.Item>
                ))}
                {v.canWrite ? (
                  <Button htmlType="submit" icon={<SaveOutlined />} loading={save.isPending}>保存</Button>
                ) : (
                  <Typography.Text type="secondary">您可以查看和生成本组织的报告，书记的话由书记或党委管理员填写。</Typography.Text>
                )}
              </Form>
            </Card>
            {v.sections.map((s) => (
              <Card key={s.key} size="small" title={s.title}>
                {s.unavailable ? (
                  <Alert type="warning" showIcon message="该部分数据暂时无法取得，请稍后刷新" />
                ) : (
                  <Flex vertical gap={8}>
                    <Row gutter={[12, 12]}>
                      {s.figures.map((f) => (
                        <Col key={f.label} xs={12} sm={8} lg={6}><Statistic title={f.label} value={f.value} suffix={f.unit} /></Col>
                      ))}
                    </Row>
                    {s.sentences.map((l) => <Typography.Paragraph key={l} style={{ marginBottom: 0 }}>{l}</Typography.Paragraph>)}
                    {s.tables.map((t) => (
                      // Cards on a phone (ResponsiveTable), so a wide table never scrolls the page sideways.
                      <Flex key={t.title} vertical gap={4}>
                      <Typography.Text strong>{t.title}</Typography.Text>
                      <ResponsiveTable
                        size="small"
                        pagination={t.rows.length > 10 ? { pageSize: 10, size: 'small' } : false}
                        scroll={{ x: 'max-content' }}
                        rowKey={(_, i) => String(i)}
                        dataSource={t.rows.map((r) => ({ r }))}
                        columns={t.headers.map((h, i) => ({ title: h, key: String(i), render: (_: unknown, row: { r: (string | number)[] }) => row.r[i] }))}
                      />
                      </Flex>
                    ))}
                  </Flex>
                )}
              </Card>
            ))}
          </>
        )}
      </Flex>
    </PageContainer>
  );
}
