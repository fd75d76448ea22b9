/** A document model as an A4 PDF with pdfmake and its bundled Roboto (full Vietnamese glyphs). */
import { createRequire } from 'node:module';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { Block, DocumentModel } from './document-model.ts';

const require = createRequire(import.meta.url);
// pdfmake's server build is CommonJS; its Roboto entry names the bundled TTF files.
const pdfmake = require('pdfmake') as {
  addFonts(fonts: unknown): void;
  setUrlAccessPolicy(policy: (url: string) => boolean): void;
  setLocalAccessPolicy(policy: (path: string) => boolean): void;
  createPdf(doc: TDocumentDefinitions): { getBuffer(): Promise<Buffer> };
};
const roboto = require('pdfmake/fonts/Roboto.js') as { Roboto: Record<string, string> };
pdfmake.addFonts(roboto);
// Documents never fetch anything: no URLs, and only the bundled fonts from disk.
pdfmake.setUrlAccessPolicy(() => false);
const fontFiles = new Set(Object.values(roboto.Roboto));
pdfmake.setLocalAccessPolicy((file) => fontFiles.has(file));

export const NATIONAL_MOTTO = ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc'] as const;

function block(b: Block): Content {
  switch (b.kind) {
    case 'title':
      return { stack: [{ text: b.text, style: 'title' }, ...(b.subtitle ? [{ text: b.subtitle, style: 'subtitle' }] : [])], margin: [0, 16, 0, 10] };
    case 'paragraph':
      return { text: b.text, bold: b.bold, italics: b.italic, margin: [0, 3, 0, 3] };
    case 'fields':
      return { table: { widths: [170, '*'], body: b.rows.map(([k, v]) => [{ text: k, bold: true }, v]) }, layout: 'lightHorizontalLines', margin: [0, 6, 0, 6] };
    case 'qr':
      return { columns: [{ image: `data:image/png;base64,${b.png.toString('base64')}`, width: 96 }, { text: b.caption, margin: [10, 20, 0, 0] }], margin: [0, 10, 0, 10] };
    case 'signature':
      return { stack: [{ text: b.title, bold: true }, ...(b.note ? [{ text: b.note, italics: true }] : [])], alignment: 'center', margin: [260, 18, 0, 0] };
  }
}

export async function renderPdf(model: DocumentModel): Promise<Buffer> {
  const doc: TDocumentDefinitions = {
    pageSize: 'A4',
    pageMargins: [56, 48, 48, 48],
    info: { title: model.fileName, producer: 'Đơn Thư' },
    defaultStyle: { font: 'Roboto', fontSize: 12, lineHeight: 1.2 },
    styles: { title: { fontSize: 15, bold: true, alignment: 'center' }, subtitle: { fontSize: 12, italics: true, alignment: 'center' } },
    content: [
      {
        columns: [
          { stack: [...(model.issuer.parent ? [{ text: model.issuer.parent.toUpperCase() }] : []), { text: model.issuer.name.toUpperCase(), bold: true }, ...(model.number ? [{ text: model.number }] : [])], alignment: 'center', width: '45%' },
          { stack: [{ text: NATIONAL_MOTTO[0], bold: true }, { text: NATIONAL_MOTTO[1], bold: true, decoration: 'underline' }, { text: model.placeAndDate, italics: true, margin: [0, 6, 0, 0] }], alignment: 'center', width: '55%' }
        ],
        fontSize: 11
      },
      ...model.blocks.map(block)
    ]
  };
  return pdfmake.createPdf(doc).getBuffer();
}

/** A landscape table for signing (report forms): title, subtitle, header row, rows. */
export async function renderTablePdf(table: { title: string; subtitle: string; headers: string[]; rows: string[][] }): Promise<Buffer> {
  const doc: TDocumentDefinitions = {
    pageSize: 'A4',
    pageOrientation: 'landscape',
    pageMargins: [40, 40, 40, 40],
    info: { title: table.title, producer: 'Đơn Thư' },
    defaultStyle: { font: 'Roboto', fontSize: 11 },
    content: [
      { columns: [{ text: '', width: '45%' }, { stack: [{ text: NATIONAL_MOTTO[0], bold: true }, { text: NATIONAL_MOTTO[1], bold: true }], alignment: 'center', width: '55%' }] },
      { text: table.title, bold: true, fontSize: 14, alignment: 'center', margin: [0, 14, 0, 4] },
      { text: table.subtitle, italics: true, alignment: 'center', margin: [0, 0, 0, 10] },
      { table: { headerRows: 1, widths: ['30%', '*', 80], body: [table.headers.map((h) => ({ text: h, bold: true })), ...table.rows] } },
      { text: 'NGƯỜI LẬP BIỂU                                         THỦ TRƯỞNG ĐƠN VỊ', bold: true, margin: [60, 30, 0, 0] }
    ]
  };
  return pdfmake.createPdf(doc).getBuffer();
}
