import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { groupAlive, processAlive, signalGroup } from './process-group.ts';

/** A group whose leader never reaps its finished child: `sleep 0` stays a zombie while `sleep 30` runs. */
async function groupWithZombie() {
  const leader = spawn('bash', ['-c', 'sleep 0 & echo $!; exec sleep 30'], {
    detached: true,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const [chunk] = (await once(leader.stdout, 'data')) as [Buffer];
  const zombie = Number(chunk.toString().trim());
  await new Promise((resolve) => setTimeout(resolve, 200)); // let `sleep 0` finish
  return { leader, zombie };
}

describe('process groups', () => {
  it('see a group as alive while a member runs, and gone once it was signalled (zombies aside)', async () => {
    const { leader } = await groupWithZombie();
    expect(groupAlive(leader.pid!)).toBe(true);
    expect(processAlive(leader.pid!)).toBe(true);
    const exited = once(leader, 'exit');
    expect(signalGroup(leader.pid!, 'SIGKILL')).toBe(true);
    await exited;
    expect(groupAlive(leader.pid!)).toBe(false);
    expect(processAlive(leader.pid!)).toBe(false);
  });

  it.runIf(process.platform === 'linux')('count a zombie as dead', async () => {
    const { leader, zombie } = await groupWithZombie();
    try {
      expect(() => process.kill(zombie, 0)).not.toThrow(); // the kernel still lists it…
      expect(processAlive(zombie)).toBe(false); // …but it is dead
    } finally {
      signalGroup(leader.pid!, 'SIGKILL');
    }
  });

  it('never signal our own group or every process', () => {
    expect(signalGroup(0, 'SIGTERM')).toBe(false);
    expect(signalGroup(1, 'SIGTERM')).toBe(false);
    expect(groupAlive(1)).toBe(false);
    expect(processAlive(0)).toBe(false);
  });
});
