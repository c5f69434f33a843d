// Reads a declared configuration file (diff.variables in cockpit.yml) as flat key → value pairs, so two
// versions of it can be compared key by key: YAML and JSON by dotted path ("db.host", "hosts.0"),
// everything else as dotenv/properties lines (KEY=VALUE, `export KEY=VALUE`, KEY: VALUE, # comments).
import { parse as parseYaml } from 'yaml';

export type Variables = Map<string, string>;

export function readVariables(path: string, text: string): Variables {
  return /\.(ya?ml|json)$/i.test(path) ? structuredVariables(text) : lineVariables(text);
}

function structuredVariables(text: string): Variables {
  const found: Variables = new Map();
  let document: unknown;
  try {
    document = parseYaml(text, { maxAliasCount: 100 });
  } catch {
    // A file that does not parse cannot be compared key by key; its lines still show under Files.
    return found;
  }
  flatten(document, '', found);
  return found;
}

function flatten(value: unknown, prefix: string, into: Variables): void {
  if (value !== null && typeof value === 'object') {
    const entries: [string, unknown][] = Array.isArray(value)
      ? (value as unknown[]).map((item, index) => [String(index), item])
      : Object.entries(value);
    if (entries.length === 0 && prefix) into.set(prefix, Array.isArray(value) ? '[]' : '{}');
    for (const [key, item] of entries) flatten(item, prefix ? `${prefix}.${key}` : key, into);
    return;
  }
  if (!prefix) return;
  into.set(
    prefix,
    typeof value === 'string' ? value : value === null || value === undefined ? '' : JSON.stringify(value),
  );
}

const assignment = /^\s*(?:export\s+)?([A-Za-z_][\w.-]*)\s*[=:]\s?(.*)$/;

function lineVariables(text: string): Variables {
  const found: Variables = new Map();
  for (const line of text.split(/\r?\n/)) {
    if (/^\s*[#!;]/.test(line)) continue;
    const match = assignment.exec(line);
    if (!match) continue;
    found.set(match[1]!, unquote(match[2]!.trim()));
  }
  return found;
}

function unquote(value: string): string {
  const quoted = /^(["'])(.*)\1$/.exec(value);
  return quoted ? quoted[2]! : value;
}

const secretKey =
  /(secret|token|passw(or)?d|pwd|api[_-]?key|private[_-]?key|credential|auth|cert|signing|salt|dsn)/i;

/** Values that are credentials whatever their key: well-known token prefixes, keys, URLs with a password. */
const secretValue =
  /^(gh[pousr]_|github_pat_|glpat-|sk_(live|test)_|xox[abpr]-|AKIA[0-9A-Z]{12}|-----BEGIN [A-Z ]*PRIVATE KEY)|:\/\/[^/\s:@]+:[^/\s@]+@/;

/**
 * Whether a variable's values must not be shown: its key looks like a secret, it is named like one of
 * the project's stored secrets, either value looks like a credential, or is a stored secret's value.
 */
export function isSecretVariable(
  key: string,
  values: (string | null)[],
  secrets: { names: string[]; values: string[] },
): boolean {
  const lastPart = key.split('.').pop() ?? key;
  if (secretKey.test(lastPart)) return true;
  if (values.some((value) => value !== null && secretValue.test(value))) return true;
  if (secrets.names.some((name) => name.toLowerCase() === lastPart.toLowerCase())) return true;
  return values.some((value) => value !== null && value.length > 0 && secrets.values.includes(value));
}
