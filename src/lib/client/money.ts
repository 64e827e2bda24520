/**
 * Money on a page, in the organization's currency (docs/rules/money-display.md). The currency comes from
 * the signed-in layout's data (`me.organization.currency`), read through `$app/state`, so it is per request
 * on the server and needs no threading through every component.
 */
import { page } from '$app/state';
import { DEFAULT_CURRENCY, formatMoney, formatUnitCost, type Amount } from '$lib/shared/money';

type WithOrg = { me?: { organization?: { currency?: string | null } | null } };

export function orgCurrency(): string {
  return (page.data as WithOrg).me?.organization?.currency ?? DEFAULT_CURRENCY;
}

/** An amount: 2 decimals, or 4 below one cent. */
export const money = (v: Amount): string => formatMoney(v, orgCurrency());

/** A cost per unit: the decimals it needs, up to 6. */
export const unitCost = (v: Amount): string => formatUnitCost(v, orgCurrency());
