/**
 * The petition procedure as ONE definition (issue 4 item 4): which action may move a petition
 * from which state to which, for which type of petition and which role, what the action must
 * record, and what it does to the deadline clock. The server enforces it (409 otherwise); the
 * web shows only the actions it allows. Sources: DOMAIN.md §1.2 (handling by type), §1.4 (the
 * derived state machine), §3 (time limits); TT 05/2021/TT-TTCP; Luật KN 2011; Luật TC 2018.
 */
import type { DeadlineRuleId } from '../calendar/index.ts';
import type { PetitionType } from '../petition.ts';
import type { Role } from '../roles.ts';
import type { PetitionStatus } from './states.ts';

type Label = { vi: string; en: string };

/** What an action must carry besides an optional note. */
export type ActionField =
  | 'classification' // type, field, competence, eligibility (phân loại)
  | 'reason' // reasons of a refusal, return, suspension, withdrawal
  | 'archiveReason' // code from ARCHIVE_REASONS
  | 'caseId' // the case (vụ việc) a duplicate letter joins
  | 'targetUnitId' // a unit inside the system
  | 'targetBody' // a body outside the system, by name
  | 'decision' // number and date of the document issued
  | 'result' // DUNG | DUNG_MOT_PHAN | SAI
  | 'assigneeId'; // the officer assigned

/** How an action moves the deadline clock of the open step. */
export type ClockEffect =
  | { kind: 'KEEP' }
  /** No step of ours is open any more: the due date is cleared; on time if acted by then. */
  | { kind: 'STOP' }
  /** A new step starts: its limit is `rule(petition)` counted from `from`. */
  | { kind: 'START'; rule: (p: ClockSubject) => DeadlineRuleId; from: 'CLOCK_START' | 'DECISION_DATE' | 'NOW' }
  /** One more extension of the current step's limit (written extension decision). */
  | { kind: 'EXTEND' }
  | { kind: 'PAUSE' }
  | { kind: 'RESUME' };

export interface ClockSubject {
  type: PetitionType;
  round: number;
}

export interface ActionDefinition {
  code: ActionCode;
  label: Label;
  from: readonly PetitionStatus[];
  /** 'SAME' records a step without changing the state (assignment, extension, urging). */
  to: PetitionStatus | 'SAME';
  types: readonly PetitionType[];
  roles: readonly Role[];
  requires: readonly ActionField[];
  clock: ClockEffect;
  /** The document the step produces, for the documents area. */
  document?: 'ACCEPTANCE_NOTICE' | 'REFUSAL_NOTICE' | 'GUIDANCE_SLIP' | 'TRANSFER_SLIP';
  /** Moves the petition to another unit of the system (chuyển đơn nội bộ / trả lại đơn chuyển đến). */
  movesUnit?: 'TO_TARGET' | 'BACK_TO_SENDER';
}

export const ACTION_CODES = [
  'PHAN_LOAI',
  'LUU_DON',
  'GOP_VU_VIEC',
  'HUONG_DAN',
  'CHUYEN_DON_NOI_BO',
  'CHUYEN_DON_NGOAI',
  'TIEP_NHAN_CHUYEN',
  'TRA_LAI_CHUYEN',
  'TRA_LAI_DON',
  'DE_XUAT_THU_LY',
  'THU_LY',
  'KHONG_THU_LY',
  'GIAO_GIAI_QUYET',
  'PHAN_CONG',
  'XAC_MINH',
  'GIA_HAN',
  'TAM_DINH_CHI',
  'TIEP_TUC',
  'KET_LUAN',
  'TRA_LOI',
  'KET_THUC',
  'RUT_DON',
  'NHAN_PHUC_DAP',
  'DON_DOC'
] as const;
export type ActionCode = (typeof ACTION_CODES)[number];

