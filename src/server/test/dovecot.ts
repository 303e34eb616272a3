// A real, self-contained Dovecot IMAP server for tests: Debian's dovecot-imapd (installed here when missing), run
// unprivileged (as nobody when the tests run as root) on a free port with its config, users and maildirs in a temp
// dir. No system service is touched.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync, mkdirSync, chownSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface Dovecot {
  host: string;
  port: number;
  user: string;
  password: string;
  stop(): Promise<void>;
}

const DOVECOT = '/usr/sbin/dovecot';

function ensureInstalled(): void {
  if (existsSync(DOVECOT)) return;
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { env, stdio: 'ignore' });
  execFileSync('apt-get', ['install', '-y', '-qq', 'dovecot-imapd'], { env, stdio: 'ignore' });
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`dovecot exited with code ${child.exitCode}`);
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('data', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`dovecot did not listen on port ${port} within ${timeoutMs} ms`);
}

/** Starts Dovecot with one mailbox user; stop() ends it and removes its files. */
export async function startDovecot(): Promise<Dovecot> {
  ensureInstalled();
  const dir = mkdtempSync(path.join(tmpdir(), 'civicdesk-dovecot-'));
  const port = await freePort();
  const user = 'inbox@example.test';
  const password = 'imap-secret-pass';
  const asRoot = process.getuid?.() === 0;
  const runUser = asRoot ? 'nobody' : (process.env.USER ?? execFileSync('id', ['-un']).toString().trim());
  const runGroup = asRoot ? 'nogroup' : execFileSync('id', ['-gn']).toString().trim();
  for (const sub of ['run', 'state', 'mail']) mkdirSync(path.join(dir, sub));
  writeFileSync(path.join(dir, 'users'), `${user}:{PLAIN}${password}\n`);
  writeFileSync(
    path.join(dir, 'dovecot.conf'),
    `protocols = imap
listen = 127.0.0.1
base_dir = ${dir}/run
state_dir = ${dir}/state
instance_name = civicdesk-test-${port}
log_path = ${dir}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_login_user = ${runUser}
default_internal_user = ${runUser}
default_internal_group = ${runGroup}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/users
}
userdb {
  driver = static
  args = uid=${runUser} gid=${runGroup} home=${dir}/mail/%u
}
mail_location = maildir:${dir}/mail/%u/Maildir
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
  chroot =
}
service anvil {
  chroot =
}
`,
  );
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', runUser]).toString());
    const gid = Number(execFileSync('getent', ['group', runGroup]).toString().split(':')[2]);
    execFileSync('chown', ['-R', `${uid}:${gid}`, dir]);
    chownSync(dir, uid, gid);
  }
  const command = asRoot ? 'setpriv' : DOVECOT;
  const args = asRoot
    ? ['--reuid=nobody', '--regid=nogroup', '--clear-groups', DOVECOT, '-F', '-c', `${dir}/dovecot.conf`]
    : ['-F', '-c', `${dir}/dovecot.conf`];
  const child = spawn(command, args, { stdio: 'ignore' });
  await waitForPort(port, child, 10_000);
  return {
    host: '127.0.0.1',
    port,
    user,
    password,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
