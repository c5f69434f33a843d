// Every way a check can fail, as data: an error class the UI can group by and one readable line.
import { formatDuration } from '../../kernel/duration.ts';
import type { ErrorClass } from '../../../../shared/domain/environment.ts';

/** A failed check. Thrown inside the probes and always caught into a ProbeOutcome. */
export class ProbeFailure extends Error {
  readonly errorClass: ErrorClass;
  constructor(errorClass: ErrorClass, message: string) {
    super(oneLine(message));
    this.name = 'ProbeFailure';
    this.errorClass = errorClass;
  }
}

export function timeoutFailure(ms: number): ProbeFailure {
  return new ProbeFailure('timeout', `no answer within ${formatDuration(ms)}`);
}

/** OpenSSL verification results that mean "this certificate is not acceptable" (vs a broken handshake). */
const certificateCodes = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_DECRYPT_CERT_SIGNATURE',
  'UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY',
  'CERT_SIGNATURE_FAILURE',
  'CERT_NOT_YET_VALID',
  'CERT_HAS_EXPIRED',
  'CERT_CHAIN_TOO_LONG',
  'CERT_REVOKED',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'INVALID_CA',
  'INVALID_PURPOSE',
  'PATH_LENGTH_EXCEEDED',
  'HOSTNAME_MISMATCH',
  'ERROR_IN_CERT_NOT_BEFORE_FIELD',
  'ERROR_IN_CERT_NOT_AFTER_FIELD',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** Maps a Node network/TLS/HTTP-parser error to an error class and a message naming the target. */
export function classifyNetworkError(error: unknown, target: string): ProbeFailure {
  if (error instanceof ProbeFailure) return error;
  const code = errorCode(error);
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'ECONNREFUSED')
    return new ProbeFailure('connection_refused', `connection refused by ${target}`);
  if (code === 'ECONNRESET' || code === 'EPIPE' || /socket hang up/i.test(message)) {
    return new ProbeFailure('connection_reset', `connection reset by ${target}`);
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME' || code === 'EAI_FAIL') {
    return new ProbeFailure('dns', `could not resolve ${target} (${code})`);
  }
  if (code === 'ETIMEDOUT') return new ProbeFailure('timeout', `connection to ${target} timed out`);
  if (code !== undefined && certificateCodes.has(code)) {
    // Node 24 appends a hint about its own command-line flags, which means nothing to a cockpit user.
    const reason = message.replace(/; if the root CA is installed locally.*$/s, '');
    return new ProbeFailure('certificate', `certificate rejected: ${reason} (${code})`);
  }
  if (
    code !== undefined &&
    (code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_') || code === 'EPROTO' || code.includes('SSL'))
  ) {
    return new ProbeFailure('tls', `TLS handshake with ${target} failed: ${message}`);
  }
  if (code !== undefined && code.startsWith('HPE_')) {
    return new ProbeFailure('unknown', `invalid HTTP response from ${target}: ${message} (${code})`);
  }
  return new ProbeFailure('unknown', code !== undefined ? `${message} (${code})` : message);
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

/** Messages are shown on one line in the UI and stored: no newlines, no stacks, bounded length. */
export function oneLine(text: string, max = 300): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
