// Our .tar.gz writer, read back by the system's own tar.
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanupFixtures, tempDir } from '../../testing/fixtures.ts';
import { tarGz } from './tar-gz.ts';

afterEach(cleanupFixtures);

describe('tarGz', () => {
  it('writes folders and files that tar lists and extracts byte for byte', async () => {
    const long = `pack/${'deep-folder-name/'.repeat(6)}${'f'.repeat(90)}.log`;
    const binary = Buffer.from([0, 1, 2, 255, 254, 10, 13]);
    const big = Buffer.alloc(70_000, 'x');
    const entries = [
      { name: 'pack/' },
      { name: 'pack/logs/' },
      { name: 'pack/README.txt', content: Buffer.from('héllo\n') },
      { name: 'pack/empty.txt', content: Buffer.alloc(0) },
      { name: 'pack/logs/binary.bin', content: binary },
      { name: 'pack/logs/big.log', content: big },
      { name: long, content: Buffer.from('long name\n') },
    ];
    const archive = await tarGz(entries, { mtime: Date.UTC(2026, 10, 26), fileMode: 0o600, dirMode: 0o700 });
    const dir = tempDir('cockpit-tar-');
    const file = join(dir, 'pack.tar.gz');
    writeFileSync(file, archive);

    const listing = execFileSync('tar', ['-tzf', file], { encoding: 'utf8' }).trim().split('\n');
    expect(listing).toEqual(entries.map((entry) => entry.name));
    execFileSync('tar', ['-xzf', file, '-C', dir]);
    expect(readFileSync(join(dir, 'pack/README.txt'), 'utf8')).toBe('héllo\n');
    expect(readFileSync(join(dir, 'pack/empty.txt'))).toHaveLength(0);
    expect(readFileSync(join(dir, 'pack/logs/binary.bin'))).toEqual(binary);
    expect(readFileSync(join(dir, 'pack/logs/big.log'))).toEqual(big);
    expect(readFileSync(join(dir, long), 'utf8')).toBe('long name\n');
    expect(statSync(join(dir, 'pack/README.txt')).mtimeMs).toBe(Date.UTC(2026, 10, 26));

    // The same entries always give the same bytes.
    const again = await tarGz(entries, { mtime: Date.UTC(2026, 10, 26), fileMode: 0o600, dirMode: 0o700 });
    expect(again.equals(archive)).toBe(true);
  });

  it('refuses names that would escape the folder or do not fit', async () => {
    await expect(tarGz([{ name: '../x', content: Buffer.alloc(1) }], { mtime: 0 })).rejects.toThrow(/unsafe/);
    await expect(tarGz([{ name: '/etc/x', content: Buffer.alloc(1) }], { mtime: 0 })).rejects.toThrow(
      /unsafe/,
    );
    await expect(tarGz([{ name: 'x'.repeat(101), content: Buffer.alloc(1) }], { mtime: 0 })).rejects.toThrow(
      /too long/,
    );
  });
});
