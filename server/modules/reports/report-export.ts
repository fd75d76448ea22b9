/**
 * A form as XLSX (the official layout: unit and form number, title, period with real dates,
 * merged multi-level headers, column numbers, one row per unit, the total, notes, signatures),
 * as PDF for signing (landscape A4, pdfmake's bundled Roboto for the Vietnamese diacritics), and
 * the list behind a figure as CSV. No export carries a citizen's personal data: lists show
 * receipt numbers, types, steps, dates and units only.
 */
import { createRequire } from 'node:module';
import ExcelJS from 'exceljs';
import type { Content, TDocumentDefinitions, TableCell } from 'pdfmake/interfaces';
import { formatVn, toVnDate, type IsoDate } from '../../../shared/calendar/index.ts';
import { PETITION_STATUS_LABELS, PETITION_TYPE_LABELS, type PetitionStatus, type PetitionType } from '../../../shared/petition.ts';
import { ACTIONS, type ActionCode } from '../../../shared/procedure/state-machine.ts';
import { HOST_MODE_LABELS, SESSION_TYPE_LABELS, VISIT_CLASSIFICATION_LABELS, VISIT_OUTCOME_LABELS, VISIT_ROUND_LABELS, CHANNEL_LABELS } from '../../../shared/reception.ts';
import { formCells, headerLayout, type CellQuery, type CellSource, type ReportForm } from '../../../shared/reports/forms.ts';
import { NATIONAL_MOTTO } from '../documents/render-pdf.ts';
import type { createReportsRepository } from './reports.repository.ts';
import type { ReportFigures } from './reports.service.ts';

const require = createRequire(import.meta.url);
// The same pdfmake instance documents/render-pdf.ts set up (bundled Roboto, no URL or file access).
const pdfmake = require('pdfmake') as { createPdf(doc: TDocumentDefinitions): { getBuffer(): Promise<Buffer> } };

export interface ReportListItem {
  /** The counted row: a petition fact, a line of the reception book, or a reception session. */
  id: string;
  kind: 'PETITION' | 'VISIT' | 'SESSION';
  petitionId: string | null;
  /** Receipt number, reception book number ("12/2026") or the session's date. */
  code: string;
  /** Petition type, visit classification or session type (a code). */
  type: string;
  /** The petition's current status, only when it is still within the caller's scope. */
  status: string | null;
  /** The step counted (an action code), the visit's outcome, or the session's host mode. */
  step: string | null;
  /** When the counted step or visit happened (ISO instant), or the session's date. */
  at: string;
  receivedAt: string | null;
  unitName: string;
  caseCode: string | null;
  /** People (a visit's group size). */
  people: number | null;
  round: string | null;
}

type Repo = ReturnType<typeof createReportsRepository>;
const iso = (d: Date | string) => new Date(d).toISOString();

export async function listItemsOf(repo: Repo, query: CellQuery, ids: string[]): Promise<ReportListItem[]> {
  if (query.source === 'VISIT') {
    return (await repo.visitItems(ids)).map((v) => ({
      id: v.id, kind: 'VISIT', petitionId: null, code: `${v.seq}/${v.year}`, type: v.classification, status: null, step: v.outcome,
      at: iso(v.visited_at), receivedAt: null, unitName: v.unit_name, caseCode: v.petition_code, people: v.group_size, round: v.round
    }));
  }
  if (query.source === 'SESSION') {
    return (await repo.sessionItems(ids)).map((s) => ({
      id: s.id, kind: 'SESSION', petitionId: null, code: s.session_date, type: s.type, status: null, step: s.host_mode,
      at: `${s.session_date}T00:00:00+07:00`, receivedAt: null, unitName: s.unit_name, caseCode: null, people: s.visits, round: s.channel
    }));
  }
  const out = query.window === 'OUT';
  return (await repo.factItems(ids)).map((f) => ({
    id: f.id, kind: 'PETITION', petitionId: f.status === null ? null : f.petition_id, code: f.code, type: f.type, status: f.status,
    step: out ? f.out_action : f.in_action, at: iso(out && f.out_at ? f.out_at : f.in_at), receivedAt: iso(f.received_at),
    unitName: f.unit_name ?? '', caseCode: f.case_code, people: null, round: null
  }));
}

