/**
 * Application errors with a stable code, an HTTP status and a message in Vietnamese and English.
 * Modules declare theirs with `defineError` in <module>.errors.ts; routes and services throw them.
 */
import type { FieldError } from '../../shared/api-error.ts';

export class AppError extends Error {
  readonly code: string;
  readonly statusCode: number;
  readonly messageEn: string;
  readonly fields: FieldError[] | undefined;

  constructor(code: string, statusCode: number, message: string, messageEn: string, fields?: FieldError[]) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.statusCode = statusCode;
    this.messageEn = messageEn;
    this.fields = fields;
  }
}

export function defineError(code: string, statusCode: number, message: string, messageEn: string) {
  return (fields?: FieldError[]) => new AppError(code, statusCode, message, messageEn, fields);
}

export const commonErrors = {
  unauthenticated: defineError('auth.unauthenticated', 401, 'Bạn cần đăng nhập.', 'Please log in.'),
  forbidden: defineError('auth.forbidden', 403, 'Bạn không có quyền thực hiện việc này.', 'You are not allowed to do this.'),
  notFound: defineError('common.not_found', 404, 'Không tìm thấy.', 'Not found.'),
  validation: defineError('common.validation', 400, 'Dữ liệu chưa hợp lệ, xin kiểm tra các trường được đánh dấu.', 'Some fields are not valid; please check the marked fields.'),
  bodyTooLarge: defineError('common.body_too_large', 413, 'Dữ liệu gửi lên quá lớn (tối đa 1 MB). Hãy rút gọn nội dung hoặc gửi tài liệu dưới dạng tệp đính kèm.', 'The request is too large (1 MB at most). Shorten the text or send documents as attachments.'),
  badJson: defineError('common.bad_json', 400, 'Dữ liệu gửi lên không đúng định dạng JSON.', 'The request body is not valid JSON.'),
  unsupportedMedia: defineError('common.unsupported_media', 415, 'Kiểu dữ liệu gửi lên không được hỗ trợ (cần application/json).', 'Unsupported content type (application/json expected).'),
  rateLimited: defineError('common.rate_limited', 429, 'Quá nhiều yêu cầu, xin thử lại sau ít phút.', 'Too many requests; please try again in a few minutes.'),
  unavailable: defineError('common.unavailable', 503, 'Hệ thống tạm thời không sẵn sàng, xin thử lại.', 'The service is temporarily unavailable; please try again.')
};