const ALL: readonly PetitionType[] = ['KHIEU_NAI', 'TO_CAO', 'KIEN_NGHI', 'PHAN_ANH', 'NHIEU_NOI_DUNG'];
const KN_TC: readonly PetitionType[] = ['KHIEU_NAI', 'TO_CAO'];
const KNPA: readonly PetitionType[] = ['KIEN_NGHI', 'PHAN_ANH'];
/** Officers record the steps; leaders may too. */
const PROCESSORS: readonly Role[] = ['OFFICER', 'LEADER'];
/** Decisions the head of the body signs: acceptance, refusal, extension, suspension, conclusion. */
const HEADS: readonly Role[] = ['LEADER'];
const ACTIVE: readonly PetitionStatus[] = ['NHAN_DON', 'PHAN_LOAI', 'DE_XUAT_THU_LY', 'DANG_GIAI_QUYET', 'XAC_MINH', 'TAM_DINH_CHI'];

/** Processing a letter: 7 working days for a denunciation (Luật TC Điều 24.1), XU_LY_DON otherwise. */
export function intakeRule(p: ClockSubject): DeadlineRuleId {
  return p.type === 'TO_CAO' ? 'TC_XU_LY_BAN_DAU' : 'XU_LY_DON';
}
function acceptanceRule(p: ClockSubject): DeadlineRuleId {
  if (p.type === 'KHIEU_NAI') return p.round >= 2 ? 'KN_THU_LY_LAN_2' : 'KN_THU_LY_LAN_1';
  return 'TC_XU_LY_BAN_DAU';
}
export function resolutionRule(p: ClockSubject): DeadlineRuleId {
  if (p.type === 'KHIEU_NAI') return p.round >= 2 ? 'KN_GIAI_QUYET_LAN_2' : 'KN_GIAI_QUYET_LAN_1';
  if (p.type === 'TO_CAO') return 'TC_GIAI_QUYET';
  return 'KNPA_GIAI_QUYET';
}

const A = (d: Omit<ActionDefinition, 'requires'> & { requires?: readonly ActionField[] }): ActionDefinition => ({ requires: [], ...d });

