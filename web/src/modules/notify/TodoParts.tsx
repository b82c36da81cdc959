// One 待办 row, shared by 我的待办 and the 工作台 card: the title opening the record, where it is and how long it
// has waited, its due date or how many days overdue, and the actions (去处理 opens the record; a kind whose next
// step is one safe click, like 接收 a 督办 task, also offers that step inline through the module's own API).
import { useState, type ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import { App, Button, Flex, Tag, Typography } from 'antd';
import { api, errorMessage } from '../../api/client';
import { daysBetween, formatInstant, formatInstantDate } from '../../lib/time';
import { taskUrl, useRefreshTasks } from '../tasks/api';
import type { TodoItem } from './types';

/** The due date in words: 逾期 N 天, 今天到期, 还剩 N 天 (with the date). */
export function DueLabel({ item, today }: { item: TodoItem; today: string }) {
  if (!item.due) return null;
  const left = daysBetween(today, item.due);
  if (item.overdue) {
    return (
      <Tag color="error" style={{ marginInlineEnd: 0 }}>
        {left < 0 ? `逾期 ${-left} 天` : '已逾期'} · 截止 {item.due}
      </Tag>
    );
  }
  return (
    <Typography.Text type={left <= 3 ? 'warning' : 'secondary'} style={{ whiteSpace: 'nowrap' }}>
      截止 {item.due}（{left === 0 ? '今天到期' : `还剩 ${left} 天`}）
    </Typography.Text>
  );
}

/** 接收 a 督办 task in one click: the same POST the task drawer sends (without the optional note). */
function AcceptTask({ item }: { item: TodoItem }) {
  const { message } = App.useApp();
  const refresh = useRefreshTasks();
  const [busy, setBusy] = useState(false);
  const accept = async () => {
    setBusy(true);
    try {
      await api.post(taskUrl(item.entityId, 'accept'), {});
      void message.success(`已接收：${item.title}`);
      await refresh();
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button size="small" type="primary" loading={busy} onClick={() => void accept()}>
      接收
    </Button>
  );
}

/** Kinds whose next step is one safe click, with the button that takes it. */
const INLINE: Record<string, (props: { item: TodoItem }) => ReactNode> = {
  'task.accept': AcceptTask,
};

/** How long the item has waited, by Shanghai calendar days: 今天新到, 已等待 3 天. */
function waited(since: string, today: string): string {
  const days = daysBetween(formatInstantDate(since), today);
  return days <= 0 ? '今天新到' : `已等待 ${days} 天`;
}

export function TodoRow({ item, kindName, today, actions = true }: { item: TodoItem; kindName?: string; today: string; actions?: boolean }) {
  const navigate = useNavigate();
  const Inline = INLINE[item.kind];
  return (
    <Flex vertical gap={4} style={{ width: '100%', minWidth: 0 }}>
      <Link to={item.link} style={{ overflowWrap: 'anywhere', ...(item.overdue ? { color: '#cf1322' } : {}) }}>
        {kindName && <Tag color={item.overdue ? 'red' : 'blue'}>{kindName}</Tag>}
        {item.title}
      </Link>
      {(item.orgName || item.since) && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {item.orgName}
          {item.orgName && item.since && ' · '}
          {item.since && <span title={`${formatInstant(item.since)} 起`}>{waited(item.since, today)}</span>}
        </Typography.Text>
      )}
      {(item.due || actions) && (
        <Flex justify="space-between" align="center" wrap gap={8}>
          <span>
            <DueLabel item={item} today={today} />
          </span>
          {actions && (
            <Flex gap={8}>
              {Inline && <Inline item={item} />}
              <Button size="small" type={Inline ? 'default' : 'primary'} ghost={!Inline} onClick={() => void navigate(item.link)}>
                去处理
              </Button>
            </Flex>
          )}
        </Flex>
      )}
    </Flex>
  );
}
