/** Events of the reception area (payloads hold no personal data of senders). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ReceptionEventMap {}
