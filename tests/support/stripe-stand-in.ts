// A local stand-in for the parts of Stripe's HTTP API that BatchTrack calls, so the real `stripe` SDK can be
// tested offline: prices (by lookup key and id), customers, Checkout sessions with a hosted payment page,
// subscriptions (retrieve, list, update, cancel), billing portal sessions. Objects carry Stripe's shapes and
// id prefixes. Webhooks are signed with the real secret through the SDK's own signing helper and POSTed to
// the app, as Stripe (or `stripe listen --forward-to`) does.
//
// Used by the integration tests (startStripeStandIn) and by Playwright, which runs it as a web server:
//   node tests/support/stripe-stand-in.ts --port 12111 --webhook http://127.0.0.1:4174/api/webhooks/stripe
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import Stripe from 'stripe';

type Obj = Record<string, any>;

export type StandInPrice = {
  lookupKey: string;
  amountCents: number;
  interval: 'month' | 'year' | null;
  currency?: string;
};

export const DEFAULT_PRICES: StandInPrice[] = [
  { lookupKey: 'batchtrack_solo_monthly', amountCents: 1900, interval: 'month' },
  { lookupKey: 'batchtrack_team_monthly', amountCents: 4900, interval: 'month' },
  { lookupKey: 'batchtrack_enterprise_monthly', amountCents: 19900, interval: 'month' },
  { lookupKey: 'recipe-variations', amountCents: 500, interval: 'month' },
  { lookupKey: 'data-retention', amountCents: 300, interval: 'month' },
  { lookupKey: 'advanced-analytics', amountCents: 900, interval: 'month' },
  { lookupKey: 'batchbot-access', amountCents: 700, interval: 'month' },
  { lookupKey: 'affiliate-program', amountCents: 0, interval: 'month' },
  { lookupKey: 'batchbot-refill-100', amountCents: 1000, interval: null },
];

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export function stripeId(prefix: string): string {
  const bytes = randomBytes(24);
  let s = '';
  for (const b of bytes) s += ALPHABET[b % ALPHABET.length];
  return `${prefix}_${s}`;
}

/** Parses Stripe's form encoding (`a[b][0][c]=v`, `a[]=v`) into nested objects and arrays. */
export function parseStripeForm(body: string): Obj {
  const out: Obj = {};
  for (const [rawKey, value] of new URLSearchParams(body)) {
    const path = [rawKey.split('[')[0], ...[...rawKey.matchAll(/\[([^\]]*)\]/g)].map((m) => m[1])];
    let node: any = out;
    for (let i = 0; i < path.length; i++) {
      const key = path[i];
      const last = i === path.length - 1;
      const nextIsIndex = !last && /^\d*$/.test(path[i + 1]);
      if (Array.isArray(node) && key === '') {
        if (last) node.push(value);
        else node.push((node = nextIsIndex ? [] : {}));
        continue;
      }
      const k = Array.isArray(node) ? Number(key) : key;
      if (last) node[k] = value;
      else node = node[k] ??= nextIsIndex ? [] : {};
    }
  }
  return out;
}

export type StripeStandIn = {
  url: string;
  /** Where the hosted checkout and portal pages are reached (the browser's view of the stand-in). */
  publicUrl: string;
  port: number;
  prices: Map<string, Obj>;
  customers: Map<string, Obj>;
  sessions: Map<string, Obj>;
  subscriptions: Map<string, Obj>;
  /** Every request received, for assertions ("method path"). */
  requests: string[];
  /** Every event built by the stand-in, delivered or not. */
  events: Obj[];
  webhookUrl: string | null;
  /** While true every API call answers 500 (Stripe unreachable for the app's purposes). */
  down: boolean;
  /** Completes a checkout as the hosted page's "Pay" does; returns the success URL and the events to deliver. */
  completeCheckout(
    sessionId: string,
    opts?: { email?: string; name?: string; deliver?: boolean },
  ): Promise<{
    successUrl: string;
    events: Obj[];
  }>;
  /** Builds a Stripe event object for `object` (created = now in seconds, or the given one). */
  buildEvent(type: string, object: Obj, created?: number): Obj;
  /** POSTs the event to the webhook URL, signed with the secret; returns the HTTP status. */
  deliver(event: Obj, opts?: { secret?: string }): Promise<number>;
  /** Signs a raw payload as Stripe does (the Stripe-Signature header). */
  sign(payload: string, secret?: string): string;
  /** Changes a subscription's status and returns the customer.subscription.updated event (not delivered). */
  setSubscriptionStatus(subscriptionId: string, status: string): Obj;
  close(): Promise<void>;
};

