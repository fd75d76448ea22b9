import { defineError } from '../../http/errors.ts';

export const receptionErrors = {
  group: defineError(
    'reception.group_representatives',
    400,
    'Số người của đoàn hoặc số người đại diện chưa đúng Luật Tiếp công dân (Điều 30): đoàn từ 5 đến 10 người cử 1 hoặc 2 người đại diện; đoàn trên 10 người cử không quá 5 người đại diện.',
    'The group size or its representatives do not follow the Law on Citizen Reception (Art. 30): a group of 5–10 people sends 1 or 2 representatives; a group of more than 10, at most 5.'
  ),
  unitNotFound: defineError('reception.unit_not_found', 400, 'Đơn vị không tồn tại.', 'No such unit.'),
  sessionNotFound: defineError('reception.session_not_found', 404, 'Không tìm thấy buổi tiếp này trong phạm vi của bạn.', 'No such reception session within your scope.'),
  visitNotFound: defineError('reception.visit_not_found', 404, 'Không tìm thấy lượt tiếp này trong phạm vi của bạn.', 'No such visit within your scope.'),
  scheduleNotFound: defineError('reception.schedule_not_found', 404, 'Không tìm thấy lịch tiếp này trong phạm vi của bạn.', 'No such schedule within your scope.'),
  online: defineError(
    'reception.online_incomplete',
    400,
    'Buổi tiếp trực tuyến cần đường dẫn phòng họp (https://…) và cách xác thực danh tính người đến; tiếp trực tuyến chỉ có từ ngày 01/07/2026 (Luật 136/2025/QH15).',
    'An online reception needs its meeting link (https://…) and how visitors’ identity is checked; online reception exists from 01/07/2026 (Law 136/2025/QH15).'
  ),
  identityCheck: defineError(
    'reception.identity_check_required',
    400,
    'Tiếp trực tuyến: cần ghi cách đã xác thực danh tính người đến và người xác thực.',
    'Online reception: record how the visitor’s identity was checked and who checked it.'
  ),
  host: defineError(
    'reception.host_invalid',
    400,
    'Buổi tiếp định kỳ, đột xuất cần lãnh đạo chủ trì và hình thức (thủ trưởng tiếp hoặc ủy quyền); người chủ trì phải là lãnh đạo (hoặc cán bộ được ủy quyền) thuộc đơn vị này hoặc cấp trên.',
    'A periodic or ad-hoc reception needs the leader receiving and whether the head receives in person or by delegation; the host must be a leader (or a delegated officer) of this unit or above.'
  ),
  desk: defineError('reception.desk_only_regular', 400, 'Chỉ buổi tiếp thường xuyên có bàn tiếp; buổi tiếp định kỳ, đột xuất không ghi bàn tiếp.', 'Only the regular reception has a desk.'),
  frequency: defineError(
    'reception.frequency_too_low',
    400,
    'Chủ tịch UBND cấp xã tiếp công dân định kỳ ít nhất 1 ngày trong 1 tuần (Luật Tiếp công dân Điều 15): hãy chọn lịch hằng tuần.',
    'A commune chair receives citizens at least one day a week (Law on Citizen Reception, Art. 15): choose a weekly rule.'
  ),
  ruleWeek: defineError('reception.rule_week_required', 400, 'Lịch hằng tháng cần chọn tuần trong tháng (1–4 hoặc tuần cuối).', 'A monthly rule needs the week of the month (1–4 or last).'),
  period: defineError('reception.period_invalid', 400, 'Khoảng thời gian không hợp lệ: ngày kết thúc phải sau ngày bắt đầu và không quá 1 năm.', 'Invalid period: the end must follow the start, within one year.'),
  times: defineError('reception.times_invalid', 400, 'Giờ kết thúc phải sau giờ bắt đầu.', 'The end time must follow the start time.'),
  sessionClosed: defineError('reception.session_closed', 409, 'Buổi tiếp đã kết thúc hoặc đã hủy nên không thể ghi thêm hay sửa.', 'This session is closed or cancelled; it cannot be changed or take more visits.'),
  sessionHasVisits: defineError('reception.session_has_visits', 409, 'Buổi tiếp đã có lượt tiếp: không thể đổi ngày hoặc hủy.', 'The session already has visits: its date cannot change and it cannot be cancelled.'),
  conclusionRequired: defineError(
    'reception.conclusion_required',
    400,
    'Buổi tiếp định kỳ, đột xuất của lãnh đạo kết thúc bằng thông báo kết luận (TT 04/2021/TT-TTCP): cần số thông báo.',
    'A leader’s periodic or ad-hoc reception closes with a conclusion notice (Circular 04/2021/TT-TTCP): give its number.'
  ),
  visitDate: defineError('reception.visit_date', 400, 'Thời điểm tiếp phải thuộc ngày của buổi tiếp và không ở tương lai.', 'The time of the visit must be on the session’s day and not in the future.'),
  futureSessionVisit: defineError('reception.session_in_future', 409, 'Buổi tiếp này chưa đến ngày: chưa thể ghi lượt tiếp.', 'This session has not happened yet: no visit can be recorded.'),
  classificationRequired: defineError('reception.classification_required', 400, 'Cần phân loại nội dung (khiếu nại, tố cáo, kiến nghị phản ánh, nhiều nội dung).', 'Choose the classification (complaint, denunciation, recommendation/reflection, several).'),
  outcomeRequired: defineError('reception.outcome_required', 400, 'Cần ghi kết quả tiếp công dân.', 'Record the outcome of the visit.'),
  refusalReason: defineError(
    'reception.refusal_reason',
    400,
    'Từ chối tiếp phải ghi lý do theo Luật Tiếp công dân Điều 9; các kết quả khác không ghi lý do từ chối.',
    'A refusal needs its reason under the Law on Citizen Reception, Art. 9; other outcomes carry none.'
  ),
  refusedWithPetition: defineError('reception.refused_with_petition', 400, 'Đã từ chối tiếp thì không tiếp nhận đơn.', 'A refused visitor’s petition is not recorded.'),
  outcomeBodyRequired: defineError('reception.outcome_body_required', 400, 'Hướng dẫn hoặc chuyển đơn cần ghi tên cơ quan có thẩm quyền.', 'Guidance or a transfer needs the competent body’s name.'),
  badCursor: defineError('reception.bad_cursor', 400, 'Con trỏ trang không hợp lệ; hãy tải lại danh sách.', 'Invalid page cursor; reload the list.'),
  tooManyRows: defineError('reception.book_too_large', 400, 'Sổ trong khoảng thời gian này quá dài (quá 5.000 lượt): hãy chọn khoảng ngắn hơn.', 'The book for this period is too long (over 5,000 visits): choose a shorter period.')
};
