import { defineError } from '../../http/errors.ts';

export const commandErrors = {
  unitOutOfScope: defineError('command.unit_out_of_scope', 403, 'Đơn vị này nằm ngoài phạm vi bạn được xem.', 'This unit is outside the scope you may see.'),
  unitNotFound: defineError('command.unit_not_found', 404, 'Không tìm thấy đơn vị này.', 'No such unit.'),
  presenceForbidden: defineError(
    'command.presence_forbidden',
    403,
    'Chỉ lãnh đạo và màn hình chỉ huy đã ghép nối được xem ai đang trực tuyến.',
    'Only leaders and paired wall screens may see who is online.'
  ),
  screenAccountNotFound: defineError('command.screen_account_not_found', 404, 'Không tìm thấy tài khoản màn hình với mã định danh này.', 'No screen account with this identity code.'),
  screenAccountRole: defineError(
    'command.screen_account_role',
    400,
    'Chỉ ghép nối màn hình với tài khoản có vai trò Người xem, dành riêng cho màn hình chỉ huy.',
    'A wall screen can only be paired to an account with the Viewer role, kept for the screen.'
  ),
  screenAccountDisabled: defineError('command.screen_account_disabled', 409, 'Tài khoản màn hình đã bị khóa.', 'The screen account is disabled.'),
  deviceNotFound: defineError('command.device_not_found', 404, 'Không tìm thấy màn hình đã ghép nối này.', 'No such paired screen.'),
  deviceTokenInvalid: defineError(
    'command.device_token_invalid',
    401,
    'Mã ghép nối màn hình không hợp lệ hoặc đã bị thu hồi. Xin lãnh đạo hoặc quản trị cấp mã mới.',
    'The screen pairing code is not valid or has been revoked. Ask a leader or an administrator for a new one.'
  )
};
