import { defineError } from '../../http/errors.ts';

export const reportErrors = {
  unknownForm: defineError('reports.unknown_form', 404, 'Không có biểu mẫu báo cáo này.', 'No such report form.'),
  unknownCell: defineError('reports.unknown_cell', 404, 'Biểu mẫu không có ô số liệu này (hoặc ô này hệ thống chưa ghi nhận).', 'The form has no such cell (or the system does not record it).'),
  listTooLarge: defineError('reports.list_too_large', 400, 'Danh sách quá lớn để xuất CSV (tối đa 100.000 dòng); hãy chọn đơn vị cấp dưới hoặc kỳ ngắn hơn.', 'The list is too large for a CSV (100,000 rows at most); choose a unit below or a shorter period.'),
  badPeriod: defineError('reports.bad_period', 400, 'Kỳ báo cáo không hợp lệ (ngày bắt đầu phải trước ngày kết thúc, tối đa 5 năm).', 'Invalid reporting period (start before end, 5 years at most).')
};
