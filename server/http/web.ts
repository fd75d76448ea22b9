/**
 * Serves the built SvelteKit app (adapter-node's handler) from the same Fastify process:
 * anything that is not /api or /mqtt goes to SvelteKit, which also serves the static assets.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { sendNotFound } from './error-handler.ts';

type NodeHandler = (req: unknown, res: unknown, next: () => void) => void;

export const WEB_BUILD_DIR = path.resolve(process.env.WEB_BUILD_DIR ?? 'build');

export async function registerWeb(app: FastifyInstance, buildDir = WEB_BUILD_DIR): Promise<boolean> {
  const handlerFile = path.join(buildDir, 'handler.js');
  const handler = existsSync(handlerFile)
    ? ((await import(pathToFileURL(handlerFile).href)) as { handler: NodeHandler }).handler
    : undefined;
  app.setNotFoundHandler((request, reply) => {
    if (!handler || request.url.startsWith('/api/') || request.url === '/api') return sendNotFound(reply);
    reply.hijack();
    handler(request.raw, reply.raw, () => {
      reply.raw.statusCode = 404;
      reply.raw.end('Not found');
    });
  });
  return handler !== undefined;
}
