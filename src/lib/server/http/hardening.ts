// The web edge's defences, applied by hooks.server.ts to every request the app answers (docs/rules/web.md):
//  - security headers on every response (the page CSP comes from kit.csp in svelte.config.js; responses
//    without one, the API and CSV files, get a CSP that allows nothing);
//  - Cache-Control: no-store on the API and on CSV downloads (tenant data never sits in a shared cache);
//  - tRPC mutations only from our own pages: a POST to /api/trpc must carry an Origin equal to the app's
//    (ORIGIN under adapter-node), as SvelteKit checks its form actions. Browsers send Origin on every POST.

export const SECURITY_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
};
/** For responses that are not pages (JSON, CSV, plain errors): nothing may load, nothing may frame them. */
export const NON_PAGE_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
export const HSTS = 'max-age=31536000; includeSubDomains';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const JSON_RPC_CODES: Record<string, number> = { FORBIDDEN: -32003, SERVICE_UNAVAILABLE: -32603 };

/**
 * An error as the tRPC client reads it (superjson envelope; one entry per call of a batched request), for
 * answers given before the tRPC handler runs, so the page shows the message rather than a parse error.
 */
export function trpcErrorResponse(url: URL, status: number, code: string, message: string): Response {
  const error = {
    error: { json: { message, code: JSON_RPC_CODES[code] ?? -32603, data: { code, httpStatus: status } } },
  };
  const calls = url.pathname.replace(/^\/api\/trpc\/?/, '').split(',').length;
  const body = url.searchParams.get('batch') ? Array.from({ length: calls }, () => error) : error;
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

/** Why a request is refused before it reaches the app (a 403), or null. */
export function refuseCrossSiteMutation(request: Request, url: URL): Response | null {
  if (!MUTATING.has(request.method) || !url.pathname.startsWith('/api/trpc')) return null;
  const origin = request.headers.get('origin');
  if (origin === url.origin) return null;
  const message = origin
    ? `Cross-site request refused: ${origin} is not this app's origin.`
    : 'Cross-site request refused: the request carries no Origin header.';
  return trpcErrorResponse(url, 403, 'FORBIDDEN', message);
}

/** The headers every response leaves with. Returns the response, copied first if its headers are immutable. */
export function withSecurityHeaders(response: Response, url: URL, requestId?: string): Response {
  let res = response;
  try {
    res.headers.set('x-content-type-options', 'nosniff');
  } catch {
    // Response.redirect() and fetched responses have immutable headers.
    res = new Response(response.body, response);
  }
  const h = res.headers;
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) h.set(name, value);
  const type = h.get('content-type') ?? '';
  if (!h.has('content-security-policy'))
    h.set('content-security-policy', type.includes('text/html') ? "frame-ancestors 'none'" : NON_PAGE_CSP);
  if (url.protocol === 'https:') h.set('strict-transport-security', HSTS);
  if (url.pathname.startsWith('/api/') || type.includes('text/csv')) h.set('cache-control', 'no-store');
  if (requestId) h.set('x-request-id', requestId);
  return res;
}
