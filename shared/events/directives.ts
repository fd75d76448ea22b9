/**
 * Events of directives and alerts. No citizen's personal data and no text: a client that gets one
 * reads the directive or the alert through the API, which checks what it may see.
 */
import type { DirectivePriority, MessageKind } from '../directives.ts';
import type { NotificationCreatedPayload } from '../notifications.ts';

/** A directive reached a unit (published to each target unit). */
export interface DirectiveIssuedPayload {
  directiveId: string;
  priority: DirectivePriority;
  dueDate: string;
  targetUnitId: string;
}

/**
 * A new message in a directive's thread: published to every target unit (which the issuer's
 * scope covers) and to each participant's own topic.
 */
export interface DirectiveMessagePayload {
  directiveId: string;
  seq: number;
  kind: MessageKind;
  /** The unit of the message's author. */
  unitId: string;
  priority: DirectivePriority;
}

export interface DirectivesEventMap {
  'directive.issued': DirectiveIssuedPayload;
  'directive.message': DirectiveMessagePayload;
  /** To one account's topic: a new alert in its notification centre. */
  'notification.created': NotificationCreatedPayload;
}