const STEP_LABELS: Record<string, string> = { TIEP_NHAN: 'Tiếp nhận đơn', KHIEU_NAI_LAN_2: 'Tiếp nhận khiếu nại lần hai' };
export const stepLabel = (code: string | null) => (code ? (STEP_LABELS[code] ?? ACTIONS[code as ActionCode]?.label.vi ?? code) : '');
const day = (instant: string) => formatVn(toVnDate(new Date(instant)));
const label = <K extends string>(labels: Record<K, { vi: string }>, code: string | null) => (code ? (labels[code as K]?.vi ?? code) : '');

/** The list behind a figure as CSV (UTF-8 with a byte-order mark, so spreadsheets read the diacritics). */
export function csvOfList(source: CellSource, items: ReportListItem[]): Buffer {
  const quote = (v: string | number) => `"${String(v).replace(/"/g, '""')}"`;
  let header: string[];
  let line: (i: ReportListItem) => (string | number)[];
  if (source === 'VISIT') {
    header = ['Số sổ', 'Ngày tiếp', 'Lần tiếp', 'Phân loại', 'Kết quả', 'Số người', 'Mã đơn', 'Đơn vị'];
    line = (i) => [i.code, day(i.at), label(VISIT_ROUND_LABELS, i.round), label(VISIT_CLASSIFICATION_LABELS, i.type), label(VISIT_OUTCOME_LABELS, i.step), i.people ?? 0, i.caseCode ?? '', i.unitName];
  } else if (source === 'SESSION') {
    header = ['Ngày tiếp', 'Loại buổi tiếp', 'Người chủ trì', 'Hình thức', 'Số lượt tiếp', 'Đơn vị'];
    line = (i) => [formatVn(i.code as IsoDate), label(SESSION_TYPE_LABELS, i.type), label(HOST_MODE_LABELS, i.step), label(CHANNEL_LABELS, i.round), i.people ?? 0, i.unitName];
  } else {
    header = ['Mã đơn', 'Loại đơn', 'Bước được tính', 'Ngày của bước', 'Ngày nhận đơn', 'Đơn vị', 'Vụ việc', 'Trạng thái hiện tại'];
    line = (i) => [i.code, label(PETITION_TYPE_LABELS, i.type), stepLabel(i.step), day(i.at), i.receivedAt ? day(i.receivedAt) : '', i.unitName, i.caseCode ?? '', i.status ? (PETITION_STATUS_LABELS[i.status as PetitionStatus]?.vi ?? i.status) : 'Ngoài phạm vi của bạn'];
  }
  const lines = [header.map(quote).join(','), ...items.map((i) => line(i).map(quote).join(','))];
  return Buffer.from('\uFEFF' + lines.join('\r\n') + '\r\n', 'utf8');
}

/** Vietnamese civil date as an Excel date: midnight UTC of that day (exceljs shifts local midnight). */
const excelDate = (d: IsoDate) => {
  const [y, m, dd] = d.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, dd));
};

function signatureLines(form: ReportForm, report: ReportFigures, madeOn: IsoDate) {
  const [y, m, d] = madeOn.split('-');
  return { place: `Ngày ${d} tháng ${m} năm ${y}`, left: 'NGƯỜI LẬP BIỂU', right: 'THỦ TRƯỞNG ĐƠN VỊ', leftNote: '(Ký, ghi rõ họ tên)', rightNote: '(Ký tên, đóng dấu)', form, report };
}

function footnotes(form: ReportForm): string[] {
  const cells = formCells(form);
  const numbered = cells.map((c, i) => ({ c, n: i + 1 })).filter(({ c }) => c.note);
  return [...form.notes.map((n) => n.vi), ...numbered.map(({ c, n }) => `(${n}) ${c.label.vi}: ${c.note!.vi}.`)];
}

