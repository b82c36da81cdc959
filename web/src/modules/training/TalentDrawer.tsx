// One person of the 后备人才库: category, reasons and the committee's decision, the development plan with its
// milestones (each a 督办 task, its status and light as 督办 shows them, linked there), the yearly evaluations,
// every nomination of the person, their current posts, 量化考核 results and 民主评议 grades over the years, and the
// history. The buttons are exactly what the server allows (`allowed`): the 党委 accepts or rejects, evaluates,
// keeps the plan, adds milestones and removes.
import { useState } from 'react';
import { App, Button, DatePicker, Descriptions, Divider, Empty, Flex, Form, Grid, Input, InputNumber, List, Popconfirm, Progress, Select, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { Dayjs } from 'dayjs';
import { api, errorMessage } from '../../api/client';
import { DetailDrawer } from '../../components/DetailDrawer';
import { FormModal } from '../../components/FormModal';
import { GRADE_COLOR, GRADE_LABEL, LIGHT_COLOR, TALENT_STATUS_COLOR, TALENT_STATUS_LABEL, talentUrl, useRefreshTalents, useTalent, type TalentDetail } from './TalentApi';

type Dialog = 'reject' | 'remove' | 'evaluate' | 'plan' | 'milestone';
const THIS_YEAR = new Date().getFullYear();

export function TalentDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { message } = App.useApp();
  const refresh = useRefreshTalents();
  const record = useTalent(id);
  const t = record.data;
  const [dialog, setDialog] = useState<Dialog | null>(null);
  // On a phone the header has room for the name only: the buttons go above the facts.
  const phone = Grid.useBreakpoint().md === false;
  const allowed = t?.allowed ?? [];
  const accept = async () => {
    try {
      await api.post(talentUrl(t!.id, 'accept'), {});
      void message.success('已纳入后备人才库');
      void refresh();
    } catch (e) {
      void message.error(errorMessage(e));
    }
  };
  const done = () => {
    setDialog(null);
    void refresh();
  };

  const extra = t && (
    <Space wrap>
      {allowed.includes('accept') && (
        <Popconfirm title="审核通过，纳入后备人才库？" okText="通过" cancelText="取消" onConfirm={() => void accept()}>
          <Button type="primary">审核通过</Button>
        </Popconfirm>
      )}
      {allowed.includes('reject') && <Button onClick={() => setDialog('reject')}>不予通过</Button>}
      {allowed.includes('evaluate') && <Button type="primary" onClick={() => setDialog('evaluate')}>年度评价</Button>}
      {allowed.includes('plan') && <Button onClick={() => setDialog('plan')}>培养目标</Button>}
      {allowed.includes('milestone') && <Button onClick={() => setDialog('milestone')}>新增培养节点</Button>}
      {allowed.includes('remove') && <Button danger onClick={() => setDialog('remove')}>移出</Button>}
    </Space>
  );

  return (
    <DetailDrawer
      title={t ? `${t.memberName} · ${t.category}` : '后备人才'}
      open={!!id}
      onClose={onClose}
      loading={record.isPending && !!id}
      width={760}
      extra={phone ? undefined : extra}
      history={t ? {
        title: '历程',
        items: [...t.events].reverse().map((e) => ({
          key: e.id, at: e.at, title: e.actionName, description: [e.actorName, e.note].filter(Boolean).join('：') || undefined,
          color: e.action === 'rejected' || e.action === 'removed' ? 'red' : e.action === 'accepted' ? 'green' : 'blue',
        })),
      } : undefined}
    >
      {record.isError && <Typography.Text type="danger">{errorMessage(record.error)}</Typography.Text>}
      {t && phone && allowed.length > 0 && <div style={{ marginBottom: 12 }}>{extra}</div>}
      {t && <Body t={t} />}
      {t && dialog && <ActionDialog t={t} dialog={dialog} onClose={() => setDialog(null)} onDone={done} />}
    </DetailDrawer>
  );
}

