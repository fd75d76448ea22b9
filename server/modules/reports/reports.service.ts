/**
 * Report forms (issue 6): the figures of a form for a unit's subtree and a period, the list of
 * petitions behind any figure (same predicate, so the counts match), and exports (XLSX in the
 * form's layout, PDF for signing, CSV of a list), each audited. Never for the administrator;
 * a unit outside the caller's scope is refused.
 */
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { addDays, formatVn, startOfVnDay, toVnDate, type IsoDate } from '../../../shared/calendar/index.ts';
import { PETITION_STATUS_LABELS, PETITION_TYPE_LABELS, type PetitionStatus, type PetitionType } from '../../../shared/petition.ts';
import { REPORT_FORMS, type ReportForm } from '../../../shared/reports/forms.ts';
import { reportPeriod, type PeriodKind, type ReportPeriod } from '../../../shared/reports/periods.ts';
import { isWithinAny } from '../../../shared/unit-path.ts';
import type { Db } from '../../db/client.ts';
import { commonErrors, defineError } from '../../http/errors.ts';
import { appendAudit } from '../audit/audit.log.ts';
import { requirePetitionRead } from '../access/policy.ts';
import type { AuthUser } from '../auth/auth.types.ts';
import { renderTablePdf } from '../documents/render-pdf.ts';
import { createUnitsRepository } from '../units/units.repository.ts';
import { createAnalyticsService } from './analytics.service.ts';
import { CELL_PREDICATES, type CellScope } from './form-cells.ts';

export const reportErrors = {
  unknownForm: defineError('reports.unknown_form', 404, 'Không có biểu mẫu báo cáo này.', 'No such report form.'),
  unknownCell: defineError('reports.unknown_cell', 404, 'Biểu mẫu không có ô số liệu này.', 'The form has no such cell.'),
  badPeriod: defineError('reports.bad_period', 400, 'Kỳ báo cáo không hợp lệ (ngày bắt đầu phải trước ngày kết thúc, tối đa 5 năm).', 'Invalid reporting period (start before end, 5 years at most).')
};

export interface PeriodQuery {
  period?: PeriodKind;
  year?: number;
  index?: number;
  from?: string;
  to?: string;
  unitId?: string;
}

