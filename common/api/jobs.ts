import { Type } from '@sinclair/typebox';
import { Id, Nullable, PageQuery, Strict } from './schemas';

/** The job runs' API contract (GET /api/v1/jobs, /jobs/:id, POST /jobs/:id/cancel). */

export const JOB_STATES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export type JobState = (typeof JOB_STATES)[number];

export const JobRun = Type.Object({
  id: Type.Integer(),
  name: Type.String({ description: '任务名 `<feature>.<verb>`，如 system.housekeeping' }),
  state: Type.Union(JOB_STATES.map((s) => Type.Literal(s))),
  progress: Type.Integer({ minimum: 0, maximum: 100 }),
  progress_message: Nullable(Type.String()),
  org_id: Nullable(Type.Integer()),
  org_name: Nullable(Type.String()),
  started_by_label: Type.String({ description: '发起人：系统、本人姓名，或「管理范围外的工作人员」' }),
  is_mine: Type.Boolean(),
  attempts: Type.Integer(),
  max_attempts: Type.Integer(),
  run_after: Type.String({ description: '最早开始时间（重试时为下次重试时间）' }),
  created_at: Type.String(),
  started_at: Nullable(Type.String()),
  finished_at: Nullable(Type.String()),
  result: Type.Unknown({ description: '任务写下的结果（JSON 对象），没有时为 null' }),
  error: Nullable(Type.String({ description: '失败原因（中文，不含个人信息）' })),
  can_cancel: Type.Boolean(),
});

export const JobListQuery = Strict({
  name: Type.Optional(Type.String({ maxLength: 80, pattern: '^[a-z][a-z0-9_-]*\\.[a-z][a-z0-9_-]*$' })),
  state: Type.Optional(Type.Union(JOB_STATES.map((s) => Type.Literal(s)))),
  ...PageQuery,
});

export const JobIdParams = Strict({ id: Id });
