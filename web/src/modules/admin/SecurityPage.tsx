import { useEffect, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, InputNumber, Skeleton, Space } from 'antd';
import { api, errorMessage } from '../../api/client';
import type { SecuritySettings } from '../../api/types';
import { PageContainer } from '../../components/PageContainer';
import { applyServerErrors } from '../../components/form';

const SETTINGS_URL = '/api/v1/settings/security';
const KEY = ['settings', 'security'] as const;

// Only the lower bounds are checked here; the server validates the full ranges and names the field.
const FIELDS: { name: keyof SecuritySettings; label: string; unit: string; extra: string; min: number }[] = [
  { name: 'idleTimeoutMinutes', label: '空闲超时', unit: '分钟', extra: '无操作超过该时间后须重新登录', min: 1 },
  { name: 'absoluteTimeoutHours', label: '会话最长有效期', unit: '小时', extra: '无论是否操作，登录超过该时间后须重新登录', min: 1 },
  { name: 'maxFailedLogins', label: '连续登录失败次数上限', unit: '次', extra: '连续输错密码达到该次数后锁定账号', min: 1 },
  { name: 'lockoutMinutes', label: '锁定时长', unit: '分钟', extra: '账号被锁定后多久自动解锁', min: 1 },
  { name: 'passwordMinLength', label: '密码最小长度', unit: '位', extra: '密码还须包含大写字母、小写字母、数字、符号中的至少 3 类', min: 8 },
  { name: 'passwordHistory', label: '不可重复使用的密码次数', unit: '次', extra: '新密码不能与最近这么多次使用过的密码相同（含当前密码）', min: 1 },
  { name: 'passwordMaxAgeDays', label: '密码有效期', unit: '天', extra: '密码超过该天数未修改，登录后须先修改密码才能使用其他功能；填 0 表示不限', min: 0 },
  {
    name: 'loginAttemptsPerMinute',
    label: '同一 IP 地址每分钟登录次数上限',
    unit: '次',
    extra: '同一 IP 地址一分钟内的登录尝试超过该次数后，暂时拒绝并提示稍后再试（每个服务进程分别计数）',
    min: 5,
  },
];

export default function SecurityPage() {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<SecuritySettings>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const settings = useQuery({
    queryKey: KEY,
    queryFn: ({ signal }) => api.get<SecuritySettings>(SETTINGS_URL, undefined, signal),
    staleTime: 0,
  });

  useEffect(() => {
    if (settings.data) form.setFieldsValue(settings.data);
  }, [settings.data, form]);

  const onFinish = async (values: SecuritySettings) => {
    setSaving(true);
    setError(null);
    try {
      const saved = await api.put<SecuritySettings>(SETTINGS_URL, values);
      if (saved) queryClient.setQueryData(KEY, saved);
      void message.success('安全策略已保存');
    } catch (e) {
      const { matched, unmatched } = applyServerErrors(form, e);
      if (matched === 0 || unmatched.length > 0) setError([errorMessage(e), ...unmatched].join('；'));
    } finally {
      setSaving(false);
    }
  };

  return (
    <PageContainer title="安全策略" subTitle="会话与密码的安全设置，保存后对新的登录和下一次操作生效。">
      <Card style={{ maxWidth: 720 }}>
        {settings.isError && <Alert type="error" showIcon title={errorMessage(settings.error)} style={{ marginBottom: 16 }} />}
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        {settings.isPending ? (
          <Skeleton active />
        ) : (
          <Form<SecuritySettings> form={form} initialValues={settings.data} layout="vertical" onFinish={(v) => void onFinish(v)} disabled={settings.isError}>
            {FIELDS.map((f) => (
              <Form.Item
                key={f.name}
                name={f.name}
                label={f.label}
                extra={f.extra}
                rules={[{ required: true }, { type: 'integer', min: f.min }]}
              >
                <InputNumber min={f.min} precision={0} suffix={f.unit} style={{ width: 200 }} />
              </Form.Item>
            ))}
            <Form.Item style={{ marginBottom: 0 }}>
              <Space>
                <Button type="primary" htmlType="submit" loading={saving}>
                  保存
                </Button>
                <Button onClick={() => settings.data && form.setFieldsValue(settings.data)}>还原</Button>
              </Space>
            </Form.Item>
          </Form>
        )}
      </Card>
    </PageContainer>
  );
}
