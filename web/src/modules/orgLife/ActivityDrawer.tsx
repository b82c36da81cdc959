// One 组织生活 record: facts, status steps (标记为已召开, 归档; archived is read-only), 投屏签到, the
// attendance sheet, minutes/decisions, votes with the quorum and pass result the server computed, photos and files.
import { useEffect, useState } from 'react';
import { Alert, App, Button, Descriptions, Flex, Grid, Input, InputNumber, Popconfirm, Space, Tabs, Tooltip, Typography } from 'antd';
import type { DescriptionsProps } from 'antd';
import { DeleteOutlined, PlusOutlined, QrcodeOutlined } from '@ant-design/icons';
import { api, errorMessage } from '../../api/client';
import { DetailDrawer } from '../../components/DetailDrawer';
import { formatInstantMinute, formatInstantRange } from '../../lib/time';
import { useActivity, useRefreshOrgLife } from './api';
import { ActivityFormModal } from './ActivityForm';
import { ActivityFiles } from './ActivityFiles';
import { AttendanceSheet } from './AttendanceSheet';
import { KindTag, QuorumLine, StatusTag, VoteLine } from './parts';
import { INCOMPLETE_LABEL, activityUrl, formatRate, type ActivityDetail, type Vote } from './types';

function facts(a: ActivityDetail): DescriptionsProps['items'] {
  return [
    { key: 'kind', label: '类型', children: <KindTag kind={a.kind} name={a.kindName} /> },
    { key: 'status', label: '状态', children: <StatusTag status={a.status} name={a.statusName} /> },
    { key: 'org', label: '党组织', children: a.orgName },
    { key: 'time', label: '时间', children: formatInstantRange(a.startsAt, a.endsAt) },
    { key: 'place', label: '地点', children: a.place || '-' },
    { key: 'host', label: '主持人', children: a.hostName || '-' },
    { key: 'recorder', label: '记录人', children: a.recorderName || '-' },
    ...(a.lecturerName ? [{ key: 'lecturer', label: '授课人', children: a.lecturerName }] : []),
    ...(a.themeTitle ? [{ key: 'theme', label: '本月主题', children: a.themeTitle }] : []),
    {
      key: 'rate',
      label: '出勤率',
      children: (
        <span data-testid="drawer-attendance-rate">
          {formatRate(a.rate)}（应到 {a.expected} 人，出席 {a.present} 人{a.leave ? `，请假 ${a.leave} 人` : ''}{a.absent ? `，缺席 ${a.absent} 人` : ''}{a.visitors ? `，列席 ${a.visitors} 人` : ''}）
        </span>
      ),
    },
    ...(a.agenda ? [{ key: 'agenda', label: '议程', span: 2, children: <span style={{ whiteSpace: 'pre-wrap' }}>{a.agenda}</span> }] : []),
  ];
}

/** Minutes and decisions, edited in place (the server keeps them read-only once archived). */
function MinutesEditor({ activity, editable }: { activity: ActivityDetail; editable: boolean }) {
  const { message } = App.useApp();
  const refresh = useRefreshOrgLife();
  const [minutes, setMinutes] = useState(activity.minutes ?? '');
  const [decisions, setDecisions] = useState(activity.decisions ?? '');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const dirty = minutes !== (activity.minutes ?? '') || decisions !== (activity.decisions ?? '');

  if (!editable) {
    return (
      <Flex vertical gap={8}>
        <div>
          <Typography.Text type="secondary">会议记录：</Typography.Text>
          <div style={{ whiteSpace: 'pre-wrap' }}>{activity.minutes || '（无）'}</div>
        </div>
        <div>
          <Typography.Text type="secondary">决议事项：</Typography.Text>
          <div style={{ whiteSpace: 'pre-wrap' }}>{activity.decisions || '（无）'}</div>
        </div>
      </Flex>
    );
  }
  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      await api.patch(activityUrl(activity.id), { minutes: minutes.trim(), decisions: decisions.trim() });
      void message.success('记录已保存');
      await refresh();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Flex vertical gap={8}>
      {error && <Alert type="error" showIcon title={error} />}
      <label>
        <Typography.Text type="secondary">会议记录</Typography.Text>
        <Input.TextArea rows={6} value={minutes} maxLength={20000} onChange={(e) => setMinutes(e.target.value)} placeholder="会议过程、发言要点" aria-label="会议记录" />
      </label>
      <label>
        <Typography.Text type="secondary">决议事项</Typography.Text>
        <Input.TextArea rows={3} value={decisions} maxLength={4000} onChange={(e) => setDecisions(e.target.value)} placeholder="形成的决定，一项一行" aria-label="决议事项" />
      </label>
      <div>
        <Button type="primary" size="small" loading={saving} disabled={!dirty} onClick={() => void save()}>
          保存记录
        </Button>
      </div>
    </Flex>
  );
}

