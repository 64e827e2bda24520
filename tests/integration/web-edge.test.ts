// The web edge (docs/rules/web.md): security headers on every response, no-store on the API and CSV files,
// tRPC mutations only with the app's Origin, unexpected errors answered with a generic message and the
// request id, a database outage as 503. Drives the real SvelteKit handle/handleError and the tRPC fetch
// handler with fake events; the headers of the built app are checked end to end in tests/e2e/web-hardening.spec.ts.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { createTestEnv, type TestEnv } from '../helpers/db.ts';
import { createPrisma } from '../../src/lib/server/db/client.ts';
import { appRouter } from '../../src/lib/server/trpc/root.ts';
import { publicProcedure, router } from '../../src/lib/server/trpc/procedures.ts';
import type { TrpcContext } from '../../src/lib/server/trpc/context.ts';
import { NON_PAGE_CSP } from '../../src/lib/server/http/hardening.ts';
import { SESSION_COOKIE } from '../../src/lib/server/auth/sessions.ts';

// hooks.server.ts uses the process-wide client: point it at a port where nothing listens (an outage).
process.env.DATABASE_URL = 'postgresql://postgres:postgres@127.0.0.1:5499/batchtrack_nowhere';
const { handle, handleError } = await import('../../src/hooks.server.ts');

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(() => env.close());

type Resolve = (event: any) => Promise<Response>;
function fakeEvent(url: string, init: RequestInit & { cookie?: string } = {}) {
  const cookies = new Map<string, string>(init.cookie ? [[SESSION_COOKIE, init.cookie]] : []);
  return {
    url: new URL(url),
    request: new Request(url, init),
    locals: {} as Record<string, unknown>,
    cookies: {
      get: (n: string) => cookies.get(n),
      set: (n: string, v: string) => void cookies.set(n, v),
      delete: (n: string) => void cookies.delete(n),
    },
  };
}
const run = (event: ReturnType<typeof fakeEvent>, resolve: Resolve) =>
  handle({ event: event as never, resolve: resolve as never }) as Promise<Response>;
const page: Resolve = async () =>
  new Response('<!doctype html><p>hi</p>', {
    headers: { 'content-type': 'text/html', 'content-security-policy': "default-src 'self'; frame-ancestors 'none'" },
  });
const json: Resolve = async () => new Response('{"ok":true}', { headers: { 'content-type': 'application/json' } });

