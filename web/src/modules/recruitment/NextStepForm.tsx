// 办理下一步: the next step's date and note, the people it names (培养联系人, 入党介绍人: the branch's full members),
// the meeting that decided it, the 公示 start before the 支委会 review and a reason for a missed deadline. A step
// whose time has not come is refused by the server with the rule's text, shown above the button.
import { useState } from 'react';
import { Alert, Button, Card, Col, DatePicker, Form, Input, InputNumber, Row, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { api, errorMessage } from '../../api/client';
import { applyServerErrors } from '../../components/form';
import { isFuture, text, toDay } from '../staff/IdentityFields';
import { personUrl, useChoices, useRefreshRecruitment, type RecruitDetail } from './api';

interface Values { doneOn: Dayjs; note?: string; people?: string[]; meetingId?: string; publicityFrom?: Dayjs; lateReason?: string; trainingDays?: number | null; trainingHours?: number | null }

export function NextStepForm({ person }: { person: RecruitDetail }) {
  const next = person.next!;
  const [form] = Form.useForm<Values>();
  const choices = useChoices(person.id, true);
  const refresh = useRefreshRecruitment();
  const [sending, setSending] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const submit = async (v: Values) => {
    setSending(true);
    setRefusal(null);
    setDone(null);
    try {
      await api.post(personUrl(person.id, 'steps'), {
        step: next.no, doneOn: toDay(v.doneOn), note: text(v.note) ?? undefined, people: v.people?.length ? v.people : undefined,
        meetingId: v.meetingId ?? undefined, publicityFrom: toDay(v.publicityFrom) ?? undefined, lateReason: text(v.lateReason) ?? undefined,
        trainingDays: v.trainingDays ?? undefined, trainingHours: v.trainingHours ?? undefined,
      });
      form.resetFields();
      setDone(`已办理第 ${next.no} 步「${next.name}」`);
      await refresh();
    } catch (e) {
      applyServerErrors(form, e);
      setRefusal(errorMessage(e));
    } finally {
      setSending(false);
    }
  };

  return (
    <Card size="small" title={`办理下一步：第 ${next.no} 步「${next.name}」`}>
      <Form<Values> form={form} layout="vertical" onFinish={(v) => void submit(v)} onValuesChange={() => setRefusal(null)}>
        <Form.Item name="doneOn" label="办理日期" rules={[{ required: true, message: '请选择办理日期' }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={isFuture} aria-label="办理日期" />
        </Form.Item>
        {next.people && (
          <Form.Item name="people" label={`${next.people.label}（${next.people.min === next.people.max ? `${next.people.min} 名` : `${next.people.min}–${next.people.max} 名`}正式党员）`}
            rules={[{ required: true, message: `请选择${next.people.label}` }]}>
            <Select mode="multiple" maxCount={next.people.max} loading={choices.isPending} optionFilterProp="label"
              options={choices.data?.members.map((m) => ({ value: m.id, label: m.name }))} placeholder={`选择${next.people.label}`} />
          </Form.Item>
        )}
        {next.no === 12 && (
          <Form.Item name="publicityFrom" label="公示开始日期" rules={[{ required: true, message: '请选择公示开始日期' }]} extra="支部委员会审查前须公示不少于规定的工作日">
            <DatePicker style={{ width: '100%' }} disabledDate={isFuture} />
          </Form.Item>
        )}
        {next.no === 11 && (
          // The training's length: either figure reaching the 业务规则's mark (3 days or 24 学时 by default) suffices.
          <Row gutter={12}>
            <Col span={12}>
              <Form.Item name="trainingDays" label="培训天数" extra="不少于规定天数或学时之一">
                <InputNumber min={0} max={365} precision={0} style={{ width: '100%' }} aria-label="培训天数" />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="trainingHours" label="培训学时">
                <InputNumber min={0} max={2000} precision={0} style={{ width: '100%' }} aria-label="培训学时" />
              </Form.Item>
            </Col>
          </Row>
        )}
        {next.meeting && (
          <Form.Item name="meetingId" label={`会议记录（${next.meeting}，可选）`}>
            <Select allowClear showSearch optionFilterProp="label" loading={choices.isPending}
              options={choices.data?.meetings.map((m) => ({ value: m.id, label: `${m.startsAt.slice(0, 10)} ${m.title}` }))} placeholder="关联组织生活记录" />
          </Form.Item>
        )}
        {(next.no === 2 || next.no === 17) && (
          <Form.Item name="lateReason" label="超期说明（超过规定期限时填写）" rules={[{ max: 200 }]}>
            <Input autoComplete="off" maxLength={200} />
          </Form.Item>
        )}
        <Form.Item name="note" label="情况说明" rules={[{ max: 500 }]}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        {refusal && <Alert type="error" showIcon title={refusal} style={{ marginBottom: 12 }} role="alert" />}
        {done && <Alert type="success" showIcon title={done} style={{ marginBottom: 12 }} />}
        <Button type="primary" htmlType="submit" loading={sending} block>办理</Button>
        {next.no === 15 && <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8 }}>支部大会通过后，系统自动为其建立预备党员档案（入党日期为会议日期）。</Typography.Text>}
        {next.no === 24 && <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8 }}>审批后，党员档案自动转为正式党员。</Typography.Text>}
      </Form>
    </Card>
  );
}