/** 党员大会 votes: motions with yes/no/abstain; the pass result comes back from the server. */
function VotesEditor({ activity, editable }: { activity: ActivityDetail; editable: boolean }) {
  const { message } = App.useApp();
  const refresh = useRefreshOrgLife();
  const [votes, setVotes] = useState<Vote[]>(() => activity.votes.map(({ motion, yes, no, abstain }) => ({ motion, yes, no, abstain })));
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const dirty = JSON.stringify(votes) !== JSON.stringify(activity.votes.map((v) => ({ motion: v.motion, yes: v.yes, no: v.no, abstain: v.abstain })));
  const set = (i: number, patch: Partial<Vote>) => setVotes((vs) => vs.map((v, j) => (j === i ? { ...v, ...patch } : v)));

  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      await api.patch(activityUrl(activity.id), { votes: votes.map((v) => ({ ...v, motion: v.motion.trim() })) });
      void message.success('表决结果已保存');
      await refresh();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Flex vertical gap={8}>
      {activity.votes.map((r, i) => (
        <div key={i}>
          <Typography.Text strong>{r.motion}：</Typography.Text>
          <VoteLine vote={r} />
        </div>
      ))}
      {editable && (
        <>
          {error && <Alert type="error" showIcon title={error} />}
          {votes.map((v, i) => (
            <Flex key={i} wrap gap={8} align="center">
              <Input style={{ flex: '1 1 200px' }} placeholder="表决事项，如：接收张三为预备党员" value={v.motion} aria-label={`表决事项${i + 1}`} onChange={(e) => set(i, { motion: e.target.value })} maxLength={200} />
              <Space size={4}>
                赞成
                <InputNumber min={0} style={{ width: 64 }} value={v.yes} aria-label="赞成票" onChange={(n) => set(i, { yes: n ?? 0 })} />
                反对
                <InputNumber min={0} style={{ width: 64 }} value={v.no} aria-label="反对票" onChange={(n) => set(i, { no: n ?? 0 })} />
                弃权
                <InputNumber min={0} style={{ width: 64 }} value={v.abstain} aria-label="弃权票" onChange={(n) => set(i, { abstain: n ?? 0 })} />
              </Space>
              <Button type="text" danger icon={<DeleteOutlined />} aria-label="删除表决事项" onClick={() => setVotes((vs) => vs.filter((_, j) => j !== i))} />
            </Flex>
          ))}
          <Space>
            <Button size="small" icon={<PlusOutlined />} onClick={() => setVotes((vs) => [...vs, { motion: '', yes: 0, no: 0, abstain: 0 }])}>
              添加表决事项
            </Button>
            <Button size="small" type="primary" loading={saving} disabled={!dirty} onClick={() => void save()}>
              保存表决结果
            </Button>
          </Space>
        </>
      )}
      {!editable && votes.length === 0 && <Typography.Text type="secondary">无表决事项</Typography.Text>}
    </Flex>
  );
}

/**
 * 标记为已召开: the server accepts it from the start time on (service.ts transition), so before then the button is
 * shown disabled with the time it becomes possible, and only then is it the drawer's main action.
 */
function HoldButton({ activity, onHold }: { activity: ActivityDetail; onHold: () => void }) {
  const [now, setNow] = useState(() => Date.now());
  const startsAt = Date.parse(activity.startsAt);
  useEffect(() => {
    if (now >= startsAt) return;
    // Re-check when the meeting starts (capped: a timer longer than ~24 days fires at once).
    const timer = setTimeout(() => setNow(Date.now()), Math.min(startsAt - now + 500, 2 ** 31 - 1));
    return () => clearTimeout(timer);
  }, [now, startsAt]);
  if (now < startsAt) {
    return (
      <Tooltip title={`活动开始（${formatInstantMinute(activity.startsAt)}）后才能标记为已召开`}>
        <Button disabled>标记为已召开</Button>
      </Tooltip>
    );
  }
  return (
    <Button type="primary" onClick={onHold}>
      标记为已召开
    </Button>
  );
}

