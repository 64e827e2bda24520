/** Client-side helpers shared by the batch and traceability pages. */
import type { RouterOutputs } from '$lib/trpc';

export type Plan = RouterOutputs['batches']['plan'];
export type BatchDetail = RouterOutputs['batches']['get'];
export type Timer = BatchDetail['timers'][number];

export function statusLabel(s: string): string {
  return s === 'in_progress' ? 'In progress' : s.charAt(0).toUpperCase() + s.slice(1).replace(/_/g, ' ');
}

export function statusClass(s: string): string {
  return s === 'completed' ? 'ok' : s === 'failed' ? 'bad' : s === 'in_progress' ? 'warn' : '';
}

/** Stock-check status → badge class. */
export function stockClass(s: string): string {
  return s === 'OK' ? 'ok' : s === 'LOW' ? 'warn' : 'bad';
}

export function stockLabel(s: string): string {
  return (
    (
      {
        OK: 'OK',
        LOW: 'Low',
        NEEDED: 'Needed',
        OUT_OF_STOCK: 'Out of stock',
        ERROR: 'Error',
        DENSITY_MISSING: 'Density missing',
      } as Record<string, string>
    )[s] ?? s
  );
}

/** MM:SS, or HH:MM:SS from one hour up (the server's formatDuration). */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600),
    m = Math.floor((s % 3600) / 60),
    r = s % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${pad(h)}:${pad(m)}:${pad(r)}` : `${pad(m)}:${pad(r)}`;
}

export type StockIssue = {
  itemId: string;
  name: string;
  needed: string;
  available: string | null;
  unit: string;
  status: string;
};

/** The short-stock list an INSUFFICIENT_STOCK error carries (from a failed Action), or null for any other error. */
export function stockIssuesOf(failed: {
  code: string | null;
  details: Record<string, unknown> | null;
}): StockIssue[] | null {
  if (failed.code !== 'INSUFFICIENT_STOCK') return null;
  return (failed.details?.stockIssues as StockIssue[] | undefined) ?? [];
}

/** Offers text as a file download. */
export function downloadText(filename: string, text: string, type = 'text/csv') {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
