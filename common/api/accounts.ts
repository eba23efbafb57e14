import { Type } from '@sinclair/typebox';
import { PERMISSIONS } from '../permissions';
import { Id, Nullable, PageQuery, Strict } from './schemas';

/** The accounts and roles API's contract (server/features/accounts/routes.ts, web/features/accounts/api.ts). */

export const AccountStatus = Type.Union([Type.Literal('active'), Type.Literal('disabled')]);

export const AccountListItem = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  display_name: Type.String(),
  org_id: Type.Integer(),
  org_name: Type.String(),
  status: AccountStatus,
  totp_enabled: Type.Boolean(),
  last_login_at: Nullable(Type.String()),
  grant_count: Type.Integer(),
});

export const AccountGrant = Type.Object({
  id: Type.Integer(),
  org_id: Type.Integer(),
  org_name: Type.String(),
  role_id: Type.Integer(),
  role_code: Type.String(),
  role_name: Type.String(),
  role_name_en: Type.String(),
});

export const AccountDetail = Type.Composite([
  AccountListItem,
  Type.Object({
    must_change_password: Type.Boolean(),
    created_at: Type.String(),
    grants: Type.Array(AccountGrant),
    is_locked: Type.Boolean({ description: '因登录失败被锁定 Locked by failed sign-ins' }),
    can_manage: Type.Boolean({
      description:
        '调用者能否编辑、停用、重置密码和调整授权 Whether the caller may edit, disable, reset the password of and change the grants of this account',
    }),
  }),
]);

export const Role = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  name_en: Type.String(),
  permissions: Type.Array(Type.String()),
  is_system: Type.Boolean(),
});

export const RoleList = Type.Object({ items: Type.Array(Role) });

const Username = Type.String({ minLength: 3, maxLength: 40, pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]{2,39}$' });
const DisplayName = Type.String({ minLength: 1, maxLength: 40 });
const Password = Type.String({ minLength: 1, maxLength: 128 });
const Reason = Type.String({ minLength: 2, maxLength: 200 });
const RoleName = Type.String({ minLength: 1, maxLength: 40 });
const RoleNameEn = Type.String({ minLength: 1, maxLength: 60 });
const Permissions = Type.Array(Type.Union(PERMISSIONS.map((p) => Type.Literal(p))), { maxItems: 50 });

export const AccountListQuery = Strict({
  org_id: Type.Optional(Id),
  q: Type.Optional(Type.String({ maxLength: 40 })),
  status: Type.Optional(AccountStatus),
  ...PageQuery,
});

export const CreateAccountBody = Strict({
  org_id: Id,
  username: Username,
  display_name: DisplayName,
  password: Password,
});

export const UpdateAccountBody = Strict({
  display_name: Type.Optional(DisplayName),
  status: Type.Optional(AccountStatus),
});

export const ResetPasswordBody = Strict({ password: Password });

export const ResetTotpBody = Strict({ reason: Reason });

export const AddGrantBody = Strict({ org_id: Id, role_id: Id });

export const GrantParams = Strict({ id: Id, grant_id: Id });

export const CreateRoleBody = Strict({
  code: Type.String({ pattern: '^[a-z][a-z0-9_]{1,39}$' }),
  name: RoleName,
  name_en: RoleNameEn,
  permissions: Permissions,
});

export const UpdateRoleBody = Strict({
  name: Type.Optional(RoleName),
  name_en: Type.Optional(RoleNameEn),
  permissions: Type.Optional(Permissions),
});
