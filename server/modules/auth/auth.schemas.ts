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

export const loginLabels: FieldLabels = {
  identifierCode: { vi: 'Mã định danh', en: 'Identity code' },
  password: { vi: 'Mật khẩu', en: 'Password' }
};

export const Me = Type.Object({
  id: Type.String({ format: 'uuid' }),
  identifierCode: Type.String(),
  fullName: Type.String(),
  role: Type.Enum([...ROLES]),
  unitId: Type.String({ format: 'uuid' }),
  unitName: Type.String(),
  unitPath: Type.String(),
  scopePaths: Type.Array(Type.String()),
  mustChangePassword: Type.Boolean()
});

export const ErrorReply = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    messageEn: Type.String(),
    fields: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String(), messageEn: Type.String() })))
  })
});
