import { defineError } from '../../http/errors.ts';

export const petitionErrors = {
  unitNotFound: defineError('petitions.unit_not_found', 400, 'Đơn vị tiếp nhận không tồn tại.', 'The receiving unit does not exist.'),
  receivedInFuture: defineError('petitions.received_in_future', 400, 'Ngày nhận đơn không được ở tương lai.', 'The date received cannot be in the future.'),
  writtenAfterReceived: defineError('petitions.written_after_received', 400, 'Ngày viết đơn không thể sau ngày nhận đơn.', 'The date written cannot be after the date received.'),
  badCursor: defineError('petitions.bad_cursor', 400, 'Con trỏ trang không hợp lệ; hãy tải lại danh sách.', 'Invalid page cursor; reload the list.'),
  caseNotFound: defineError('petitions.case_not_found', 400, 'Không tìm thấy vụ việc này trong phạm vi của bạn.', 'No such case within your scope.'),
  forwardingRequired: defineError('petitions.forwarding_required', 400, 'Đơn do cơ quan, đại biểu hoặc báo chí chuyển đến cần ghi cơ quan chuyển đơn.', 'A forwarded petition needs the forwarding body.'),
  notFound: defineError('petitions.not_found', 404, 'Không tìm thấy đơn này trong phạm vi của bạn.', 'No such petition within your scope.'),
  wrongState: defineError('petitions.action_wrong_state', 409, 'Không thể thực hiện bước này khi đơn đang ở trạng thái hiện tại.', 'This step is not possible in the petition’s current state.'),
  wrongType: defineError('petitions.action_wrong_type', 409, 'Bước này không áp dụng cho loại đơn này.', 'This step does not apply to this type of petition.'),
  wrongRole: defineError('petitions.action_wrong_role', 403, 'Vai trò của bạn không được thực hiện bước này (cần lãnh đạo ký quyết định).', 'Your role may not take this step (a leader’s decision is needed).'),
  staleStatus: defineError('petitions.stale_status', 409, 'Đơn vừa được người khác xử lý; hãy tải lại để xem trạng thái mới.', 'Someone else has just acted on this petition; reload to see its new state.'),
  missingField: defineError('petitions.action_missing_field', 400, 'Bước này cần thêm thông tin, xin điền các trường được đánh dấu.', 'This step needs more information; please fill in the marked fields.'),
  targetUnitInvalid: defineError('petitions.target_unit_invalid', 400, 'Đơn vị nhận không hợp lệ (không tồn tại, đã giải thể, hoặc chính là đơn vị đang giữ đơn).', 'The receiving unit is not valid (missing, closed, or the unit already holding the petition).'),
  transferredOnce: defineError('petitions.transferred_once', 409, 'Đơn tố cáo chỉ được chuyển một lần cho cùng nội dung (Luật Tố cáo Điều 24).', 'A denunciation is transferred only once for the same content (Denunciations Law Art. 24).'),
  noSender: defineError('petitions.no_sender_to_return', 409, 'Đơn này không do đơn vị khác chuyển đến nên không thể trả lại.', 'This petition was not transferred in, so it cannot be sent back.'),
  noExtensionLeft: defineError('petitions.no_extension_left', 409, 'Đã hết số lần gia hạn luật cho phép với mức độ phức tạp này.', 'No extension left for this complexity under the law.'),
  assigneeInvalid: defineError('petitions.assignee_invalid', 400, 'Cán bộ được phân công phải là cán bộ xử lý thuộc đơn vị đang giữ đơn.', 'The assigned officer must be an officer of the unit holding the petition.'),
  secondComplaintNotOpen: defineError('petitions.second_complaint_not_open', 409, 'Chỉ khiếu nại lần hai khi khiếu nại lần đầu đã có quyết định giải quyết hoặc đã quá thời hạn giải quyết (Luật Khiếu nại Điều 33).', 'A second complaint is possible only once the first has a decision or its time limit has passed (Complaints Law Art. 33).'),
  secondComplaintExists: defineError('petitions.second_complaint_exists', 409, 'Khiếu nại này đã có đơn khiếu nại lần hai.', 'This complaint already has a second-round complaint.'),
  decisionInFuture: defineError('petitions.decision_in_future', 400, 'Ngày văn bản không được ở tương lai.', 'The document date cannot be in the future.')
};
