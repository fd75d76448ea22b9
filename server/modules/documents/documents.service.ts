/**
 * Documents of a petition, built from what the procedure recorded (petition_events) and rendered
 * as PDF or DOCX. In scope only (the administrator never); every download is audited.
 */
import { and, desc, eq, inArray } from 'drizzle-orm';
import QRCode from 'qrcode';
import { toVnDate } from '../../../shared/calendar/index.ts';
import { PETITION_TYPE_LABELS, type PetitionType } from '../../../shared/petition.ts';
import { lookupUrl } from '../../../shared/lookup.ts';
import type { Db } from '../../db/client.ts';
import { withScope } from '../../db/scoped.ts';
import { defineError } from '../../http/errors.ts';
import { appendAudit } from '../audit/audit.log.ts';
import { requirePetitionRead } from '../access/policy.ts';
import type { AuthUser } from '../auth/auth.types.ts';
import { createPetitionsRepository } from '../petitions/petitions.repository.ts';
import { petitionErrors } from '../petitions/petitions.errors.ts';
import { petitionEventsTable } from '../petitions/petitions.table.ts';
import { createUnitsRepository } from '../units/units.repository.ts';
import { acceptanceNotice, guidanceSlip, receipt, refusalNotice, transferSlip, type DocumentKind, type DocumentModel } from './document-model.ts';
import { renderDocx } from './render-docx.ts';
import { renderPdf } from './render-pdf.ts';

export const documentErrors = {
  notIssued: defineError('documents.not_issued', 409, 'Đơn chưa có bước xử lý tạo ra văn bản này.', 'No step of this petition has produced this document yet.')
};

/** The step whose record a document prints. */
const SOURCE_ACTIONS: Record<Exclude<DocumentKind, 'RECEIPT'>, string[]> = {
  ACCEPTANCE_NOTICE: ['THU_LY'],
  REFUSAL_NOTICE: ['KHONG_THU_LY'],
  GUIDANCE_SLIP: ['HUONG_DAN'],
  TRANSFER_SLIP: ['CHUYEN_DON_NOI_BO', 'CHUYEN_DON_NGOAI']
};

export function createDocumentsService(deps: { db: Db; publicUrl: string; now?: () => Date }) {
  const now = deps.now ?? (() => new Date());
  const units = createUnitsRepository(deps.db);

  async function build(user: AuthUser, petitionId: string, kind: DocumentKind): Promise<{ model: DocumentModel; unitPath: string; code: string }> {
    const scope = requirePetitionRead(user);
    const found = await withScope(deps.db, scope, async (tx) => {
      const detail = await createPetitionsRepository(tx).findDetail(petitionId, scope);
      if (!detail) return null;
      const steps = kind === 'RECEIPT' ? [] : await tx.select().from(petitionEventsTable).where(and(eq(petitionEventsTable.petitionId, petitionId), inArray(petitionEventsTable.action, SOURCE_ACTIONS[kind]))).orderBy(desc(petitionEventsTable.id)).limit(1);
      return { detail, step: steps[0] };
    });
    if (!found) throw petitionErrors.notFound();
    const { detail, step } = found;
    const p = detail.petition;
    // The body that issued the step (a transfer slip is the sender's, even after the petition moved).
    const issuer = (step?.unitPath ? await units.findByPath(step.unitPath) : null) ?? (await units.findById(p.unitId))!;
    const parent = issuer.parentId ? await units.findById(issuer.parentId) : null;
    const province = issuer.provinceCode ? await units.findByCode(issuer.provinceCode) : null;
    const common = {
      unitName: issuer.name,
      parentUnitName: parent && parent.code !== 'VN' ? parent.name : undefined,
      place: province?.shortName ?? province?.name ?? 'Hà Nội',
      today: toVnDate(now()),
      petitionCode: p.code,
      typeLabel: PETITION_TYPE_LABELS[p.type as PetitionType].vi,
      receivedOn: toVnDate(p.receivedAt),
      summary: p.summary
    };
    if (kind === 'RECEIPT') {
      const url = lookupUrl(deps.publicUrl, p.code);
      const qrPng = await QRCode.toBuffer(url, { errorCorrectionLevel: 'M', margin: 1, width: 240 });
      return { model: receipt({ ...common, expectedReplyOn: p.dueDate, lookupUrl: `${deps.publicUrl}/tra-cuu`, qrPng }), unitPath: p.unitPath, code: p.code };
    }
    if (!step) throw documentErrors.notIssued();
    const stepDate = step.documentDate ?? toVnDate(step.occurredAt);
    const model =
      kind === 'ACCEPTANCE_NOTICE'
        ? acceptanceNotice({ ...common, decisionNo: step.documentNo ?? '…', decisionDate: stepDate, dueOn: p.dueDate })
        : kind === 'REFUSAL_NOTICE'
          ? refusalNotice({ ...common, reason: step.reason ?? '' })
          : kind === 'GUIDANCE_SLIP'
            ? guidanceSlip({ ...common, targetBody: step.targetBody ?? '', note: step.note })
            : transferSlip({
                ...common,
                target: step.targetBody ?? (step.targetUnitId ? ((await units.findById(step.targetUnitId))?.name ?? '') : ''),
                isDenunciation: p.type === 'TO_CAO',
                note: step.note
              });
    return { model, unitPath: p.unitPath, code: p.code };
  }

  return {
    async render(user: AuthUser, petitionId: string, kind: DocumentKind, format: 'pdf' | 'docx') {
      const { model, unitPath, code } = await build(user, petitionId, kind);
      const bytes = format === 'pdf' ? await renderPdf(model) : await renderDocx(model);
      await appendAudit(deps.db, { actorId: user.id, actorLabel: user.identifierCode, action: 'document.export', entityType: 'petition', entityId: petitionId, unitPath, details: { code, kind, format } });
      return { bytes, fileName: `${model.fileName}.${format}` };
    }
  };
}
export type DocumentsService = ReturnType<typeof createDocumentsService>;
