// ${secrets.NAME} in header values, resolved at check time; a missing secret fails the check
// instead of sending the literal placeholder to the server.
import { ProbeFailure } from './probe-failure.ts';

const reference = /\$\{\s*secrets\.([^}]*)\}/g;
const identifier = /^[A-Za-z_][A-Za-z0-9_]*$/;

export interface ResolvedHeaders {
  headers: Record<string, string>;
  /** The secret values used, so they can be masked in what the probe reports. */
  secretValues: string[];
  /** Lower-cased names of the headers that carried a secret (dropped on cross-origin redirects). */
  secretHeaders: Set<string>;
}

/** Throws a ProbeFailure (`unknown`) naming the secret and header when a reference cannot be resolved. */
export function resolveHeaders(
  headers: Record<string, string> | undefined,
  resolveSecret: (name: string) => string | undefined,
): ResolvedHeaders {
  const result: ResolvedHeaders = { headers: {}, secretValues: [], secretHeaders: new Set() };
  for (const [name, template] of Object.entries(headers ?? {})) {
    result.headers[name] = template.replace(reference, (_match, rawName: string) => {
      const secretName = rawName.trim();
      if (!identifier.test(secretName)) {
        throw new ProbeFailure(
          'unknown',
          `header ${name}: "\${secrets.${secretName}}" is not a valid secret name`,
        );
      }
      const value = resolveSecret(secretName);
      if (value === undefined) {
        throw new ProbeFailure('unknown', `secret ${secretName} is not set (used in header ${name})`);
      }
      result.secretValues.push(value);
      result.secretHeaders.add(name.toLowerCase());
      return value;
    });
  }
  return result;
}
