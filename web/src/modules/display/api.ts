// The 大屏 API as the web uses it (server/src/modules/display/schema.ts).
export const DISPLAY_URL = '/api/v1/display';

export type LinkStatus = 'active' | 'expired' | 'revoked';

export interface DisplayLink {
  id: string;
  orgId: string;
  orgName: string;
  place: string;
  status: LinkStatus;
  expiresOn: string | null;
  createdByName: string | null;
  createdAt: string;
  revokedByName: string | null;
  revokedAt: string | null;
  lastSeenAt: string | null;
}

export interface LinkList { items: DisplayLink[]; orgs: { id: string; name: string }[] }
export interface LinkIssued { link: DisplayLink; path: string }

export type Tone = 'red' | 'yellow' | 'green' | null;

export interface ScreenCard {
  key: string;
  title: string;
  period: string | null;
  figures: { label: string; value: number | null; unit: string; tone: Tone }[];
  chart: { kind: 'bar' | 'pie'; items: { label: string; value: number }[] } | null;
  lines: { label: string; note: string; tone: Tone }[];
}

export interface ScreenView { place: string; org: { name: string }; today: string; at: string; cards: ScreenCard[] }

export const STATUS_LABEL: Record<LinkStatus, { text: string; color: string }> = {
  active: { text: '使用中', color: 'success' },
  expired: { text: '已过期', color: 'default' },
  revoked: { text: '已停用', color: 'error' },
};
