import { Tag } from 'antd';
import { daysUntil } from './orgs';

/** How soon a term ends: red when passed or within 30 days, orange within the reminder window, nothing otherwise. */
export function TermTag({ endsOn, daysLeft, window = 90 }: { endsOn: string | null; daysLeft?: number; window?: number }) {
  if (!endsOn) return null;
  const left = daysLeft ?? daysUntil(endsOn);
  if (left < 0) return <Tag color="red">已届满 {-left} 天</Tag>;
  if (left === 0) return <Tag color="red">今日届满</Tag>;
  if (left <= 30) return <Tag color="red">{left} 天后届满</Tag>;
  if (left <= window) return <Tag color="orange">{left} 天后届满</Tag>;
  return null;
}
