/**
 * The realtime contract: every event the server publishes, by type, with its payload.
 * Payloads hold no personal data of senders; a client asks the API for details it may see.
 */
import type { PetitionStatus, PetitionType } from './petition.ts';
import type { ProcedureEventMap } from './events/procedure.ts';
import type { ReceptionEventMap } from './events/reception.ts';
import type { DirectivesEventMap } from './events/directives.ts';
import type { CommandEventMap } from './events/command.ts';

export interface PetitionCreatedPayload {
  petitionId: string;
  code: string;
  type: PetitionType;
  status: PetitionStatus;
  unitId: string;
  unitName: string;
  receivedAt: string;
}

/** Each area declares its own events in shared/events/<area>.ts. */
export interface ServerEventMap extends ProcedureEventMap, ReceptionEventMap, DirectivesEventMap, CommandEventMap {
  'petition.created': PetitionCreatedPayload;
}
export type ServerEventType = keyof ServerEventMap;

/**
 * What travels on the wire. `id` identifies the event (clients drop repeats by it); `seq` is the
 * order in which the relay delivered it, the cursor a reconnecting client resumes from.
 */
export type EventEnvelope<T extends ServerEventType = ServerEventType> = {
  [K in T]: {
    id: string;
    seq: string;
    type: K;
    unitPath: string;
    occurredAt: string;
    payload: ServerEventMap[K];
  };
}[T];

/** The petition an event is about, when it is about one (most are; reception and directive events may not be). */
export function petitionIdOf(event: EventEnvelope): string | undefined {
  const payload = event.payload as { petitionId?: unknown };
  return typeof payload.petitionId === 'string' ? payload.petitionId : undefined;
}
