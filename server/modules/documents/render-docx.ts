/** The same document model as DOCX (docx package), for officials who edit before signing. */
import { AlignmentType, Document, ImageRun, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { Block, DocumentModel } from './document-model.ts';
import { NATIONAL_MOTTO } from './render-pdf.ts';

const centred = (runs: TextRun[]) => new Paragraph({ alignment: AlignmentType.CENTER, children: runs });

function block(b: Block): (Paragraph | Table)[] {
  switch (b.kind) {
    case 'title':
      return [centred([new TextRun({ text: b.text, bold: true, size: 30 })]), ...(b.subtitle ? [centred([new TextRun({ text: b.subtitle, italics: true })])] : [])];
    case 'paragraph':
      return [new Paragraph({ children: [new TextRun({ text: b.text, bold: b.bold, italics: b.italic })], spacing: { after: 80 } })];
    case 'fields':
      return [
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: b.rows.map(([k, v]) => new TableRow({ children: [new TableCell({ children: [new Paragraph({ children: [new TextRun({ text: k, bold: true })] })] }), new TableCell({ children: [new Paragraph(v)] })] }))
        })
      ];
    case 'qr':
      return [new Paragraph({ children: [new ImageRun({ type: 'png', data: b.png, transformation: { width: 96, height: 96 } })] }), new Paragraph(b.caption)];
    case 'signature':
      return [new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { before: 300 }, children: [new TextRun({ text: b.title, bold: true }), ...(b.note ? [new TextRun({ text: ` ${b.note}`, italics: true })] : [])] })];
  }
}

export async function renderDocx(model: DocumentModel): Promise<Buffer> {
  const doc = new Document({
    creator: 'Đơn Thư',
    title: model.fileName,
    styles: { default: { document: { run: { font: 'Times New Roman', size: 26 } } } },
    sections: [
      {
        children: [
          ...(model.issuer.parent ? [centred([new TextRun(model.issuer.parent.toUpperCase())])] : []),
          centred([new TextRun({ text: model.issuer.name.toUpperCase(), bold: true })]),
          ...(model.number ? [centred([new TextRun(model.number)])] : []),
          centred([new TextRun({ text: NATIONAL_MOTTO[0], bold: true })]),
          centred([new TextRun({ text: NATIONAL_MOTTO[1], bold: true, underline: {} })]),
          new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text: model.placeAndDate, italics: true })] }),
          ...model.blocks.flatMap(block)
        ]
      }
    ]
  });
  return Packer.toBuffer(doc);
}
