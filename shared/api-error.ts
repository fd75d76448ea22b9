/**
 * Every 4xx/5xx answer of the API has this shape, so a clerk always reads a sentence in
 * Vietnamese (and English) and the web shows the message of the field that is wrong.
 */
export interface FieldError {
  field: string;
  message: string;
  messageEn: string;
}

export interface ApiErrorBody {
  error: {
    code: string;
    message: string;
    messageEn: string;
    fields?: FieldError[];
  };
}

export function isApiErrorBody(value: unknown): value is ApiErrorBody {
  return typeof value === 'object' && value !== null && 'error' in value &&
    typeof (value as ApiErrorBody).error?.message === 'string';
}
