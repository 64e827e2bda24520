// The database the tests run against matches the generated client, and the seed is idempotent.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../helpers/db.ts';
import { TEST_DATABASE_URL } from '../helpers/env.ts';
import { seedCatalogue } from '../../src/lib/server/seed/seed-catalogue.ts';
import { ALL_CUSTOMER_PERMISSIONS, DEVELOPER_PERMISSIONS } from '../../src/lib/shared/permission-catalogue.ts';

let env: TestEnv;
beforeAll(async () => (env = await createTestEnv()));
afterAll(() => env.close());

// The runtime data model does not say which fields are lists; an array column must hold the field's type.
const PG_ARRAY: Record<string, string> = { String: 'text', Int: 'int4', Decimal: 'numeric', Boolean: 'bool' };
const PG_TYPES: Record<string, string[]> = {
  String: ['text', 'character varying', 'character', 'uuid'],
  Int: ['integer', 'smallint'],
  BigInt: ['bigint'],
  Float: ['double precision', 'real'],
  Decimal: ['numeric'],
  Boolean: ['boolean'],
  DateTime: ['timestamp without time zone', 'timestamp with time zone', 'date'],
  Json: ['jsonb', 'json'],
  Bytes: ['bytea'],
};

function typeMatches(f: { kind: string; type: string }, col: { data_type: string; udt_name: string }): boolean {
  if (col.data_type === 'ARRAY') return col.udt_name === `_${PG_ARRAY[f.type]}`;
  if (f.kind === 'enum') return col.data_type === 'USER-DEFINED';
  return (PG_TYPES[f.type] ?? []).includes(col.data_type);
}

describe('database', () => {
  it('has every table and column of the generated client with a compatible type', async () => {
    type M = {
      dbName: string | null;
      fields: { name: string; kind: string; type: string; isList?: boolean; dbName?: string | null }[];
    };
    const model = (env.db as unknown as { _runtimeDataModel: { models: Record<string, M> } })._runtimeDataModel;
    const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await c.connect();
    const { rows } = await c.query<{ table_name: string; column_name: string; data_type: string; udt_name: string }>(
      `SELECT table_name, column_name, data_type, udt_name FROM information_schema.columns WHERE table_schema = 'public'`,
    );
    await c.end();
    const cols = new Map(rows.map((r) => [`${r.table_name}.${r.column_name}`, r]));
    const problems: string[] = [];
    for (const [name, m] of Object.entries(model.models)) {
      for (const f of m.fields.filter((f) => f.kind === 'scalar' || f.kind === 'enum')) {
        const key = `${m.dbName ?? name}.${f.dbName ?? f.name}`;
        const col = cols.get(key);
        if (!col) problems.push(`missing column ${key}`);
        else if (!typeMatches(f, col)) {
          problems.push(`${key}: ${col.data_type} is not a ${f.type}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('seeds the catalogue idempotently', async () => {
    const counts = async () =>
      Promise.all([
        env.db.permission.count(),
        env.db.developerPermission.count(),
        env.db.developerRole.count(),
        env.db.subscriptionTier.count(),
        env.db.addon.count(),
        env.db.tierPermission.count(),
        env.db.tierAddon.count(),
        env.db.rolePermission.count({ where: { role: { organizationId: null } } }),
      ]);
    const before = await counts();
    await seedCatalogue(env.db);
    await seedCatalogue(env.db);
    expect(await counts()).toEqual(before);
    expect(before.slice(0, 5)).toEqual([ALL_CUSTOMER_PERMISSIONS.length, DEVELOPER_PERMISSIONS.length, 3, 5, 6]);
  });
});