function Body({ t }: { t: TalentDetail }) {
  return (
    <>
      <Descriptions
        column={1}
        bordered
        size="small"
        items={[
          { key: 'status', label: '状态', children: <Space wrap><Tag color={TALENT_STATUS_COLOR[t.status]}>{TALENT_STATUS_LABEL[t.status]}</Tag><Tag>{t.category}</Tag></Space> },
          { key: 'org', label: '推荐组织', children: `${t.orgName}（${t.nominatedOn} 推荐）` },
          { key: 'posts', label: '现任职务', children: t.posts.length ? t.posts.map((p) => `${p.orgName} ${p.postName}${p.since ? `（${p.since} 起）` : ''}`).join('；') : '无' },
          { key: 'reason', label: '推荐理由', children: <span style={{ whiteSpace: 'pre-wrap' }}>{t.reason}</span> },
          ...(t.decidedOn ? [{ key: 'decided', label: t.status === 'rejected' ? '未通过' : '审核', children: `${t.decidedOn}${t.decisionNote ? `：${t.decisionNote}` : ''}` }] : []),
          ...(t.removedOn ? [{ key: 'removed', label: '移出', children: `${t.removedOn}：${t.removedReason ?? ''}` }] : []),
        ]}
      />
      <Divider titlePlacement="start">培养计划</Divider>
      {t.planGoal ? <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}><Typography.Text strong>培养目标：</Typography.Text>{t.planGoal}</Typography.Paragraph>
        : <Typography.Paragraph type="secondary">尚未制定培养目标</Typography.Paragraph>}
      {t.milestoneItems.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无培养节点" /> : (
        <List
          size="small"
          dataSource={t.milestoneItems}
          renderItem={(m) => (
            <List.Item>
              <Flex vertical gap={4} style={{ width: '100%', minWidth: 0 }}>
                <Flex justify="space-between" gap={8} wrap>
                  <Typography.Text strong style={{ wordBreak: 'break-word' }}>{m.title}</Typography.Text>
                  <Space size={4} wrap>
                    <Tag color={m.light ? LIGHT_COLOR[m.light] : 'default'}>{m.taskStatusName}</Tag>
                    <Link to={`/tasks?id=${m.taskId}`}>督办任务</Link>
                  </Space>
                </Flex>
                <Typography.Text type="secondary">完成期限 {m.dueOn}{m.closedOn ? `，${m.closedOn} 销号` : ''}</Typography.Text>
                {m.taskStatus !== 'closed' && m.taskStatus && <Progress percent={m.percent} size="small" />}
              </Flex>
            </List.Item>
          )}
        />
      )}
      <Divider titlePlacement="start">年度评价</Divider>
      {t.evaluations.length === 0 ? <Typography.Paragraph type="secondary">暂无评价</Typography.Paragraph> : (
        <List
          size="small"
          dataSource={t.evaluations}
          renderItem={(e) => (
            <List.Item>
              <span><Typography.Text strong>{e.year} 年度</Typography.Text> <Tag color={GRADE_COLOR[e.grade]}>{GRADE_LABEL[e.grade]}</Tag>{e.comment}</span>
            </List.Item>
          )}
        />
      )}
      <Divider titlePlacement="start">考核与民主评议</Divider>
      <Flex vertical gap={8}>
        <div>
          <Typography.Text type="secondary">量化考核：</Typography.Text>
          {t.assessments.length === 0 ? '暂无已发布的考核结果' : t.assessments.map((a) => <Tag key={a.roundName}>{a.periodLabel} {a.total}/{a.maxTotal} 分</Tag>)}
        </div>
        <div>
          <Typography.Text type="secondary">民主评议：</Typography.Text>
          {t.appraisals.length === 0 ? '暂无已发布的评议结果' : t.appraisals.map((a) => <Tag key={a.year}>{a.year} 年 {a.grade ?? '未评定'}</Tag>)}
        </div>
      </Flex>
      <Divider titlePlacement="start">学时与考试</Divider>
      <Flex vertical gap={8}>
        <div>
          <Typography.Text type="secondary">学时：</Typography.Text>
          {t.hours.map((h) => (
            <Tag key={h.year} color={h.totalTenths >= h.requiredTenths ? 'green' : undefined}>{h.year} 年 {(h.totalTenths / 10).toFixed(1)} / {h.requiredTenths / 10}</Tag>
          ))}
        </div>
        <div>
          <Typography.Text type="secondary">考试：</Typography.Text>
          {t.exams.length === 0 ? '暂无考试成绩' : t.exams.map((e) => <Tag key={e.examId} color={e.passed ? 'green' : 'red'}>{e.title} {e.score}/{e.totalScore} 分</Tag>)}
        </div>
      </Flex>
      {t.nominations.length > 1 && (
        <>
          <Divider titlePlacement="start">历次推荐</Divider>
          <List
            size="small"
            dataSource={t.nominations}
            renderItem={(n) => (
              <List.Item>
                <span>
                  {n.nominatedOn} {n.orgName} 推荐为 {n.category} <Tag color={TALENT_STATUS_COLOR[n.status]}>{TALENT_STATUS_LABEL[n.status]}</Tag>
                  {n.status === 'removed' ? `${n.removedOn ?? ''} ${n.removedReason ?? ''}` : n.status === 'rejected' ? n.decisionNote : null}
                </span>
              </List.Item>
            )}
          />
        </>
      )}
    </>
  );
}

