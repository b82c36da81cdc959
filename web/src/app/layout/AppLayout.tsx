import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { Avatar, Breadcrumb, Button, Drawer, Dropdown, Grid, Layout, Menu, Space, Typography, theme } from 'antd';
import type { MenuProps } from 'antd';
import {
  BankOutlined,
  KeyOutlined,
  LaptopOutlined,
  LogoutOutlined,
  MenuFoldOutlined,
  MenuUnfoldOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useSession } from '../session';
import { breadcrumbFor, isGroup, menuKeysFor, visibleNav, type NavEntry } from '../nav';
import { NotificationBell } from '../../modules/notify/NotificationBell';

const { Header, Sider, Content, Footer } = Layout;

type MenuItem = Required<MenuProps>['items'][number];

function toMenuItems(entries: NavEntry[]): MenuItem[] {
  return entries.map((entry) =>
    isGroup(entry)
      ? {
          key: entry.key,
          icon: entry.icon,
          label: entry.label,
          children: entry.children.map((page) => ({
            key: page.path,
            icon: page.icon,
            label: <Link to={page.path}>{page.label}</Link>,
          })),
        }
      : { key: entry.path, icon: entry.icon, label: <Link to={entry.path}>{entry.label}</Link> },
  );
}

function Logo({ collapsed }: { collapsed: boolean }) {
  return (
    <Link
      to="/"
      style={{
        display: 'flex',
        alignItems: 'center',
        gap: 10,
        height: 64,
        padding: collapsed ? '0 24px' : '0 20px',
        color: '#fff',
        overflow: 'hidden',
        whiteSpace: 'nowrap',
      }}
    >
      <img src="/favicon.svg" alt="" width={28} height={28} style={{ flex: 'none' }} />
      {!collapsed && <span style={{ fontSize: 17, fontWeight: 600, letterSpacing: 1 }}>社区党建管控系统</span>}
    </Link>
  );
}

/** The admin shell: side menu from the user's permissions, header, breadcrumbs. */
export function AppLayout({ children }: { children: ReactNode }) {
  const { me, can, logout } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  // Until the first measurement (empty object) assume a desktop.
  const isMobile = screens.md === false;
  const [collapsed, setCollapsed] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const { token } = theme.useToken();

  const forcedPasswordChange = me.user.mustChangePassword;
  const items = useMemo(() => toMenuItems(forcedPasswordChange ? [] : visibleNav(can)), [forcedPasswordChange, can]);
  const keys = menuKeysFor(location.pathname);
  const [openKeys, setOpenKeys] = useState<string[]>(keys.open);
  const routeGroup = keys.open[0];

  useEffect(() => {
    // Opening a page from elsewhere (a card, a link) unfolds its menu group.
    if (routeGroup) setOpenKeys((prev) => (prev.includes(routeGroup) ? prev : [...prev, routeGroup]));
  }, [routeGroup]);

  useEffect(() => {
    setDrawerOpen(false);
  }, [location.pathname]);

  const menu = (
    <Menu
      theme="dark"
      mode="inline"
      items={items}
      selectedKeys={keys.selected}
      openKeys={openKeys}
      onOpenChange={setOpenKeys}
    />
  );

  const userMenu: MenuProps = {
    items: [
      { key: '/change-password', icon: <KeyOutlined />, label: '修改密码' },
      { key: '/account/sessions', icon: <LaptopOutlined />, label: '登录会话' },
      { type: 'divider' },
      { key: 'logout', icon: <LogoutOutlined />, label: '退出登录', danger: true },
    ],
    onClick: ({ key }) => {
      if (key === 'logout') void logout();
      else void navigate(key);
    },
  };

  const crumbs = breadcrumbFor(location.pathname).map((c, i, all) => ({
    key: `${i}`,
    title: c.path && i < all.length - 1 ? <Link to={c.path}>{c.label}</Link> : c.label,
  }));

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {isMobile ? (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          size={240}
          closable={false}
          styles={{ body: { padding: 0, background: '#001529' } }}
        >
          <Logo collapsed={false} />
          {menu}
        </Drawer>
      ) : (
        <Sider
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          trigger={null}
          width={220}
          breakpoint="lg"
          onBreakpoint={(broken) => setCollapsed(broken)}
        >
          {/* The dark column runs the page's full height; the menu inside stays in view when scrolling. */}
          <div style={{ position: 'sticky', top: 0, maxHeight: '100vh', overflowY: 'auto' }}>
            <Logo collapsed={collapsed} />
            {menu}
          </div>
        </Sider>
      )}
      <Layout>
        <Header
          style={{
            position: 'sticky',
            top: 0,
            zIndex: 10,
            display: 'flex',
            alignItems: 'center',
            gap: 12,
            padding: '0 16px 0 8px',
            background: token.colorBgContainer,
            boxShadow: '0 1px 4px rgba(0, 21, 41, 0.08)',
          }}
        >
          <Button
            type="text"
            aria-label={isMobile || collapsed ? '展开菜单' : '收起菜单'}
            icon={isMobile || collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
            onClick={() => (isMobile ? setDrawerOpen(true) : setCollapsed((c) => !c))}
            style={{ fontSize: 16, width: 48, height: 48 }}
          />
          <div style={{ flex: 1, minWidth: 0, display: 'flex', alignItems: 'center', gap: 8, lineHeight: 1.5 }}>
            <BankOutlined style={{ color: token.colorPrimary, fontSize: 16 }} />
            <Typography.Text strong ellipsis style={{ maxWidth: isMobile ? 180 : 480, fontSize: 15 }} title={me.user.tenantName}>
              {me.user.tenantName}
            </Typography.Text>
          </div>
          {!forcedPasswordChange && <NotificationBell />}
          <Dropdown menu={userMenu} placement="bottomRight" trigger={['click']}>
            <Button type="text" style={{ height: 48, paddingInline: 8 }} aria-label="用户菜单">
              <Space size={8}>
                <Avatar size="small" icon={<UserOutlined />} style={{ background: token.colorPrimary }} />
                {!isMobile && <span>{me.user.displayName}</span>}
              </Space>
            </Button>
          </Dropdown>
        </Header>
        <Content style={{ padding: isMobile ? 12 : 24 }}>
          {crumbs.length > 1 && <Breadcrumb items={crumbs} style={{ marginBottom: 16 }} />}
          {children}
        </Content>
        <Footer style={{ textAlign: 'center', color: token.colorTextTertiary, padding: '12px 24px' }}>
          社区党建管控系统
        </Footer>
      </Layout>
    </Layout>
  );
}
