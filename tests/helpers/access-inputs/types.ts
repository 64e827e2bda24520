// Per-area inputs for the cross-tenant test (tests/integration/access-control.test.ts). Each area builds
// resources in organization B and says, for each of its procedures, a valid input and whether that input
// points at one of B's resources (then organization A must get NOT_FOUND) or not (then A's answer must
// not contain B's ids or names).
import type { TestEnv } from '../db.ts';
import type { Caller } from '../factories.ts';

export type AreaContext = { env: TestEnv; aOrgId: string; bOrgId: string; aOwner: Caller; bOwner: Caller };
/** `refusedWith`: a call on the caller's own organization that is refused by a rule (its code), e.g. billing off. */
export type InputTable = Record<string, { input: unknown; foreign: boolean; refusedWith?: string }>;

export type AccessArea<F> = {
  /** Creates the area's resources in organization B (and A where an input needs one). */
  setup(ctx: AreaContext): Promise<F>;
  inputs(fx: F): InputTable;
  /** Ids and names of B's resources that must never show up in A's answers. */
  secrets(fx: F): string[];
  /** Checks B's resources are unchanged after A's attempts. */
  assertUntouched?(ctx: AreaContext, fx: F): Promise<void>;
};

export function defineArea<F>(area: AccessArea<F>): AccessArea<F> {
  return area;
}
