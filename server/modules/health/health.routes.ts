import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type pg from 'pg';
import { Type } from 'typebox';
import type { BrokerHost } from '../../../broker/broker-host.ts';

const Health = Type.Object({
  status: Type.Enum(['ok', 'degraded']),
  database: Type.Enum(['up', 'down']),
  broker: Type.Enum(['up', 'down']),
  mqttClients: Type.Integer()
});

export const healthRoutes: FastifyPluginAsyncTypebox<{ pool: pg.Pool; broker: BrokerHost }> = async (app, { pool, broker }) => {
  app.get(
    '/api/health',
    {
      schema: {
        tags: ['system'],
        summary: 'Tình trạng hệ thống / Health of database and broker',
        response: {
          200: Health,
          503: Health
        }
      }
    },
    async (_request, reply) => {
            const database = await pool
        .query('SELECT 1')
        .then(() => 'up' as const)
        .catch(() => 'down' as const);
      const brokerState = broker.ready ? ('up' as const) : ('down' as const);
      const ok = database === 'up' && brokerState === 'up';
      return reply.code(ok ? 200 : 503).send({
        status: ok ? 'ok' : 'degraded',
        database,
        broker: brokerState,
        mqttClients: broker.connectedClients
      });
    }
  );
};
