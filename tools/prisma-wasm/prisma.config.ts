import path from 'node:path';
import { defineConfig } from 'prisma/config';
import { PrismaPg } from '@prisma/adapter-pg';

// Work around prisma/orm#27403: adapter-pg 6.x cannot map catalog types such as `name` (oid 19)
// or `"char"` (oid 18), which the wasm schema engine reads while introspecting. Report them as text.
const TEXT_OID = 25;
const REMAP = new Set([18, 19]);
function patchQueryable(q: any) {
  let proto = Object.getPrototypeOf(q);
  while (proto && !Object.hasOwn(proto, 'performIO')) proto = Object.getPrototypeOf(proto);
  if (!proto || proto.__patched) return;
  const orig = proto.performIO;
  proto.performIO = async function (...args: any[]) {
    const res = await orig.apply(this, args);
    for (const f of res.fields ?? []) if (REMAP.has(f.dataTypeID)) f.dataTypeID = TEXT_OID;
    return res;
  };
  proto.__patched = true;
}

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join(__dirname, '.schema.prisma'),
  migrations: { path: path.join(__dirname, '../../prisma/migrations') },
  async adapter() {
    // Discrete fields, not connectionString: adapter-pg's connectToShadowDb() spreads this config and
    // overrides `database`, which a connectionString would silently win over (shadow == main database!).
    const u = new URL(process.env.DATABASE_URL ?? 'postgresql://postgres:postgres@127.0.0.1:5432/postgres');
    const factory = new PrismaPg({
      host: u.hostname,
      port: Number(u.port || 5432),
      user: decodeURIComponent(u.username),
      password: decodeURIComponent(u.password),
      database: u.pathname.slice(1),
      idleTimeoutMillis: 50,
      allowExitOnIdle: true,
    });
    const connect = factory.connect.bind(factory);
    (factory as any).connect = async () => {
      const a = await connect();
      patchQueryable(a);
      return a;
    };
    return factory;
  },
});
