import { defineError } from '../../http/errors.ts';

export const authErrors = {
  // One message for a wrong code and a wrong password: the answer must not reveal which accounts exist.
  badCredentials: defineError('auth.bad_credentials', 401, 'Mã định danh hoặc mật khẩu không đúng.', 'Wrong identity code or password.'),
  disabled: defineError('auth.disabled', 403, 'Tài khoản đã bị khóa. Xin liên hệ người quản lý tài khoản.', 'This account is disabled. Please contact your account manager.')
};
