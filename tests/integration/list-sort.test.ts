// Lists sort names case-insensitively (issue 8; docs/rules/web.md, Lists).
import { describe, expect, it } from 'vitest';
import { useTestEnv } from '../helpers/db.ts';
import { callerFor, makeOrg } from '../helpers/factories.ts';

const env = useTestEnv();

describe('sorting by name', () => {
  it('puts apple, Banana and cherry in that order, both ways', async () => {
    const org = await makeOrg(env);
    const owner = await callerFor(env, org.owner.id);
    for (const name of ['cherry', 'Banana', 'apple']) await owner.inventory.create({ name });
    const asc = await owner.inventory.list({ sort: 'name', direction: 'asc' });
    expect(asc.rows.map((r) => r.name)).toEqual(['apple', 'Banana', 'cherry']);
    const desc = await owner.inventory.list({ sort: 'name', direction: 'desc' });
    expect(desc.rows.map((r) => r.name)).toEqual(['cherry', 'Banana', 'apple']);
    for (const name of ['cherry soap', 'Banana bread', 'apple butter']) await owner.products.create({ name });
    const products = await owner.products.list({ page: 1, pageSize: 10, sort: 'name', direction: 'asc' });
    expect(products.rows.map((r) => r.name)).toEqual(['apple butter', 'Banana bread', 'cherry soap']);
  });
});