const TITLES: Record<Dialog, string> = { reject: '不予通过', remove: '移出后备人才库', evaluate: '年度评价', plan: '培养目标', milestone: '新增培养节点（派发督办任务）' };
const SUCCESS: Record<Dialog, string> = { reject: '已不予通过', remove: '已移出', evaluate: '已评价', plan: '已保存培养目标', milestone: '已新增培养节点，督办任务已派发' };

function ActionDialog({ t, dialog, onClose, onDone }: { t: TalentDetail; dialog: Dialog; onClose: () => void; onDone: () => void }) {
  const submit = (v: Record<string, unknown>) => {
    switch (dialog) {
      case 'reject': case 'remove': return api.post(talentUrl(t.id, dialog), { reason: String(v.reason ?? '').trim() });
      case 'evaluate': return api.post(talentUrl(t.id, 'evaluations'), { year: v.year, grade: v.grade, comment: String(v.comment ?? '').trim() });
      case 'plan': return api.put(talentUrl(t.id, 'plan'), { goal: String(v.goal ?? '').trim() });
      case 'milestone': return api.post(talentUrl(t.id, 'milestones'), { title: String(v.title ?? '').trim(), dueOn: (v.dueOn as Dayjs).format('YYYY-MM-DD'), doneStandard: String(v.doneStandard ?? '').trim() });
    }
  };
  const initial = dialog === 'evaluate' ? { year: THIS_YEAR, grade: 'good' } : dialog === 'plan' ? { goal: t.planGoal } : undefined;
  return (
    <FormModal<Record<string, unknown>>
      title={TITLES[dialog]} open onClose={onClose} successMessage={SUCCESS[dialog]} initialValues={initial}
      onSubmit={submit} onSuccess={onDone}
    >
      {(dialog === 'reject' || dialog === 'remove') && (
        <Form.Item name="reason" label="原因" rules={[{ required: true, whitespace: true, message: '请填写原因' }, { max: 200 }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
      )}
      {dialog === 'evaluate' && (
        <>
          <Form.Item name="year" label="年度" rules={[{ required: true, message: '请填写年度' }]}><InputNumber min={2000} max={THIS_YEAR} precision={0} /></Form.Item>
          <Form.Item name="grade" label="评价等次" rules={[{ required: true, message: '请选择评价等次' }]}>
            <Select options={Object.entries(GRADE_LABEL).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Form.Item name="comment" label="评语" rules={[{ required: true, whitespace: true, message: '请填写评语' }, { max: 500 }]}>
            <Input.TextArea rows={4} showCount maxLength={500} />
          </Form.Item>
          <Typography.Text type="secondary">同一年度再次评价将替换原评价，历程中保留记录。</Typography.Text>
        </>
      )}
      {dialog === 'plan' && (
        <Form.Item name="goal" label="培养目标" rules={[{ required: true, whitespace: true, message: '请填写培养目标' }, { max: 1000 }]}>
          <Input.TextArea rows={5} showCount maxLength={1000} />
        </Form.Item>
      )}
      {dialog === 'milestone' && (
        <>
          <Form.Item name="title" label="节点名称" rules={[{ required: true, whitespace: true, message: '请填写节点名称' }, { max: 60 }]}><Input /></Form.Item>
          <Form.Item name="dueOn" label="完成期限" rules={[{ required: true, message: '请选择完成期限' }]}><DatePicker /></Form.Item>
          <Form.Item name="doneStandard" label="完成标准" rules={[{ required: true, whitespace: true, message: '请填写完成标准' }, { max: 300 }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
          <Typography.Text type="secondary">保存后向{t.orgName}派发督办任务（责任人为本人账号，无账号时为支部书记），进度在此显示。</Typography.Text>
        </>
      )}
    </FormModal>
  );
}
