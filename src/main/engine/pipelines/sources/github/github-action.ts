// Actions a step `uses:`, found without a network: a local action (`./path`, its action.yml read
// with GitHub's own action parser), a well-known action the cockpit does itself (builtin-actions.ts),
// or any other `owner/name@ref` from the local action cache `<data dir>/actions/owner/name@ref/`.
import { existsSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import type { ProjectFiles, SourceLocation } from '../types.ts';
import { BUILTIN_ACTIONS } from './builtin-actions.ts';
import type { WorkflowStep } from './workflow-model.ts';
import { readSteps } from './workflow-steps.ts';
import { templateOf, type Token } from './workflow-tokens.ts';
import { loadActionParser, loadWorkflowParser } from './load-parser.ts';

/** Where an action's files are: relative to the project (local) or an absolute folder (cache). */
export type ActionDir = { local: string } | { absolute: string };

export interface ActionInput {
  id: string;
  /** The default as written (may hold `${{ }}`), or null. */
  default: string | null;
  required: boolean;
}

export interface LoadedAction {
  name: string;
  dir: ActionDir;
  /** For messages and locations: the action.yml path as the user knows it. */
  file: string;
  inputs: ActionInput[];
  outputs: Record<string, string>;
  runs:
    | { using: 'composite'; steps: WorkflowStep[] }
    | {
        using: 'node';
        version: string;
        main: string;
        pre: string | null;
        post: string | null;
        preIf: string;
        postIf: string;
      };
}

export type ResolvedAction =
  | { kind: 'loaded'; action: LoadedAction }
  | { kind: 'builtin'; name: string }
  | { kind: 'checkout' }
  | { kind: 'unavailable'; message: string };

export interface ActionLookup {
  files: ProjectFiles;
  /** The cockpit's data folder (its `actions/` holds the offline action cache); null: no cache. */
  dataDir: string | null;
}

/** What `uses:` names, or a problem message (thrown for a malformed action.yml). */
export async function resolveAction(uses: string, lookup: ActionLookup): Promise<ResolvedAction> {
  if (uses.startsWith('docker://'))
    return {
      kind: 'unavailable',
      message: `${uses} needs a container runtime, which the cockpit does not use`,
    };
  if (uses.startsWith('./') || uses === '.') {
    const dir = posix.normalize(uses).replace(/\/$/, '');
    for (const name of ['action.yml', 'action.yaml']) {
      const path = dir === '.' ? name : `${dir}/${name}`;
      const text = lookup.files.read(path) ?? readIfExists(join(lookup.files.root, path));
      if (text !== null) return { kind: 'loaded', action: await readAction(text, path, { local: dir }) };
    }
    return { kind: 'unavailable', message: `the local action ${uses} has no action.yml (looked in ${dir}/)` };
  }
  const match = /^([^/@\s]+)\/([^/@\s]+)((?:\/[^@\s]+)?)@(\S+)$/.exec(uses);
  if (!match)
    return { kind: 'unavailable', message: `uses: ${uses} is not of the form owner/name@ref or ./path` };
  const [, owner, name, sub = '', ref] = match;
  const id = `${owner}/${name}`.toLowerCase();
  if (id === 'actions/checkout') return { kind: 'checkout' };
  if (lookup.dataDir) {
    const folder = join(lookup.dataDir, 'actions', owner!, `${name}@${ref}`, sub);
    for (const file of ['action.yml', 'action.yaml']) {
      const text = readIfExists(join(folder, file));
      if (text !== null)
        return {
          kind: 'loaded',
          action: await readAction(text, `${uses} (${join(folder, file)})`, { absolute: folder }),
        };
    }
  }
  if (BUILTIN_ACTIONS.has(id) && sub === '') return { kind: 'builtin', name: id };
  return {
    kind: 'unavailable',
    message: `action ${owner}/${name}${sub}@${ref} is not available offline (put it in ${lookup.dataDir ? join(lookup.dataDir, 'actions', owner!, `${name}@${ref}`) : '<data dir>/actions/owner/name@ref'} to use it)`,
  };
}

function readIfExists(path: string): string | null {
  try {
    return existsSync(path) ? readFileSync(path, 'utf8') : null;
  } catch {
    return null;
  }
}

/** An action.yml read with GitHub's action parser; throws with file:line:col for a bad one. */
export async function readAction(text: string, file: string, dir: ActionDir): Promise<LoadedAction> {
  const parser = await loadActionParser();
  const workflowParser = await loadWorkflowParser();
  const parsed = parser.parseAction(
    { name: file, content: text },
    new workflowParser.NoOperationTraceWriter(),
  );
  // GitHub's schema wants a description; GitHub itself runs a local action without one.
  const errors = parsed.context.errors
    .getErrors()
    .filter((error) => !/Required property is missing: description/.test(error.rawMessage));
  if (errors.length > 0 || !parsed.value) {
    throw new Error(
      errors
        .map((e) => `${file}:${e.range?.start.line ?? 1}:${e.range?.start.column ?? 1}: ${e.rawMessage}`)
        .join('; ') || `${file} could not be read`,
    );
  }
  const template = parser.convertActionTemplate(parsed.context, parsed.value, { errorPolicy: 1 });
  const root = parsed.value as unknown as Token;
  const rawRuns = root.find?.('runs');
  const at = (token: Token | undefined): SourceLocation => ({
    file,
    line: token?.range?.start.line ?? 1,
    col: token?.range?.start.column ?? 1,
  });
  const problems: string[] = [];
  const inputs: ActionInput[] = (template.inputs ?? []).map((input) => ({
    id: input.id,
    default: input.default === undefined ? null : templateOf(input.default as unknown as Token),
    required: input.required === true,
  }));
  const outputs: Record<string, string> = {};
  for (const output of template.outputs ?? []) {
    if (output.value !== undefined) outputs[output.id] = templateOf(output.value);
  }
  const runs = template.runs;
  const using = scalarText(rawRuns?.find?.('using')) ?? '';
  let loadedRuns: LoadedAction['runs'];
  if (using === 'composite' && runs?.using === 'composite') {
    const steps = readSteps(runs.steps, rawRuns?.find?.('steps'), at, (token, message) => {
      const where = at(token);
      problems.push(`${file}:${where.line}:${where.col}: ${message}`);
    });
    for (const step of steps) {
      if (step.run !== null && step.shell === null)
        problems.push(
          `${file}:${step.location.line}:${step.location.col}: a run step of a composite action needs shell:`,
        );
    }
    loadedRuns = { using: 'composite', steps };
  } else if (/^node\d+$/.test(using)) {
    const main = scalarText(rawRuns?.find?.('main'));
    if (!main) throw new Error(`${file}: runs.main is missing`);
    loadedRuns = {
      using: 'node',
      version: using.slice(4),
      main,
      pre: scalarText(rawRuns?.find?.('pre')),
      post: scalarText(rawRuns?.find?.('post')),
      preIf: scalarText(rawRuns?.find?.('pre-if')) ?? 'always()',
      postIf: scalarText(rawRuns?.find?.('post-if')) ?? 'always()',
    };
  } else if (using === 'docker') {
    throw new Error(`${file}: a docker action needs a container runtime, which the cockpit does not use`);
  } else {
    throw new Error(`${file}: runs.using "${using}" is not known (composite, node20, node24)`);
  }
  if (problems.length > 0) throw new Error(problems.join('; '));
  return { name: template.name ?? file, dir, file, inputs, outputs, runs: loadedRuns };
}

function scalarText(token: Token | undefined): string | null {
  if (!token) return null;
  const text = token.isExpression ? templateOf(token) : token.toString();
  return text.replace(/^\$\{\{\s*(.*?)\s*\}\}$/, '$1');
}
