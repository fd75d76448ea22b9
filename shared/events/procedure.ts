/** Events of the petition procedure (payloads hold no personal data of senders). */
import type { PetitionStatus, PetitionType } from '../petition.ts';
import type { ActionCode } from '../procedure/state-machine.ts';

export type DeadlineState = 'ON_TRACK' | 'DUE_SOON' | 'OVERDUE';

/** A step was taken on a petition that stays in (or arrives at) this unit. */
export interface PetitionChangedPayload {
  petitionId: string;
  code: string;
  type: PetitionType;
  action: ActionCode;
  previousStatus: PetitionStatus;
  status: PetitionStatus;
  unitId: string;
  unitName: string;
  dueDate: string | null;
  deadlineState: DeadlineState;
  closed: boolean;
}

/** A petition left one unit for another (transfer, or sent back); published to both units. */
export interface PetitionTransferredPayload {
  petitionId: string;
  code: string;
  type: PetitionType;
  action: ActionCode;
  status: PetitionStatus;
  fromUnitId: string;
  fromUnitName: string;
  toUnitId: string;
  toUnitName: string;
}

/** The deadline watcher marked an open step due soon or overdue (once per step). */
export interface PetitionDeadlinePayload {
  petitionId: string;
  code: string;
  type: PetitionType;
  status: PetitionStatus;
  state: 'DUE_SOON' | 'OVERDUE';
  dueDate: string;
  dueAt: string;
  unitId: string;
}

export interface ProcedureEventMap {
  'petition.changed': PetitionChangedPayload;
  'petition.transferred': PetitionTransferredPayload;
  'petition.deadline': PetitionDeadlinePayload;
}