export function createReportsService(deps: { db: Db; cutoffDay?: number }) {
  const units = createUnitsRepository(deps.db);

  function formOf(code: string): ReportForm {
    const form = REPORT_FORMS.find((f) => f.code === code);
    if (!form) throw reportErrors.unknownForm();
    return form;
  }

  function periodOf(q: PeriodQuery): ReportPeriod {
    const kind = q.period ?? 'CUSTOM';
    const period = kind === 'CUSTOM' ? { from: q.from as IsoDate, to: q.to as IsoDate } : reportPeriod(kind, q.year ?? Number(toVnDate(new Date()).slice(0, 4)), q.index ?? 1, deps.cutoffDay ?? 15);
    if (!period.from || !period.to || period.from > period.to || Number(period.to.slice(0, 4)) - Number(period.from.slice(0, 4)) > 5) throw reportErrors.badPeriod();
    return period;
  }

  async function scopeOf(user: AuthUser, q: PeriodQuery) {
    const scope = requirePetitionRead(user);
    const unit = q.unitId ? await units.findById(q.unitId) : await units.findById(user.unitId);
    if (!unit || !isWithinAny(unit.path, scope)) throw commonErrors.forbidden();
    const period = periodOf(q);
    const cells: CellScope = { subtree: unit.path, from: startOfVnDay(period.from), until: startOfVnDay(addDays(period.to, 1)) };
    return { unit, period, cells };
  }

  async function figures(user: AuthUser, formCode: string, q: PeriodQuery) {
    const form = formOf(formCode);
    const { unit, period, cells } = await scopeOf(user, q);
    // Every figure in one pass over the petitions the unit is concerned with.
    const columns = form.cells.map((c) => sql`count(*) FILTER (WHERE ${CELL_PREDICATES[c.code]!(cells)})::int AS ${sql.identifier(c.code)}`);
    const { rows } = await deps.db.execute<Record<string, number>>(sql`SELECT ${sql.join(columns, sql`, `)} FROM petitions p WHERE ${CELL_PREDICATES.TONG!(cells)} OR ${CELL_PREDICATES.CHUYEN_DON!(cells)} OR ${CELL_PREDICATES.DON_DOC!(cells)} OR ${CELL_PREDICATES.PHUC_DAP!(cells)} OR ${CELL_PREDICATES.LUU_DON!(cells)} OR ${CELL_PREDICATES.HUONG_DAN!(cells)}`);
    return { form, unit: { id: unit.id, name: unit.name, code: unit.code }, period, values: Object.fromEntries(form.cells.map((c) => [c.code, rows[0]?.[c.code] ?? 0])) as Record<string, number> };
  }

  async function cellRows(user: AuthUser, formCode: string, cellCode: string, q: PeriodQuery, limit: number) {
    const form = formOf(formCode);
    if (!form.cells.some((c) => c.code === cellCode)) throw reportErrors.unknownCell();
    const { cells } = await scopeOf(user, q);
    const { rows } = await deps.db.execute<{ id: string; code: string; type: string; status: string; received_at: Date; unit_name: string }>(sql`
      SELECT p.id, p.code, p.type, p.status, p.received_at, u.name AS unit_name
        FROM petitions p JOIN units u ON u.id = p.unit_id
       WHERE ${CELL_PREDICATES[cellCode]!(cells)}
       ORDER BY p.received_at, p.id LIMIT ${limit}`);
    // Codes and states only: a list behind a figure carries no one's identity.
    return rows.map((r) => ({ id: r.id, code: r.code, type: r.type as PetitionType, status: r.status as PetitionStatus, receivedAt: new Date(r.received_at).toISOString(), unitName: r.unit_name }));
  }

  const audit = (user: AuthUser, unitPath: string, details: Record<string, unknown>) =>
    appendAudit(deps.db, { actorId: user.id, actorLabel: user.identifierCode, action: 'report.export', entityType: 'report', entityId: null, unitPath, details });

  const analytics = createAnalyticsService({ db: deps.db });

  return {
    async analytics(user: AuthUser, q: PeriodQuery) {
      const { unit, period, cells } = await scopeOf(user, q);
      return { unit: { id: unit.id, name: unit.name }, period, ...(await analytics.compute({ subtree: cells.subtree, from: cells.from, until: cells.until })) };
    },

    forms: () => REPORT_FORMS.map((f) => ({ code: f.code, title: f.title, cells: f.cells })),
    figures,
    cellRows,

    async exportXlsx(user: AuthUser, formCode: string, q: PeriodQuery): Promise<{ bytes: Buffer; fileName: string }> {
      const report = await figures(user, formCode, q);
      const book = new ExcelJS.Workbook();
      const sheet = book.addWorksheet(report.form.code);
      const width = report.form.cells.length;
      sheet.mergeCells(1, 1, 1, width);
      sheet.getCell(1, 1).value = report.form.title.vi.toUpperCase();
      sheet.mergeCells(2, 1, 2, width);
      sheet.getCell(2, 1).value = `Đơn vị: ${report.unit.name}. Kỳ báo cáo: từ ngày ${formatVn(report.period.from)} đến ngày ${formatVn(report.period.to)}`;
      // Row 3: the column groups, merged over their columns; row 4: the labels; row 5: the figures.
      let column = 1;
      for (const cell of report.form.cells) {
        sheet.getCell(4, column).value = cell.label.vi;
        sheet.getCell(5, column).value = report.values[cell.code] ?? 0;
        column += 1;
      }
      let start = 1;
      report.form.cells.forEach((cell, i) => {
        const next = report.form.cells[i + 1];
        if (!next || next.group.vi !== cell.group.vi) {
          if (i + 1 > start) sheet.mergeCells(3, start, 3, i + 1);
          sheet.getCell(3, start).value = cell.group.vi;
          start = i + 2;
        }
      });
      for (const r of [1, 3, 4]) sheet.getRow(r).font = { bold: true };
      sheet.columns.forEach((c) => (c.width = 16));
      await audit(user, report.unit.code, { form: formCode, format: 'xlsx', from: report.period.from, to: report.period.to });
      return { bytes: Buffer.from(await book.xlsx.writeBuffer()), fileName: `${report.form.code}-${report.unit.code}-${report.period.from}.xlsx` };
    },

    async exportPdf(user: AuthUser, formCode: string, q: PeriodQuery): Promise<{ bytes: Buffer; fileName: string }> {
      const report = await figures(user, formCode, q);
      const bytes = await renderTablePdf({
        title: report.form.title.vi.toUpperCase(),
        subtitle: `${report.unit.name} · từ ngày ${formatVn(report.period.from)} đến ngày ${formatVn(report.period.to)}`,
        rows: report.form.cells.map((c) => [c.group.vi, c.label.vi, String(report.values[c.code] ?? 0)]),
        headers: ['Nhóm', 'Chỉ tiêu', 'Số liệu']
      });
      await audit(user, report.unit.code, { form: formCode, format: 'pdf', from: report.period.from, to: report.period.to });
      return { bytes, fileName: `${report.form.code}-${report.unit.code}-${report.period.from}.pdf` };
    },

    async exportCsv(user: AuthUser, formCode: string, cellCode: string, q: PeriodQuery): Promise<{ bytes: Buffer; fileName: string }> {
      const rows = await cellRows(user, formCode, cellCode, q, 100_000);
      const quote = (v: string) => `"${v.replace(/"/g, '""')}"`;
      const lines = [['Mã đơn', 'Loại đơn', 'Trạng thái', 'Ngày nhận', 'Đơn vị đang giữ'].map(quote).join(',')];
      for (const r of rows) lines.push([r.code, PETITION_TYPE_LABELS[r.type].vi, PETITION_STATUS_LABELS[r.status]?.vi ?? r.status, formatVn(toVnDate(new Date(r.receivedAt))), r.unitName].map(quote).join(','));
      const { unit } = await scopeOf(user, q);
      await audit(user, unit.code, { form: formCode, cell: cellCode, format: 'csv', rows: rows.length });
      // A byte-order mark so spreadsheet programs read the Vietnamese as UTF-8.
      return { bytes: Buffer.from('\uFEFF' + lines.join('\r\n') + '\r\n', 'utf8'), fileName: `${formCode}-${cellCode}.csv` };
    }
  };
}
export type ReportsService = ReturnType<typeof createReportsService>;
