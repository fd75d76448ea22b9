/**
 * The reception area as the app wires it: one construction (services over the app's one database,
 * FieldCipher, petitions service and calendar) and one route plugin.
 */
import type { FieldCipher } from '../../crypto/field-cipher.ts';
import type { Db } from '../../db/client.ts';
import type { CalendarService } from '../calendar/calendar.service.ts';
import type { PetitionsService } from '../petitions/petitions.service.ts';
import { createBookService } from './reception.book.ts';
import { createScheduleService } from './reception.schedules.ts';
import { createReceptionService } from './reception.service.ts';

export { receptionRoutes } from './reception.routes.ts';

export function createReceptionModule(deps: { db: Db; cipher: FieldCipher; petitions: PetitionsService; calendar: CalendarService; now?: () => Date }) {
  const reception = createReceptionService(deps);
  return {
    reception,
    schedules: createScheduleService(deps),
    book: createBookService({ db: deps.db, reception })
  };
}
