import { describe, expect, it } from 'vitest';
import { repeatingTick } from './repeating-tick.ts';

/** Resolves once `condition` holds, polling on the event loop. */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 1));
}

describe('repeatingTick', () => {
  it('ticks again only after the previous tick settled, until stopped', async () => {
    let started = 0;
    let inTick = 0;
    let overlapped = false;
    let release: () => void = () => {};
    const loop = repeatingTick(async () => {
      started++;
      inTick++;
      if (inTick > 1) overlapped = true;
      await new Promise<void>((resolve) => (release = resolve));
      inTick--;
    }, 1);

    expect(loop.running).toBe(false);
    expect(loop.start()).toBe(true);
    expect(loop.start()).toBe(false);
    expect(loop.running).toBe(true);
    await until(() => started === 1);
    // Held in its tick, the loop waits however long that takes.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(started).toBe(1);
    release();
    await until(() => started === 2);
    release();
    await until(() => started === 3);

    loop.stop();
    expect(loop.running).toBe(false);
    release();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(started).toBe(3);
    expect(overlapped).toBe(false);
  });

  it('starts again after a stop', async () => {
    let ticks = 0;
    const loop = repeatingTick(() => {
      ticks++;
      return Promise.resolve();
    }, 1);
    loop.start();
    await until(() => ticks >= 2);
    loop.stop();
    const stoppedAt = ticks;
    expect(loop.start()).toBe(true);
    await until(() => ticks >= stoppedAt + 2);
    loop.stop();
  });
});
