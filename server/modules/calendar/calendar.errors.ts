import { defineError } from '../../http/errors.ts';

export const calendarErrors = {
  invalid: defineError('calendar.invalid', 400, 'Dữ liệu lịch làm việc không hợp lệ.', 'The working-calendar data is not valid.'),
  unknownRule: defineError('calendar.unknown_rule', 404, 'Không có quy tắc thời hạn này.', 'No such deadline rule.')
};
