// GitLab's variable expansion: `$VAR` and `${VAR}` inside a variable's value are replaced by the
// variables defined before it (predefined, then global, then the job's own); `$$` is a literal `$`.
// An unknown variable expands to nothing, as in GitLab.

const REFERENCE = /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;

export function expandText(text: string, lookup: (name: string) => string | undefined): string {
  return text.replace(REFERENCE, (match, braced: string | undefined, bare: string | undefined) => {
    if (match === '$$') return '$';
    return lookup((braced ?? bare)!) ?? '';
  });
}

/** A variable's value as written, and whether GitLab expands it (`expand: false` keeps it raw). */
export interface RawVariable {
  value: string;
  expand: boolean;
}

const ESCAPED = '\u0000dollar\u0000';
const MAX_PASSES = 100;

/**
 * Expands the variables of `layers` (later layers override earlier ones) against each other until
 * nothing changes, as GitLab does, so `URL: ${URL_${ENV}}` finds `ENV` written after it. A variable
 * that names itself (`PATH: "$PATH:/x"`) sees the value from `base` (predefined and host variables).
 */
export function expandVariables(
  base: Readonly<Record<string, string>>,
  layers: Record<string, RawVariable>[],
): Record<string, string> {
  const raw: Record<string, RawVariable> = Object.assign({}, ...layers) as Record<string, RawVariable>;
  const values: Record<string, string> = {};
  const expandable = new Set<string>();
  for (const [name, variable] of Object.entries(raw)) {
    values[name] = variable.expand ? variable.value.replaceAll('$$', ESCAPED) : variable.value;
    if (variable.expand) expandable.add(name);
  }
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    let changed = false;
    for (const name of expandable) {
      const before = values[name]!;
      const after = expandText(before, (ref) => (ref === name ? base[ref] : (values[ref] ?? base[ref])));
      if (after !== before) {
        values[name] = after.replaceAll('$$', ESCAPED);
        changed = true;
      }
    }
    if (!changed) break;
  }
  for (const name of expandable) values[name] = values[name]!.replaceAll(ESCAPED, '$');
  return values;
}
