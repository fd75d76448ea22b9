/**
 * The documents of the procedure as ONE content model each (issue 4 item 7): the citizen's receipt
 * (giấy biên nhận), the acceptance notice, the refusal notice, the guidance slip and the transfer
 * slip (TT 05/2021 Mẫu 03 for denunciations). A model is rendered to PDF (render-pdf.ts) and DOCX
 * (render-docx.ts) by the same blocks, so the two never say different things.
 */
import { formatVn, type IsoDate } from '../../../shared/calendar/index.ts';

export type Block =
  | { kind: 'title'; text: string; subtitle?: string }
  | { kind: 'paragraph'; text: string; bold?: boolean; italic?: boolean }
  | { kind: 'fields'; rows: [label: string, value: string][] }
  | { kind: 'qr'; png: Buffer; caption: string }
  | { kind: 'signature'; title: string; note?: string };

export interface DocumentModel {
  /** File name without extension (ASCII, for the download header). */
  fileName: string;
  /** Issuing body (top left) and its parent, as Vietnamese documents show them. */
  issuer: { parent?: string; name: string };
  number?: string;
  /** "Hà Nội, ngày 24 tháng 11 năm 2026" */
  placeAndDate: string;
  blocks: Block[];
}

export const DOCUMENT_KINDS = ['RECEIPT', 'ACCEPTANCE_NOTICE', 'REFUSAL_NOTICE', 'GUIDANCE_SLIP', 'TRANSFER_SLIP'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export function vietnameseDate(place: string, d: IsoDate): string {
  const [y, m, day] = d.split('-');
  return `${place}, ngày ${day} tháng ${m} năm ${y}`;
}

interface Common {
  unitName: string;
  parentUnitName?: string;
  place: string;
  today: IsoDate;
  petitionCode: string;
  typeLabel: string;
  receivedOn: IsoDate;
  summary: string;
}

export function receipt(d: Common & { documentsHanded?: string; expectedReplyOn?: IsoDate | null; lookupUrl: string; qrPng: Buffer }): DocumentModel {
  return {
    fileName: `giay-bien-nhan-${d.petitionCode}`,
    issuer: { parent: d.parentUnitName, name: d.unitName },
    placeAndDate: vietnameseDate(d.place, d.today),
    blocks: [
      { kind: 'title', text: 'GIẤY BIÊN NHẬN', subtitle: 'Đơn, tài liệu, chứng cứ của công dân' },
      { kind: 'paragraph', text: `${d.unitName} đã nhận đơn của công dân. Xin giữ giấy này để tra cứu tình trạng xử lý đơn.` },
      {
        kind: 'fields',
        rows: [
          ['Mã đơn (số biên nhận)', d.petitionCode],
          ['Loại đơn', d.typeLabel],
          ['Ngày nhận', formatVn(d.receivedOn)],
          ['Tài liệu kèm theo', d.documentsHanded?.trim() || 'Không có'],
          ['Dự kiến trả lời trước ngày', d.expectedReplyOn ? formatVn(d.expectedReplyOn) : 'Theo quy định']
        ]
      },
      { kind: 'qr', png: d.qrPng, caption: `Tra cứu tại ${d.lookupUrl} bằng mã đơn và 4 số cuối số điện thoại hoặc số định danh của người gửi.` },
      { kind: 'signature', title: 'CÁN BỘ TIẾP NHẬN', note: '(Ký, ghi rõ họ tên)' }
    ]
  };
}

export function acceptanceNotice(d: Common & { decisionNo: string; decisionDate: IsoDate; dueOn?: IsoDate | null }): DocumentModel {
  return {
    fileName: `thong-bao-thu-ly-${d.petitionCode}`,
    issuer: { parent: d.parentUnitName, name: d.unitName },
    number: `Số: ${d.decisionNo}`,
    placeAndDate: vietnameseDate(d.place, d.today),
    blocks: [
      { kind: 'title', text: 'THÔNG BÁO', subtitle: `Về việc thụ lý giải quyết ${d.typeLabel.toLowerCase()}` },
      { kind: 'paragraph', text: `${d.unitName} thông báo đã thụ lý giải quyết đơn mã ${d.petitionCode}, nhận ngày ${formatVn(d.receivedOn)}.` },
      { kind: 'fields', rows: [['Nội dung', d.summary], ['Quyết định thụ lý', `${d.decisionNo} ngày ${formatVn(d.decisionDate)}`], ['Thời hạn giải quyết', d.dueOn ? `Đến hết ngày ${formatVn(d.dueOn)}` : 'Theo quy định của pháp luật']] },
      { kind: 'signature', title: 'THỦ TRƯỞNG CƠ QUAN', note: '(Ký, ghi rõ họ tên, đóng dấu)' }
    ]
  };
}

export function refusalNotice(d: Common & { reason: string }): DocumentModel {
  return {
    fileName: `thong-bao-khong-thu-ly-${d.petitionCode}`,
    issuer: { parent: d.parentUnitName, name: d.unitName },
    placeAndDate: vietnameseDate(d.place, d.today),
    blocks: [
      { kind: 'title', text: 'THÔNG BÁO', subtitle: `Về việc không thụ lý giải quyết ${d.typeLabel.toLowerCase()}` },
      { kind: 'paragraph', text: `Sau khi xem xét đơn mã ${d.petitionCode} nhận ngày ${formatVn(d.receivedOn)}, ${d.unitName} không thụ lý giải quyết vì lý do sau:` },
      { kind: 'paragraph', text: d.reason },
      { kind: 'signature', title: 'THỦ TRƯỞNG CƠ QUAN', note: '(Ký, ghi rõ họ tên, đóng dấu)' }
    ]
  };
}

export function guidanceSlip(d: Common & { targetBody: string; note?: string | null }): DocumentModel {
  return {
    fileName: `phieu-huong-dan-${d.petitionCode}`,
    issuer: { parent: d.parentUnitName, name: d.unitName },
    placeAndDate: vietnameseDate(d.place, d.today),
    blocks: [
      { kind: 'title', text: 'PHIẾU HƯỚNG DẪN', subtitle: 'Gửi đơn đến cơ quan có thẩm quyền giải quyết' },
      { kind: 'paragraph', text: `Đơn mã ${d.petitionCode} nhận ngày ${formatVn(d.receivedOn)} không thuộc thẩm quyền giải quyết của ${d.unitName}.` },
      { kind: 'fields', rows: [['Đề nghị gửi đơn đến', d.targetBody], ['Nội dung đơn', d.summary], ...(d.note ? ([['Ghi chú', d.note]] as [string, string][]) : [])] },
      { kind: 'signature', title: 'CÁN BỘ XỬ LÝ ĐƠN', note: '(Ký, ghi rõ họ tên)' }
    ]
  };
}

/**
 * Transfer slip. For a denunciation (Mẫu 03), the denouncer's identity is never written on a slip
 * that goes to another body unless the caller may show it (Luật Tố cáo Điều 47: keep it secret).
 */
export function transferSlip(d: Common & { target: string; isDenunciation: boolean; note?: string | null }): DocumentModel {
  return {
    fileName: `phieu-chuyen-don-${d.petitionCode}`,
    issuer: { parent: d.parentUnitName, name: d.unitName },
    placeAndDate: vietnameseDate(d.place, d.today),
    blocks: [
      { kind: 'title', text: 'PHIẾU CHUYỂN ĐƠN', subtitle: d.isDenunciation ? 'Mẫu số 03 (Thông tư 05/2021/TT-TTCP)' : undefined },
      { kind: 'paragraph', text: `Kính gửi: ${d.target}` },
      { kind: 'paragraph', text: `${d.unitName} nhận được đơn mã ${d.petitionCode} ngày ${formatVn(d.receivedOn)} (${d.typeLabel.toLowerCase()}). Nội dung: ${d.summary}` },
      { kind: 'paragraph', text: 'Căn cứ quy định của pháp luật, đơn không thuộc thẩm quyền giải quyết của cơ quan, chúng tôi chuyển đơn đến quý cơ quan để xem xét, giải quyết theo thẩm quyền.' },
      ...(d.isDenunciation ? [{ kind: 'paragraph' as const, text: 'Đề nghị giữ bí mật họ tên, địa chỉ, bút tích và thông tin cá nhân khác của người tố cáo theo quy định.', italic: true }] : []),
      ...(d.note ? [{ kind: 'paragraph' as const, text: `Ghi chú: ${d.note}` }] : []),
      { kind: 'signature', title: 'THỦ TRƯỞNG CƠ QUAN', note: '(Ký, ghi rõ họ tên, đóng dấu)' }
    ]
  };
}
