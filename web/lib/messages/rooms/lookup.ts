/** UI text of the public look-up page: Vietnamese first, English with the same keys. */
export const vi = {
  'lookup.title': 'Tra cứu tình trạng đơn',
  'lookup.intro': 'Nhập mã đơn in trên giấy biên nhận và 4 chữ số cuối của số điện thoại hoặc số định danh (CCCD) bạn đã khai khi gửi đơn.',
  'lookup.code': 'Mã đơn',
  'lookup.codeHint': 'Ví dụ: 01-2026-000123',
  'lookup.digits': '4 chữ số cuối',
  'lookup.digitsHint': 'Của số điện thoại hoặc số định danh',
  'lookup.submit': 'Tra cứu',
  'lookup.searching': 'Đang tra cứu…',
  'lookup.result': 'Kết quả tra cứu',
  'lookup.type': 'Loại đơn',
  'lookup.received': 'Ngày nhận',
  'lookup.status': 'Tình trạng',
  'lookup.body': 'Cơ quan đang xử lý',
  'lookup.expected': 'Dự kiến trả lời trước ngày',
  'lookup.closed': 'Ngày có kết quả',
  'lookup.privacy': 'Trang này không hiển thị thông tin cá nhân. Mỗi địa chỉ chỉ được tra cứu một số lần nhất định trong 10 phút.'
} as const;
export const en: Record<keyof typeof vi, string> = {
  'lookup.title': 'Look up your petition',
  'lookup.intro': 'Enter the receipt number printed on your receipt and the last 4 digits of the phone or identity number you gave.',
  'lookup.code': 'Receipt number',
  'lookup.codeHint': 'For example: 01-2026-000123',
  'lookup.digits': 'Last 4 digits',
  'lookup.digitsHint': 'Of your phone or identity number',
  'lookup.submit': 'Look up',
  'lookup.searching': 'Looking up…',
  'lookup.result': 'Result',
  'lookup.type': 'Type',
  'lookup.received': 'Received on',
  'lookup.status': 'Status',
  'lookup.body': 'Handled by',
  'lookup.expected': 'Expected answer by',
  'lookup.closed': 'Resolved on',
  'lookup.privacy': 'This page shows no personal data. Each address may look up a limited number of times per 10 minutes.'
};
