// One task: its facts, the steps of the loop the signed-in user may take now, and the timeline of
// every step so far (who, when, what, percent, notes, reason).
import { Fragment, useState, type ReactNode } from 'react';
import { Alert, Button, Descriptions, Divider, Flex, Grid, Progress, Space, Typography } from 'antd';
import type { DescriptionsProps } from 'antd';
import { Link } from 'react-router';
import { errorMessage } from '../../api/client';
import { DetailDrawer, type HistoryItem } from '../../components/DetailDrawer';
import { formatInstant } from '../../lib/time';
import { useRefreshTasks, useTask } from './api';
import { DaysLeft, LightDot, StatusTag } from './parts';
import { TaskAttachments } from './TaskAttachments';
import { DeployTaskModal, TaskStepModal } from './TaskForms';
import { EVENT_COLOR, STATUS_LABEL, labelOf, type TaskAction, type TaskDetail, type TimelineEvent } from './types';

const ACTION_ORDER: { action: TaskAction; label: string; primary?: boolean; danger?: boolean }[] = [
  { action: 'accept', label: '接收', primary: true },
  { action: 'report', label: '汇报进度' },
  { action: 'complete', label: '提交完成报告', primary: true },
  { action: 'verify', label: '验收销号', primary: true },
  { action: 'return', label: '退回', danger: true },
];

const FIELD_LABEL: Record<string, string> = {
  title: '标题',
  description: '说明',
  kind: '类型',
  ownerOrgId: '责任组织',
  ownerOrgName: '责任组织',
  ownerId: '责任人',
  ownerName: '责任人',
  coOwnerIds: '协办人',
  coOwners: '协办人',
  startOn: '开始日期',
  dueOn: '截止日期',
  doneStandard: '完成标准',
};

function show(v: unknown): string {
  if (v === null || v === undefined || v === '') return '（空）';
  if (Array.isArray(v)) return v.map((x) => (typeof x === 'object' && x && 'name' in x ? String((x as { name: unknown }).name) : String(x))).join('、') || '（空）';
  return String(v);
}

function line(label: string, value: ReactNode) {
  return (
    <div>
      <Typography.Text type="secondary">{label}：</Typography.Text>
      <span style={{ whiteSpace: 'pre-wrap' }}>{value}</span>
    </div>
  );
}

export function timelineItem(e: TimelineEvent): HistoryItem {
  const parts: ReactNode[] = [];
  if (e.byName) parts.push(line('办理人', e.byName));
  if (e.fromStatus && e.toStatus && e.fromStatus !== e.toStatus)
    parts.push(line('状态', `${labelOf(STATUS_LABEL, e.fromStatus)} → ${labelOf(STATUS_LABEL, e.toStatus)}`));
  if (e.percent !== null && e.percent !== undefined) parts.push(line('进度', `${e.percent}%`));
  if (e.notes) parts.push(line(e.kind === 'verified' ? '验收意见' : '说明', e.notes));
  if (e.evidence) parts.push(line('完成情况及佐证', e.evidence));
  if (e.reason) parts.push(line('退回原因', <Typography.Text type="danger">{e.reason}</Typography.Text>));
  if (e.changes)
    for (const [field, c] of Object.entries(e.changes)) parts.push(line(FIELD_LABEL[field] ?? field, `${show(c.before)} → ${show(c.after)}`));
  return {
    key: e.id,
    at: e.at,
    title: e.kindName,
    color: EVENT_COLOR[e.kind] ?? 'blue',
    description: parts.length > 0 ? <Flex vertical gap={2}>{parts.map((p, i) => <Fragment key={i}>{p}</Fragment>)}</Flex> : undefined,
  };
}

