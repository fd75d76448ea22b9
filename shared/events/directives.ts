/** Events of directives and alerts (no citizen's personal data; the text is read through the API). */
import type { DirectivePriority, MessageKind } from '../directives.ts';

/** A directive reached a unit (published to each target unit). */
export interface DirectiveIssuedPayload {
  directiveId: string;
  priority: DirectivePriority;
  dueDate: string;
  targetUnitId: string;
}

/** A new message in a directive's thread (published to every target unit, which the issuer's scope covers). */
export interface DirectiveMessagePayload {
  directiveId: string;
  seq: number;
  kind: MessageKind;
  unitId: string;
  priority: DirectivePriority;
}

export interface DirectivesEventMap {
  'directive.issued': DirectiveIssuedPayload;
  'directive.message': DirectiveMessagePayload;
}
