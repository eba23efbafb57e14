import {
  AlertOutlined,
  ApartmentOutlined,
  BarChartOutlined,
  BookOutlined,
  AuditOutlined,
  CalendarOutlined,
  EnvironmentOutlined,
  FileTextOutlined,
  IdcardOutlined,
  LineChartOutlined,
  PhoneOutlined,
  SolutionOutlined,
  QrcodeOutlined,
  RadarChartOutlined,
  ScheduleOutlined,
  SettingOutlined,
  SwapOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import type { Permission } from '../../common/permissions';
import type { AccountMe } from '../features/auth/api';
import { CalendarMenuBadge } from '../features/calendar/menu-badge';
import { CasesMenuBadge } from '../features/cases/menu-badge';
import { JoinsMenuBadge } from '../features/joins/menu-badge';
import { hasPermission } from '../features/auth/permissions';
import type { MessageKeyOf } from '../lib/i18n';
import type { t } from './messages';

/** What every section page is given: the signed-in account and the grant root it works under. */
export interface SectionProps {
  me: AccountMe;
  rootId: number;
}

export interface AdminSection {
  /** The first segment of its URLs under /admin/, and its menu item's key. */
  path: string;
  /** Route parameters after the path, e.g. ':orgId?' for /admin/orgs/126. */
  params?: string;
  /** The menu label, from web/admin/messages.ts. */
  label: MessageKeyOf<typeof t>;
  icon: ReactNode;
  /**
   * Held on at least one grant (one of them, when a list), or the section is left out of the menu
   * and answers 「无权访问」; none: every account's.
   */
  permission?: Permission | readonly Permission[];
  /** A small reminder beside the menu item (e.g. the calendar's provisional-year dot for national admins). */
  badge?: ComponentType<{ me: AccountMe }>;
  /** Loaded when first opened, so the console's first load does not carry every page. */
  page: LazyExoticComponent<ComponentType<SectionProps>>;
}

const page = <P,>(load: () => Promise<ComponentType<P>>) =>
  lazy(() => load().then((component) => ({ default: component })));

/**
 * The console's screens, in menu order. A new screen is a folder under web/features/ and one
 * entry here: its route, menu item and permission guard are derived from the entry.
 */
export const ADMIN_SECTIONS: readonly AdminSection[] = [
  {
    path: 'orgs',
    params: ':orgId?',
    label: 'nav.orgs',
    icon: <ApartmentOutlined />,
    permission: 'orgs.read',
    page: page(() => import('../features/orgs/orgs-page').then((m) => m.OrgsPage)),
  },
  {
    path: 'members',
    label: 'nav.members',
    icon: <IdcardOutlined />,
    permission: 'members.read',
    page: page(() => import('../features/members/members-page').then((m) => m.MembersPage)),
  },
  {
    path: 'joins',
    // /admin/joins is the queue; /admin/joins/poster/:orgId one union's QR poster.
    params: ':view?/:orgId?',
    label: 'nav.joins',
    icon: <SolutionOutlined />,
    permission: 'joins.review',
    badge: JoinsMenuBadge,
    page: page(() => import('../features/joins/review-page').then((m) => m.JoinReviewPage)),
  },
  {
    path: 'transfers',
    label: 'nav.transfers',
    icon: <SwapOutlined />,
    // Both unions of a transfer see it with members.read; answering needs members.manage (the server decides).
    permission: 'members.read',
    page: page(() => import('../features/transfers/transfers-page').then((m) => m.TransfersPage)),
  },
  {
    path: 'cases',
    // /admin/cases is the queues; /admin/cases/:id one case open over them.
    params: ':id?',
    label: 'nav.cases',
    icon: <FileTextOutlined />,
    // Whoever takes, dispatches, handles or supervises cases; the server answers each one's queues.
    permission: ['cases.intake', 'cases.dispatch', 'cases.handle', 'cases.supervise'],
    badge: CasesMenuBadge,
    page: page(() => import('../features/cases/cases-page').then((m) => m.CasesPage)),
  },
  {
    path: 'case-figures',
    label: 'nav.caseFigures',
    icon: <LineChartOutlined />,
    // The server counts for holders of stats.read or cases.supervise over the org (rates.ts figuresPaths).
    permission: ['stats.read', 'cases.supervise'],
    page: page(() => import('../features/cases/figures-page').then((m) => m.CaseFiguresPage)),
  },
  {
    path: 'case-settings',
    label: 'nav.caseSettings',
    icon: <SettingOutlined />,
    // Read and set alike under cases.supervise (settings-service.ts orgInScope).
    permission: 'cases.supervise',
    page: page(() => import('../features/cases/settings-page').then((m) => m.CaseSettingsPage)),
  },
  {
    path: 'case-intake',
    label: 'nav.caseIntake',
    icon: <PhoneOutlined />,
    // The 12351 agent's (and any cadre's) intake form: a caller's request registered in under a minute.
    permission: 'cases.intake',
    page: page(() => import('../features/cases/intake-page').then((m) => m.IntakePage)),
  },
  {
    path: 'case-answers',
    label: 'nav.caseAnswers',
    icon: <BookOutlined />,
    // The hotline's knowledge base: read and kept by whoever takes cases (server/features/cases/answers.ts).
    permission: 'cases.intake',
    page: page(() => import('../features/cases/answers-page').then((m) => m.AnswersPage)),
  },
  {
    path: 'stations',
    // /admin/stations is the registry; /admin/stations/poster/:id one station's QR poster.
    params: ':view?/:id?',
    label: 'nav.stations',
    icon: <EnvironmentOutlined />,
    // A registry manager, or a keeper (who sees only the stations they keep).
    permission: ['stations.manage', 'stations.keep'],
    page: page(() => import('../features/stations/stations-page').then((m) => m.StationsPage)),
  },
  {
    path: 'station-visits',
    label: 'nav.stationVisits',
    icon: <BarChartOutlined />,
    // A keeper (their stations) and the owning union (its subtree); admins hold both permissions.
    permission: 'stations.keep',
    page: page(() => import('../features/station-visits/counts-page').then((m) => m.VisitCountsPage)),
  },
  {
    path: 'station-problems',
    label: 'nav.stationProblems',
    icon: <AlertOutlined />,
    permission: 'stations.keep',
    page: page(() => import('../features/station-visits/problems-page').then((m) => m.ProblemsPage)),
  },
  {
    path: 'coverage',
    label: 'nav.coverage',
    icon: <RadarChartOutlined />,
    permission: 'stations.manage',
    page: page(() => import('../features/coverage/coverage-page').then((m) => m.CoveragePage)),
  },
  {
    path: 'accounts',
    label: 'nav.accounts',
    icon: <TeamOutlined />,
    permission: 'accounts.manage',
    page: page(() => import('../features/accounts/accounts-page').then((m) => m.AccountsPage)),
  },

  {
    path: 'audit',
    label: 'nav.audit',
    icon: <AuditOutlined />,
    permission: 'audit.read',
    page: page(() => import('../features/audit/audit-page').then((m) => m.AuditPage)),
  },
  {
    path: 'calendar',
    params: ':year?',
    label: 'nav.calendar',
    icon: <CalendarOutlined />,
    badge: CalendarMenuBadge,
    page: page(() => import('../features/calendar/calendar-page').then((m) => m.CalendarPage)),
  },
  {
    path: 'jobs',
    label: 'nav.jobs',
    icon: <ScheduleOutlined />,
    // Every cadre (all roles read orgs): each sees the runs they started and those their permissions cover.
    permission: 'orgs.read',
    page: page(() => import('../features/jobs/jobs-page').then((m) => m.JobsPage)),
  },
  {
    path: 'cards',
    label: 'nav.cards',
    icon: <QrcodeOutlined />,
    // Every signed-in account: any cadre may check a card at an event.
    page: page(() => import('../features/cards/verify-page').then((m) => m.CardVerifyPage)),
  },
];

/** Whether the account may open the section (holds its permission, or one of them). */
export function mayOpenSection(me: AccountMe, section: AdminSection): boolean {
  const { permission } = section;
  if (!permission) return true;
  return (typeof permission === 'string' ? [permission] : permission).some((p) => hasPermission(me, p));
}

/** The sections the account may open: its menu, and where its home redirects. */
export function listAllowedSections(me: AccountMe): AdminSection[] {
  return ADMIN_SECTIONS.filter((s) => mayOpenSection(me, s));
}
