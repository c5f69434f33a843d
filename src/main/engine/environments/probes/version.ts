// The deployed version, read from a response: a JSON pointer, a header, or a regular expression.
// Failing to find it never changes the environment's state: the version is simply null.
import type { VersionConfig } from '../../config/index.ts';
import type { HttpExchange } from './http-exchange.ts';
import { resolvePointer } from './json-pointer.ts';

const MAX_VERSION_LENGTH = 200;

/** Only 2xx responses are read: an error page must not be mistaken for a version. */
export function extractVersion(config: VersionConfig, exchange: HttpExchange): string | null {
  if (exchange.status < 200 || exchange.status > 299) return null;
  if ('header' in config) return clean(exchange.headers[config.header.toLowerCase()]);
  const text = exchange.body.toString('utf8');
  if ('json_pointer' in config) {
    let document: unknown;
    try {
      document = JSON.parse(text);
    } catch {
      return null;
    }
    const found = resolvePointer(document, config.json_pointer);
    if (!found.found) return null;
    const { value } = found;
    return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
      ? clean(String(value))
      : null;
  }
  const match = new RegExp(config.regex).exec(text);
  if (!match) return null;
  return clean(match.length > 1 ? match[1] : match[0]);
}

function clean(value: string | undefined): string | null {
  const trimmed = value?.trim() ?? '';
  if (trimmed === '') return null;
  return trimmed.length > MAX_VERSION_LENGTH ? trimmed.slice(0, MAX_VERSION_LENGTH) : trimmed;
}
