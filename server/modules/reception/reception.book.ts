/**
 * The reception book (sổ tiếp công dân) as TT 04/2021/TT-TTCP Mẫu số 03 prints it: twelve
 * columns per visit (DOMAIN.md §2), plus the codes the 01/TCD report counts (visits, people,
 * cases, groups, first-time or repeat, kind of reception, head in person or delegated).
 * Also as an .xlsx file for printing and sending.
 */
import ExcelJS from 'exceljs';
import { addDays, diffDays, formatVn, startOfVnDay, toVnDate } from '../../../shared/calendar/index.ts';
import {
  BOOK_COLUMNS,
  CHANNEL_LABELS,
  HOST_MODE_LABELS,
  REFUSAL_REASON_LABELS,
  SESSION_TYPE_LABELS,
  VISIT_CLASSIFICATION_LABELS,
  VISIT_ROUND_LABELS,
  type RefusalReason,
  type SessionType,
  type HostMode
} from '../../../shared/reception.ts';
import { isWithinAny } from '../../../shared/unit-path.ts';
import { formatVnDate } from '../../../shared/vn-time.ts';
import type { Db } from '../../db/client.ts';
import { withScope } from '../../db/scoped.ts';
import { commonErrors } from '../../http/errors.ts';
import { requireReceptionRead } from '../access/policy.ts';
import { appendAudit } from '../audit/audit.log.ts';
import type { AuthUser } from '../auth/auth.types.ts';
import { createUnitsRepository } from '../units/units.repository.ts';
import { receptionErrors } from './reception.errors.ts';
import { createReceptionRepository } from './reception.repository.ts';
import type { BookInput, BookReplyDto, BookRowDto, VisitDto } from './reception.schemas.ts';
import type { ReceptionService } from './reception.service.ts';

/** A printed book over a longer span is a report, not a book page. */
const MAX_ROWS = 5000;
const MAX_DAYS = 366;

const nonEmpty = (parts: (string | null | undefined | false)[], sep = '; ') => parts.filter((p): p is string => typeof p === 'string' && p.trim() !== '').join(sep);

/** The twelve cells of one visit (Vietnamese: the form is an official document). */
export function bookCells(v: VisitDto, stt: number, hostName: string | null): string[] {
  const who = v.visitors.map((p) => (p.withheld ? p.fullName : nonEmpty([p.fullName, p.address], ' – ')));
  const nameAddress = v.isGroup ? `Đoàn ${v.groupSize} người; người đại diện: ${who.join('; ')}` : who.join('; ');
  const idNumbers = v.visitors.map((p) => (p.withheld ? p.fullName : p.idNumber)).filter((x): x is string => Boolean(x));
  const classification = nonEmpty(
    [
      VISIT_CLASSIFICATION_LABELS[v.classification].vi,
      v.isGroup ? `${v.groupSize} người (đoàn đông người, ${v.representativeCount} người đại diện)` : `${v.groupSize} người`,
      `vụ việc ${VISIT_ROUND_LABELS[v.round].vi.toLowerCase()}`
    ]
  );
  const accepted = v.outcome === 'NHAN_DON' ? nonEmpty(['Tiếp nhận đơn', v.petitionCode && `mã đơn ${v.petitionCode}`], ', ') : '';
  const guided = v.outcome === 'HUONG_DAN' ? nonEmpty([`Hướng dẫn đến ${v.outcomeBody ?? ''}`.trim(), v.outcomeDocNo && `văn bản số ${v.outcomeDocNo}`], ', ') : '';
  const transferred = v.outcome === 'CHUYEN_DON' ? nonEmpty([`Chuyển đến ${v.outcomeBody ?? ''}`.trim(), v.outcomeDocNo && `văn bản số ${v.outcomeDocNo}`], ', ') : '';
  const followUp = nonEmpty([v.followUp, v.replyDueDate && `Hạn trả lời công dân: ${formatVn(v.replyDueDate)}`]);
  const session = SESSION_TYPE_LABELS[v.sessionType as SessionType].vi + (v.sessionType !== 'THUONG_XUYEN' && hostName ? `: ${hostName}${v.hostMode ? ` (${HOST_MODE_LABELS[v.hostMode as HostMode].vi.toLowerCase()})` : ''}` : '');
  const notes = nonEmpty([
    v.outcome === 'TRA_LOI_TRUC_TIEP' && 'Đã giải thích, trả lời trực tiếp',
    v.outcome === 'TU_CHOI' && v.refusalReason && nonEmpty([`Từ chối tiếp: ${REFUSAL_REASON_LABELS[v.refusalReason as RefusalReason].vi}`, v.refusalNoticeNo && `thông báo số ${v.refusalNoticeNo}`], ', '),
    v.outcome !== 'NHAN_DON' && v.petitionCode && `Mã đơn ${v.petitionCode}`,
    v.documents && `Tài liệu nhận: ${v.documents}`,
    session,
    v.channel === 'TRUC_TUYEN' && CHANNEL_LABELS.TRUC_TUYEN.vi,
    v.notes
  ]);
  return [String(stt), formatVnDate(v.visitedAt), nameAddress, idNumbers.join('; '), v.summary, classification, v.priorBody ?? '', accepted, guided, transferred, followUp, notes];
}

