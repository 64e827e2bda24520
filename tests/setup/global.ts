// Vitest global setup: a fresh test database, migrated and seeded with the catalogue, and pg-boss's
// schema and queues installed, once per run.
import { spawnSync } from 'node:child_process';
import { TEST_DATABASE_URL } from '../helpers/env.ts';

export default function setup() {
  const env = { ...process.env, DATABASE_URL: TEST_DATABASE_URL };
  for (const args of [
    ['scripts/db.ts', 'createdb'],
    ['scripts/db.ts', 'reset'],
    ['scripts/seed.ts'],
    ['tests/setup/install-queues.ts'],
  ]) {
    const r = spawnSync(process.execPath, args, { env, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
  }
}
