// Outgoing mail behind a small interface. MAIL_TRANSPORT=log (default) stores each message in
// mail_messages and prints it; MAIL_TRANSPORT=smtp sends through SMTP_URL (smtp://user:pass@host:port).
import type { PrismaClient } from '../db/client.ts';
import { sendSmtp } from './smtp.ts';

export type MailMessageInput = { to: string; subject: string; text: string };
export type Mailer = { transport: 'log' | 'smtp'; send(msg: MailMessageInput): Promise<void> };

export function createMailer(db: PrismaClient, env: Record<string, string | undefined> = process.env): Mailer {
  const transport = env.MAIL_TRANSPORT === 'smtp' ? 'smtp' : 'log';
  const from = env.MAIL_FROM ?? 'BatchTrack <no-reply@batchtrack.local>';
  return {
    transport,
    async send(msg) {
      if (transport === 'smtp') {
        if (!env.SMTP_URL) throw new Error('MAIL_TRANSPORT=smtp needs SMTP_URL');
        await sendSmtp(env.SMTP_URL, { from, ...msg });
      } else if (env.NODE_ENV !== 'test' && !env.VITEST) {
        console.log(`[mail] to=${msg.to} subject=${JSON.stringify(msg.subject)}\n${msg.text}`);
      }
      await db.mailMessage.create({ data: { ...msg, transport } });
    },
  };
}
