/**
 * Password rules shown in the form and enforced by the server (NIST SP 800-63B style: length and
 * a list of known-breached passwords rather than composition rules; no low maximum).
 */
export const PASSWORD_MIN_LENGTH = 10;
/** Long passphrases are welcome; the cap only protects the hasher. */
export const PASSWORD_MAX_LENGTH = 256;

export type PasswordProblem = 'too_short' | 'too_long' | 'breached' | 'contains_identity' | 'same_as_current';

export const PASSWORD_PROBLEM_MESSAGES: Record<PasswordProblem, { vi: string; en: string }> = {
  too_short: { vi: `Mật khẩu cần ít nhất ${PASSWORD_MIN_LENGTH} ký tự.`, en: `The password needs at least ${PASSWORD_MIN_LENGTH} characters.` },
  too_long: { vi: `Mật khẩu dài tối đa ${PASSWORD_MAX_LENGTH} ký tự.`, en: `The password can be at most ${PASSWORD_MAX_LENGTH} characters.` },
  breached: {
    vi: 'Mật khẩu này quá phổ biến hoặc đã bị lộ trong các vụ rò rỉ dữ liệu; xin chọn mật khẩu khác.',
    en: 'This password is too common or has appeared in data breaches; please choose another.'
  },
  contains_identity: { vi: 'Mật khẩu không được chứa mã định danh của bạn.', en: 'The password must not contain your identity code.' },
  same_as_current: { vi: 'Mật khẩu mới phải khác mật khẩu hiện tại.', en: 'The new password must differ from the current one.' }
};

/** The checks that need no server data (the breach list is checked on the server). */
export function basicPasswordProblems(password: string, identifierCode: string): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) problems.push('too_short');
  if (length > PASSWORD_MAX_LENGTH) problems.push('too_long');
  if (identifierCode.length >= 4 && password.toLowerCase().includes(identifierCode.toLowerCase())) problems.push('contains_identity');
  return problems;
}