type Options = {
  port?: number;
  webhookUrl?: string | null;
  webhookSecret?: string;
  prices?: StandInPrice[];
  /** Base URL the hosted pages are reached at (defaults to the server's own). */
  publicUrl?: string;
  log?: boolean;
};

const nowSec = () => Math.floor(Date.now() / 1000);

export async function startStripeStandIn(opts: Options = {}): Promise<StripeStandIn> {
  const secret = opts.webhookSecret ?? 'whsec_test_standin';
  const signer = new Stripe('sk_test_signer');
  const prices = new Map<string, Obj>();
  const customers = new Map<string, Obj>();
  const sessions = new Map<string, Obj>();
  const subscriptions = new Map<string, Obj>();
  const portals = new Map<string, Obj>();
  const requests: string[] = [];
  const events: Obj[] = [];
  const product = { id: stripeId('prod'), object: 'product', name: 'BatchTrack' };

  for (const p of opts.prices ?? DEFAULT_PRICES) {
    const id = stripeId('price');
    prices.set(id, {
      id,
      object: 'price',
      active: true,
      billing_scheme: 'per_unit',
      created: nowSec(),
      currency: (p.currency ?? 'usd').toLowerCase(),
      livemode: false,
      lookup_key: p.lookupKey,
      metadata: {},
      nickname: null,
      product: product.id,
      recurring: p.interval
        ? { interval: p.interval, interval_count: 1, usage_type: 'licensed', meter: null, trial_period_days: null }
        : null,
      tax_behavior: 'unspecified',
      type: p.interval ? 'recurring' : 'one_time',
      unit_amount: p.amountCents,
      unit_amount_decimal: String(p.amountCents),
    });
  }

  const findPrice = (idOrKey: string) =>
    prices.get(idOrKey) ?? [...prices.values()].find((p) => p.lookup_key === idOrKey) ?? null;

  function subscriptionItem(price: Obj, subId: string, start: number): Obj {
    return {
      id: stripeId('si'),
      object: 'subscription_item',
      created: start,
      current_period_start: start,
      current_period_end: start + (price.recurring?.interval === 'year' ? 365 : 30) * 86400,
      metadata: {},
      price,
      quantity: 1,
      subscription: subId,
    };
  }

  function createSubscription(customerId: string, price: Obj, metadata: Obj): Obj {
    const id = stripeId('sub');
    const start = nowSec();
    const sub = {
      id,
      object: 'subscription',
      cancel_at: null,
      cancel_at_period_end: false,
      canceled_at: null,
      created: start,
      currency: price.currency,
      customer: customerId,
      items: {
        object: 'list',
        data: [subscriptionItem(price, id, start)],
        has_more: false,
        url: '/v1/subscription_items',
      },
      latest_invoice: stripeId('in'),
      livemode: false,
      metadata,
      start_date: start,
      status: 'active',
    };
    subscriptions.set(id, sub);
    return sub;
  }

  function invoiceFor(sub: Obj, paid: boolean): Obj {
    const item = sub.items.data[0];
    return {
      id: sub.latest_invoice ?? stripeId('in'),
      object: 'invoice',
      amount_due: item.price.unit_amount,
      amount_paid: paid ? item.price.unit_amount : 0,
      currency: sub.currency,
      customer: sub.customer,
      next_payment_attempt: paid ? null : nowSec() + 3 * 86400,
      parent: { type: 'subscription_details', subscription_details: { subscription: sub.id, metadata: sub.metadata } },
      lines: {
        object: 'list',
        data: [
          {
            id: stripeId('il'),
            object: 'line_item',
            period: { start: item.current_period_start, end: item.current_period_end },
          },
        ],
      },
      period_end: item.current_period_end,
      status: paid ? 'paid' : 'open',
    };
  }

  function buildEvent(type: string, object: Obj, created = nowSec()): Obj {
    const ev = {
      id: stripeId('evt'),
      object: 'event',
      api_version: '2026-10-28.endive',
      created,
      data: { object: structuredClone(object) },
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type,
    };
    events.push(ev);
    return ev;
  }

  function sign(payload: string, withSecret = secret) {
    return signer.webhooks.generateTestHeaderString({ payload, secret: withSecret });
  }

  async function deliver(event: Obj, o: { secret?: string } = {}): Promise<number> {
    if (!standIn.webhookUrl) return 0;
    const payload = JSON.stringify(event, null, 2);
    const res = await fetch(standIn.webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', 'stripe-signature': sign(payload, o.secret) },
      body: payload,
    });
    await res.text();
    return res.status;
  }

  async function completeCheckout(sessionId: string, o: { email?: string; name?: string; deliver?: boolean } = {}) {
    const s = sessions.get(sessionId);
    if (!s) throw new Error(`no checkout session ${sessionId}`);
    const out: Obj[] = [];
    if (s.status !== 'complete') {
      const email = o.email ?? s.customer_email ?? 'buyer@example.com';
      let customerId = s.customer as string | null;
      if (!customerId) {
        customerId = stripeId('cus');
        customers.set(customerId, {
          id: customerId,
          object: 'customer',
          created: nowSec(),
          email,
          name: o.name ?? null,
          metadata: {},
          livemode: false,
        });
      }
      const price = findPrice(s._line_items[0].price)!;
      s.status = 'complete';
      s.customer = customerId;
      s.customer_details = { email, name: o.name ?? null, phone: null, address: null, tax_exempt: 'none', tax_ids: [] };
      s.amount_total = price.unit_amount;
      s.payment_status = price.unit_amount === 0 ? 'no_payment_required' : 'paid';
      if (s.mode === 'subscription') {
        const sub = createSubscription(customerId, price, { ...s.metadata, ...(s._subscription_metadata ?? {}) });
        s.subscription = sub.id;
        out.push(buildEvent('customer.subscription.created', sub));
        out.push(buildEvent('invoice.payment_succeeded', invoiceFor(sub, true)));
      }
      out.unshift(buildEvent('checkout.session.completed', publicSession(s)));
      if (o.deliver !== false) for (const ev of out) await deliver(ev);
    }
    return { successUrl: String(s.success_url).replace('{CHECKOUT_SESSION_ID}', s.id), events: out };
  }

  function setSubscriptionStatus(subscriptionId: string, status: string) {
    const sub = subscriptions.get(subscriptionId);
    if (!sub) throw new Error(`no subscription ${subscriptionId}`);
    sub.status = status;
    if (status === 'canceled') sub.canceled_at = nowSec();
    return buildEvent(status === 'canceled' ? 'customer.subscription.deleted' : 'customer.subscription.updated', sub);
  }

  const publicSession = (s: Obj) => Object.fromEntries(Object.entries(s).filter(([k]) => !k.startsWith('_')));

  function listOf(data: Obj[], url: string) {
    return { object: 'list', data, has_more: false, url };
  }

  function notFound(res: ServerResponse, what: string, id: string) {
    send(res, 404, {
      error: {
        type: 'invalid_request_error',
        code: 'resource_missing',
        message: `No such ${what}: '${id}'`,
        param: 'id',
      },
    });
  }

  function send(res: ServerResponse, status: number, body: unknown, type = 'application/json') {
    res.writeHead(status, { 'content-type': type, 'request-id': stripeId('req') });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  }

  async function readBody(req: IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }

  function createCheckoutSession(p: Obj): Obj {
    const id = `cs_test_${stripeId('x').slice(2)}`;
    const lineItems = (p.line_items ?? []) as Obj[];
    if (!lineItems.length || !findPrice(lineItems[0].price)) {
      throw Object.assign(new Error(`No such price: '${lineItems[0]?.price}'`), { status: 400 });
    }
    const s = {
      id,
      object: 'checkout.session',
      allow_promotion_codes: p.allow_promotion_codes === 'true',
      amount_total: null,
      cancel_url: p.cancel_url ?? null,
      client_reference_id: p.client_reference_id ?? null,
      created: nowSec(),
      currency: findPrice(lineItems[0].price)!.currency,
      customer: p.customer ?? null,
      customer_creation: p.customer_creation ?? null,
      customer_details: null,
      customer_email: p.customer_email ?? null,
      expires_at: nowSec() + 86400,
      livemode: false,
      metadata: p.metadata ?? {},
      mode: p.mode ?? 'payment',
      payment_method_collection: p.payment_method_collection ?? 'always',
      payment_status: 'unpaid',
      status: 'open',
      subscription: null,
      success_url: p.success_url ?? null,
      url: `${standIn.publicUrl}/pay/${id}`,
      _line_items: lineItems,
      _subscription_metadata: p.subscription_data?.metadata ?? {},
      _trial: p.subscription_data?.trial_period_days ?? null,
    };
    sessions.set(id, s);
    return s;
  }

  function payPage(s: Obj): string {
    const price = findPrice(s._line_items[0].price)!;
    const amount = `${(price.unit_amount / 100).toFixed(2)} ${String(price.currency).toUpperCase()}`;
    const per = price.recurring ? ` / ${price.recurring.interval}` : '';
    const esc = (v: unknown) => String(v ?? '').replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
    return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>Stripe stand-in checkout</title></head><body style="font-family:sans-serif;max-width:28rem;margin:2rem auto;padding:0 1rem">
<p><small>Local Stripe stand-in (test mode)</small></p>
<h1>Pay BatchTrack</h1><p>${esc(price.lookup_key)}: <strong>${esc(amount + per)}</strong></p>
<form method="post" action="/pay/${esc(s.id)}">
<label>Email <input name="email" type="email" value="${esc(s.customer_email)}" required></label><br><br>
<label>Card number <input name="card" value="4242 4242 4242 4242" inputmode="numeric"></label><br><br>
<button type="submit">Pay ${esc(amount)}</button></form>
<p><a href="${esc(s.cancel_url)}">Back</a></p></body></html>`;
  }

  async function api(req: IncomingMessage, res: ServerResponse, path: string, query: URLSearchParams) {
    const method = req.method ?? 'GET';
    const body = method === 'GET' || method === 'DELETE' ? '' : await readBody(req);
    const p = method === 'GET' || method === 'DELETE' ? parseStripeForm(query.toString()) : parseStripeForm(body);
    if (!String(req.headers.authorization ?? '').startsWith('Bearer sk_')) {
      return send(res, 401, { error: { type: 'invalid_request_error', message: 'Invalid API Key provided' } });
    }
    if (standIn.down) return send(res, 500, { error: { type: 'api_error', message: 'The stand-in is down.' } });
    const seg = path.split('/').filter(Boolean).slice(1); // after v1
    try {
      if (seg[0] === 'prices' && seg.length === 1 && method === 'GET') {
        const keys: string[] = p.lookup_keys ?? [];
        const data = [...prices.values()].filter((x) => (keys.length ? keys.includes(x.lookup_key) : true));
        return send(res, 200, listOf(data.slice(0, Number(p.limit ?? 10)), '/v1/prices'));
      }
      if (seg[0] === 'prices' && seg.length === 2 && method === 'GET') {
        const x = prices.get(seg[1]);
        return x ? send(res, 200, x) : notFound(res, 'price', seg[1]);
      }
      if (seg[0] === 'customers' && seg.length === 1 && method === 'POST') {
        const id = stripeId('cus');
        const c = {
          id,
          object: 'customer',
          created: nowSec(),
          email: p.email ?? null,
          name: p.name ?? null,
          metadata: p.metadata ?? {},
          livemode: false,
        };
        customers.set(id, c);
        return send(res, 200, c);
      }
      if (seg[0] === 'customers' && seg.length === 2) {
        const c = customers.get(seg[1]);
        if (!c) return notFound(res, 'customer', seg[1]);
        if (method === 'POST') Object.assign(c, { ...p, metadata: { ...c.metadata, ...(p.metadata ?? {}) } });
        return send(res, 200, c);
      }
      if (seg[0] === 'checkout' && seg[1] === 'sessions' && seg.length === 2 && method === 'POST') {
        return send(res, 200, publicSession(createCheckoutSession(p)));
      }
      if (seg[0] === 'checkout' && seg[1] === 'sessions' && seg.length === 3 && method === 'GET') {
        const s = sessions.get(seg[2]);
        return s ? send(res, 200, publicSession(s)) : notFound(res, 'checkout.session', seg[2]);
      }
      if (seg[0] === 'subscriptions' && seg.length === 1 && method === 'GET') {
        const data = [...subscriptions.values()].filter(
          (s) =>
            (!p.customer || s.customer === p.customer) && (!p.status || p.status === 'all' || s.status === p.status),
        );
        return send(res, 200, listOf(data, '/v1/subscriptions'));
      }
      if (seg[0] === 'subscriptions' && seg.length === 2) {
        const sub = subscriptions.get(seg[1]);
        if (!sub) return notFound(res, 'subscription', seg[1]);
        if (method === 'DELETE') {
          sub.status = 'canceled';
          sub.canceled_at = nowSec();
          buildEvent('customer.subscription.deleted', sub);
        } else if (method === 'POST') {
          if (p.cancel_at_period_end !== undefined) sub.cancel_at_period_end = p.cancel_at_period_end === 'true';
          if (p.metadata) sub.metadata = { ...sub.metadata, ...p.metadata };
          for (const it of (p.items ?? []) as Obj[]) {
            const price = it.price ? findPrice(it.price) : null;
            if (!price) continue;
            const existing = sub.items.data.find((x: Obj) => x.id === it.id);
            if (existing) existing.price = price;
            else sub.items.data.push(subscriptionItem(price, sub.id, nowSec()));
          }
          buildEvent('customer.subscription.updated', sub);
        }
        return send(res, 200, sub);
      }
      if (seg[0] === 'billing_portal' && seg[1] === 'sessions' && method === 'POST') {
        const id = stripeId('bps');
        const ps = {
          id,
          object: 'billing_portal.session',
          created: nowSec(),
          customer: p.customer,
          livemode: false,
          return_url: p.return_url ?? null,
          url: `${standIn.publicUrl}/portal/${id}`,
        };
        portals.set(id, ps);
        return send(res, 200, ps);
      }
      return send(res, 404, {
        error: { type: 'invalid_request_error', message: `Unrecognized request URL (${method}: ${path})` },
      });
    } catch (e) {
      const err = e as Error & { status?: number };
      return send(res, err.status ?? 400, { error: { type: 'invalid_request_error', message: err.message } });
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    requests.push(`${req.method} ${url.pathname}`);
    if (opts.log) console.log(`[stripe-stand-in] ${req.method} ${url.pathname}`);
    if (url.pathname.startsWith('/v1/')) return api(req, res, url.pathname, url.searchParams);
    // Test control (not Stripe's API): change the status of the subscription of the customer with this email
    // and deliver the event, as Stripe would after a failed renewal or a cancellation.
    if (url.pathname === '/_test/subscription-status' && req.method === 'POST') {
      const form = new URLSearchParams(await readBody(req));
      const email = form.get('email') ?? '';
      const customer = [...customers.values()].find((c) => c.email === email);
      const sub = customer && [...subscriptions.values()].find((x) => x.customer === customer.id);
      if (!sub) return send(res, 404, { error: `no subscription for ${email}` });
      const event = setSubscriptionStatus(sub.id, form.get('status') ?? 'active');
      return send(res, 200, { delivered: await deliver(event), event: event.id });
    }
    const m = url.pathname.match(/^\/pay\/(cs_test_\w+)$/);
    if (m) {
      const s = sessions.get(m[1]);
      if (!s) return send(res, 404, 'No such checkout session', 'text/plain');
      if (req.method === 'POST') {
        const form = new URLSearchParams(await readBody(req));
        const { successUrl } = await completeCheckout(s.id, { email: form.get('email') || undefined });
        res.writeHead(303, { location: successUrl });
        return res.end();
      }
      return send(res, 200, payPage(s), 'text/html; charset=utf-8');
    }
    const portal = url.pathname.match(/^\/portal\/(bps_\w+)$/);
    if (portal && portals.has(portal[1])) {
      const ps = portals.get(portal[1])!;
      return send(
        res,
        200,
        `<!doctype html><title>Billing portal</title><h1>Stand-in billing portal</h1><p>Customer ${ps.customer}</p><a href="${ps.return_url}">Return to BatchTrack</a>`,
        'text/html; charset=utf-8',
      );
    }
    return send(res, 404, 'not found', 'text/plain');
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e) => send(res, 500, { error: { type: 'api_error', message: String(e) } }));
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const standIn: StripeStandIn = {
    url: `http://127.0.0.1:${port}`,
    publicUrl: opts.publicUrl ?? `http://127.0.0.1:${port}`,
    port,
    prices,
    customers,
    sessions,
    subscriptions,
    requests,
    events,
    webhookUrl: opts.webhookUrl ?? null,
    down: false,
    completeCheckout,
    buildEvent,
    deliver,
    sign,
    setSubscriptionStatus,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  return standIn;
}

// Run as a server (Playwright's webServer): --port N --webhook URL [--secret whsec_…]
if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const s = await startStripeStandIn({
    port: Number(arg('port') ?? 12111),
    webhookUrl: arg('webhook') ?? null,
    webhookSecret: arg('secret') ?? process.env.STRIPE_WEBHOOK_SECRET,
    log: true,
  });
  console.log(`[stripe-stand-in] listening on ${s.url}`);
}
