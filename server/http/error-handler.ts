/**
 * The one error handler: AppErrors and Fastify's own 4xx (validation, body too large, bad JSON)
 * become { error: { code, message, messageEn, fields? } }; anything else is logged with the
 * request and answered with a generic 500 that leaks nothing.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ApiErrorBody } from '../../shared/api-error.ts';
import { AppError, commonErrors } from './errors.ts';
import { toFieldErrors, type FieldLabels } from './validation-messages.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    fieldLabels?: FieldLabels;
  }
}

function toBody(error: AppError): ApiErrorBody {
  return {
    error: {
      code: error.code,
      message: error.message,
      messageEn: error.messageEn,
      ...(error.fields ? { fields: error.fields } : {})
    }
  };
}

function translate(error: FastifyError, request: FastifyRequest): AppError | undefined {
  if (error instanceof AppError) return error;
  if (error.validation) {
    const labels = request.routeOptions.config?.fieldLabels;
    return commonErrors.validation(toFieldErrors(error.validation as never, labels));
  }
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return commonErrors.bodyTooLarge();
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return commonErrors.badJson();
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return commonErrors.unsupportedMedia();
  }
  if (error instanceof SyntaxError && error.statusCode === 400) return commonErrors.badJson();
  if (error.statusCode === 429) return commonErrors.rateLimited();
  return undefined;
}

export function registerErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const known = translate(error, request);
    if (known) {
      if (known.statusCode >= 500) request.log.error({ err: error }, known.code);
      return reply.code(known.statusCode).send(toBody(known));
    }
    request.log.error({ err: error, method: request.method, url: request.url }, 'unhandled error');
    return reply.code(500).send({
      error: { code: 'internal.error', message: 'Đã có lỗi hệ thống; sự cố đã được ghi lại.', messageEn: 'Internal error; it has been logged.' }
    } satisfies ApiErrorBody);
  });
}

export function sendNotFound(reply: FastifyReply): FastifyReply {
  return reply.code(404).send(toBody(commonErrors.notFound()));
}
