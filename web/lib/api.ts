/**
 * The browser's API client: same-origin fetch with the session cookie. A failed call throws
 * ApiError carrying the server's message in both languages (one place reads errors: STYLE 13).
 */
import { isApiErrorBody, type FieldError } from '$shared/api-error.ts';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly messageEn: string,
    readonly fields: FieldError[] = []
  ) {
    super(message);
  }

  localized(locale: 'vi' | 'en'): string {
    return locale === 'en' ? this.messageEn : this.message;
  }
}

export async function api<T>(path: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
  const { json, ...rest } = init;
  let response: Response;
  try {
    response = await fetch(path, {
      credentials: 'same-origin',
      ...rest,
      headers: { ...(json !== undefined ? { 'content-type': 'application/json' } : {}), ...rest.headers },
      body: json !== undefined ? JSON.stringify(json) : rest.body
    });
  } catch {
    throw new ApiError(0, 'network', 'Không kết nối được máy chủ. Xin kiểm tra mạng và thử lại.', 'Cannot reach the server.');
  }
  if (response.status === 204) return undefined as T;
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    if (isApiErrorBody(body)) throw new ApiError(response.status, body.error.code, body.error.message, body.error.messageEn, body.error.fields);
    throw new ApiError(response.status, 'http', `Lỗi máy chủ (${response.status}).`, `Server error (${response.status}).`);
  }
  return body as T;
}