export function createBookService(deps: { db: Db; reception: ReceptionService }) {
  const units = createUnitsRepository(deps.db);

  return {
    async book(user: AuthUser, query: BookInput): Promise<BookReplyDto> {
      const scope = requireReceptionRead(user);
      if (query.to < query.from || diffDays(query.from, query.to) > MAX_DAYS) {
        throw receptionErrors.period([{ field: 'to', message: 'Đến ngày: phải từ "Từ ngày" trở đi, trong vòng 1 năm.', messageEn: 'To: on or after From, within one year.' }]);
      }
      const unit = await units.findById(query.unitId ?? user.unitId);
      if (!unit) throw receptionErrors.unitNotFound([{ field: 'unitId', message: 'Đơn vị: không tồn tại.', messageEn: 'Unit: does not exist.' }]);
      // Another unit's book is refused outright, not shown empty (its existence is no secret; its lines are).
      if (!isWithinAny(unit.path, scope)) throw commonErrors.forbidden();
      const rows = await withScope(deps.db, scope, async (tx) => {
        const repo = createReceptionRepository(tx);
        const found = await repo.visits(
          { scopePaths: scope, subtree: unit.path, from: startOfVnDay(query.from), to: startOfVnDay(addDays(query.to, 1)) },
          { limit: MAX_ROWS + 1, order: 'book' }
        );
        if (found.length > MAX_ROWS) throw receptionErrors.tooManyRows();
        const dtos = await deps.reception.toVisitDtos(tx, user, found, await repo.visitorsOf(found.map((r) => r.visit.id)), 'book');
        return { found, dtos, hosts: new Map(found.map((r) => [r.visit.id, r.leaderName])) };
      });
      const dtos = rows.dtos;
      return {
        unitId: unit.id,
        unitName: unit.name,
        from: query.from,
        to: query.to,
        columns: [...BOOK_COLUMNS],
        rows: dtos.map((v, i): BookRowDto => {
          const context = rows.found[i]!;
          return {
            visitId: v.id,
            cells: bookCells(v, i + 1, rows.hosts.get(v.id) ?? null),
            unitId: v.unitId,
            sessionId: v.sessionId,
            date: toVnDate(new Date(v.visitedAt)),
            number: v.number,
            sessionType: v.sessionType,
            hostMode: v.hostMode,
            channel: v.channel,
            isGroup: v.isGroup,
            people: v.people,
            representatives: v.representativeCount,
            round: v.round,
            classification: v.classification,
            outcome: v.outcome,
            petitionId: v.petitionId,
            petitionCode: v.petitionCode,
            caseId: context.caseId
          };
        })
      };
    },

    /** The book as an .xlsx workbook (Mẫu số 03 layout); the export itself is audited. */
    async exportXlsx(user: AuthUser, query: BookInput): Promise<{ fileName: string; data: Buffer }> {
      const book = await this.book(user, query);
      const workbook = new ExcelJS.Workbook();
      workbook.creator = 'Đơn Thư';
      const sheet = workbook.addWorksheet('Sổ tiếp công dân', { pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
      sheet.mergeCells(1, 1, 1, 12);
      sheet.getCell(1, 1).value = 'SỔ TIẾP CÔNG DÂN';
      sheet.getCell(1, 1).font = { bold: true, size: 14 };
      sheet.getCell(1, 1).alignment = { horizontal: 'center' };
      sheet.mergeCells(2, 1, 2, 12);
      sheet.getCell(2, 1).value = `${book.unitName} – từ ngày ${formatVn(book.from)} đến ngày ${formatVn(book.to)} (Mẫu số 03, Thông tư 04/2021/TT-TTCP)`;
      sheet.getCell(2, 1).alignment = { horizontal: 'center' };
      const header = sheet.getRow(4);
      BOOK_COLUMNS.forEach((c, i) => {
        header.getCell(i + 1).value = c.vi;
      });
      const numbers = sheet.getRow(5);
      BOOK_COLUMNS.forEach((_, i) => {
        numbers.getCell(i + 1).value = `(${i + 1})`;
      });
      for (const row of [header, numbers]) {
        row.font = { bold: true };
        row.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      }
      book.rows.forEach((r) => sheet.addRow(r.cells).eachCell((cell) => (cell.alignment = { vertical: 'top', wrapText: true })));
      [6, 12, 30, 16, 40, 22, 20, 20, 24, 24, 24, 30].forEach((w, i) => (sheet.getColumn(i + 1).width = w));
      for (let r = 4; r <= sheet.rowCount; r++) {
        for (let c = 1; c <= 12; c++) sheet.getCell(r, c).border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
      }
      const data = Buffer.from(await workbook.xlsx.writeBuffer());
      await appendAudit(deps.db, {
        actorId: user.id,
        actorLabel: user.identifierCode,
        action: 'reception.book_export',
        entityType: 'reception_book',
        entityId: book.unitId,
        unitPath: user.unitPath,
        details: { from: book.from, to: book.to, rows: book.rows.length }
      });
      return { fileName: `so-tiep-cong-dan_${book.from}_${book.to}.xlsx`, data };
    }
  };
}
export type BookService = ReturnType<typeof createBookService>;
