// Small pieces every 志愿服务 page shows the same way: risk and condition tags, the next-due date (red with the
// days when overdue), living situations, and chip pickers for a phone (one tap each, no dropdown).
import { Button, Flex, Tag, Typography } from 'antd';
import { label } from '../../lib/people';
import { CONDITION_COLOR, CONDITION_LABEL, LIVING_LABEL, RISK_COLOR, RISK_LABEL } from './types';

export function RiskTag({ risk }: { risk: string }) {
  return <Tag color={RISK_COLOR[risk]}>{label(RISK_LABEL, risk)}风险</Tag>;
}

export function ConditionTag({ condition }: { condition: string }) {
  return <Tag color={CONDITION_COLOR[condition]}>{label(CONDITION_LABEL, condition)}</Tag>;
}

export function livingText(living: readonly string[] | null | undefined): string {
  return living && living.length > 0 ? living.map((l) => label(LIVING_LABEL, l)).join('、') : '-';
}

/** The next visit's due date; red with the days when it has passed. */
export function DueText({ nextDueOn, overdueDays }: { nextDueOn: string | null; overdueDays: number | null }) {
  if (!nextDueOn) return <>-</>;
  if (overdueDays && overdueDays > 0) {
    return (
      <Typography.Text type="danger" data-testid="due">
        {nextDueOn}（超期 {overdueDays} 天）
      </Typography.Text>
    );
  }
  return <span data-testid="due">{nextDueOn}</span>;
}

/** One choice out of a few, as tappable chips. */
export function ChipSelect<V extends string | number>({
  value,
  onChange,
  options,
  ariaLabel,
}: {
  value?: V | null;
  onChange?: (v: V) => void;
  options: { value: V; label: string }[];
  ariaLabel: string;
}) {
  return (
    <Flex wrap gap={8} role="radiogroup" aria-label={ariaLabel}>
      {options.map((o) => (
        <Button
          key={String(o.value)}
          shape="round"
          type={value === o.value ? 'primary' : 'default'}
          role="radio"
          aria-checked={value === o.value}
          onClick={() => onChange?.(o.value)}
        >
          {o.label}
        </Button>
      ))}
    </Flex>
  );
}
