/**
 * Public look-up of a petition by its receipt number and the last 4 digits of the sender's phone
 * or identity number (issue 4 item 8). It answers with citizen-facing facts only, and a wrong
 * number and wrong digits get the same answer after the same work, so a guess reveals nothing.
 */
import { timingSafeEqual } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { toVnDate } from '../../../shared/calendar/index.ts';
import { LOOKUP_DIGITS, publicStatus } from '../../../shared/lookup.ts';
import { PETITION_TYPE_LABELS, type PetitionType } from '../../../shared/petition.ts';
import type { Db } from '../../db/client.ts';
import { defineError } from '../../http/errors.ts';
import type { PartiesService } from '../parties/parties.service.ts';
import { petitionsTable } from '../petitions/petitions.table.ts';
import { unitsTable } from '../units/units.table.ts';

export const lookupErrors = {
  notFound: defineError(
    'lookup.not_found',
    404,
    'Không tìm thấy đơn với mã và 4 chữ số đã nhập. Xin kiểm tra lại mã đơn trên giấy biên nhận và 4 số cuối số điện thoại hoặc số định danh đã khai khi gửi đơn.',
    'No petition matches this receipt number and these 4 digits. Check the number on your receipt and the last 4 digits of the phone or identity number you gave.'
  )
};

export interface PublicPetitionStatus {
  code: string;
  type: { vi: string; en: string };
  receivedOn: string;
  status: { vi: string; en: string };
  handlingBody: string;
  expectedBy: string | null;
  closedOn: string | null;
}

const sameDigits = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export function createLookupService(deps: { db: Db; parties: PartiesService }) {
  return {
    async lookup(code: string, digits: string): Promise<PublicPetitionStatus> {
      const normalisedCode = code.trim().toUpperCase();
      const [row] = await deps.db
        .select({ petition: petitionsTable, unitName: unitsTable.name })
        .from(petitionsTable)
        .innerJoin(unitsTable, eq(unitsTable.id, petitionsTable.unitId))
        .where(eq(petitionsTable.code, normalisedCode))
        .limit(1);
      // The same decryption and comparison work whether or not the number exists.
      const candidates = row ? await deps.parties.senderDigits(deps.db, row.petition.id, LOOKUP_DIGITS) : ['----', '----'];
      const matched = candidates.map((c) => sameDigits(c, digits)).includes(true);
      if (!row || !matched) throw lookupErrors.notFound();
      const p = row.petition;
      return {
        code: p.code,
        type: PETITION_TYPE_LABELS[p.type as PetitionType],
        receivedOn: toVnDate(p.receivedAt),
        status: publicStatus(p.status),
        handlingBody: row.unitName,
        expectedBy: p.closedAt ? null : p.dueDate,
        closedOn: p.closedAt ? toVnDate(p.closedAt) : null
      };
    }
  };
}
export type LookupService = ReturnType<typeof createLookupService>;
