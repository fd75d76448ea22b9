import { defineError } from '../../http/errors.ts';

export const unitErrors = {
  notFound: defineError('units.not_found', 404, 'Không tìm thấy đơn vị.', 'Unit not found.'),
  parentNotFound: defineError('units.parent_not_found', 400, 'Đơn vị cấp trên không tồn tại.', 'The parent unit does not exist.'),
  duplicateCode: defineError(
    'units.duplicate_code',
    409,
    'Mã đơn vị đã được dùng cho một đơn vị khác; mỗi đơn vị cần một mã riêng.',
    'This unit code is already used by another unit; every unit needs its own code.'
  ),
  kindNotAllowedUnder: defineError(
    'units.kind_not_allowed_under_parent',
    400,
    'Loại đơn vị này không thể trực thuộc đơn vị cấp trên đã chọn (tỉnh, thành phố thuộc Trung ương; xã, phường, đặc khu thuộc tỉnh, thành phố).',
    'A unit of this kind cannot sit under the chosen parent (provinces and cities belong to the centre; communes, wards and special zones to a province or city).'
  ),
  parentClosed: defineError(
    'units.parent_closed',
    409,
    'Đơn vị cấp trên đã ngừng hoạt động, không thể thêm hoặc chuyển đơn vị vào đó.',
    'The parent unit is closed; no unit can be added or moved under it.'
  ),
  closed: defineError(
    'units.closed',
    409,
    'Đơn vị đã ngừng hoạt động: chỉ còn để tra cứu, không nhận đơn mới và không sửa được nữa.',
    'The unit is closed: it can still be read but takes no new petitions and can no longer be changed.'
  ),
  hasOpenChildren: defineError(
    'units.has_open_children',
    409,
    'Đơn vị còn đơn vị trực thuộc đang hoạt động; hãy đóng hoặc chuyển các đơn vị đó trước.',
    'The unit still has open units under it; close or move them first.'
  ),
  moveIntoOwnSubtree: defineError(
    'units.move_into_own_subtree',
    400,
    'Không thể chuyển đơn vị vào chính nó hoặc vào một đơn vị trực thuộc nó.',
    'A unit cannot be moved under itself or under one of its own sub-units.'
  ),
  rootImmutable: defineError(
    'units.root_immutable',
    400,
    'Không thể chuyển hoặc đóng đơn vị gốc (Trung ương).',
    'The root unit (central level) cannot be moved or closed.'
  ),
  closedInFuture: defineError(
    'units.closed_on_in_future',
    400,
    'Ngày ngừng hoạt động không được ở tương lai; hãy ghi nhận khi quyết định có hiệu lực.',
    'The closing date cannot be in the future; record the closing once the decision takes effect.'
  ),
  closedBeforeStart: defineError(
    'units.closed_on_before_start',
    400,
    'Ngày ngừng hoạt động không được trước ngày đơn vị bắt đầu hoạt động.',
    'The closing date cannot be before the date the unit started.'
  ),
  nothingToChange: defineError(
    'units.nothing_to_change',
    400,
    'Không có gì để thay đổi: hãy nhập tên mới hoặc tên viết tắt mới.',
    'Nothing to change: give a new name or a new short name.'
  ),
  badCursor: defineError('units.bad_cursor', 400, 'Con trỏ trang không hợp lệ; hãy tải lại danh sách.', 'Invalid page cursor; reload the list.')
};
