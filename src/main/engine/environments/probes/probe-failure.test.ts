// Error classification for failures the local tests cannot easily provoke (DNS, hostname mismatch).
import { describe, expect, it } from 'vitest';
import { classifyNetworkError, oneLine } from './probe-failure.ts';

const err = (code: string, message: string) => Object.assign(new Error(message), { code });

describe('classifyNetworkError', () => {
  it.each([
    [err('ENOTFOUND', 'getaddrinfo ENOTFOUND nope.invalid'), 'dns'],
    [err('EAI_AGAIN', 'getaddrinfo EAI_AGAIN host'), 'dns'],
    [err('ECONNRESET', 'read ECONNRESET'), 'connection_reset'],
    [new Error('socket hang up'), 'connection_reset'],
    [err('ERR_TLS_CERT_ALTNAME_INVALID', "Hostname/IP does not match certificate's altnames"), 'certificate'],
    [err('CERT_HAS_EXPIRED', 'certificate has expired'), 'certificate'],
    [err('UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'unable to verify the first certificate'), 'certificate'],
    [err('ERR_SSL_WRONG_VERSION_NUMBER', 'wrong version number'), 'tls'],
    [err('EPROTO', 'handshake failure'), 'tls'],
    [err('HPE_INVALID_CONSTANT', 'Parse Error: Expected HTTP/'), 'unknown'],
    [err('EHOSTUNREACH', 'connect EHOSTUNREACH'), 'unknown'],
  ])('classifies %s', (error, errorClass) => {
    expect(classifyNetworkError(error, 'example.com:443').errorClass).toBe(errorClass);
  });

  it('keeps messages to one bounded line', () => {
    expect(oneLine('a\n  b\tc')).toBe('a b c');
    expect(oneLine('x'.repeat(500))).toHaveLength(300);
    expect(classifyNetworkError(new Error('line one\n    at stack (file.ts:1:1)'), 'h').message).toBe(
      'line one at stack (file.ts:1:1)',
    );
  });
});
