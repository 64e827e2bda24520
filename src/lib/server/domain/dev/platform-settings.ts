// App settings and integrations readiness (docs/rules/platform-console.md, Settings and integrations).
import type { PrismaClient } from '../../db/client.ts';
import { withTransaction } from '../../db/transaction.ts';
import type { Services } from '../context.ts';
import { APP_SETTINGS_DEFAULTS, AppSettingsSchema, type AppSettings } from '../../../shared/schemas/dev-platform.ts';
import { changedFields, recordAudit, type ConsoleCtx } from './audit.ts';

const KEY = 'settings';

const CACHE_MS = 30_000;
let cached: { at: number; settings: AppSettings } | undefined;

/**
 * The settings every page and sign-up read (the maintenance banner, whether sign-up is open), cached 30 s
 * per process like the feature flags; an edit in the console is seen everywhere within that time.
 */
export async function readAppSettings(db: PrismaClient, now = Date.now()): Promise<AppSettings> {
  if (cached && now - cached.at < CACHE_MS) return cached.settings;
  const settings = await getAppSettings(db);
  cached = { at: now, settings };
  return settings;
}

/** Drops the cached settings (tests that rewrite the table underneath). */
export function forgetAppSettings() {
  cached = undefined;
}

/** The stored document over the defaults; a stored field that no longer validates falls back to its default. */
export async function getAppSettings(db: PrismaClient): Promise<AppSettings> {
  const row = await db.appSetting.findUnique({ where: { key: KEY } });
  const merged = { ...APP_SETTINGS_DEFAULTS, ...((row?.value as object | null) ?? {}) };
  const parsed = AppSettingsSchema.safeParse(merged);
  return parsed.success ? parsed.data : APP_SETTINGS_DEFAULTS;
}

export async function updateAppSettings(db: PrismaClient, ctx: ConsoleCtx, raw: unknown) {
  const input = AppSettingsSchema.parse(raw);
  return withTransaction(db, async (tx) => {
    const current = await getAppSettings(db);
    const diff = changedFields(current, input);
    if (diff.fields.length === 0) return input;
    await tx.appSetting.upsert({ where: { key: KEY }, create: { key: KEY, value: input }, update: { value: input } });
    cached = undefined; // this process sees its own edit at once
    await recordAudit(tx, ctx, {
      action: 'app_setting.update',
      targetType: 'app_setting',
      targetKey: KEY,
      targetLabel: 'Platform settings',
      before: diff.before,
      after: diff.after,
    });
    return input;
  });
}

/** Which environment keys are set (never their values), and what that means. */
export function integrationsReadiness(env: Record<string, string | undefined>) {
  const set = (k: string) => Boolean(env[k]?.trim());
  const transport = env.MAIL_TRANSPORT === 'smtp' ? 'smtp' : 'log';
  return {
    mail: {
      transport,
      keys: [
        { key: 'MAIL_TRANSPORT', set: set('MAIL_TRANSPORT') },
        { key: 'SMTP_URL', set: set('SMTP_URL') },
        { key: 'MAIL_FROM', set: set('MAIL_FROM') },
      ],
      ready: transport === 'log' || set('SMTP_URL'),
      note:
        transport === 'log'
          ? 'Mail is stored in mail_messages and printed, not sent.'
          : set('SMTP_URL')
            ? 'Mail is sent through SMTP.'
            : 'MAIL_TRANSPORT=smtp needs SMTP_URL: mail will fail.',
    },
    stripe: {
      keys: [
        { key: 'STRIPE_SECRET_KEY', set: set('STRIPE_SECRET_KEY') },
        { key: 'STRIPE_WEBHOOK_SECRET', set: set('STRIPE_WEBHOOK_SECRET') },
        { key: 'STRIPE_API_BASE', set: set('STRIPE_API_BASE') },
      ],
      billing: set('STRIPE_SECRET_KEY') ? 'on' : 'off',
      webhookReady: set('STRIPE_WEBHOOK_SECRET'),
    },
  };
}

export async function sendTestEmail(
  db: PrismaClient,
  ctx: ConsoleCtx & Pick<Services, 'mailer'>,
  input: { to: string },
) {
  await ctx.mailer.send({
    to: input.to,
    subject: 'BatchTrack test email',
    text: `This is a test email sent from the BatchTrack console by ${ctx.actor.name}.`,
  });
  await recordAudit(db, ctx, {
    action: 'integration.test_email',
    targetType: 'app_setting',
    targetKey: 'mail',
    targetLabel: input.to,
  });
  return { sent: true, transport: ctx.mailer.transport };
}