describe('security headers', () => {
  it('puts them on a page, keeping the page CSP from kit.csp; HSTS only over https', async () => {
    const res = await run(fakeEvent('http://app.test/login'), page);
    expect(Object.fromEntries(res.headers)).toMatchObject({
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'strict-origin-when-cross-origin',
      'x-frame-options': 'DENY',
      'content-security-policy': "default-src 'self'; frame-ancestors 'none'",
    });
    expect(res.headers.get('strict-transport-security')).toBeNull();
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const secure = await run(fakeEvent('https://app.test/login'), page);
    expect(secure.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
  });

  it('answers the API with no-store and a CSP that allows nothing; CSV files with no-store', async () => {
    const api = await run(fakeEvent('http://app.test/api/trpc/me.get'), json);
    expect(api.headers.get('cache-control')).toBe('no-store');
    expect(api.headers.get('content-security-policy')).toBe(NON_PAGE_CSP);
    const csv = await run(
      fakeEvent('http://app.test/inventory/export/items.csv'),
      async () => new Response('name\r\n', { headers: { 'content-type': 'text/csv; charset=utf-8' } }),
    );
    expect(csv.headers.get('cache-control')).toBe('no-store');
    expect(csv.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('sets them on responses with immutable headers too (a redirect)', async () => {
    const res = await run(fakeEvent('http://app.test/'), async () => Response.redirect('http://app.test/login', 303));
    expect([res.status, res.headers.get('location'), res.headers.get('x-frame-options')]).toEqual([
      303,
      'http://app.test/login',
      'DENY',
    ]);
  });
});

describe('tRPC mutations check Origin against the app origin', () => {
  const post = (origin?: string) =>
    fakeEvent('http://app.test/api/trpc/inventory.adjust', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(origin ? { origin } : {}) },
      body: '{"json":{}}',
    });
  it('refuses a foreign or a missing Origin with 403 before anything runs', async () => {
    const resolve = vi.fn(json);
    for (const event of [post('https://evil.example'), post()]) {
      const res = await run(event, resolve);
      expect(res.status).toBe(403);
      expect((await res.json()).error.json.data.code).toBe('FORBIDDEN');
      expect(res.headers.get('cache-control')).toBe('no-store');
    }
    expect(resolve).not.toHaveBeenCalled();
  });
  it('lets the app own origin through, and reads (GET) without one', async () => {
    const resolve = vi.fn(json);
    expect((await run(post('http://app.test'), resolve)).status).toBe(200);
    expect((await run(fakeEvent('http://app.test/api/trpc/me.get'), resolve)).status).toBe(200);
    expect(resolve).toHaveBeenCalledTimes(2);
  });
});

describe('unexpected errors and outages', () => {
  it('answers a page request during a database outage with 503, not a 500 with driver text', async () => {
    const res = await run(fakeEvent('http://app.test/inventory', { cookie: 'some-session-token' }), page);
    expect(res.status).toBe(503);
    expect(await res.text()).toBe('Service temporarily unavailable');
    // The same for the API, in the shape the tRPC client reads (one answer per call of a batch).
    const api = await run(fakeEvent('http://app.test/api/trpc/me.get,inventory.list?batch=1', { cookie: 'tok' }), json);
    const body = await api.json();
    expect([api.status, body.length, body[1].error.json.message, body[1].error.json.data.code]).toEqual([
      503,
      2,
      'Service temporarily unavailable',
      'SERVICE_UNAVAILABLE',
    ]);
  });

  it('handleError logs with the request id and answers a generic message with that id', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const event = fakeEvent('http://app.test/recipes');
    event.locals.requestId = 'req-123';
    const out = handleError({
      error: new Error('Invalid `prisma.recipe.findMany()` invocation: relation "recipes" does not exist'),
      event: event as never,
      status: 500,
      message: 'Internal Error',
    });
    expect(out).toEqual({
      message: 'Something went wrong on our side. Reference: req-123. Please try again.',
      errorId: 'req-123',
    });
    expect(String(log.mock.calls[0]?.[0])).toContain('req-123');
    log.mockRestore();
  });

  it('turns the 500 of a load that met an outage into a 503', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const event = fakeEvent('http://app.test/dashboard');
    const res = await run(event, async (ev) => {
      const error = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
      const body = handleError({ error, event: ev, status: 500, message: 'Internal Error' }) as { message: string };
      return new Response(body.message, { status: 500, headers: { 'content-type': 'text/html' } });
    });
    expect([res.status, await res.text()]).toEqual([503, 'Service temporarily unavailable']);
    warn.mockRestore();
  });
});

describe('the tRPC HTTP answer of an error', () => {
  const context = (over: Partial<TrpcContext> = {}): TrpcContext => ({
    db: env.db,
    services: env.services,
    boss: async () => env.boss,
    user: null,
    session: null,
    setSessionCookie: () => {},
    clearSessionCookie: () => {},
    requestId: 'req-777',
    ...over,
  });
  const call = (r: typeof appRouter | ReturnType<typeof router>, path: string, ctx: TrpcContext) =>
    fetchRequestHandler({
      endpoint: '/api/trpc',
      req: new Request(`http://app.test/api/trpc/${path}`),
      router: r as typeof appRouter,
      createContext: () => ctx,
    });

  it('a bug: 500, a generic message with the request id, no cause, no stack', async () => {
    const buggy = router({
      boom: publicProcedure.query(() => {
        throw new Error('Invalid `prisma.item.create()` invocation: insert violates foreign key constraint "x_fkey"');
      }),
    });
    const res = await call(buggy, 'boom', context());
    const body = await res.json();
    expect(res.status).toBe(500);
    expect(body.error.json.message).toBe('Something went wrong on our side. Reference: req-777. Please try again.');
    expect(body.error.json.data).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', requestId: 'req-777' });
    expect(JSON.stringify(body)).not.toMatch(/prisma|foreign key|stack/i);
  });

  it('a database outage: 503 "Service temporarily unavailable", nothing of the driver', async () => {
    const down = createPrisma('postgresql://postgres:postgres@127.0.0.1:5499/batchtrack_nowhere', 1);
    const res = await call(appRouter, 'auth.tiers', context({ db: down }));
    const body = await res.json();
    expect(res.status).toBe(503);
    expect(body.error.json.message).toBe('Service temporarily unavailable');
    expect(JSON.stringify(body)).not.toMatch(/reach|5499|prisma|ECONNREFUSED/i);
    await down.$disconnect();
  });
});
