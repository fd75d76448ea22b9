/** What the reception pages read from the API (server/modules/reception/reception.schemas.ts). */
import type { Channel, HostMode, SessionStatus, SessionType, VisitClassification, VisitOutcome, VisitRound } from '$shared/reception.ts';
import type { PetitionType } from '$shared/petition.ts';
import { RECEPTION_RECORDERS } from '$shared/reception.ts';
import type { Role } from '$shared/roles.ts';

export interface SessionRow {
  id: string;
  unitId: string;
  unitName: string;
  scheduleId: string | null;
  type: SessionType;
  date: string;
  startTime: string | null;
  endTime: string | null;
  place: string;
  desk: string | null;
  hostUserId: string | null;
  hostName: string | null;
  hostMode: HostMode | null;
  channel: Channel;
  meetingUrl: string | null;
  identityCheckMethod: string | null;
  status: SessionStatus;
  conclusionNoticeNo: string | null;
  conclusionNoticeDate: string | null;
  cancelReason: string | null;
  note: string | null;
  visits: number;
  people: number;
}

export interface VisitorRow {
  id: string;
  isRepresentative: boolean;
  identityProtected: boolean;
  withheld: boolean;
  fullName: string;
  idNumber: string | null;
  phone: string | null;
  address: string | null;
}

export interface VisitRow {
  id: string;
  number: number;
  year: number;
  sessionId: string;
  sessionType: SessionType;
  unitName: string;
  visitedAt: string;
  place: string;
  receivedByName: string | null;
  leaderName: string | null;
  channel: Channel;
  isGroup: boolean;
  groupSize: number;
  representativeCount: number;
  people: number;
  round: VisitRound;
  summary: string;
  classification: VisitClassification;
  priorBody: string | null;
  documents: string | null;
  outcome: VisitOutcome;
  outcomeBody: string | null;
  outcomeDocNo: string | null;
  refusalReason: string | null;
  refusalNoticeNo: string | null;
  replyDueDate: string | null;
  followUp: string | null;
  notes: string | null;
  petitionId: string | null;
  petitionCode: string | null;
  identityCheckMethod: string | null;
  identityCheckedByName: string | null;
  visitors: VisitorRow[];
}

export interface Host {
  id: string;
  fullName: string;
  role: string;
  unitName: string;
}

export const mayRecord = (role: string | undefined): boolean => RECEPTION_RECORDERS.includes(role as Role);

export function timeRange(s: Pick<SessionRow, 'startTime' | 'endTime'>): string {
  if (!s.startTime) return '';
  return s.endTime ? `${s.startTime}–${s.endTime}` : s.startTime;
}
