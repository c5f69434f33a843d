// Only the newest request's answer or failure is kept, whatever order the answers arrive in.
import { describe, expect, it } from 'vitest';
import { latestRequest } from './latest-request.ts';

/** A promise the test settles by hand. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('latestRequest', () => {
  it('keeps the answer of a lone request', async () => {
    const send = latestRequest();
    const kept: string[] = [];
    await send(
      () => Promise.resolve('a'),
      (answer) => kept.push(answer),
      () => kept.push('error'),
    );
    expect(kept).toEqual(['a']);
  });

  it('drops an older answer that arrives after a newer request was sent', async () => {
    const send = latestRequest();
    const kept: string[] = [];
    const older = deferred<string>();
    const newer = deferred<string>();
    const first = send(
      () => older.promise,
      (answer) => kept.push(answer),
      () => kept.push('error'),
    );
    const second = send(
      () => newer.promise,
      (answer) => kept.push(answer),
      () => kept.push('error'),
    );
    newer.resolve('newer');
    await second;
    older.resolve('older');
    await first;
    expect(kept).toEqual(['newer']);
  });

  it('drops an older failure too, and passes on the newest one', async () => {
    const send = latestRequest();
    const errors: unknown[] = [];
    const older = deferred<string>();
    const newer = deferred<string>();
    const first = send(
      () => older.promise,
      () => undefined,
      (error) => errors.push(error),
    );
    const second = send(
      () => newer.promise,
      () => undefined,
      (error) => errors.push(error),
    );
    older.reject(new Error('old'));
    await first;
    newer.reject(new Error('new'));
    await second;
    expect(errors.map((error) => (error as Error).message)).toEqual(['new']);
  });

  it('drops the answer in flight after overtake()', async () => {
    const send = latestRequest();
    const kept: string[] = [];
    const pending = deferred<string>();
    const sent = send(
      () => pending.promise,
      (answer) => kept.push(answer),
      () => kept.push('error'),
    );
    send.overtake();
    pending.resolve('late');
    await sent;
    expect(kept).toEqual([]);
  });
});
