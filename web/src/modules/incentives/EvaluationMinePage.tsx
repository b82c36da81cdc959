// 我的示范岗考评 (a member who holds a 示范岗 or 责任区): each of their evaluations as a card, the open round's
// self-report form first (score and 述职, usable on a phone), closed rounds with their result below.
import { useState } from 'react';
import { Alert, App, Button, Card, Empty, Flex, Form, Input, InputNumber, Skeleton, Typography } from 'antd';
import { errorMessage } from '../../api/client';
import { PageContainer } from '../../components/PageContainer';
import { useMyEvaluations, useRefresh, writeSelf, type Evaluation, type SelfInput } from './evaluationApi';
import { PartsLine, TotalTag } from './EvaluationParts';

function SelfForm({ e }: { e: Evaluation }) {
  const { message } = App.useApp();
  const refresh = useRefresh();
  const [saving, setSaving] = useState(false);
  const save = async (v: SelfInput) => {
    setSaving(true);
    try {
      await writeSelf(e.id, v);
      message.success('自评已提交');
      await refresh();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Form<SelfInput> layout="vertical" initialValues={{ score: e.selfScore ?? undefined, report: e.selfReport ?? '' }} onFinish={(v) => void save(v)}>
      <Form.Item name="report" label="履职情况（述职）" rules={[{ required: true, min: 10, message: '述职内容至少 10 个字' }]}>
        <Input.TextArea rows={5} maxLength={2000} showCount placeholder="本期践行承诺、服务群众的情况" />
      </Form.Item>
      <Form.Item name="score" label="自评分（0–100）" rules={[{ required: true, message: '请填写自评分' }]}>
        <InputNumber min={0} max={100} step={0.5} precision={1} style={{ width: 160 }} inputMode="decimal" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={saving} block>{e.selfScore === null ? '提交自评' : '修改自评'}</Button>
    </Form>
  );
}

export default function EvaluationMinePage() {
  const mine = useMyEvaluations();
  const items = mine.data?.items ?? [];
  return (
    <PageContainer title="我的示范岗考评" subTitle="考评进行中时填写自评；群众评价取本期扫码评价的平均星数，支部评价由支部填写">
      {mine.isError && <Alert type="error" showIcon title={errorMessage(mine.error)} />}
      {mine.isPending && <Skeleton active />}
      {mine.isSuccess && items.length === 0 && <Card><Empty description="您目前没有党员示范岗或责任区的考评" /></Card>}
      {items.map((e) => (
        <Card key={e.id} size="small" title={<Typography.Text ellipsis style={{ maxWidth: '100%' }}>{e.plaqueTitle}</Typography.Text>} extra={<TotalTag e={e} />}>
          <Flex vertical gap={12}>
            <Typography.Text type="secondary">{e.period} · {e.roundStatus === 'open' ? '考评进行中' : '考评已结束'} · {e.place}</Typography.Text>
            <PartsLine e={e} />
            {e.branchComment && <Typography.Text>支部意见：{e.branchComment}</Typography.Text>}
            {e.allowed.includes('self') ? <SelfForm e={e} /> : e.selfReport && <Typography.Paragraph type="secondary" ellipsis={{ rows: 3, expandable: true }}>述职：{e.selfReport}</Typography.Paragraph>}
          </Flex>
        </Card>
      ))}
    </PageContainer>
  );
}
