import { useNavigate } from 'react-router';
import { Avatar, Card, Col, Descriptions, Empty, Row, Space, Tag, Typography } from 'antd';
import { UserOutlined } from '@ant-design/icons';
import { BUSINESS, useSession } from '../../app/session';
import { ACCOUNT_PAGES, isGroup, visibleNav, type NavPage } from '../../app/nav';
import { PageContainer } from '../../components/PageContainer';
import { orgKindColor, orgKindLabel } from '../org/orgs';
import { TodoSummaryCard } from '../notify/TodoSummaryCard';
import { Dashboard } from './Dashboard';
import { useWho } from '../me/api';

function greeting(): string {
  const hour = Number(
    new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Shanghai', hour: 'numeric', hourCycle: 'h23' }).format(new Date()),
  );
  if (hour < 6) return '夜深了';
  if (hour < 12) return '上午好';
  if (hour < 14) return '中午好';
  if (hour < 18) return '下午好';
  return '晚上好';
}

function EntryCard({ page, group }: { page: NavPage; group?: string }) {
  const navigate = useNavigate();
  return (
    <Card hoverable size="small" data-path={page.path} onClick={() => void navigate(page.path)} style={{ height: '100%' }}>
      <Card.Meta
        avatar={<span style={{ fontSize: 24, color: '#c8161d' }}>{page.icon}</span>}
        title={page.label}
        description={page.description ?? group}
      />
    </Card>
  );
}

export default function HomePage() {
  const { me, can } = useSession();
  // 三员 accounts are dedicated (三员分立): no business figures, no member record to greet them by.
  const business = can(BUSINESS);
  const who = useWho(business && can('self.read') && !me.user.mustChangePassword).data;
  const entries = visibleNav(can).flatMap((e): { page: NavPage; group?: string }[] =>
    isGroup(e) ? e.children.map((page) => ({ page, group: e.label })) : e.path === '/' ? [] : [{ page: e }],
  );

  return (
    <PageContainer title="工作台">
      <Card>
        <Space align="start" size={16} wrap>
          <Avatar size={56} icon={<UserOutlined />} style={{ background: '#c8161d' }} />
          <div>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {greeting()}，<span data-testid="greeting-name">{who?.name ?? me.user.displayName}</span>
            </Typography.Title>
            <Typography.Text type="secondary">
              {me.user.tenantName}{who?.branchName ? ` · ${[who.branchName, who.groupName].filter(Boolean).join(' · ')}` : ''} · 用户名 {me.user.username}
            </Typography.Text>
          </div>
        </Space>
        <Descriptions column={1} size="small" style={{ marginTop: 16 }}>
          <Descriptions.Item label="我的角色">
            {me.roles.length === 0 ? (
              <Typography.Text type="secondary">尚未被授予角色，请联系安全保密员</Typography.Text>
            ) : (
              <Space size={[4, 4]} wrap>
                {me.roles.map((r) => (
                  <Tag key={r.grantId} color="red">
                    {r.roleName}（{r.orgName}）
                  </Tag>
                ))}
              </Space>
            )}
          </Descriptions.Item>
          <Descriptions.Item label="管辖范围">
            {me.scope.length === 0 ? (
              <Typography.Text type="secondary">无</Typography.Text>
            ) : (
              <Space size={[4, 4]} wrap>
                {me.scope.map((s) => (
                  <Tag key={s.orgId} color={orgKindColor(s.orgKind)}>
                    {orgKindLabel(s.orgKind)} · {s.orgName}
                  </Tag>
                ))}
              </Space>
            )}
          </Descriptions.Item>
        </Descriptions>
      </Card>

      {business && !me.user.mustChangePassword && <Dashboard />}
      {!me.user.mustChangePassword && <TodoSummaryCard />}

      <Card title="我可以使用的功能">
        {entries.length === 0 ? (
          <Empty description="暂无可用功能，请联系安全保密员授权" />
        ) : (
          <Row gutter={[16, 16]}>
            {entries.map(({ page, group }) => (
              <Col key={page.path} xs={24} sm={12} lg={8} xl={6}>
                <EntryCard page={page} group={group} />
              </Col>
            ))}
          </Row>
        )}
      </Card>

      <Card title="我的账号">
        <Row gutter={[16, 16]}>
          {ACCOUNT_PAGES.map((page) => (
            <Col key={page.path} xs={24} sm={12} lg={8} xl={6}>
              <EntryCard page={page} />
            </Col>
          ))}
        </Row>
      </Card>
    </PageContainer>
  );
}
