import { defineError } from '../../http/errors.ts';

export const petitionErrors = {
  unitNotFound: defineError('petitions.unit_not_found', 400, 'Đơn vị tiếp nhận không tồn tại.', 'The receiving unit does not exist.'),
  receivedInFuture: defineError('petitions.received_in_future', 400, 'Ngày nhận đơn không được ở tương lai.', 'The date received cannot be in the future.'),
  badCursor: defineError('petitions.bad_cursor', 400, 'Con trỏ trang không hợp lệ; hãy tải lại danh sách.', 'Invalid page cursor; reload the list.')
};
