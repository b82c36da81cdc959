import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Alert, App, Button, Card, Form, Input } from 'antd';
import { api, errorMessage } from '../../api/client';
import { useSession } from '../../app/session';
import { PageContainer } from '../../components/PageContainer';
import { PASSWORD_RULE_TEXT, applyServerErrors, passwordRule } from '../../components/form';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

export default function ChangePasswordPage() {
  const { me, refresh } = useSession();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const forced = me.user.mustChangePassword;
  const expired = me.user.passwordExpired;

  const onFinish = async (values: Values) => {
    setSubmitting(true);
    setError(null);
    try {
      await api.post('/api/v1/auth/password', {
        currentPassword: values.currentPassword,
        newPassword: values.newPassword,
      });
      void message.success('密码已修改');
      form.resetFields();
      await refresh();
      if (forced) await navigate('/', { replace: true });
    } catch (e) {
      const { matched, unmatched } = applyServerErrors(form, e);
      if (matched === 0 || unmatched.length > 0) setError([errorMessage(e), ...unmatched].join('；'));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <PageContainer title="修改密码">
      <Card style={{ maxWidth: 560 }}>
        {forced && (
          <Alert
            type="warning"
            showIcon
            title={
              expired
                ? '您的密码已超过有效期，为了账号安全须先修改密码，修改后才能使用其他功能。'
                : '为了账号安全，首次登录或密码被重置后须先修改密码，修改后才能使用其他功能。'
            }
            style={{ marginBottom: 16 }}
          />
        )}
        <Alert
          type="info"
          showIcon
          title={`密码规则：${PASSWORD_RULE_TEXT}；不能是常见单词、键盘上相邻的按键（如 qwerty、1qaz2wsx）或只有一两个字母；不能与最近使用过的密码相同。`}
          style={{ marginBottom: 16 }}
        />
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Form<Values> form={form} layout="vertical" onFinish={(v) => void onFinish(v)} autoComplete="off">
          <input type="text" name="username" autoComplete="username" value={me.user.username} readOnly hidden />
          <Form.Item name="currentPassword" label="当前密码" rules={[{ required: true }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item
            name="newPassword"
            label="新密码"
            extra={PASSWORD_RULE_TEXT}
            rules={[
              { required: true },
              passwordRule,
              ({ getFieldValue }) => ({
                validator: (_, value) =>
                  value && value === getFieldValue('currentPassword')
                    ? Promise.reject(new Error('新密码不能与当前密码相同'))
                    : Promise.resolve(),
              }),
            ]}
            hasFeedback
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="confirmPassword"
            label="确认新密码"
            dependencies={['newPassword']}
            hasFeedback
            rules={[
              { required: true },
              ({ getFieldValue }) => ({
                validator: (_, value) =>
                  !value || value === getFieldValue('newPassword')
                    ? Promise.resolve()
                    : Promise.reject(new Error('两次输入的新密码不一致')),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item style={{ marginBottom: 0 }}>
            <Button type="primary" htmlType="submit" loading={submitting}>
              确认修改
            </Button>
          </Form.Item>
        </Form>
      </Card>
    </PageContainer>
  );
}
