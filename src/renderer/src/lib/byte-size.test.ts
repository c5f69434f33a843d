import { describe, expect, it } from 'vitest';
import { formatBytes } from './byte-size.ts';

describe('formatBytes', () => {
  it('says bytes below a kilobyte and one decimal above', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1024)).toBe('1.0 KB');
    expect(formatBytes(1_300_000)).toBe('1.2 MB');
    expect(formatBytes(5 * 1024 ** 3)).toBe('5.0 GB');
  });
});
