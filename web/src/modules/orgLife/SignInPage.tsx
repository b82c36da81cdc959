// 扫码签到 (/sign-in?token=…): the page a member's phone opens from the QR code. Nothing is written on page
// load — a prefetching browser or a chat app's link preview must not sign anyone in — only the big 确认签到
// button does. Then the result: 签到成功 with name and time, or the server's Chinese reason.
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { Button, Card, Flex, Result, Typography } from 'antd';
import { QrcodeOutlined } from '@ant-design/icons';
import { api, errorMessage } from '../../api/client';
import { useSession } from '../../app/session';
import { formatInstant } from '../../lib/time';
import { SIGN_IN_URL } from './types';

interface SignedIn {
  activityId: string;
  title: string;
  orgName: string;
  memberName: string;
  status: 'present' | 'visitor';
  signedInAt: string;
}

export default function SignInPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const { me } = useSession();
  const [sending, setSending] = useState(false);
  const [done, setDone] = useState<SignedIn | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);

  const confirm = async () => {
    setSending(true);
    setRefusal(null);
    try {
      setDone(await api.post<SignedIn>(SIGN_IN_URL, { token }));
    } catch (e) {
      setRefusal(errorMessage(e));
    } finally {
      setSending(false);
    }
  };

  let body;
  if (!token) {
    body = <Result status="warning" title="签到码无效" subTitle="请使用手机扫描活动现场投屏的二维码" />;
  } else if (done) {
    body = (
      <Result
        status="success"
        title="签到成功"
        subTitle={
          <Flex vertical gap={4} style={{ fontSize: 16 }} data-testid="sign-in-result">
            <span>{done.title}</span>
            <span>{done.orgName}</span>
            <span>
              {done.memberName}
              {done.status === 'visitor' ? '（列席）' : ''}
            </span>
            <span>签到时间：{formatInstant(done.signedInAt)}</span>
          </Flex>
        }
      />
    );
  } else {
    body = (
      <Flex vertical align="center" gap={20} style={{ padding: '24px 0' }}>
        <QrcodeOutlined style={{ fontSize: 64, color: '#c8161d' }} />
        <Typography.Title level={3} style={{ margin: 0 }}>
          组织生活签到
        </Typography.Title>
        <Typography.Text type="secondary" style={{ textAlign: 'center' }}>
          {me.user.displayName}，请确认本人在活动现场后点击下方按钮签到
        </Typography.Text>
        {refusal && (
          <Result status="error" title={refusal} style={{ padding: 0 }} data-testid="sign-in-refusal" />
        )}
        <Button type="primary" size="large" block loading={sending} onClick={() => void confirm()} style={{ height: 56, fontSize: 20 }}>
          确认签到
        </Button>
      </Flex>
    );
  }

  return (
    <Flex justify="center">
      <Card style={{ width: '100%', maxWidth: 480 }}>{body}</Card>
    </Flex>
  );
}
