import { Type, type Static } from 'typebox';
import { ROLES } from '../../../shared/roles.ts';
import type { FieldLabels } from '../../http/validation-messages.ts';

/** Identifier codes (mã định danh): letters, digits, dot, dash, underscore; lower-cased. */
export const IDENTIFIER_CODE_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$';

export const Account = Type.Object({
  id: Type.String({ format: 'uuid' }),
  identifierCode: Type.String(),
  fullName: Type.String(),
  role: Type.Enum([...ROLES]),
  unitId: Type.String({ format: 'uuid' }),
  unitName: Type.String(),
  disabled: Type.Boolean(),
  mustChangePassword: Type.Boolean(),
  otpEnabled: Type.Boolean(),
  locked: Type.Boolean({ description: 'Đang bị khóa do nhập sai mật khẩu / locked after failed logins' }),
  failedLogins: Type.Integer(),
  managedAccountIds: Type.Array(Type.String({ format: 'uuid' })),
  certificateSubject: Type.Union([Type.String(), Type.Null()], { description: 'Chứng thư số đăng nhập / client certificate subject' })
});
export type AccountDto = Static<typeof Account>;

export const AccountWithPassword = Type.Object({
  account: Account,
  temporaryPassword: Type.String({ description: 'Mật khẩu tạm, chỉ hiện một lần; người dùng phải đổi khi đăng nhập / shown once; must be changed at first login' })
});

export const ListAccountsQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'Mã định danh hoặc họ tên (không dấu cũng được) / code or name' })),
    role: Type.Optional(Type.Enum([...ROLES])),
    unitId: Type.Optional(Type.String({ format: 'uuid', description: 'Đơn vị và cấp dưới / unit and below' })),
    disabled: Type.Optional(Type.Boolean()),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000, default: 0 }))
  },
  { additionalProperties: false }
);
export type ListAccountsInput = Static<typeof ListAccountsQuery>;

export const CreateAccountBody = Type.Object(
  {
    identifierCode: Type.String({ pattern: IDENTIFIER_CODE_PATTERN, description: 'Mã định danh, không đổi được / immutable identifier code' }),
    fullName: Type.String({ minLength: 2, maxLength: 150 }),
    role: Type.Enum([...ROLES]),
    unitId: Type.String({ format: 'uuid' })
  },
  { additionalProperties: false }
);
export type CreateAccountInput = Static<typeof CreateAccountBody>;

export const UpdateAccountBody = Type.Object(
  {
    fullName: Type.Optional(Type.String({ minLength: 2, maxLength: 150 })),
    role: Type.Optional(Type.Enum([...ROLES])),
    unitId: Type.Optional(Type.String({ format: 'uuid' })),
    /** Subject of the TLS client certificate that logs this account in (administrator only); null removes it. */
    certificateSubject: Type.Optional(Type.Union([Type.String({ minLength: 3, maxLength: 500 }), Type.Null()])),
    /** Present only to be refused with a clear message: the code never changes. */
    identifierCode: Type.Optional(Type.String({ maxLength: 64 }))
  },
  { additionalProperties: false }
);
export type UpdateAccountInput = Static<typeof UpdateAccountBody>;

export const ManagedSetBody = Type.Object({ accountIds: Type.Array(Type.String({ format: 'uuid' }), { maxItems: 500, uniqueItems: true }) }, { additionalProperties: false });

export const accountLabels: FieldLabels = {
  identifierCode: { vi: 'Mã định danh', en: 'Identifier code' },
  fullName: { vi: 'Họ và tên', en: 'Full name' },
  role: { vi: 'Vai trò', en: 'Role' },
  unitId: { vi: 'Đơn vị', en: 'Unit' },
  q: { vi: 'Từ khóa', en: 'Search' },
  disabled: { vi: 'Đã khóa', en: 'Disabled' },
  accountIds: { vi: 'Tài khoản được giao', en: 'Managed accounts' },
  certificateSubject: { vi: 'Chứng thư số', en: 'Client certificate' },
  id: { vi: 'Tài khoản', en: 'Account' }
};
