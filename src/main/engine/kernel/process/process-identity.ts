// Who a process is, beyond its pid: pids are reused, so the cockpit records a process as its pid
// plus its start time plus the machine's boot id ("<boot id>/<start time>"). A recorded owner is alive
// only if the process with that pid started at that time in this boot; a process group is signalled
// only if its leader is provably the one the cockpit started. Linux reads /proc/<pid>/stat (field 22,
// start time in clock ticks since boot) and /proc/sys/kernel/random/boot_id; macOS and other Unixes
// ask `ps -o lstart=` and `sysctl kern.boottime`; Windows asks PowerShell for the process's start time.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { processAlive } from './process-group.ts';

let boot: string | null = null;
let self: string | null = null;

/** This boot of the machine, as the OS names it ('' when it cannot be told). */
export function bootId(): string {
  boot ??= readBootId();
  return boot;
}

function readBootId(): string {
  try {
    if (process.platform === 'linux') return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    if (process.platform === 'win32') {
      return powershell('(Get-CimInstance Win32_OperatingSystem).LastBootUpTime.ToFileTimeUtc()');
    }
    return execFileSync('sysctl', ['-n', 'kern.boottime'], { encoding: 'utf8', timeout: 5000 }).trim();
  } catch {
    return '';
  }
}

/** When `pid` started, as an opaque token (null when there is no such process). */
export function startToken(pid: number): string | null {
  if (!Number.isSafeInteger(pid) || pid <= 0) return null;
  try {
    if (process.platform === 'linux') {
      const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
      // "pid (comm) state ppid …": comm may hold spaces and ")", so count fields after the last ")".
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return fields[19] ?? null; // field 22 of the whole line
    }
    if (process.platform === 'win32') {
      return powershell(`(Get-Process -Id ${pid} -ErrorAction Stop).StartTime.ToFileTimeUtc()`) || null;
    }
    const started = execFileSync('ps', ['-o', 'lstart=', '-p', String(pid)], {
      encoding: 'utf8',
      timeout: 5000,
    }).trim();
    return started === '' ? null : started;
  } catch {
    return null;
  }
}

/** "<boot id>/<start time>" of a running process, or null when it is gone. */
export function identityOf(pid: number): string | null {
  const started = startToken(pid);
  return started === null ? null : `${bootId()}/${started}`;
}

/** This process's identity, recorded with the runs, deployments and locks it owns. */
export function selfIdentity(): string | null {
  self ??= identityOf(process.pid);
  return self;
}

/**
 * Whether the process recorded as (pid, identity) still runs. With an identity, only the same
 * process in the same boot counts — a reused pid does not. Rows written before identities were
 * kept (identity null) count as alive when a process has that pid and it started before `since`
 * (when the row was written): a process younger than the row cannot be its owner.
 */
export function ownerAlive(pid: number | null, identity: string | null, since?: number): boolean {
  if (pid === null) return false;
  if (identity !== null) return identityOf(pid) === identity && processAlive(pid);
  if (!processAlive(pid)) return false;
  const started = since === undefined ? null : startedAtMs(pid);
  return started === null || started <= since! + 1000; // start times are known to the second or so
}

/** When `pid` started, in ms since 1970 (null when unknown). */
export function startedAtMs(pid: number): number | null {
  try {
    if (process.platform === 'linux') {
      const ticks = Number(startToken(pid));
      const btime = /^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'))?.[1];
      if (!Number.isFinite(ticks) || btime === undefined) return null;
      return (Number(btime) + ticks / clockTicks()) * 1000;
    }
    if (process.platform === 'win32') {
      const fileTime = Number(startToken(pid));
      return Number.isFinite(fileTime) ? fileTime / 10_000 - 11_644_473_600_000 : null;
    }
    const started = Date.parse(startToken(pid) ?? '');
    return Number.isFinite(started) ? started : null;
  } catch {
    return null;
  }
}

let ticksPerSecond: number | null = null;

function clockTicks(): number {
  if (ticksPerSecond === null) {
    try {
      ticksPerSecond = Number(
        execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8', timeout: 5000 }).trim(),
      );
    } catch {
      ticksPerSecond = 100;
    }
    if (!Number.isFinite(ticksPerSecond) || ticksPerSecond <= 0) ticksPerSecond = 100;
  }
  return ticksPerSecond;
}

/** Whether `pid` is provably the process recorded as `identity` — the only case to signal it. */
export function provablySame(pid: number, identity: string | null): boolean {
  return identity !== null && identityOf(pid) === identity;
}

function powershell(command: string): string {
  return execFileSync('powershell.exe', ['-NoProfile', '-NonInteractive', '-Command', command], {
    encoding: 'utf8',
    timeout: 10_000,
    windowsHide: true,
  }).trim();
}
