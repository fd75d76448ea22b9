/**
 * Turns Ajv schema errors into one sentence per field that a clerk understands, in Vietnamese
 * and English, naming the field by its label (routes give labels in `config.fieldLabels`).
 */
import type { FieldError } from '../../shared/api-error.ts';

export type FieldLabels = Record<string, { vi: string; en: string }>;

interface AjvError {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  message?: string;
}

function fieldOf(error: AjvError): string {
  const base = error.instancePath.replace(/^\//, '').replace(/\//g, '.');
  if (error.keyword === 'required') {
    const missing = String(error.params.missingProperty ?? '');
    return base ? `${base}.${missing}` : missing;
  }
  if (error.keyword === 'additionalProperties') {
    const extra = String(error.params.additionalProperty ?? '');
    return base ? `${base}.${extra}` : extra;
  }
  return base || '(body)';
}

const TYPE_NAMES: Record<string, { vi: string; en: string }> = {
  object: { vi: 'một đối tượng JSON {…}', en: 'a JSON object {…}' },
  array: { vi: 'một danh sách', en: 'a list' },
  string: { vi: 'chuỗi ký tự', en: 'text' },
  integer: { vi: 'số nguyên', en: 'a whole number' },
  number: { vi: 'số', en: 'a number' },
  boolean: { vi: 'đúng/sai', en: 'true/false' }
};

const BODY_LABEL = { vi: 'Nội dung gửi lên', en: 'Request body' };

function describe(error: AjvError): { vi: string; en: string } {
  const p = error.params;
  switch (error.keyword) {
    case 'required':
      return { vi: 'là bắt buộc', en: 'is required' };
    case 'enum': {
      const allowed = (p.allowedValues as unknown[] | undefined)?.join(', ') ?? '';
      return { vi: `phải là một trong: ${allowed}`, en: `must be one of: ${allowed}` };
    }
    case 'maxLength':
      return { vi: `dài quá ${p.limit} ký tự`, en: `must be at most ${p.limit} characters` };
    case 'minLength':
      return Number(p.limit) <= 1
        ? { vi: 'không được để trống', en: 'must not be empty' }
        : { vi: `cần ít nhất ${p.limit} ký tự`, en: `must be at least ${p.limit} characters` };
    case 'type': {
      const name = TYPE_NAMES[String(p.type)] ?? { vi: String(p.type), en: String(p.type) };
      return { vi: `sai kiểu dữ liệu, cần ${name.vi}`, en: `must be ${name.en}` };
    }
    case 'format':
      return p.format === 'date-time' || p.format === 'date'
        ? { vi: 'không phải ngày giờ hợp lệ', en: 'is not a valid date/time' }
        : { vi: `sai định dạng (${p.format})`, en: `must match format ${p.format}` };
    case 'pattern':
      return { vi: 'sai định dạng', en: 'has the wrong format' };
    case 'additionalProperties':
      return { vi: 'là trường không được phép', en: 'is not an allowed field' };
    case 'minimum':
    case 'maximum':
      return { vi: `phải ${error.keyword === 'minimum' ? '≥' : '≤'} ${p.limit}`, en: `must be ${error.keyword === 'minimum' ? '>=' : '<='} ${p.limit}` };
    default:
      return { vi: 'không hợp lệ', en: error.message ?? 'is not valid' };
  }
}

export function toFieldErrors(errors: readonly AjvError[], labels: FieldLabels = {}): FieldError[] {
  const seen = new Set<string>();
  const result: FieldError[] = [];
  for (const error of errors) {
    const field = fieldOf(error);
    if (seen.has(field)) continue; // one message per field is enough for a person
    seen.add(field);
    const label = labels[field] ?? (field === '(body)' ? BODY_LABEL : { vi: field, en: field });
    const text = describe(error);
    result.push({ field, message: `${label.vi}: ${text.vi}.`, messageEn: `${label.en}: ${text.en}.` });
  }
  return result;
}