export const ACTIONS: Readonly<Record<ActionCode, ActionDefinition>> = {
  PHAN_LOAI: A({ code: 'PHAN_LOAI', label: { vi: 'Phân loại đơn', en: 'Classify' }, from: ['NHAN_DON'], to: 'PHAN_LOAI', types: ALL, roles: PROCESSORS,
    requires: ['classification'], clock: { kind: 'START', rule: intakeRule, from: 'CLOCK_START' } }),
  LUU_DON: A({ code: 'LUU_DON', label: { vi: 'Lưu đơn', en: 'Archive' }, from: ['NHAN_DON', 'PHAN_LOAI'], to: 'LUU_DON', types: ALL, roles: PROCESSORS,
    requires: ['archiveReason'], clock: { kind: 'STOP' } }),
  GOP_VU_VIEC: A({ code: 'GOP_VU_VIEC', label: { vi: 'Gộp vào vụ việc đã có (đơn trùng)', en: 'Merge into an existing case (duplicate)' }, from: ['NHAN_DON', 'PHAN_LOAI'], to: 'TRUNG_LAP', types: ALL, roles: PROCESSORS,
    requires: ['caseId'], clock: { kind: 'STOP' } }),
  // A complaint outside our competence is guided once to the competent body (DOMAIN §1.2), never transferred.
  HUONG_DAN: A({ code: 'HUONG_DAN', label: { vi: 'Hướng dẫn người gửi', en: 'Guide the sender' }, from: ['PHAN_LOAI'], to: 'HUONG_DAN', types: ['KHIEU_NAI', 'KIEN_NGHI', 'PHAN_ANH', 'NHIEU_NOI_DUNG'], roles: PROCESSORS,
    requires: ['targetBody'], clock: { kind: 'STOP' }, document: 'GUIDANCE_SLIP' }),
  CHUYEN_DON_NOI_BO: A({ code: 'CHUYEN_DON_NOI_BO', label: { vi: 'Chuyển đơn cho đơn vị có thẩm quyền (trong hệ thống)', en: 'Transfer to the competent unit (in the system)' }, from: ['PHAN_LOAI'], to: 'CHUYEN_DEN', types: ['TO_CAO', 'KIEN_NGHI', 'PHAN_ANH'], roles: PROCESSORS,
    requires: ['targetUnitId'], clock: { kind: 'START', rule: intakeRule, from: 'NOW' }, document: 'TRANSFER_SLIP', movesUnit: 'TO_TARGET' }),
  CHUYEN_DON_NGOAI: A({ code: 'CHUYEN_DON_NGOAI', label: { vi: 'Chuyển đơn cho cơ quan ngoài hệ thống', en: 'Transfer to a body outside the system' }, from: ['PHAN_LOAI'], to: 'CHO_PHUC_DAP', types: ['TO_CAO', 'KIEN_NGHI', 'PHAN_ANH'], roles: PROCESSORS,
    requires: ['targetBody'], clock: { kind: 'STOP' }, document: 'TRANSFER_SLIP' }),
  TIEP_NHAN_CHUYEN: A({ code: 'TIEP_NHAN_CHUYEN', label: { vi: 'Tiếp nhận đơn được chuyển đến', en: 'Accept the transferred petition' }, from: ['CHUYEN_DEN'], to: 'PHAN_LOAI', types: ALL, roles: PROCESSORS,
    clock: { kind: 'KEEP' } }),
  TRA_LAI_CHUYEN: A({ code: 'TRA_LAI_CHUYEN', label: { vi: 'Trả lại đơn cho đơn vị đã chuyển', en: 'Send back to the transferring unit' }, from: ['CHUYEN_DEN'], to: 'PHAN_LOAI', types: ALL, roles: PROCESSORS,
    requires: ['reason'], clock: { kind: 'START', rule: intakeRule, from: 'NOW' }, movesUnit: 'BACK_TO_SENDER' }),
  TRA_LAI_DON: A({ code: 'TRA_LAI_DON', label: { vi: 'Trả lại đơn cho người gửi', en: 'Return to the sender' }, from: ['PHAN_LOAI'], to: 'TRA_LAI', types: ALL, roles: PROCESSORS,
    requires: ['reason'], clock: { kind: 'STOP' } }),
  DE_XUAT_THU_LY: A({ code: 'DE_XUAT_THU_LY', label: { vi: 'Đề xuất thụ lý (Mẫu 01)', en: 'Propose acceptance (Form 01)' }, from: ['PHAN_LOAI'], to: 'DE_XUAT_THU_LY', types: KN_TC, roles: PROCESSORS,
    clock: { kind: 'START', rule: acceptanceRule, from: 'CLOCK_START' } }),
  THU_LY: A({ code: 'THU_LY', label: { vi: 'Quyết định thụ lý', en: 'Accept for resolution' }, from: ['DE_XUAT_THU_LY'], to: 'DANG_GIAI_QUYET', types: KN_TC, roles: HEADS,
    requires: ['decision'], clock: { kind: 'START', rule: resolutionRule, from: 'DECISION_DATE' }, document: 'ACCEPTANCE_NOTICE' }),
  KHONG_THU_LY: A({ code: 'KHONG_THU_LY', label: { vi: 'Không thụ lý (nêu lý do)', en: 'Refuse acceptance (with reasons)' }, from: ['DE_XUAT_THU_LY'], to: 'KHONG_THU_LY', types: KN_TC, roles: HEADS,
    requires: ['reason'], clock: { kind: 'STOP' }, document: 'REFUSAL_NOTICE' }),
  GIAO_GIAI_QUYET: A({ code: 'GIAO_GIAI_QUYET', label: { vi: 'Giao giải quyết kiến nghị, phản ánh', en: 'Assign for resolution' }, from: ['PHAN_LOAI'], to: 'DANG_GIAI_QUYET', types: KNPA, roles: PROCESSORS,
    clock: { kind: 'START', rule: resolutionRule, from: 'NOW' } }),
  PHAN_CONG: A({ code: 'PHAN_CONG', label: { vi: 'Phân công cán bộ', en: 'Assign an officer' }, from: ['DANG_GIAI_QUYET', 'XAC_MINH'], to: 'SAME', types: ALL, roles: PROCESSORS,
    requires: ['assigneeId'], clock: { kind: 'KEEP' } }),
  XAC_MINH: A({ code: 'XAC_MINH', label: { vi: 'Tiến hành xác minh', en: 'Start verification' }, from: ['DANG_GIAI_QUYET'], to: 'XAC_MINH', types: KN_TC, roles: PROCESSORS,
    clock: { kind: 'KEEP' } }),
  // Only the denunciation law provides written extensions (Luật TC Điều 30; NĐ 31/2019 Mẫu 01).
  GIA_HAN: A({ code: 'GIA_HAN', label: { vi: 'Gia hạn giải quyết', en: 'Extend the time limit' }, from: ['DANG_GIAI_QUYET', 'XAC_MINH'], to: 'SAME', types: ['TO_CAO'], roles: HEADS,
    requires: ['decision', 'reason'], clock: { kind: 'EXTEND' } }),
  TAM_DINH_CHI: A({ code: 'TAM_DINH_CHI', label: { vi: 'Tạm đình chỉ giải quyết', en: 'Suspend the resolution' }, from: ['XAC_MINH'], to: 'TAM_DINH_CHI', types: KN_TC, roles: HEADS,
    requires: ['reason'], clock: { kind: 'PAUSE' } }),
  TIEP_TUC: A({ code: 'TIEP_TUC', label: { vi: 'Tiếp tục giải quyết', en: 'Resume the resolution' }, from: ['TAM_DINH_CHI'], to: 'XAC_MINH', types: KN_TC, roles: HEADS,
    clock: { kind: 'RESUME' } }),
  KET_LUAN: A({ code: 'KET_LUAN', label: { vi: 'Ban hành quyết định giải quyết / kết luận', en: 'Issue the decision or conclusion' }, from: ['XAC_MINH'], to: 'DA_CO_KET_LUAN', types: KN_TC, roles: HEADS,
    requires: ['decision', 'result'], clock: { kind: 'STOP' } }),
  TRA_LOI: A({ code: 'TRA_LOI', label: { vi: 'Trả lời kiến nghị, phản ánh', en: 'Answer the recommendation or reflection' }, from: ['DANG_GIAI_QUYET'], to: 'DA_CO_KET_LUAN', types: KNPA, roles: PROCESSORS,
    requires: ['decision'], clock: { kind: 'STOP' } }),
  KET_THUC: A({ code: 'KET_THUC', label: { vi: 'Kết thúc (đã thực hiện xong)', en: 'Close (implemented)' }, from: ['DA_CO_KET_LUAN'], to: 'KET_THUC', types: ALL, roles: PROCESSORS,
    clock: { kind: 'KEEP' } }),
  RUT_DON: A({ code: 'RUT_DON', label: { vi: 'Người gửi rút đơn', en: 'Withdrawn by the sender' }, from: ACTIVE, to: 'DINH_CHI', types: ALL, roles: PROCESSORS,
    requires: ['reason'], clock: { kind: 'STOP' } }),
  NHAN_PHUC_DAP: A({ code: 'NHAN_PHUC_DAP', label: { vi: 'Ghi nhận phúc đáp', en: 'Record the reply' }, from: ['CHO_PHUC_DAP'], to: 'DA_PHUC_DAP', types: ALL, roles: PROCESSORS,
    clock: { kind: 'KEEP' } }),
  DON_DOC: A({ code: 'DON_DOC', label: { vi: 'Đôn đốc cơ quan nhận đơn', en: 'Urge the receiving body' }, from: ['CHO_PHUC_DAP'], to: 'SAME', types: ALL, roles: PROCESSORS,
    clock: { kind: 'KEEP' } })
};

export interface TransitionSubject {
  status: PetitionStatus;
  type: PetitionType;
}

/** Why an action is not allowed, for a 409 a clerk understands. */
export type Refusal = 'WRONG_STATE' | 'WRONG_TYPE' | 'WRONG_ROLE';

export function checkAction(code: ActionCode, petition: TransitionSubject, role: Role): Refusal | null {
  const action = ACTIONS[code];
  if (!action.from.includes(petition.status)) return 'WRONG_STATE';
  if (!action.types.includes(petition.type)) return 'WRONG_TYPE';
  if (!action.roles.includes(role)) return 'WRONG_ROLE';
  return null;
}

/** The actions a role may take on a petition now: what the web shows as buttons. */
export function allowedActions(petition: TransitionSubject, role: Role): ActionCode[] {
  return ACTION_CODES.filter((code) => checkAction(code, petition, role) === null);
}

export function nextStatus(code: ActionCode, current: PetitionStatus): PetitionStatus {
  const to = ACTIONS[code].to;
  return to === 'SAME' ? current : to;
}
