/** Events of the reception area (payloads hold no personal data of senders). */
import type { PetitionType } from '../petition.ts';
import type { Channel, HostMode, SessionStatus, SessionType, VisitClassification, VisitOutcome, VisitRound } from '../reception.ts';

/** A visit was entered in the reception book (sổ tiếp công dân): counts and codes only, never who came. */
export interface ReceptionVisitRecordedPayload {
  visitId: string;
  sessionId: string;
  sessionType: SessionType;
  hostMode: HostMode | null;
  channel: Channel;
  unitId: string;
  unitName: string;
  visitedAt: string;
  isGroup: boolean;
  /** People who came (the group's size for a group). */
  people: number;
  round: VisitRound;
  classification: VisitClassification;
  outcome: VisitOutcome;
  /** The petition created at the visit, if any (its receipt number is not personal data). */
  petitionId: string | null;
  petitionCode: string | null;
  petitionType: PetitionType | null;
}

/** A visit's outcome or follow-up changed. */
export interface ReceptionVisitUpdatedPayload {
  visitId: string;
  sessionId: string;
  unitId: string;
  outcome: VisitOutcome;
}

/** A session was scheduled, changed, closed or cancelled. */
export interface ReceptionSessionChangedPayload {
  sessionId: string;
  unitId: string;
  type: SessionType;
  date: string;
  status: SessionStatus;
  channel: Channel;
}

export interface ReceptionEventMap {
  'reception.visit_recorded': ReceptionVisitRecordedPayload;
  'reception.visit_updated': ReceptionVisitUpdatedPayload;
  'reception.session_changed': ReceptionSessionChangedPayload;
}
