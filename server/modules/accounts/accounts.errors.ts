import { defineError } from '../../http/errors.ts';

export const accountErrors = {
  notFound: defineError('accounts.not_found', 404, 'Không tìm thấy tài khoản này trong phạm vi bạn quản lý.', 'No such account among those you manage.'),
  createForbidden: defineError('accounts.create_forbidden', 403, 'Chỉ quản trị hệ thống được tạo tài khoản; người quản lý người dùng chỉ quản lý các tài khoản được giao.', 'Only the system administrator creates accounts; a user manager manages the accounts assigned to it.'),
  duplicateCode: defineError('accounts.duplicate_code', 409, 'Mã định danh này đã được dùng cho một tài khoản khác.', 'This identifier code is already used by another account.'),
  duplicateCertificate: defineError('accounts.duplicate_certificate', 409, 'Chứng thư số này đã gắn với một tài khoản khác.', 'This certificate is already mapped to another account.'),
  immutableCode: defineError('accounts.immutable_code', 400, 'Mã định danh không thay đổi được sau khi tạo tài khoản.', 'The identifier code cannot change once the account exists.'),
  unitNotFound: defineError('accounts.unit_not_found', 400, 'Đơn vị không tồn tại hoặc đã ngừng hoạt động.', 'The unit does not exist or is closed.'),
  roleForbidden: defineError('accounts.role_forbidden', 403, 'Bạn không được giao vai trò này (người quản lý người dùng không cấp quyền quản trị hay quản lý người dùng).', 'You may not grant this role (a user manager never grants administration or user management).'),
  selfLockout: defineError('accounts.self_lockout', 409, 'Không thể tự khóa hay tự hạ quyền tài khoản quản trị đang dùng, hoặc bỏ tài khoản quản trị cuối cùng.', 'You cannot disable or demote your own administrator account, or the last administrator.'),
  managedNotManager: defineError('accounts.not_a_manager', 409, 'Chỉ tài khoản quản lý người dùng mới có danh sách tài khoản được giao.', 'Only a user manager has a set of managed accounts.'),
  managedOutsideUnit: defineError('accounts.managed_outside_unit', 400, 'Tài khoản được giao phải thuộc đơn vị của người quản lý (hoặc cấp dưới) và không phải tài khoản quản trị.', 'Managed accounts must belong to the manager’s unit (or below) and not be administrators.')
};
