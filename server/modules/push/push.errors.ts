import { defineError } from '../../http/errors.ts';

export const pushErrors = {
  badSubscription: defineError('push.bad_subscription', 400, 'Đăng ký nhận thông báo đẩy không hợp lệ (cần địa chỉ https của dịch vụ thông báo đẩy và khóa của trình duyệt).', 'Invalid push subscription (an https push service URL and the browser keys are needed).')
};