export async function renderReportXlsx(form: ReportForm, report: ReportFigures, madeAt: Date): Promise<Buffer> {
  const { depth, boxes, cells } = headerLayout(form);
  const width = 2 + cells.length;
  const book = new ExcelJS.Workbook();
  book.creator = 'Đơn Thư';
  const sheet = book.addWorksheet(form.number.replace('/', '-'), { pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  const thin = { style: 'thin' as const };
  const border = { top: thin, left: thin, bottom: thin, right: thin };

  sheet.mergeCells(1, 1, 1, Math.min(6, width));
  sheet.getCell(1, 1).value = report.unit.name.toUpperCase();
  sheet.getCell(1, 1).font = { bold: true };
  sheet.mergeCells(1, width - 3, 1, width);
  sheet.getCell(1, width - 3).value = `Biểu số ${form.number}`;
  sheet.getCell(1, width - 3).alignment = { horizontal: 'right' };
  sheet.mergeCells(2, 1, 2, width);
  sheet.getCell(2, 1).value = form.title.vi.toUpperCase();
  sheet.getCell(2, 1).font = { bold: true, size: 14 };
  sheet.getCell(2, 1).alignment = { horizontal: 'center' };
  sheet.mergeCells(3, 1, 3, width);
  sheet.getCell(3, 1).value = `Đơn vị: ${report.unit.name}. Kỳ báo cáo: từ ngày ${formatVn(report.period.from)} đến ngày ${formatVn(report.period.to)}`;
  sheet.getCell(3, 1).alignment = { horizontal: 'center' };
  sheet.getCell(3, 1).font = { italic: true };
  // The period and the day the form was made, as real dates (civil dates, Date.UTC).
  const dates: [string, IsoDate][] = [['Từ ngày', report.period.from], ['Đến ngày', report.period.to], ['Ngày lập biểu', toVnDate(madeAt)]];
  dates.forEach(([name, d], i) => {
    sheet.getCell(4, 1 + 2 * i).value = name;
    const c = sheet.getCell(4, 2 + 2 * i);
    c.value = excelDate(d);
    c.numFmt = 'dd/mm/yyyy';
  });

  const top = 6;
  const head = (row: number, col: number, rowSpan: number, colSpan: number, text: string) => {
    if (rowSpan > 1 || colSpan > 1) sheet.mergeCells(row, col, row + rowSpan - 1, col + colSpan - 1);
    const c = sheet.getCell(row, col);
    c.value = text;
    for (let r = row; r < row + rowSpan; r++) for (let k = col; k < col + colSpan; k++) sheet.getCell(r, k).border = border;
  };
  head(top, 1, depth, 1, 'STT');
  head(top, 2, depth, 1, 'Đơn vị');
  for (const b of boxes) head(top + b.row, 3 + b.col, b.rowSpan, b.colSpan, b.label.vi);
  const numbers = sheet.getRow(top + depth);
  numbers.values = ['A', 'B', ...cells.map((_, i) => `(${i + 1})`)];
  for (let r = top; r <= top + depth; r++) {
    const row = sheet.getRow(r);
    row.font = { bold: r < top + depth, italic: r === top + depth };
    row.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    for (let k = 1; k <= width; k++) sheet.getCell(r, k).border = border;
  }

  const dataRows = [...report.rows.map((r, i) => ({ n: i + 1, name: r.own ? `${r.unitName} (trực tiếp)` : r.unitName, values: r.values })), { n: null, name: 'Tổng cộng', values: report.values }];
  dataRows.forEach((d, i) => {
    const row = sheet.getRow(top + depth + 1 + i);
    row.values = [d.n ?? '', d.name, ...cells.map((c) => (c.query ? (d.values[c.code] ?? 0) : null))];
    if (d.n === null) row.font = { bold: true };
    for (let k = 1; k <= width; k++) {
      const c = sheet.getCell(row.number, k);
      c.border = border;
      if (k > 2) c.numFmt = '#,##0';
    }
  });

  let r = top + depth + dataRows.length + 2;
  const notes = footnotes(form);
  sheet.getCell(r++, 1).value = 'Ghi chú:';
  for (const note of notes) {
    sheet.mergeCells(r, 1, r, width);
    sheet.getCell(r++, 1).value = note;
  }
  const sign = signatureLines(form, report, toVnDate(madeAt));
  r += 1;
  sheet.getCell(r, width - 3).value = sign.place;
  sheet.getCell(r + 1, 2).value = sign.left;
  sheet.getCell(r + 1, width - 3).value = sign.right;
  sheet.getCell(r + 2, 2).value = sign.leftNote;
  sheet.getCell(r + 2, width - 3).value = sign.rightNote;
  sheet.getRow(r + 1).font = { bold: true };

  sheet.getColumn(1).width = 5;
  sheet.getColumn(2).width = 34;
  for (let k = 3; k <= width; k++) sheet.getColumn(k).width = 11;
  sheet.getRow(top + depth - 1).height = 60;
  sheet.views = [{ state: 'frozen', xSplit: 2, ySplit: top + depth }];
  return Buffer.from(await book.xlsx.writeBuffer());
}

export async function renderReportPdf(form: ReportForm, report: ReportFigures, madeAt: Date): Promise<Buffer> {
  const { depth, boxes, cells } = headerLayout(form);
  const columns = 2 + cells.length;
  const fontSize = cells.length > 24 ? 5.5 : cells.length > 16 ? 6.5 : 8;
  // Fixed widths that fill landscape A4: 842 pt less margins, 4 pt of padding and a rule per column.
  const usable = 842 - 2 * 24 - 5 * columns - 4;
  const unitWidth = Math.min(110, Math.max(60, usable * 0.13));
  const cellWidth = (usable - 14 - unitWidth) / cells.length;
  const grid: TableCell[][] = Array.from({ length: depth }, () => Array.from({ length: columns }, () => ({ text: '' })));
  grid[0]![0] = { text: 'STT', rowSpan: depth, bold: true, alignment: 'center' };
  grid[0]![1] = { text: 'Đơn vị', rowSpan: depth, bold: true, alignment: 'center' };
  for (const b of boxes) grid[b.row]![2 + b.col] = { text: b.label.vi, rowSpan: b.rowSpan, colSpan: b.colSpan, bold: true, alignment: 'center' };
  const numbers: TableCell[] = ['A', 'B', ...cells.map((_, i) => `(${i + 1})`)].map((t) => ({ text: t, italics: true, alignment: 'center' }));
  const value = (values: Record<string, number>, code: string, counted: boolean): TableCell => ({ text: counted ? (values[code] ?? 0).toLocaleString('vi-VN') : '', alignment: 'right' });
  const body: TableCell[][] = [
    ...grid,
    numbers,
    ...report.rows.map((r, i) => [{ text: String(i + 1), alignment: 'center' }, r.own ? `${r.unitName} (trực tiếp)` : r.unitName, ...cells.map((c) => value(r.values, c.code, c.query !== null))] as TableCell[]),
    [{ text: '' }, { text: 'Tổng cộng', bold: true }, ...cells.map((c) => ({ ...(value(report.values, c.code, c.query !== null) as object), bold: true }))] as TableCell[]
  ];
  const sign = signatureLines(form, report, toVnDate(madeAt));
  const content: Content[] = [
    {
      columns: [
        { stack: [{ text: report.unit.name.toUpperCase(), bold: true }, { text: `Biểu số ${form.number}` }], alignment: 'center', width: '40%' },
        { stack: [{ text: NATIONAL_MOTTO[0], bold: true }, { text: NATIONAL_MOTTO[1], bold: true, decoration: 'underline' }], alignment: 'center', width: '60%' }
      ],
      fontSize: 10
    },
    { text: form.title.vi.toUpperCase(), bold: true, fontSize: 13, alignment: 'center', margin: [0, 12, 0, 2] },
    { text: `Kỳ báo cáo: từ ngày ${formatVn(report.period.from)} đến ngày ${formatVn(report.period.to)}`, italics: true, alignment: 'center', margin: [0, 0, 0, 8] },
    {
      table: { headerRows: depth + 1, widths: [14, unitWidth, ...cells.map(() => cellWidth)], body },
      layout: { paddingLeft: () => 2, paddingRight: () => 2, paddingTop: () => 1, paddingBottom: () => 1 },
      fontSize
    },
    { text: 'Ghi chú:', bold: true, fontSize: 8, margin: [0, 8, 0, 2] },
    ...footnotes(form).map((n) => ({ text: n, fontSize: 7 })),
    {
      columns: [
        { stack: [{ text: sign.left, bold: true }, { text: sign.leftNote, italics: true }], alignment: 'center', width: '40%' },
        { stack: [{ text: sign.place, italics: true }, { text: sign.right, bold: true }, { text: sign.rightNote, italics: true }], alignment: 'center', width: '60%' }
      ],
      margin: [0, 16, 0, 0],
      fontSize: 10,
      unbreakable: true
    }
  ];
  const doc: TDocumentDefinitions = {
    pageSize: 'A4',
    pageOrientation: 'landscape',
    pageMargins: [24, 28, 24, 28],
    info: { title: `${form.title.vi} — ${report.unit.name}`, producer: 'Đơn Thư' },
    defaultStyle: { font: 'Roboto', fontSize: 9 },
    content
  };
  return pdfmake.createPdf(doc).getBuffer();
}