export function ActivityDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const activity = useActivity(id);
  const refresh = useRefreshOrgLife();
  const { message, modal } = App.useApp();
  const screens = Grid.useBreakpoint();
  const phone = screens.md === false;
  const [editing, setEditing] = useState(false);
  const [seq, setSeq] = useState(0);
  const a = activity.data;
  const archived = a?.status === 'archived';
  const canWrite = !!a && a.can.edit && !archived;

  const step = async (action: 'hold' | 'archive') => {
    if (!a) return;
    try {
      await api.post(activityUrl(a.id, action), {});
      void message.success(action === 'hold' ? '已标记为已召开' : '已归档');
      await refresh();
    } catch (e) {
      modal.error({ title: action === 'hold' ? '无法标记为已召开' : '无法归档', content: errorMessage(e) });
    }
  };

  const remove = async () => {
    if (!a) return;
    try {
      await api.delete(activityUrl(a.id));
      void message.success('活动已删除');
      onClose();
      await refresh();
    } catch (e) {
      modal.error({ title: '无法删除', content: errorMessage(e) });
    }
  };

  const buttons = a && (
    <Space wrap>
      {a.status !== 'archived' && a.can.qr && (
        <Button icon={<QrcodeOutlined />} onClick={() => window.open(`/org-life/projector/${a.id}`, '_blank', 'noopener')}>
          投屏签到
        </Button>
      )}
      {a.status === 'planned' && a.can.hold && <HoldButton activity={a} onHold={() => void step('hold')} />}
      {a.status === 'held' && a.can.archive && (
        <Popconfirm title="归档后记录不能再修改，确定归档？" okText="归档" cancelText="取消" onConfirm={() => step('archive')}>
          <Button>归档</Button>
        </Popconfirm>
      )}
      {canWrite && (
        <Button
          onClick={() => {
            setSeq((n) => n + 1);
            setEditing(true);
          }}
        >
          修改
        </Button>
      )}
      {a.can.delete && (
        <Popconfirm title="删除这条计划中的活动？" okText="删除" okButtonProps={{ danger: true }} cancelText="取消" onConfirm={() => remove()}>
          <Button danger>删除</Button>
        </Popconfirm>
      )}
    </Space>
  );

  return (
    <>
      <DetailDrawer
        title={a ? `组织生活：${a.title}` : '组织生活'}
        open={!!id}
        onClose={onClose}
        loading={activity.isPending && !!id}
        extra={!phone && buttons}
        width={860}
      >
        {activity.isError && <Alert type="error" showIcon title={errorMessage(activity.error)} />}
        {a && (
          <Flex vertical gap={16} key={a.id}>
            {phone && buttons}
            {archived && <Alert type="info" showIcon title="已归档，记录只读" />}
            {a.incomplete.length > 0 && (
              <Alert type="warning" showIcon title="记录不完整" description={a.incomplete.map((c) => INCOMPLETE_LABEL[c] ?? c).join('；')} />
            )}
            <Descriptions column={phone ? 1 : 2} bordered size="small" items={facts(a)} styles={{ label: { whiteSpace: 'nowrap' } }} />
            {a.quorum && <QuorumLine quorum={a.quorum} />}
            <Tabs
              items={[
                {
                  key: 'attendance',
                  label: `签到表（${a.present}/${a.expected}）`,
                  // Keyed by the saved sheet so a save, a QR sign-in or a reload shows the server's state.
                  children: <AttendanceSheet key={JSON.stringify(a.attendance)} activity={a} editable={!archived && a.can.attendance} />,
                },
                {
                  key: 'minutes',
                  label: a.minutes ? '会议记录' : '会议记录（未填）',
                  children: <MinutesEditor key={`${a.minutes}|${a.decisions}`} activity={a} editable={canWrite} />,
                },
                ...(a.kind === 'partyCongress' || a.votes.length > 0
                  ? [{ key: 'votes', label: `表决（${a.votes.length}）`, children: <VotesEditor key={JSON.stringify(a.votes)} activity={a} editable={canWrite} /> }]
                  : []),
                {
                  key: 'files',
                  label: `照片和附件（${a.attachments.length}）`,
                  children: <ActivityFiles activity={a} editable={!archived && a.can.attach} />,
                },
              ]}
            />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {`${formatInstantMinute(a.createdAt)} 创建`}
              {a.heldAt ? `；${formatInstantMinute(a.heldAt)} 标记为已召开` : ''}
              {a.archivedAt ? `；${formatInstantMinute(a.archivedAt)} 归档` : ''}
            </Typography.Text>
          </Flex>
        )}
      </DetailDrawer>
      {a && (
        <ActivityFormModal key={seq} open={editing} activity={a} onClose={() => setEditing(false)} onDone={() => void refresh()} />
      )}
    </>
  );
}
