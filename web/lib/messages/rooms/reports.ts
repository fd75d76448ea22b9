/** UI text of the reports area: Vietnamese first, English with the same keys. */
export const vi = {
  'rep.title': 'Báo cáo thống kê',
  'rep.form': 'Biểu mẫu',
  'rep.period': 'Kỳ báo cáo',
  'rep.year': 'Năm',
  'rep.index': 'Tháng / quý',
  'rep.from': 'Từ ngày',
  'rep.to': 'Đến ngày',
  'rep.unit': 'Đơn vị (mặc định: đơn vị của tôi)',
  'rep.show': 'Xem số liệu',
  'rep.range': 'Từ ngày {from} đến ngày {to} · {unit}',
  'rep.xlsx': 'Tải XLSX',
  'rep.pdf': 'Tải PDF để ký',
  'rep.csv': 'Tải CSV',
  'rep.list': 'Danh sách đơn: {cell} ({n})',
  'rep.template': 'Biểu mẫu dựng theo nhóm biểu DOMAIN.md nêu; cần đối chiếu với phụ lục Thông tư 06/2025 trước khi dùng chính thức.'
} as const;
export const en: Record<keyof typeof vi, string> = {
  'rep.title': 'Statistical reports',
  'rep.form': 'Form',
  'rep.period': 'Period',
  'rep.year': 'Year',
  'rep.index': 'Month / quarter',
  'rep.from': 'From',
  'rep.to': 'To',
  'rep.unit': 'Unit (default: mine)',
  'rep.show': 'Show figures',
  'rep.range': 'From {from} to {to} · {unit}',
  'rep.xlsx': 'Download XLSX',
  'rep.pdf': 'Download PDF for signing',
  'rep.csv': 'Download CSV',
  'rep.list': 'Petitions: {cell} ({n})',
  'rep.template': 'A template of the form family DOMAIN.md lists; check it against the TT 06/2025 appendix before official use.'
};
