// Small pieces shared by the 组织生活 pages: kind and status tags, traffic-light dots, the quorum and vote lines.
import { Badge, Tag, Typography } from 'antd';
import {
  ATTENDANCE_COLOR,
  ATTENDANCE_LABEL,
  LIGHT_COLOR,
  LIGHT_LABEL,
  STATUS_COLOR,
  STATUS_LABEL,
  kindColor,
  type ActivityStatus,
  type AttendanceStatus,
  type Light,
  type Quorum,
  type VoteResult,
} from './types';

export function KindTag({ kind, name }: { kind: string; name: string }) {
  return (
    <Tag color={kindColor(kind)} style={{ marginInlineEnd: 0 }}>
      {name}
    </Tag>
  );
}

export function StatusTag({ status, name }: { status: ActivityStatus; name?: string }) {
  return <Tag color={STATUS_COLOR[status]}>{name ?? STATUS_LABEL[status]}</Tag>;
}

export function AttendanceTag({ status }: { status: AttendanceStatus }) {
  return <Tag color={ATTENDANCE_COLOR[status]}>{ATTENDANCE_LABEL[status]}</Tag>;
}

export function LightDot({ light, text }: { light: Light; text?: string }) {
  return <Badge color={LIGHT_COLOR[light]} text={text ?? LIGHT_LABEL[light]} aria-label={LIGHT_LABEL[light]} />;
}

/** 应到 N 人，实到 M 人，符合/不符合法定人数 — the numbers as the server computed them. */
export function QuorumLine({ quorum }: { quorum: Quorum }) {
  return (
    <Typography.Text type={quorum.reached ? 'success' : 'danger'} data-testid="quorum">
      应到 {quorum.expected} 人，实到 {quorum.present} 人，{quorum.reached ? '符合法定人数' : '不符合法定人数（须超过应到人数的半数）'}
    </Typography.Text>
  );
}

/** 赞成 x 票，超过/未超过应到会有表决权党员半数，通过/未通过. */
export function VoteLine({ vote }: { vote: VoteResult }) {
  const half = vote.entitled / 2;
  return (
    <Typography.Text type={vote.passed ? 'success' : 'danger'}>
      赞成 {vote.yes} 票、反对 {vote.no} 票、弃权 {vote.abstain} 票；应到会有表决权党员 {vote.entitled} 人，赞成票
      {vote.yes > half ? '超过' : '未超过'}半数，{vote.passed ? '通过' : '未通过'}
    </Typography.Text>
  );
}
