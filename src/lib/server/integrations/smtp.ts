// A minimal SMTP client (RFC 5321) over a plain TCP socket: EHLO, optional AUTH PLAIN, MAIL, RCPT, DATA.
// Enough for a relay such as a local Postfix or a provider's submission port without STARTTLS.
import net from 'node:net';

type Mail = { from: string; to: string; subject: string; text: string };

export async function sendSmtp(url: string, mail: Mail, timeoutMs = 10_000): Promise<void> {
  const u = new URL(url);
  const socket = net.connect({ host: u.hostname, port: Number(u.port || 25) });
  socket.setEncoding('utf8');
  socket.setTimeout(timeoutMs, () => socket.destroy(new Error('SMTP timeout')));
  let buffer = '';
  const waiters: ((line: string) => void)[] = [];
  const failures: ((e: Error) => void)[] = [];
  socket.on('data', (chunk: string) => {
    buffer += chunk;
    let idx;
    // A reply is complete at a line whose 4th character is a space ("250 ok"), not a dash ("250-...").
    while ((idx = buffer.indexOf('\r\n')) >= 0) {
      const line = buffer.slice(0, idx);
      buffer = buffer.slice(idx + 2);
      if (line[3] !== '-') waiters.shift()?.(line);
    }
  });
  socket.on('error', (e) => failures.forEach((f) => f(e)));
  const reply = () =>
    new Promise<string>((resolve, reject) => {
      waiters.push(resolve);
      failures.push(reject);
    });
  const expect = async (code: string, send?: string) => {
    if (send !== undefined) socket.write(send + '\r\n');
    const line = await reply();
    if (!line.startsWith(code)) throw new Error(`SMTP: expected ${code}, got "${line}"`);
  };
  const address = (s: string) => s.match(/<([^>]+)>/)?.[1] ?? s;
  try {
    await expect('220');
    await expect('250', `EHLO batchtrack`);
    if (u.username) {
      const auth = Buffer.from(`\0${decodeURIComponent(u.username)}\0${decodeURIComponent(u.password)}`).toString(
        'base64',
      );
      await expect('235', `AUTH PLAIN ${auth}`);
    }
    await expect('250', `MAIL FROM:<${address(mail.from)}>`);
    await expect('250', `RCPT TO:<${address(mail.to)}>`);
    await expect('354', 'DATA');
    const body = mail.text.replace(/\r?\n/g, '\r\n').replace(/^\./gm, '..');
    const headers = [
      `From: ${mail.from}`,
      `To: ${mail.to}`,
      `Subject: ${mail.subject}`,
      'Content-Type: text/plain; charset=utf-8',
    ];
    await expect('250', `${headers.join('\r\n')}\r\n\r\n${body}\r\n.`);
    await expect('221', 'QUIT');
  } finally {
    socket.end();
  }
}