function facts(t: TaskDetail): DescriptionsProps['items'] {
  return [
    { key: 'status', label: '状态', children: <StatusTag status={t.status} name={t.statusName} /> },
    { key: 'light', label: '灯', children: <Space><LightDot light={t.light} text={t.lightName} /><DaysLeft task={t} /></Space> },
    { key: 'kind', label: '类型', children: t.kindName },
    { key: 'percent', label: '进度', children: <Progress percent={t.percent} size="small" style={{ minWidth: 120, margin: 0 }} /> },
    { key: 'ownerOrg', label: '责任组织', children: t.ownerOrgName },
    { key: 'owner', label: '责任人', children: t.ownerName },
    { key: 'coOwners', label: '协办人', children: t.coOwners.length ? t.coOwners.map((c) => c.name).join('、') : '-' },
    { key: 'issuer', label: '部署人', children: `${t.issuerName}（${t.issuingOrgName}）` },
    { key: 'startOn', label: '开始日期', children: t.startOn },
    { key: 'dueOn', label: '截止日期', children: t.dueOn },
    ...(t.closedOn ? [{ key: 'closedOn', label: '销号日期', children: t.closedOn }] : []),
    ...(t.returnCount > 0 ? [{ key: 'returns', label: '退回次数', children: `${t.returnCount} 次` }] : []),
    {
      key: 'source',
      label: '来源',
      children: t.sourceLink ? <Link to={t.sourceLink}>{t.sourceLabel ?? t.sourceName}</Link> : (t.sourceLabel ?? t.sourceName),
    },
    ...(t.programmeId
      ? [{ key: 'programme', label: '所属方案', children: <Link to={`/programmes?id=${t.programmeId}`}>{t.programmeName}</Link> }]
      : []),
    { key: 'doneStandard', label: '完成标准', span: 2, children: <span style={{ whiteSpace: 'pre-wrap' }}>{t.doneStandard}</span> },
    ...(t.description
      ? [{ key: 'description', label: '任务说明', span: 2, children: <span style={{ whiteSpace: 'pre-wrap' }}>{t.description}</span> }]
      : []),
  ];
}

/** The reason of the latest return, shown on top while the task waits for a new completion report. */
function lastReturn(t: TaskDetail): TimelineEvent | undefined {
  if (t.status !== 'returned') return undefined;
  return [...t.timeline].reverse().find((e) => e.kind === 'returned');
}

export function TaskDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const task = useTask(id);
  const refresh = useRefreshTasks();
  const screens = Grid.useBreakpoint();
  const phone = screens.md === false;
  const [step, setStep] = useState<TaskAction | null>(null);
  const [editing, setEditing] = useState(false);
  // Each opening mounts a fresh dialog, so no text lingers from the previous step.
  const [seq, setSeq] = useState(0);
  const t = task.data;
  const returned = t && lastReturn(t);

  const buttons = t && (
    <Space wrap>
      {ACTION_ORDER.filter((a) => t.can?.[a.action]).map((a) => (
        <Button
          key={a.action}
          type={a.primary ? 'primary' : 'default'}
          danger={a.danger}
          onClick={() => {
            setSeq((n) => n + 1);
            setStep(a.action);
          }}
        >
          {a.label}
        </Button>
      ))}
      {t.can?.edit && (
        <Button
          onClick={() => {
            setSeq((n) => n + 1);
            setEditing(true);
          }}
        >
          修改
        </Button>
      )}
    </Space>
  );

  return (
    <>
      <DetailDrawer
        title={t ? `督办事项：${t.title}` : '督办事项'}
        open={!!id}
        onClose={onClose}
        loading={task.isPending && !!id}
        extra={!phone && buttons}
        width={720}
        history={t && { title: '办理过程', items: [...t.timeline].reverse().map(timelineItem) }}
      >
        {task.isError && <Alert type="error" showIcon title={errorMessage(task.error)} />}
        {t && (
          <Flex vertical gap={16}>
            {phone && buttons}
            {returned && (
              <Alert
                type="warning"
                showIcon
                title={`已被退回（${returned.byName ?? ''} ${formatInstant(returned.at)}），请整改后重新提交完成报告`}
                description={<span style={{ whiteSpace: 'pre-wrap' }}>退回原因：{returned.reason}</span>}
              />
            )}
            {t.status === 'completionReported' && t.can?.verify && (
              <Alert type="info" showIcon title="责任人已提交完成报告，请对照完成标准验收：通过则销号，未达标则退回并说明原因。" />
            )}
            <Descriptions column={phone ? 1 : 2} bordered size="small" items={facts(t)} styles={{ label: { whiteSpace: 'nowrap' } }} />
            <div>
              <Divider titlePlacement="start" style={{ marginTop: 0 }}>
                附件（{t.attachments?.length ?? 0}）
              </Divider>
              <TaskAttachments task={t} />
            </div>
          </Flex>
        )}
      </DetailDrawer>
      <Fragment key={seq}>
        <TaskStepModal
          task={t}
          action={step}
          onClose={() => setStep(null)}
          onDone={() => void refresh()}
        />
        {t && (
          <DeployTaskModal open={editing} task={t} onClose={() => setEditing(false)} onDone={() => void refresh()} />
        )}
      </Fragment>
    </>
  );
}
