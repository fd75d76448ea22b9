import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import rateLimit from '@fastify/rate-limit';
import { Type } from 'typebox';
import { commonErrors } from '../../http/errors.ts';
import { ErrorReply } from '../auth/auth.schemas.ts';
import type { LookupService } from './lookup.service.ts';

const Label = Type.Object({ vi: Type.String(), en: Type.String() });

/** Per address, whatever numbers are tried: guessing receipt numbers is slow. */
export const LOOKUP_RATE = { max: 10, timeWindow: 10 * 60_000 };

export const lookupRoutes: FastifyPluginAsyncTypebox<{ lookup: LookupService; rate?: { max: number; timeWindow: number } }> = async (app, { lookup, rate = LOOKUP_RATE }) => {
  await app.register(rateLimit, {
    global: false,
    keyGenerator: (request) => request.ip,
    errorResponseBuilder: () => commonErrors.rateLimited()
  });

  app.get('/api/public/lookup', {
    schema: {
      tags: ['public'],
      summary: 'Tra cứu tình trạng đơn (công dân, không cần đăng nhập) / Look up a petition (citizens, no login)',
      querystring: Type.Object(
        {
          ma: Type.String({ minLength: 5, maxLength: 40, description: 'Mã đơn trên giấy biên nhận / receipt number' }),
          so: Type.String({ pattern: '^[0-9]{4}$', description: '4 số cuối số điện thoại hoặc số định danh / last 4 digits of phone or identity number' })
        },
        { additionalProperties: false }
      ),
      response: {
        200: Type.Object({ code: Type.String(), type: Label, receivedOn: Type.String(), status: Label, handlingBody: Type.String(), expectedBy: Type.Union([Type.String(), Type.Null()]), closedOn: Type.Union([Type.String(), Type.Null()]) }, { additionalProperties: false }),
        400: ErrorReply,
        404: ErrorReply,
        429: ErrorReply
      }
    },
    config: { rateLimit: rate, fieldLabels: { ma: { vi: 'Mã đơn', en: 'Receipt number' }, so: { vi: '4 chữ số cuối', en: 'Last 4 digits' } } }
  }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    return lookup.lookup(request.query.ma, request.query.so);
  });
};
