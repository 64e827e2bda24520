// The return address after the library's quick sign-up or sign-in (docs/rules/library.md, Save to
// inventory): only a path on this site.
import { describe, expect, it } from 'vitest';
import { safeNext } from '../../src/lib/shared/library.ts';

describe('safeNext', () => {
  it('keeps a same-site path with its query', () => {
    expect(safeNext('/library/shea-butter?save=1')).toBe('/library/shea-butter?save=1');
  });
  it('refuses another site, however it is written', () => {
    for (const next of [
      'https://evil.example/',
      '//evil.example',
      '/\\evil.example',
      '/\t/evil.example',
      '/\n/evil.example',
      '/x\\..\\/evil.example',
      'library',
      '',
      null,
    ])
      expect(safeNext(next), JSON.stringify(next)).toBeNull();
  });
  it('refuses an address longer than 500 characters', () => {
    expect(safeNext(`/${'a'.repeat(499)}`)).toHaveLength(500);
    expect(safeNext(`/${'a'.repeat(500)}`)).toBeNull();
  });
});
