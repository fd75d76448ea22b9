/** Events of the procedure area (payloads hold no personal data of senders). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ProcedureEventMap {}
