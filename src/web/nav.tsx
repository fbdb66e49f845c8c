import { lazy, type ComponentType, type ReactNode } from 'react';
import {
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  BellOutlined,
  CalendarOutlined,
  ControlOutlined,
  DesktopOutlined,
  FileSearchOutlined,
  FileTextOutlined,
  MailOutlined,
  NotificationOutlined,
  SafetyCertificateOutlined,
  SendOutlined,
  TableOutlined,
  TeamOutlined,
  UserSwitchOutlined,
} from '@ant-design/icons';
import type { Audience } from './components/access';
import { WorkbenchPage } from './pages/workbench/WorkbenchPage';
import { NotificationsPage } from './pages/notifications/NotificationsPage';

/**
 * One list drives both the side menu and the guarded routes, so a page can
 * never be in the menu for a role that the route refuses (or the reverse).
 * Admin pages are split into their own chunks: business users never load them.
 */
export interface NavItem {
  path: string;
  label: string;
  icon: ReactNode;
  /** who may open the page */
  audience: readonly Audience[];
  /** who sees it in the side menu, when narrower than `audience` (personal pages reached from the header) */
  menuAudience?: readonly Audience[];
  Page: ComponentType;
}

const everyone: readonly Audience[] = ['business', 'sysadmin', 'secadmin', 'auditor'];

export const inMenu = (n: NavItem): readonly Audience[] => n.menuAudience ?? n.audience;

const named = <K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) =>
  lazy(async () => ({ default: (await load())[name] }));

export const navItems: readonly NavItem[] = [
  { path: '/workbench', label: '我的工作台', icon: <DesktopOutlined />, audience: ['business'], Page: WorkbenchPage },
  {
    path: '/matters',
    label: '督查台账',
    icon: <FileSearchOutlined />,
    audience: ['business'],
    Page: named(() => import('./pages/matters/LedgerPage'), 'LedgerPage'),
  },
  // Reached from the ledger and from links (workbench, notifications), never from the menu itself.
  {
    path: '/matters/new',
    label: '立项',
    icon: <FileSearchOutlined />,
    audience: ['business'],
    menuAudience: [],
    Page: named(() => import('./pages/matters/NewMatterPage'), 'NewMatterPage'),
  },
  // 录入批示: a leader, the office staff or the supervisor, from the ledger's toolbar (the page refuses other roles, as the API does).
  {
    path: '/instructions/new',
    label: '录入领导批示',
    icon: <FileTextOutlined />,
    audience: ['business'],
    menuAudience: [],
    Page: named(() => import('./pages/matters/RecordInstructionPage'), 'RecordInstructionPage'),
  },
  {
    path: '/matters/:id',
    label: '事项详情',
    icon: <FileSearchOutlined />,
    audience: ['business'],
    menuAudience: [],
    Page: named(() => import('./pages/matters/MatterDetailPage'), 'MatterDetailPage'),
  },
  // The board is its own chunk: ECharts is loaded only by whoever opens it.
  {
    path: '/board',
    label: '挂图作战',
    icon: <BarChartOutlined />,
    audience: ['business'],
    Page: named(() => import('./pages/board/BoardPage'), 'BoardPage'),
  },
  // The figures of GET /supervision/stats (every business role may read them, each for its own scope).
  {
    path: '/stats',
    label: '督办统计',
    icon: <TableOutlined />,
    audience: ['business'],
    Page: named(() => import('./pages/stats/StatsPage'), 'StatsPage'),
  },
  {
    path: '/bulletins',
    label: '督查通报',
    icon: <FileTextOutlined />,
    audience: ['business'],
    Page: named(() => import('./pages/bulletins/BulletinsPage'), 'BulletinsPage'),
  },
  {
    path: '/bulletins/:id',
    label: '通报详情',
    icon: <FileTextOutlined />,
    audience: ['business'],
    menuAudience: [],
    Page: named(() => import('./pages/bulletins/BulletinDetailPage'), 'BulletinDetailPage'),
  },
  // Every business account may read the rules behind the lights; only the supervisor edits (the page says so).
  {
    path: '/supervision/settings',
    label: '督办设置',
    icon: <ControlOutlined />,
    audience: ['business'],
    Page: named(() => import('./pages/supervision-settings/SupervisionSettingsPage'), 'SupervisionSettingsPage'),
  },
  {
    path: '/notifications',
    label: '通知中心',
    icon: <BellOutlined />,
    audience: everyone,
    menuAudience: ['business'],
    Page: NotificationsPage,
  },
  {
    path: '/admin/units',
    label: '单位管理',
    icon: <ApartmentOutlined />,
    audience: ['sysadmin'],
    Page: named(() => import('./pages/units/UnitsPage'), 'UnitsPage'),
  },
  {
    path: '/admin/users',
    label: '用户管理',
    icon: <TeamOutlined />,
    audience: ['sysadmin'],
    Page: named(() => import('./pages/users/UsersPage'), 'UsersPage'),
  },
  {
    path: '/admin/calendar',
    label: '工作日历',
    icon: <CalendarOutlined />,
    audience: ['sysadmin'],
    Page: named(() => import('./pages/calendar/CalendarPage'), 'CalendarPage'),
  },
  {
    path: '/admin/channels',
    label: '通知渠道',
    icon: <NotificationOutlined />,
    audience: ['sysadmin'],
    Page: named(() => import('./pages/channels/ChannelsPage'), 'ChannelsPage'),
  },
  {
    path: '/admin/outbox',
    label: '投递记录',
    icon: <SendOutlined />,
    audience: ['sysadmin'],
    Page: named(() => import('./pages/outbox/OutboxPage'), 'OutboxPage'),
  },
  {
    path: '/admin/smtp',
    label: 'SMTP 设置',
    icon: <MailOutlined />,
    audience: ['sysadmin'],
    Page: named(() => import('./pages/smtp/SmtpPage'), 'SmtpPage'),
  },
  {
    path: '/admin/roles',
    label: '角色授权',
    icon: <UserSwitchOutlined />,
    audience: ['secadmin'],
    Page: named(() => import('./pages/roles/RolesPage'), 'RolesPage'),
  },
  {
    path: '/admin/security',
    label: '安全策略',
    icon: <SafetyCertificateOutlined />,
    audience: ['secadmin'],
    Page: named(() => import('./pages/security/SecurityPage'), 'SecurityPage'),
  },
  {
    path: '/admin/audit',
    label: '审计日志',
    icon: <AuditOutlined />,
    audience: ['auditor'],
    Page: named(() => import('./pages/audit/AuditPage'), 'AuditPage'),
  },
];
