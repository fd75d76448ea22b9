import { defineError } from '../../http/errors.ts';
import { formatVnDateTime } from '../../../shared/vn-time.ts';
import { AppError } from '../../http/errors.ts';

export const authErrors = {
  // One message for a wrong code and a wrong password: the answer must not reveal which accounts exist.
  badCredentials: defineError('auth.bad_credentials', 401, 'Mã định danh hoặc mật khẩu không đúng.', 'Wrong identity code or password.'),
  certificateRefused: defineError('auth.certificate_refused', 401, 'Chứng thư số không hợp lệ hoặc chưa được gắn với tài khoản nào. Xin đăng nhập bằng mật khẩu hoặc liên hệ quản trị.', 'The client certificate is not valid or not mapped to an account. Log in with your password or contact the administrator.'),
  disabled: defineError('auth.disabled', 403, 'Tài khoản đã bị khóa. Xin liên hệ người quản lý tài khoản.', 'This account is disabled. Please contact your account manager.'),
  badOtp: defineError('auth.bad_otp', 401, 'Mã xác thực không đúng, đã hết hạn hoặc đã được dùng.', 'The verification code is wrong, expired or already used.'),
  challengeExpired: defineError('auth.challenge_expired', 401, 'Phiên đăng nhập đã hết hạn; xin đăng nhập lại.', 'The login step has expired; please log in again.'),
  wrongCurrentPassword: defineError('auth.wrong_current_password', 400, 'Mật khẩu hiện tại không đúng.', 'The current password is wrong.'),
  otpAlreadyEnabled: defineError('auth.otp_already_enabled', 409, 'Tài khoản đã bật xác thực hai lớp.', 'Two-factor authentication is already on for this account.'),
  otpNotStarted: defineError('auth.otp_not_started', 409, 'Chưa bắt đầu đăng ký xác thực hai lớp.', 'Two-factor enrolment has not been started.'),
  sessionNotFound: defineError('auth.session_not_found', 404, 'Không tìm thấy phiên đăng nhập.', 'Session not found.'),
  mustChangePassword: defineError('auth.must_change_password', 403, 'Bạn cần đổi mật khẩu trước khi tiếp tục.', 'You must change your password before continuing.'),
  mustEnrolOtp: defineError('auth.must_enrol_otp', 403, 'Bạn cần bật xác thực hai lớp (OTP) trước khi tiếp tục.', 'You must set up two-factor authentication (OTP) before continuing.')
};

export function accountLocked(until: Date): AppError {
  return new AppError(
    'auth.account_locked',
    423,
    `Tài khoản tạm khóa đến ${formatVnDateTime(until)} do nhập sai mật khẩu nhiều lần. Xin thử lại sau hoặc liên hệ người quản lý tài khoản để mở khóa.`,
    `The account is locked until ${until.toISOString()} after too many wrong passwords. Try again later or ask your account manager to unlock it.`
  );
}

export function tryLater(until: Date, now: Date): AppError {
  const seconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  return new AppError(
    'auth.try_later',
    429,
    `Đã nhập sai nhiều lần; xin chờ ${seconds} giây rồi thử lại.`,
    `Too many failed attempts; please wait ${seconds} seconds and try again.`
  );
}
