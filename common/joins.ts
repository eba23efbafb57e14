import { MEMBER_ORG_TYPES, type OrgType } from './org-types';

/**
 * Joining's closed lists, shared by the server and both web shells (GLOSSARY.md: 入会, 周转库).
 */

/**
 * Orgs a worker joins directly by their code: grassroots unions and the 小三级 (township, street,
 * village, community, regional and industry unions). A holding pool's code leads into that pool.
 * Federations from the county up, and union groups inside an enterprise union, take no members
 * themselves: their code is refused with a hint to join without one (the holding pool).
 */
export const TAKES_MEMBERS: ReadonlySet<OrgType> = new Set<OrgType>(MEMBER_ORG_TYPES);

/**
 * Unions a county places a pooled gig worker in (GLOSSARY.md 周转库): the 小三级 of the street,
 * town, community and village, and the regional and industry federations and joint unions that
 * gather gig workers. Never a pool, a federation from the county up, or an employer's own union.
 */
export const PLACEABLE_ORG_TYPES: ReadonlySet<OrgType> = new Set<OrgType>([
  'subdistrict_union',
  'township_union',
  'community_union',
  'village_union',
  'regional_federation',
  'industry_federation',
  'joint_union',
]);

/** The review queues: waiting for a decision, pooled members waiting for placement, and decided. */
export const JOIN_QUEUES = {
  pending: '待审核',
  pooled: '周转库待安置',
  decided: '已处理',
} as const;
export type JoinQueue = keyof typeof JOIN_QUEUES;

/** What a reviewer does with an application. */
export const JOIN_DECISIONS = ['approve', 'refuse', 'place'] as const;
export type JoinDecision = (typeof JOIN_DECISIONS)[number];

/** A refusal reason's length in characters: the applicant reads it, so it says something. */
export const REFUSAL_REASON_MIN = 2;
export const REFUSAL_REASON_MAX = 200;
