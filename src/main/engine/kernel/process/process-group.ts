// Signals and probes a job's process group, so a cancelled or finished job leaves nothing running;
// and tells whether a process is alive (for owner-pid checks).
// A group that holds only zombies counts as gone: where PID 1 does not reap orphans (containers
// without an init, some sandboxes) `kill(-pgid, 0)` keeps succeeding for processes already dead.
import { existsSync, readdirSync, readFileSync } from 'node:fs';

/** Sends `signal` to every process in the group led by `pgid`; false when the group is gone. */
export function signalGroup(pgid: number, signal: NodeJS.Signals): boolean {
  if (pgid <= 1) return false; // -0 and -1 would mean our own group and every process we may signal
  try {
    return process.kill(-pgid, signal);
  } catch {
    return false;
  }
}

/** Whether any process of the group led by `pgid` is still running (zombies excluded). */
export function groupAlive(pgid: number): boolean {
  if (pgid <= 1) return false;
  try {
    process.kill(-pgid, 0);
  } catch (error) {
    // EPERM: a member changed its user (setuid); it exists and we cannot end it, so it is alive.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  return process.platform === 'linux' ? linuxGroupHasLiveMember(pgid) : true;
}

/** Whether the process `pid` is running (a zombie — dead, not yet reaped — is not). */
export function processAlive(pid: number): boolean {
  if (pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  if (process.platform !== 'linux') return true;
  const state = linuxState(pid);
  if (state === null) return !existsSync('/proc/self'); // gone meanwhile — or no /proc: trust kill(0)
  return state.state !== 'Z' && state.state !== 'X';
}

/** State letter and process group of `pid` from /proc, or null when it is gone (or no /proc). */
function linuxState(pid: number | string): { state: string; pgrp: number } | null {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
  } catch {
    return null;
  }
  // "pid (comm) state ppid pgrp …" — comm may contain spaces and parentheses, so parse from the last ")".
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ', 3);
  return { state: fields[0] ?? '', pgrp: Number(fields[2]) };
}

function linuxGroupHasLiveMember(pgid: number): boolean {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return true; // no /proc: trust kill(0)
  }
  for (const name of entries) {
    const first = name.charCodeAt(0);
    if (first < 48 || first > 57) continue;
    const member = linuxState(name); // null: exited while we looked
    if (member !== null && member.pgrp === pgid && member.state !== 'Z' && member.state !== 'X') return true;
  }
  return false;
}
