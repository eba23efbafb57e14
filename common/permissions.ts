/** Every permission names one action on one kind of record (DESIGN.md §4.6). */
export const PERMISSIONS = [
  'orgs.read',
  'orgs.manage',
  'accounts.manage',
  'roles.manage',
  'members.read',
  'members.manage',
  'members.unmask',
  'members.export',
  'joins.review',
  'cases.intake',
  'cases.dispatch',
  'cases.handle',
  'cases.supervise',
  'stations.manage',
  'stations.keep',
  'programmes.manage',
  'programmes.review',
  'activities.manage',
  'duty.log',
  'stats.read',
  'audit.read',
  'calendar.manage',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

export function isPermission(value: string): value is Permission {
  return (PERMISSIONS as readonly string[]).includes(value);
}
