// The header bell: unread notifications (polled every minute), opening 消息通知.
import { Link } from 'react-router';
import { Badge, theme } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useUnreadCount } from './api';

export function NotificationBell() {
  const unread = useUnreadCount();
  const { token } = theme.useToken();
  const n = unread.data ?? 0;
  return (
    <Link
      to="/notifications"
      aria-label={n > 0 ? `消息通知，${n} 条未读` : '消息通知'}
      title="消息通知"
      data-testid="notification-bell"
      style={{ display: 'inline-flex', alignItems: 'center', justifyContent: 'center', width: 44, height: 48, color: token.colorText }}
    >
      <Badge count={n} size="small" overflowCount={99}>
        <BellOutlined style={{ fontSize: 18 }} />
      </Badge>
    </Link>
  );
}
