/**
 * Checks shared by sessions and schedules: the host of a leader's reception, the online channel,
 * the times. They throw the module's errors (400, in Vietnamese and English).
 */
import type { FieldError } from '../../../shared/api-error.ts';
import { isWithin } from '../../../shared/unit-path.ts';
import { ONLINE_IDENTITY_CHECK_METHODS, ONLINE_RECEPTION_FROM, type Channel, type HostMode, type IdentityCheckMethod } from '../../../shared/reception.ts';
import type { ReceptionRepository } from './reception.repository.ts';
import { receptionErrors } from './reception.errors.ts';

const field = (name: string, message: string, messageEn: string): FieldError => ({ field: name, message, messageEn });

/**
 * The host of a periodic or ad-hoc reception: an active account of the unit, of a unit above it
 * or of a body inside it; the head in person is a leader, a delegate a leader or an officer.
 */
export async function checkHost(repo: ReceptionRepository, unitPath: string, hostUserId: string | null | undefined, hostMode: HostMode | null | undefined): Promise<void> {
  const problems: FieldError[] = [];
  if (!hostUserId) problems.push(field('hostUserId', 'Lãnh đạo chủ trì: cần chọn người chủ trì tiếp.', 'Leader receiving: choose who receives.'));
  if (!hostMode) problems.push(field('hostMode', 'Hình thức chủ trì: cần chọn thủ trưởng tiếp hay ủy quyền.', 'Head in person or delegated: choose one.'));
  if (hostUserId) {
    const host = await repo.user(hostUserId);
    const onPath = host !== null && (isWithin(unitPath, host.unitPath) || isWithin(host.unitPath, unitPath));
    const roleOk = host !== null && (host.role === 'LEADER' || (hostMode === 'UY_QUYEN' && host.role === 'OFFICER'));
    if (!host || host.disabled || !onPath || !roleOk) {
      problems.push(
        field(
          'hostUserId',
          'Lãnh đạo chủ trì: phải là tài khoản lãnh đạo (hoặc cán bộ được ủy quyền) đang hoạt động của đơn vị này, cấp trên hoặc cơ quan trực thuộc.',
          'Leader receiving: must be an active leader account (or a delegated officer) of this unit, a unit above it or a body inside it.'
        )
      );
    }
  }
  if (problems.length > 0) throw receptionErrors.host(problems);
}

/** Online reception: only from 01/07/2026, with an https meeting link and a remote identity check. */
export function checkChannel(channel: Channel, meetingUrl: string | null | undefined, method: IdentityCheckMethod | string | null | undefined, firstDate: string): void {
  if (channel !== 'TRUC_TUYEN') return;
  const problems: FieldError[] = [];
  if (!meetingUrl || !/^https:\/\/\S+$/.test(meetingUrl)) {
    problems.push(field('meetingUrl', 'Đường dẫn phòng họp trực tuyến: bắt buộc với tiếp trực tuyến (https://…).', 'Meeting link: required for online reception (https://…).'));
  }
  if (!method || !ONLINE_IDENTITY_CHECK_METHODS.includes(method as IdentityCheckMethod)) {
    problems.push(
      field('identityCheckMethod', 'Cách xác thực danh tính: bắt buộc với tiếp trực tuyến (VNeID, đọc chip CCCD, đối chiếu qua hình ảnh…).', 'Identity check: required for online reception (VNeID, chip card, video comparison…).')
    );
  }
  if (firstDate < ONLINE_RECEPTION_FROM) {
    problems.push(field('date', 'Ngày tiếp: tiếp công dân trực tuyến chỉ có từ ngày 01/07/2026 (Luật 136/2025/QH15).', 'Date: online reception exists from 01/07/2026 (Law 136/2025/QH15).'));
  }
  if (problems.length > 0) throw receptionErrors.online(problems);
}

export function checkTimes(start: string | null | undefined, end: string | null | undefined): void {
  if (start && end && end <= start) throw receptionErrors.times([field('endTime', 'Giờ kết thúc: phải sau giờ bắt đầu.', 'End time: must follow the start time.')]);
}
