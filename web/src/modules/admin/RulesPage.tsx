// 业务规则: the committee's configurable rules (term lengths, meeting frequencies, light and reminder days, star
// bands and bonus coefficients …), each saved on its own. The server lists only what this user may change.
import { useEffect, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Collapse, Empty, Form, Popconfirm, Skeleton, Space, Typography } from 'antd';
import { api, errorMessage } from '../../api/client';
import type { ApiItem } from '../../api/types';
import { PageContainer } from '../../components/PageContainer';
import { applyServerErrors } from '../../components/form';
import { SchemaFields, type JsonSchema } from './SchemaFields';

/** A rule as GET /settings/rules sends it; the server types its schema and values as unknown (each rule has its
 *  own), and every rule is an object whose JSON Schema the form is built from. */
type Rule = Omit<ApiItem<'/api/v1/settings/rules'>, 'schema' | 'value' | 'defaults'> & {
  schema: JsonSchema;
  value: Record<string, unknown>;
  defaults: Record<string, unknown>;
};

const KEY = ['settings', 'rules'] as const;

function RuleForm({ rule }: { rule: Rule }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    form.setFieldsValue(rule.value);
  }, [rule.value, form]);

  const save = async (value: Record<string, unknown>) => {
    setSaving(true);
    setError(null);
    try {
      await api.put<Rule>(`/api/v1/settings/rules/${encodeURIComponent(rule.key)}`, { value });
      await queryClient.invalidateQueries({ queryKey: KEY });
      void message.success(`「${rule.name}」已保存`);
    } catch (e) {
      // Server field names are paths into the value ("termYears.branch", "kinds.3.name"): the form's own names.
      const { matched, unmatched } = applyServerErrors(form, e);
      if (matched === 0 || unmatched.length > 0) setError([errorMessage(e), ...unmatched].join('；'));
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      {rule.description && <Typography.Paragraph type="secondary">{rule.description}</Typography.Paragraph>}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      {/* The whole store, not only the rendered fields: parts the page cannot edit (per-organisation maps) are kept. */}
      <Form form={form} layout="vertical" initialValues={rule.value} onFinish={() => void save(form.getFieldsValue(true) as Record<string, unknown>)}>
        <SchemaFields schema={rule.schema} />
        <Space>
          <Button type="primary" htmlType="submit" loading={saving}>保存</Button>
          <Button onClick={() => { form.resetFields(); form.setFieldsValue(rule.value); setError(null); }}>还原</Button>
          <Popconfirm title="填入系统默认值？" description="填入后还需点击保存才生效" okText="填入" cancelText="取消" onConfirm={() => form.setFieldsValue(rule.defaults)}>
            <Button>恢复默认值</Button>
          </Popconfirm>
        </Space>
      </Form>
    </>
  );
}

export default function RulesPage() {
  const rules = useQuery({
    queryKey: KEY,
    queryFn: ({ signal }) => api.get<{ items: Rule[] }>('/api/v1/settings/rules', undefined, signal),
    staleTime: 0,
  });
  const items = rules.data?.items ?? [];
  const groups = [...new Set(items.map((r) => r.group))];

  return (
    <PageContainer title="业务规则" subTitle="本党委可调整的工作规则和标准，保存后立即生效；每项修改都记入审计日志。">
      {rules.isError && <Alert type="error" showIcon title={errorMessage(rules.error)} style={{ marginBottom: 16 }} />}
      {rules.isPending ? (
        <Skeleton active />
      ) : items.length === 0 ? (
        <Card><Empty description="没有可由您调整的规则（须在党委范围持有相应权限）" /></Card>
      ) : (
        <Space direction="vertical" size="large" style={{ width: '100%' }}>
          {groups.map((g) => (
            <Card key={g} title={g}>
              <Collapse
                items={items.filter((r) => r.group === g).map((r) => ({ key: r.key, label: r.name, children: <RuleForm rule={r} /> }))}
              />
            </Card>
          ))}
        </Space>
      )}
    </PageContainer>
  );
}
