import { defineError } from '../../http/errors.ts';
import type { StepRefusal } from '../../../shared/directives.ts';

export const directiveErrors = {
  notFound: defineError('directives.not_found', 404, 'Không tìm thấy chỉ đạo này trong phạm vi của bạn.', 'No such directive within your scope.'),
  issueForbidden: defineError('directives.issue_forbidden', 403, 'Chỉ lãnh đạo được ban hành chỉ đạo, và chỉ tới đơn vị thuộc phạm vi của mình.', 'Only leaders issue directives, and only to units within their scope.'),
  stepForbidden: defineError('directives.step_forbidden', 403, 'Bạn không được thực hiện bước này (đơn vị nhận xác nhận, trả lời, báo cáo hoàn thành; lãnh đạo ban hành cho ý kiến, đôn đốc, gia hạn, kết thúc).', 'You may not take this step (a target unit acknowledges, replies, reports completion; the issuing leader comments, urges, extends, closes).'),
  closed: defineError('directives.closed', 409, 'Chỉ đạo đã kết thúc, không nhận thêm trao đổi.', 'The directive is closed.'),
  already: defineError('directives.already_done', 409, 'Đơn vị đã thực hiện bước này rồi.', 'Your unit has already taken this step.'),
  notAcknowledged: defineError('directives.not_acknowledged', 409, 'Cần xác nhận đã nhận chỉ đạo trước khi báo cáo hoàn thành.', 'Acknowledge the directive before reporting it complete.'),
  nothingToUrge: defineError('directives.nothing_to_urge', 409, 'Mọi đơn vị đã báo cáo hoàn thành, không còn gì để đôn đốc.', 'Every unit has reported complete; there is nothing to urge.'),
  badTargets: defineError('directives.bad_targets', 400, 'Cần ít nhất một đơn vị nhận, đang hoạt động, thuộc phạm vi của bạn.', 'At least one open unit within your scope must receive it.'),
  subjectNotFound: defineError('directives.subject_not_found', 404, 'Không tìm thấy đơn hoặc vụ việc này trong phạm vi của bạn.', 'No such petition or case within your scope.'),
  oneSubject: defineError('directives.one_subject', 400, 'Một chỉ đạo về một đơn hoặc một vụ việc, không cả hai.', 'A directive is about one petition or one case, not both.'),
  badDue: defineError('directives.bad_due_date', 400, 'Hạn thực hiện không hợp lệ: cần một ngày có thật, từ hôm nay đến không quá một năm.', 'Invalid due date: a real date, from today to at most a year ahead.'),
  badExtension: defineError('directives.bad_extension', 400, 'Hạn mới phải sau hạn hiện tại.', 'The new due date must be after the current one.'),
  textRequired: defineError('directives.text_required', 400, 'Cần nhập nội dung.', 'Text is required.'),
  badText: defineError('directives.bad_text', 400, 'Nội dung có ký tự điều khiển hoặc ký tự đảo chiều văn bản không được phép.', 'The text holds control or text-direction characters that are not allowed.'),
  badCorrection: defineError('directives.bad_correction', 400, 'Chỉ đính chính được tin trả lời hoặc ý kiến của chính bạn trong chỉ đạo này.', 'You may only correct your own reply or comment in this directive.'),
  badAttachments: defineError('directives.bad_attachments', 400, 'Tệp đính kèm không hợp lệ: chỉ dùng tệp bạn vừa tải lên cho chỉ đạo này, chưa gửi kèm tin nào.', 'Invalid attachments: only files you uploaded to this directive and have not sent yet.'),
  noAttachments: defineError('directives.no_attachments', 400, 'Bước này không gửi kèm tệp.', 'This step carries no files.'),
  tooManyPending: defineError('directives.too_many_files', 409, 'Đã có quá nhiều tệp chờ gửi; hãy gửi tin kèm các tệp đó trước.', 'Too many files wait to be sent; send them with a message first.'),
  noFile: defineError('directives.no_file', 400, 'Chưa chọn tệp để đính kèm (gửi dạng multipart/form-data, trường "file").', 'No file to attach (send multipart/form-data with a "file" field).')
};

export function refusalError(refusal: StepRefusal) {
  switch (refusal) {
    case 'NOT_YOURS':
      return directiveErrors.stepForbidden();
    case 'CLOSED':
      return directiveErrors.closed();
    case 'ALREADY':
      return directiveErrors.already();
    case 'NOT_ACKNOWLEDGED':
      return directiveErrors.notAcknowledged();
    case 'NOTHING_TO_URGE':
      return directiveErrors.nothingToUrge();
  }
}
