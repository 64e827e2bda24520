// The SMTP transport against a local stand-in server that speaks SMTP over TCP.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../helpers/db.ts';
import { createMailer } from '../../src/lib/server/integrations/mailer.ts';

let env: TestEnv;
beforeAll(async () => (env = await createTestEnv()));
afterAll(() => env.close());

function smtpStandIn() {
  const received: { commands: string[]; data: string }[] = [];
  const server = net.createServer((sock) => {
    const session = { commands: [] as string[], data: '' };
    let inData = false;
    let buf = '';
    sock.write('220 stand-in ESMTP\r\n');
    sock.on('data', (chunk) => {
      buf += chunk.toString();
      let i;
      while ((i = buf.indexOf('\r\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 2);
        if (inData) {
          if (line === '.') {
            inData = false;
            received.push(session);
            sock.write('250 queued\r\n');
          } else session.data += line + '\n';
          continue;
        }
        session.commands.push(line);
        if (line.startsWith('EHLO')) sock.write('250-stand-in\r\n250 AUTH PLAIN\r\n');
        else if (line.startsWith('AUTH')) sock.write('235 ok\r\n');
        else if (line === 'DATA') {
          inData = true;
          sock.write('354 go\r\n');
        } else if (line === 'QUIT') {
          sock.write('221 bye\r\n');
          sock.end();
        } else sock.write('250 ok\r\n');
      }
    });
  });
  return { server, received };
}

describe('mailer', () => {
  it('delivers through SMTP when configured, and records the message', async () => {
    const { server, received } = smtpStandIn();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as net.AddressInfo).port;
    const mailer = createMailer(env.db, {
      MAIL_TRANSPORT: 'smtp',
      SMTP_URL: `smtp://user:secret@127.0.0.1:${port}`,
      MAIL_FROM: 'BT <bt@example.com>',
      VITEST: '1',
    });
    await mailer.send({ to: 'smtp-test@example.com', subject: 'Hello', text: 'Line one\n.leading dot' });
    server.close();
    expect(received).toHaveLength(1);
    const cmds = received[0]!.commands;
    expect(cmds).toContain('MAIL FROM:<bt@example.com>');
    expect(cmds).toContain('RCPT TO:<smtp-test@example.com>');
    expect(cmds.find((c) => c.startsWith('AUTH PLAIN '))).toBe(
      `AUTH PLAIN ${Buffer.from('\0user\0secret').toString('base64')}`,
    );
    expect(received[0]!.data).toContain('Subject: Hello');
    expect(received[0]!.data).toContain('..leading dot');
    expect((await env.db.mailMessage.findFirstOrThrow({ where: { to: 'smtp-test@example.com' } })).transport).toBe(
      'smtp',
    );
  });

  it('in log mode stores the message without a network', async () => {
    const mailer = createMailer(env.db, { VITEST: '1' });
    expect(mailer.transport).toBe('log');
    await mailer.send({ to: 'log-test@example.com', subject: 'Hi', text: 'x' });
    expect(await env.db.mailMessage.count({ where: { to: 'log-test@example.com', transport: 'log' } })).toBe(1);
  });
});
