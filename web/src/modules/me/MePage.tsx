// 我的 (self.read), made for a phone: the person's own record (身份证号, phone and 住址 masked; 查看 shows them in clear
// and is audited), their branch and group, and each module's section about them with a link to its fuller page when
// they may open it. An account without a member record gets a page that says so.
import { useState } from 'react';
import { Link } from 'react-router';
import { Alert, Button, Card, Col, Descriptions, Empty, Flex, List, Row, Skeleton, Statistic, Tag, Typography } from 'antd';
import { errorMessage } from '../../api/client';
import { allPages } from '../../app/nav';
import { useSession } from '../../app/session';
import { PageContainer } from '../../components/PageContainer';
import { revealMine, useOverview, type Revealed, type Section } from './api';

const TONE_COLOR = { red: 'error', yellow: 'warning', green: 'success', grey: 'default' } as const;

/** The link of a section, when the reader may open the page it points at. */
function useOpenable(): (link: string | null) => string | null {
  const { can } = useSession();
  return (link) => {
    if (!link) return null;
    const path = link.split('?')[0];
    const page = allPages().find(({ page: p }) => p.path === path)?.page;
    return page && can(page.permission) ? link : null;
  };
}

function RecordSection({ s }: { s: Section }) {
  const [clear, setClear] = useState<Revealed | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const reveal = async () => {
    setBusy(true);
    setError(null);
    try {
      setClear(await revealMine());
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const valueOf = (key: string, value: string) => (clear && key in clear ? (clear[key as keyof Revealed] ?? '—') : value);
  return (
    <>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} />}
      <Descriptions column={{ xs: 1, sm: 2, lg: 3 }} size="small">
        {s.fields.map((f) => (
          <Descriptions.Item key={f.key} label={f.label}>
            <span data-field={f.key} style={{ wordBreak: 'break-all' }}>{valueOf(f.key, f.value)}</span>
            {f.key === 'idNumber' && !clear && (
              <Button size="small" type="link" loading={busy} onClick={() => void reveal()} style={{ paddingBlock: 0, height: 'auto' }}>查看</Button>
            )}
          </Descriptions.Item>
        ))}
      </Descriptions>
      {clear && <Typography.Text type="secondary" style={{ fontSize: 12 }}>明文查看已记入审计日志</Typography.Text>}
    </>
  );
}

/** Lines shown before 展开全部: a year of 组织生活 is dozens of lines, too long for a phone at once. */
const FIRST_LINES = 8;

function SectionCard({ s, openable }: { s: Section; openable: (link: string | null) => string | null }) {
  const link = openable(s.link);
  const [all, setAll] = useState(false);
  const items = all ? s.items : s.items.slice(0, FIRST_LINES);
  return (
    <Card
      size="small"
      data-section={s.key}
      title={<span>{s.title}{s.period && <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 8 }}>{s.period}</Typography.Text>}</span>}
      extra={link && <Link to={link}>详情</Link>}
    >
      {s.unavailable ? (
        <Alert type="warning" showIcon title="该部分暂时无法获取，请稍后刷新" />
      ) : s.key === 'members.record' ? (
        s.fields.length > 0 ? <RecordSection s={s} /> : <Empty description={s.empty ?? '暂无'} />
      ) : (
        <Flex vertical gap={8}>
          {s.figures.length > 0 && (
            <Row gutter={[8, 8]}>
              {s.figures.map((f) => (
                <Col key={f.label} xs={12} sm={8} md={6}>
                  <Statistic title={f.label} value={f.value ?? '—'} suffix={f.value === null ? undefined : f.unit} valueStyle={{ fontSize: 20 }} />
                </Col>
              ))}
            </Row>
          )}
          {s.items.length > 0 ? (
            <List
              size="small"
              dataSource={items}
              renderItem={(i) => (
                <List.Item data-item style={{ paddingInline: 0 }}>
                  <Flex vertical style={{ minWidth: 0, width: '100%' }}>
                    <Flex justify="space-between" gap={8}>
                      <Typography.Text ellipsis style={{ minWidth: 0 }}>{i.title}</Typography.Text>
                      {i.tag && <Tag color={TONE_COLOR[i.tone ?? 'grey']} bordered={false} style={{ marginInlineEnd: 0, flexShrink: 0 }}>{i.tag}</Tag>}
                    </Flex>
                    <Typography.Text type="secondary" style={{ fontSize: 12, wordBreak: 'break-all' }}>{[i.date, i.note].filter(Boolean).join(' · ')}</Typography.Text>
                  </Flex>
                </List.Item>
              )}
              footer={s.items.length > FIRST_LINES && !all ? <Button type="link" size="small" onClick={() => setAll(true)} style={{ paddingInline: 0 }}>展开全部（{s.items.length} 条）</Button> : undefined}
            />
          ) : (
            s.empty && <Typography.Text type="secondary">{s.empty}</Typography.Text>
          )}
        </Flex>
      )}
    </Card>
  );
}

export default function MePage() {
  const overview = useOverview();
  const openable = useOpenable();
  const v = overview.data;
  return (
    <PageContainer title="我的档案" subTitle={v?.linked ? `${v.name} · ${[v.branchName, v.groupName].filter(Boolean).join(' · ')}` : undefined}>
      <Flex vertical gap={12}>
        {overview.isError && <Alert type="error" showIcon title={errorMessage(overview.error)} />}
        {!v && !overview.isError && <Card><Skeleton active /></Card>}
        {v && !v.linked && (
          <Card><Empty description={`${v.name}：您的账号未关联党员档案，没有本人的档案、组织生活、学时和党费等记录。`} /></Card>
        )}
        {v?.sections.map((s) => <SectionCard key={s.key} s={s} openable={openable} />)}
      </Flex>
    </PageContainer>
  );
}
