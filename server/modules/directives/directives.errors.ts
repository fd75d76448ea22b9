import { defineError } from '../../http/errors.ts';

export const directiveErrors = {
  notFound: defineError('directives.not_found', 404, 'Không tìm thấy chỉ đạo này trong phạm vi của bạn.', 'No such directive within your scope.'),
  issueForbidden: defineError('directives.issue_forbidden', 403, 'Chỉ lãnh đạo được ban hành chỉ đạo, và chỉ tới đơn vị thuộc phạm vi của mình.', 'Only leaders issue directives, and only to units within their scope.'),
  stepForbidden: defineError('directives.step_forbidden', 403, 'Bạn không được thực hiện bước này với chỉ đạo (đơn vị nhận báo cáo; lãnh đạo ban hành đôn đốc, gia hạn, kết thúc).', 'You may not take this step (target units report; the issuing leader urges, extends, closes).'),
  closed: defineError('directives.closed', 409, 'Chỉ đạo đã kết thúc, không nhận thêm ý kiến.', 'The directive is closed.'),
  already: defineError('directives.already_done', 409, 'Đơn vị đã thực hiện bước này rồi.', 'Your unit has already taken this step.'),
  badTargets: defineError('directives.bad_targets', 400, 'Cần ít nhất một đơn vị nhận, đang hoạt động, thuộc phạm vi của bạn.', 'At least one open unit within your scope must receive it.'),
  pastDue: defineError('directives.past_due', 400, 'Hạn thực hiện không được trước ngày hôm nay.', 'The due date cannot be before today.'),
  bodyRequired: defineError('directives.body_required', 400, 'Cần nội dung.', 'Text is required.')
};
