// /api/v1/** (docs/rules/api.md): hands the request to the API core, which authenticates the Bearer
// token, checks permissions and idempotency, and calls the domain functions.
import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { appServices, db } from '#lib/server/services.ts';
import { handleApiRequest } from '#lib/server/api/v1.ts';

const handle: RequestHandler = async ({ request, params, url }) => {
  const res = await handleApiRequest(db(), appServices(), {
    method: request.method,
    path: params.path,
    query: url.searchParams,
    authorization: request.headers.get('authorization'),
    idempotencyKey: request.headers.get('idempotency-key'),
    body: request.method === 'GET' ? '' : await request.text(),
  });
  return json(res.body, { status: res.status });
};

export const GET = handle;
export const POST = handle;
