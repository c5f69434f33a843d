// A .tar.gz written here rather than by the system `tar`, whose flags differ between GNU and BSD:
// POSIX ustar headers (names up to 255 bytes via the prefix field), regular files and folders only,
// fixed owner, mode and time, gzip from zlib. The same entries always give the same bytes.
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

export interface TarEntry {
  /** Path inside the archive, "/"-separated; folders end with "/". */
  name: string;
  /** Absent for a folder. */
  content?: Buffer;
}

const BLOCK = 512;
const RECORD = 20 * BLOCK;
const gzipAsync = promisify(gzip);

export function tar(
  entries: readonly TarEntry[],
  options: { mtime: number; fileMode?: number; dirMode?: number },
) {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    const folder = entry.content === undefined;
    const content = entry.content ?? Buffer.alloc(0);
    parts.push(
      header(entry.name, {
        size: content.length,
        mode: folder ? (options.dirMode ?? 0o755) : (options.fileMode ?? 0o644),
        mtime: Math.floor(options.mtime / 1000),
        type: folder ? '5' : '0',
      }),
    );
    if (!folder) {
      parts.push(content);
      const pad = (BLOCK - (content.length % BLOCK)) % BLOCK;
      if (pad) parts.push(Buffer.alloc(pad));
    }
  }
  parts.push(Buffer.alloc(2 * BLOCK)); // end of archive
  const length = parts.reduce((sum, part) => sum + part.length, 0);
  const pad = (RECORD - (length % RECORD)) % RECORD;
  if (pad) parts.push(Buffer.alloc(pad));
  return Buffer.concat(parts);
}

export async function tarGz(
  entries: readonly TarEntry[],
  options: { mtime: number; fileMode?: number; dirMode?: number },
): Promise<Buffer> {
  return gzipAsync(tar(entries, options));
}

function header(
  name: string,
  fields: { size: number; mode: number; mtime: number; type: '0' | '5' },
): Buffer {
  const block = Buffer.alloc(BLOCK);
  const [prefix, base] = splitName(name);
  block.write(base, 0, 100, 'utf8');
  octal(block, 100, 8, fields.mode);
  octal(block, 108, 8, 0); // uid
  octal(block, 116, 8, 0); // gid
  octal(block, 124, 12, fields.size);
  octal(block, 136, 12, fields.mtime);
  block.fill(' ', 148, 156); // the checksum counts itself as spaces
  block.write(fields.type, 156, 1, 'ascii');
  block.write('ustar\u000000', 257, 8, 'ascii');
  block.write('cockpit', 265, 32, 'ascii'); // uname
  block.write('cockpit', 297, 32, 'ascii'); // gname
  block.write(prefix, 345, 155, 'utf8');
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${sum.toString(8).padStart(6, '0')}\u0000 `, 148, 8, 'ascii');
  return block;
}

function octal(block: Buffer, offset: number, length: number, value: number): void {
  const text = value.toString(8).padStart(length - 1, '0');
  if (text.length > length - 1) throw new Error(`tar: ${value} does not fit a ${length}-byte field`);
  block.write(`${text}\u0000`, offset, length, 'ascii');
}

/** ustar keeps up to 100 bytes of name plus a 155-byte prefix, split at a "/". */
function splitName(name: string): [string, string] {
  if (name.includes('\\') || name.startsWith('/') || name.split('/').includes('..')) {
    throw new Error(`tar: unsafe entry name "${name}"`);
  }
  if (Buffer.byteLength(name) <= 100) return ['', name];
  for (let cut = name.lastIndexOf('/', name.length - 2); cut > 0; cut = name.lastIndexOf('/', cut - 1)) {
    const prefix = name.slice(0, cut);
    const rest = name.slice(cut + 1);
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(rest) <= 100) return [prefix, rest];
  }
  throw new Error(`tar: entry name too long for ustar: "${name}"`);
}
