// Small pieces shared by the 宣传 pages: status and level tags, the quality stars, the 1–5 rating input
// with the editor's criteria beside it, and one manuscript as a card (the phone list).
import { Card, Flex, Grid, Rate, Tag, Typography } from 'antd';
import { formatInstantMinute } from '../../lib/time';
import { usePublicitySettings } from './api';
import {
  CHANNEL_LABEL,
  LEVEL_COLOR,
  LEVEL_LABEL,
  STATUS_COLOR,
  STATUS_LABEL,
  labelOf,
  type Level,
  type ManuscriptListItem,
  type ManuscriptStatus,
  type QualityCriterion,
} from './types';

export function usePhone(): boolean {
  const screens = Grid.useBreakpoint();
  return screens.md === false;
}

export function StatusTag({ status }: { status: ManuscriptStatus }) {
  return (
    <Tag color={STATUS_COLOR[status] ?? 'default'} style={{ marginInlineEnd: 0 }}>
      {labelOf(STATUS_LABEL, status)}
    </Tag>
  );
}

export function LevelTag({ level }: { level: Level | null | undefined }) {
  if (!level) return <>-</>;
  return (
    <Tag color={LEVEL_COLOR[level] ?? 'default'} style={{ marginInlineEnd: 0 }}>
      {labelOf(LEVEL_LABEL, level)}
    </Tag>
  );
}

export function Quality({ value }: { value: number | null | undefined }) {
  if (value === null || value === undefined) return <Typography.Text type="secondary">未评定</Typography.Text>;
  return (
    <span aria-label={`质量 ${value} 分`} title={`${value} 分`}>
      <Rate disabled value={value} style={{ fontSize: 14 }} />
    </span>
  );
}

/** The descriptions of each score, used when the settings cannot be read. */
export const DEFAULT_CRITERIA: QualityCriterion[] = [
  { score: 5, text: '主题鲜明、事实准确、文字精炼、图文规范，可直接采用' },
  { score: 4, text: '主题明确、事实准确，文字稍加修改即可采用' },
  { score: 3, text: '内容基本完整，需要较多修改' },
  { score: 2, text: '要素不全或表述不清，需大幅修改' },
  { score: 1, text: '不符合要求' },
];

export function useQualityCriteria(): QualityCriterion[] {
  const settings = usePublicitySettings();
  const list = settings.data?.qualityCriteria;
  return list && list.length > 0 ? [...list].sort((a, b) => b.score - a.score) : DEFAULT_CRITERIA;
}

/** 1–5 stars for a Form.Item, with the criterion of every score listed and the chosen one marked. */
export function QualityInput({ id, value, onChange }: { id?: string; value?: number; onChange?: (v: number) => void }) {
  const criteria = useQualityCriteria();
  return (
    <Flex vertical gap={8}>
      <Rate id={id} value={value} onChange={(v) => onChange?.(v)} aria-label="质量评分" tooltips={[...criteria].sort((a, b) => a.score - b.score).map((c) => c.text)} />
      <Flex vertical gap={2} role="list" aria-label="评分标准" data-testid="quality-criteria">
        {criteria.map((c) => {
          const chosen = value === c.score;
          return (
            <Typography.Text
              key={c.score}
              role="listitem"
              type={chosen ? undefined : 'secondary'}
              strong={chosen}
              style={{ fontSize: 13, cursor: 'pointer', background: chosen ? '#fffbe6' : undefined, padding: '1px 4px', borderRadius: 4 }}
              onClick={() => onChange?.(c.score)}
            >
              {c.score} 分：{c.text}
            </Typography.Text>
          );
        })}
      </Flex>
    </Flex>
  );
}

/** One manuscript as a card: title, status, where it is aimed, dates. */
export function ManuscriptCard({ m, onOpen, showAuthor = false }: { m: ManuscriptListItem; onOpen: (id: string) => void; showAuthor?: boolean }) {
  return (
    <Card size="small" hoverable onClick={() => onOpen(m.id)} data-testid="manuscript-card" styles={{ body: { padding: 12 } }}>
      <Flex vertical gap={6}>
        <Flex justify="space-between" align="flex-start" gap={8}>
          <Typography.Link strong style={{ flex: 1, minWidth: 0 }} onClick={(e) => { e.stopPropagation(); onOpen(m.id); }}>
            {m.title}
          </Typography.Link>
          <StatusTag status={m.status} />
        </Flex>
        <Flex wrap gap={6} align="center">
          <Tag style={{ marginInlineEnd: 0 }}>{labelOf(CHANNEL_LABEL, m.channel)}</Tag>
          <LevelTag level={m.level} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
            {m.outlet}
          </Typography.Text>
        </Flex>
        <Flex wrap gap={12} style={{ fontSize: 12 }}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {m.orgName}
            {showAuthor ? ` · ${m.authorName}` : ''}
          </Typography.Text>
          {m.submittedAt && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              投稿 {formatInstantMinute(m.submittedAt)}
            </Typography.Text>
          )}
          {m.publishedOn && (
            <Typography.Text type="success" style={{ fontSize: 12 }}>
              刊发 {m.publishedOn}
            </Typography.Text>
          )}
          {m.revision > 1 && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              第 {m.revision} 稿
            </Typography.Text>
          )}
        </Flex>
        {m.quality !== null && m.quality !== undefined && <Quality value={m.quality} />}
      </Flex>
    </Card>
  );
}
