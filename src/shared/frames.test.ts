import { describe, expect, it } from 'vitest';
import { clientFrameSchema, serverFrameSchema } from './frames.ts';

describe('wire frames', () => {
  it('accepts every server frame kind', () => {
    for (const frame of [
      { t: 'result', id: 1, ok: true, result: { a: 1 } },
      { t: 'result', id: 2, ok: true, result: null },
      { t: 'result', id: 3, ok: false, error: { code: 'NOT_FOUND', message: 'gone' } },
      { t: 'event', name: 'projects.changed', payload: { reason: 'added', ids: [1] } },
    ]) {
      expect(serverFrameSchema.parse(frame)).toEqual(frame);
    }
  });

  it('rejects malformed server frames', () => {
    for (const frame of [
      null,
      { t: 'result', id: 1, ok: false, error: { code: 'NOPE', message: 'x' } },
      { t: 'result', id: 'x', ok: true, result: 1 },
      { t: 'event', payload: 1 },
      { t: 'other' },
    ]) {
      expect(serverFrameSchema.safeParse(frame).success).toBe(false);
    }
  });

  it('accepts calls and cancels, and nothing else, from clients', () => {
    expect(clientFrameSchema.safeParse({ t: 'call', id: 1, method: 'app.info', params: {} }).success).toBe(
      true,
    );
    expect(clientFrameSchema.safeParse({ t: 'cancel', id: 1 }).success).toBe(true);
    expect(clientFrameSchema.safeParse({ t: 'call', id: -1, method: 'app.info' }).success).toBe(false);
    expect(clientFrameSchema.safeParse({ t: 'call', id: 1, method: 'x', params: {}, extra: 1 }).success).toBe(
      false,
    );
  });
});
