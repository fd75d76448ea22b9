import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t?.close());

describe('API documentation', () => {
  it('serves an OpenAPI 3 document that lists every API route with its schemas', async () => {
    const { status, body } = await t.request('GET', '/api/docs/json');
    expect(status).toBe(200);
    expect(body.openapi).toMatch(/^3\./);
    const documented = new Set<string>();
    for (const [url, operations] of Object.entries(body.paths as Record<string, Record<string, { responses?: object; requestBody?: object }>>)) {
      for (const [method, operation] of Object.entries(operations)) {
        documented.add(`${method.toUpperCase()} ${url}`);
        const codes = Object.keys(operation.responses ?? {});
        expect(codes.some((code) => /^2\d\d$/.test(code)), `${method} ${url} declares its success reply`).toBe(true);
      }
    }
    const apiRoutes = t.app.routes.filter((r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs') && !r.hidden && r.method !== 'HEAD');
    expect(apiRoutes.length).toBeGreaterThanOrEqual(8);
    for (const route of apiRoutes) {
      const openapiUrl = route.url.replace(/:(\w+)/g, '{$1}');
      expect(documented, `${route.method} ${route.url}`).toContain(`${route.method} ${openapiUrl}`);
    }
    expect(body.paths['/api/petitions'].post.requestBody).toBeDefined();
  });

  it('serves a browsable page', async () => {
    const response = await fetch(`${t.url}/api/docs/`);
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(/swagger/i);
  });

  it('answers an unknown API path with a JSON 404 in both languages', async () => {
    const { status, body } = await t.request('GET', '/api/khong-co');
    expect(status).toBe(404);
    expect(body.error.message).toMatch(/Không tìm thấy/);
    expect(body.error.messageEn).toMatch(/not found/i);
  });
});
