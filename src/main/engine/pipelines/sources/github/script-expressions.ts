// `${{ }}` in a run script. Values written in the workflow file itself (matrix, strategy, runner,
// job, literals) are put into the script as GitHub does; any other value (inputs, needs and step
// outputs, github.*, env) reaches the shell only as an environment variable, referenced from the
// script — never spliced into command text, so a value cannot become a command.
import { contextsUsed } from './expressions.ts';

const FROM_THE_FILE = new Set(['matrix', 'strategy', 'runner', 'job']);
const SH_LIKE = new Set(['bash', 'sh']);

export interface SubstitutedScript {
  script: string;
  /** Variables the script now references (COCKPIT_EXPR_1 …) with their values. */
  env: Record<string, string>;
}

export function substituteScript(
  shell: string,
  parts: { text: string; expression: string | null }[],
  valueOf: (expression: string) => string,
): SubstitutedScript {
  const env: Record<string, string> = {};
  let out = '';
  let quote: "'" | '"' | null = null;
  for (const part of parts) {
    if (part.expression === null) {
      out += part.text;
      quote = quoteStateAfter(part.text, quote);
      continue;
    }
    const value = valueOf(part.expression);
    if (contextsUsed(part.expression).every((name) => FROM_THE_FILE.has(name))) {
      out += value;
      continue;
    }
    if (!SH_LIKE.has(shell)) {
      throw new Error(
        `the script uses \${{ ${part.expression} }}, a value that reaches commands only as an environment variable; set it in the step's env: and read it from there (shell ${shell})`,
      );
    }
    const name = `COCKPIT_EXPR_${Object.keys(env).length + 1}`;
    env[name] = value;
    out += quote === "'" ? `'"\${${name}}"'` : `\${${name}}`;
  }
  return { script: out, env };
}

/** Whether the text leaves the shell inside single quotes, double quotes or neither. */
function quoteStateAfter(text: string, start: "'" | '"' | null): "'" | '"' | null {
  let quote = start;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote === "'") {
      if (c === "'") quote = null;
    } else if (c === '\\') i++;
    else if (c === quote) quote = null;
    else if (quote === null && (c === "'" || c === '"')) quote = c;
    else if (quote === null && c === '#' && (i === 0 || /\s/.test(text[i - 1]!))) {
      const end = text.indexOf('\n', i);
      if (end === -1) break;
      i = end;
    }
  }
  return quote;
}
