// 扫码签到 (/sign-in?token=…): the page a member's phone opens from the QR code. Nothing is written on page
// load — a prefetching browser or a chat app's link preview must not sign anyone in — only the big 确认签到
// button does. Then the result: 签到成功 with name and time, or the server's Chinese reason.
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Flex, Result, Spin, Typography } from 'antd';
import { QrcodeOutlined } from '@ant-design/icons';
import { api, errorMessage } from '../../api/client';
import { useSession } from '../../app/session';
import { formatInstantMinute, formatInstantRange } from '../../lib/time';
import { SIGN_IN_URL, type SignInPreview as Preview, type SignedIn } from './types';

const STATE_NOTICE: Record<Exclude<Preview['state'], 'open'>, string> = {
  early: '活动尚未开始签到，请在活动开始前后再扫码',
  expired: '签到码已过期，请扫描现场投屏的最新二维码',
  stale: '二维码已过期，请扫描现场大屏上的最新二维码',
};

export default function SignInPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const { me } = useSession();
  const [sending, setSending] = useState(false);
  const [done, setDone] = useState<SignedIn | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const preview = useQuery({
    queryKey: ['orgLife', 'signInPreview', token],
    queryFn: ({ signal }) => api.get<Preview>(SIGN_IN_URL, { token }, signal),
    enabled: token !== '',
    retry: false,
  });

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
  } else if (preview.isPending) {
    body = <Spin style={{ display: 'block', padding: 48 }} />;
  } else if (preview.isError) {
    body = <Result status="error" title={errorMessage(preview.error)} subTitle="请扫描活动现场投屏的二维码" data-testid="sign-in-refusal" />;
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
            <span>签到时间：{formatInstantMinute(done.signedInAt)}</span>
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
        {/* Labels keep one line: on a 390 px phone a bordered label column otherwise shrinks to one character wide. */}
        <Descriptions
          column={1}
          size="small"
          bordered
          style={{ width: '100%' }}
          styles={{ label: { whiteSpace: 'nowrap', width: '1%' }, content: { wordBreak: 'break-word' } }}
          data-testid="sign-in-activity"
        >
          <Descriptions.Item label="活动">{preview.data.title}</Descriptions.Item>
          <Descriptions.Item label="组织">{preview.data.orgName}</Descriptions.Item>
          <Descriptions.Item label="时间">
            {formatInstantRange(preview.data.startsAt, preview.data.endsAt)}
          </Descriptions.Item>
          {/* A ternary, not &&: an empty place ('') would render as an empty row. */}
          {preview.data.place ? <Descriptions.Item label="地点">{preview.data.place}</Descriptions.Item> : null}
        </Descriptions>
        {preview.data.signedIn ? (
          <Alert type="success" showIcon message="您已签到" style={{ width: '100%' }} />
        ) : preview.data.state !== 'open' ? (
          <Alert type="warning" showIcon message={STATE_NOTICE[preview.data.state]} style={{ width: '100%' }} />
        ) : (
          <Typography.Text type="secondary" style={{ textAlign: 'center' }}>
            {preview.data.memberName ?? me.user.displayName}，请确认本人在活动现场后点击下方按钮签到
          </Typography.Text>
        )}
        {refusal && (
          <Result status="error" title={refusal} style={{ padding: 0 }} data-testid="sign-in-refusal" />
        )}
        <Button
          type="primary"
          size="large"
          block
          loading={sending}
          disabled={preview.data.signedIn || preview.data.state !== 'open'}
          onClick={() => void confirm()}
          style={{ height: 56, fontSize: 20 }}
        >
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
