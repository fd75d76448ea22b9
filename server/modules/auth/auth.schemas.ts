import { Type } from 'typebox';
import { ROLES } from '../../../shared/roles.ts';
import type { FieldLabels } from '../../http/validation-messages.ts';

export const LoginBody = Type.Object(
  {
    identifierCode: Type.String({ minLength: 1, maxLength: 64, description: 'Mã định danh / identity code' }),
    password: Type.String({ minLength: 1, maxLength: 1024 })
  },
  { additionalProperties: false }
);

export const Me = Type.Object({
  id: Type.String({ format: 'uuid' }),
  identifierCode: Type.String(),
  fullName: Type.String(),
  role: Type.Enum([...ROLES]),
  unitId: Type.String({ format: 'uuid' }),
  unitName: Type.String(),
  unitPath: Type.String(),
  scopePaths: Type.Array(Type.String()),
  mustChangePassword: Type.Boolean(),
  otpEnabled: Type.Boolean(),
  restriction: Type.Union([Type.Literal('CHANGE_PASSWORD'), Type.Literal('ENROL_OTP'), Type.Null()], {
    description: 'Việc phải làm trước khi dùng hệ thống / what the account must do first'
  })
});

export const OtpRequired = Type.Object({
  otpRequired: Type.Literal(true),
  challenge: Type.String({ description: 'Gửi lại cùng mã OTP / send back with the OTP code' }),
  expiresAt: Type.String({ format: 'date-time' })
});

export const OtpLoginBody = Type.Object(
  {
    challenge: Type.String({ minLength: 10, maxLength: 200 }),
    code: Type.String({ minLength: 6, maxLength: 20, description: 'Mã OTP 6 số hoặc mã dự phòng / 6-digit code or a backup code' })
  },
  { additionalProperties: false }
);

export const ChangePasswordBody = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: 1024 }),
    newPassword: Type.String({ minLength: 1, maxLength: 1024 })
  },
  { additionalProperties: false }
);

export const OtpConfirmBody = Type.Object({ code: Type.String({ minLength: 6, maxLength: 6, pattern: '^[0-9]{6}$' }) }, { additionalProperties: false });

export const authLabels: FieldLabels = {
  identifierCode: { vi: 'Mã định danh', en: 'Identity code' },
  password: { vi: 'Mật khẩu', en: 'Password' },
  challenge: { vi: 'Phiên đăng nhập', en: 'Login step' },
  code: { vi: 'Mã xác thực', en: 'Verification code' },
  currentPassword: { vi: 'Mật khẩu hiện tại', en: 'Current password' },
  newPassword: { vi: 'Mật khẩu mới', en: 'New password' }
};

export const SessionInfo = Type.Object({
  id: Type.String({ format: 'uuid' }),
  createdAt: Type.String({ format: 'date-time' }),
  lastSeenAt: Type.String({ format: 'date-time' }),
  expiresAt: Type.String({ format: 'date-time' }),
  ip: Type.Union([Type.String(), Type.Null()]),
  userAgent: Type.Union([Type.String(), Type.Null()]),
  current: Type.Boolean()
});

export const ErrorReply = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    messageEn: Type.String(),
    fields: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String(), messageEn: Type.String() })))
  })
});
