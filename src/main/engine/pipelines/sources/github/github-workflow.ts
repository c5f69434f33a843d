// A GitHub workflow file read with GitHub's own parser into a small JSON model: jobs, steps, the
// expressions as written, and every problem at file:line:col. Values that hold expressions stay
// templates (`Say ${{ matrix.node }}`); github-runtime.ts evaluates them when the job runs.
import type { ConfigProblem } from '../../../../../shared/domain/project.ts';
import type { ParamConfig } from '../../../config/index.ts';
import type { SourceLocation } from '../types.ts';
import { loadWorkflowParser } from './load-parser.ts';
import type { MatrixValue } from './matrix.ts';
import type { EventFilters } from './trigger-filters.ts';

export interface WorkflowStep {
  /** The step's `id:`, or null. */
  id: string | null;
  name: string | null;
  /** The condition expression (the parser adds `success() &&` when no status function is used). */
  if: string;
  run: string | null;
  uses: string | null;
  /** `with:` as written (templates). */
  with: Record<string, string>;
  shell: string | null;
  workingDirectory: string | null;
  env: Record<string, string>;
  continueOnError: boolean;
  timeoutMinutes: number | null;
  location: SourceLocation;
}

export interface WorkflowJob {
  id: string;
  /** A job that calls a reusable workflow: its `uses:`, `with:` and `secrets:` (null for other jobs). */
  call: { uses: string; with: Record<string, string>; secrets: Record<string, string> | 'inherit' } | null;
  name: string | null;
  needs: string[];
  if: string;
  /** The condition as written (for the run view), null when there is none. */
  ifWritten: string | null;
  env: Record<string, string>;
  outputs: Record<string, string>;
  /** `strategy.matrix` as written: JSON whose strings may hold `${{ }}`; null without a matrix. */
  matrix: MatrixValue | null;
  /** `strategy.fail-fast` (default true), or its expression as written. */
  failFast: boolean | string;
  maxParallel: number | null;
  /** `defaults.run` of the job over the workflow's. */
  defaults: RunDefaults;
  timeoutMinutes: number | null;
  continueOnError: boolean;
  notes: string[];
  steps: WorkflowStep[];
  location: SourceLocation;
}

export interface RunDefaults {
  shell: string | null;
  workingDirectory: string | null;
}

export interface WorkflowModel {
  name: string | null;
  events: string[];
  /** `on.workflow_call`: its inputs (defaults as written) and outputs (value templates). */
  call: {
    inputs: { id: string; default: string | null; required: boolean }[];
    outputs: Record<string, string>;
  } | null;
  /** Each event's filters (branches, tags, paths, types) as written. */
  filters: Record<string, EventFilters>;
  crons: string[];
  inputs: Record<string, ParamConfig>;
  env: Record<string, string>;
  jobs: WorkflowJob[];
}

// The parser's token classes are not exported by name; these are the parts used here.
export interface Token {
  range?: { start: { line: number; column: number } };
  isLiteral: boolean;
  isExpression: boolean;
  toString(): string;
  source?: string;
  expression?: string;
  value?: unknown;
  find?(key: string): Token | undefined;
  get?(index: number): Token | { key: Token; value: Token };
  count?: number;
}

export async function readWorkflow(
  text: string,
  file: string,
  relative: string,
): Promise<{ model: WorkflowModel | null; problems: ConfigProblem[] }> {
  const parser = await loadWorkflowParser();
  const parsed = parser.parseWorkflow({ name: relative, content: text }, new parser.NoOperationTraceWriter());
  const problems: ConfigProblem[] = parsed.context.errors.getErrors().map((error) => ({
    file,
    line: error.range?.start.line ?? 1,
    col: error.range?.start.column ?? 1,
    message: error.rawMessage,
  }));
  if (problems.length > 0 || !parsed.value) return { model: null, problems };
  const template = await parser.convertWorkflowTemplate(parsed.context, parsed.value);
  if (template.errors?.length) {
    const more = parsed.context.errors.getErrors().map((error) => ({
      file,
      line: error.range?.start.line ?? 1,
      col: error.range?.start.column ?? 1,
      message: error.rawMessage,
    }));
    return {
      model: null,
      problems: more.length
        ? more
        : template.errors.map((e) => ({ file, line: 1, col: 1, message: e.Message })),
    };
  }
  const at = (token: Token | undefined): SourceLocation => ({
    file: relative,
    line: token?.range?.start.line ?? 1,
    col: token?.range?.start.column ?? 1,
  });
  const problem = (token: Token | undefined, message: string) => {
    const where = at(token);
    problems.push({ file, line: where.line, col: where.col, message });
  };
  const root = parsed.value as unknown as Token;
  const rawJobs = root.find?.('jobs');
  const env = mappingTemplates(template.env);
  const workflowDefaults = readDefaults(
    root.find?.('defaults'),
    { shell: null, workingDirectory: null },
    problem,
  );
  const workflowNotes: string[] = [];
  if (root.find?.('concurrency')) workflowNotes.push('"concurrency" is ignored when running locally.');

  const jobs: WorkflowJob[] = [];
  for (const job of template.jobs) {
    const id = job.id.value;
    const raw = rawJobs?.find?.(id);
    const idToken = job.id as unknown as Token;
    if (job.type !== 'job') {
      const usesToken = raw?.find?.('uses');
      const secretsToken = raw?.find?.('secrets');
      const inherit =
        secretsToken !== undefined && !secretsToken.find && secretsToken.toString() === 'inherit';
      jobs.push({
        id,
        call: {
          uses: usesToken ? usesToken.toString() : '',
          with: mappingTemplates(raw?.find?.('with')),
          secrets: inherit ? 'inherit' : mappingTemplates(secretsToken),
        },
        name: job.name ? templateOf(job.name) : null,
        needs: (job.needs ?? []).map((need) => need.value),
        if: (job.if as unknown as Token | undefined)?.expression ?? 'success()',
        ifWritten: raw?.find?.('if') ? templateOf(raw.find('if')!) : null,
        env: {},
        outputs: {},
        matrix: null,
        failFast: true,
        maxParallel: null,
        defaults: workflowDefaults,
        timeoutMinutes: null,
        continueOnError: false,
        notes: [],
        steps: [],
        location: at(idToken),
      });
      if (raw?.find?.('strategy'))
        problem(
          keyToken(raw, 'strategy'),
          `job "${id}": a matrix of a reusable workflow call is not supported yet`,
        );
      continue;
    }
    for (const key of ['container', 'services']) {
      if (raw?.find?.(key))
        problem(
          keyToken(raw, key),
          `job "${id}": "${key}" needs a container runtime, which the cockpit does not use yet`,
        );
    }
    const defaults = readDefaults(raw?.find?.('defaults'), workflowDefaults, (token, message) =>
      problem(token, `job "${id}": ${message}`),
    );
    const notes: string[] = [...workflowNotes];
    if (raw?.find?.('runs-on')) notes.push(`runs-on is ignored: the job runs on this machine.`);
    for (const key of ['permissions', 'environment', 'concurrency']) {
      if (raw?.find?.(key)) notes.push(`"${key}" is ignored when running locally.`);
    }
    const strategy = job.strategy as unknown as Token | undefined;
    const { matrix, maxParallel, failFast } = readStrategy(strategy, (token, message) =>
      problem(token, `job "${id}": ${message}`),
    );
    const steps = readSteps(job.steps, raw?.find?.('steps'), at, (token, message) =>
      problem(token, `job "${id}": ${message}`),
    );
    const rawIf = raw?.find?.('if');
    jobs.push({
      id,
      call: null,
      name: job.name ? templateOf(job.name) : null,
      needs: (job.needs ?? []).map((need) => need.value),
      if: (job.if as unknown as Token | undefined)?.expression ?? 'success()',
      ifWritten: rawIf ? templateOf(rawIf) : null,
      env: mappingTemplates(job.env),
      outputs: mappingTemplates(job.outputs),
      matrix,
      failFast,
      maxParallel,
      defaults,
      timeoutMinutes: numberOf(raw?.find?.('timeout-minutes')),
      continueOnError: scalar(raw?.find?.('continue-on-error')) === 'true',
      notes,
      steps,
      location: at(idToken),
    });
  }
  const events = Object.keys(template.events ?? {});
  const filters: Record<string, EventFilters> = {};
  for (const event of events) {
    const config = (template.events as Record<string, unknown>)[event];
    if (config && typeof config === 'object' && !Array.isArray(config)) {
      const picked: EventFilters = {};
      for (const key of [
        'branches',
        'branches-ignore',
        'tags',
        'tags-ignore',
        'paths',
        'paths-ignore',
        'types',
      ] as const) {
        const value = (config as Record<string, unknown>)[key];
        if (Array.isArray(value)) picked[key] = value.map(String);
      }
      filters[event] = picked;
    }
  }
  const crons = (template.events?.schedule ?? []).map((schedule) => schedule.cron);
  let call: WorkflowModel['call'] = null;
  const callToken = root.find?.('on')?.find?.('workflow_call');
  if (events.includes('workflow_call')) {
    const inputsToken = callToken?.find?.('inputs');
    const callInputs: NonNullable<WorkflowModel['call']>['inputs'] = [];
    for (let i = 0; i < (inputsToken?.count ?? 0); i++) {
      const pair = inputsToken!.get!(i) as { key: Token; value: Token };
      const defaultToken = pair.value.find?.('default');
      callInputs.push({
        id: pair.key.toString(),
        default: defaultToken ? templateOf(defaultToken) : null,
        required: pair.value.find?.('required')?.toString() === 'true',
      });
    }
    const outputsToken = callToken?.find?.('outputs');
    const callOutputs: Record<string, string> = {};
    for (let i = 0; i < (outputsToken?.count ?? 0); i++) {
      const pair = outputsToken!.get!(i) as { key: Token; value: Token };
      const value = pair.value.find?.('value');
      if (value) callOutputs[pair.key.toString()] = templateOf(value);
    }
    call = { inputs: callInputs, outputs: callOutputs };
  }
  const inputs: Record<string, ParamConfig> = {};
  for (const [name, input] of Object.entries(template.events?.workflow_dispatch?.inputs ?? {})) {
    const description = input.description;
    if (String(input.type) === 'boolean')
      inputs[name] = {
        type: 'boolean',
        description,
        default: input.default === true || input.default === 'true',
      };
    else if (String(input.type) === 'choice' && input.options?.length) {
      inputs[name] = {
        type: 'choice',
        description,
        options: input.options,
        default: input.default === undefined ? undefined : String(input.default),
      };
    } else {
      inputs[name] = {
        type: 'string',
        description,
        default: input.default === undefined ? undefined : String(input.default),
        required: input.required,
      };
    }
  }
  const nameToken = root.find?.('name');
  return {
    model: problems.length
      ? null
      : { name: nameToken ? nameToken.toString() : null, events, call, filters, crons, inputs, env, jobs },
    problems,
  };
}

/** Steps (of a job or a composite action) from the parser's model and the raw tokens it drops. */
export function readSteps(
  converted: { id: string }[],
  rawSteps: Token | undefined,
  at: (token: Token | undefined) => SourceLocation,
  problem: (token: Token | undefined, message: string) => void,
): WorkflowStep[] {
  const steps: WorkflowStep[] = [];
  converted.forEach((convertedStep, index) => {
    const step = convertedStep as unknown as Record<string, unknown> & { id: string };
    const rawStep = rawSteps?.get?.(index) as Token | undefined;
    if (!('run' in step) && !('uses' in step)) {
      problem(rawStep, 'this kind of step is not supported');
      return;
    }
    const runToken = 'run' in step ? (step.run as Token) : undefined;
    steps.push({
      id: step.id && !step.id.startsWith('__') ? step.id : null,
      name: step.name ? templateOf(step.name as Token) : null,
      if: (step.if as Token | undefined)?.expression ?? 'success()',
      run: runToken ? templateOf(runToken) : null,
      uses: 'uses' in step ? String((step.uses as Token).value) : null,
      with: mappingTemplates(rawStep?.find?.('with')),
      shell: scalar(rawStep?.find?.('shell')),
      workingDirectory: scalar(rawStep?.find?.('working-directory')),
      env: mappingTemplates(step.env as Token | undefined),
      continueOnError: step['continue-on-error'] === true,
      timeoutMinutes: numberOf(rawStep?.find?.('timeout-minutes')),
      location: at(rawStep ?? runToken),
    });
  });
  return steps;
}

/** A value as the text it was written as, `${{ }}` included. */
export function templateOf(token: Token): string {
  if (token.isExpression) {
    const source = token.source;
    if (source === undefined) return `\${{ ${token.expression ?? ''} }}`;
    // The parser keeps a quoted scalar's quotes in its source: the value is what is inside them.
    if (/^"[^\n]*"$/s.test(source)) {
      try {
        return JSON.parse(source) as string;
      } catch {
        return source.slice(1, -1);
      }
    }
    if (/^'[^\n]*'$/s.test(source)) return source.slice(1, -1).replaceAll("''", "'");
    return source;
  }
  return token.toString();
}

export function scalar(token: Token | undefined): string | null {
  return token ? templateOf(token) : null;
}

function numberOf(token: Token | undefined): number | null {
  if (!token || token.isExpression) return null;
  const value = Number(token.toString());
  return Number.isFinite(value) && value > 0 ? value : null;
}

export function mappingTemplates(token: Token | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (let i = 0; i < (token?.count ?? 0); i++) {
    const pair = token!.get!(i) as { key: Token; value: Token };
    result[pair.key.toString()] = templateOf(pair.value);
  }
  return result;
}

function keyToken(mapping: Token, key: string): Token | undefined {
  for (let i = 0; i < (mapping.count ?? 0); i++) {
    const pair = mapping.get!(i) as { key: Token; value: Token };
    if (pair.key.toString() === key) return pair.key;
  }
  return undefined;
}

/** `strategy`: the matrix as JSON (expressions kept as `${{ }}` text), fail-fast and max-parallel. */
function readStrategy(
  strategy: Token | undefined,
  problem: (token: Token | undefined, message: string) => void,
): { matrix: MatrixValue | null; maxParallel: number | null; failFast: boolean | string } {
  if (!strategy) return { matrix: null, maxParallel: null, failFast: true };
  const matrixToken = strategy.find?.('matrix');
  const maxParallel = numberOf(strategy.find?.('max-parallel'));
  const failFastToken = strategy.find?.('fail-fast');
  const failFast =
    failFastToken === undefined
      ? true
      : failFastToken.isExpression
        ? templateOf(failFastToken)
        : failFastToken.value !== false && failFastToken.toString() !== 'false';
  if (!matrixToken) return { matrix: null, maxParallel, failFast };
  return { matrix: toJson(matrixToken, problem), maxParallel, failFast };
}

/** Keys standing for `${{ insert }}` in a matrix (expressions.ts resolves them). */
export const INSERT_KEY = '__cockpit_insert__';

/** A token as JSON; expressions stay as their `${{ }}` text, to be evaluated when the run is planned. */
function toJson(token: Token, problem: (token: Token | undefined, message: string) => void): MatrixValue {
  if (token.isExpression) return templateOf(token);
  if (token.find && token.count !== undefined) {
    const result: Record<string, MatrixValue> = {};
    for (let i = 0; i < token.count; i++) {
      const pair = token.get!(i) as { key: Token; value: Token };
      // `${{ insert }}: <mapping>` merges the mapping here when the matrix is resolved.
      const key = pair.key.isExpression ? `${INSERT_KEY}${i}` : pair.key.toString();
      result[key] = toJson(pair.value, problem);
    }
    return result;
  }
  if (token.count !== undefined) {
    const result: MatrixValue[] = [];
    for (let i = 0; i < token.count; i++) result.push(toJson(token.get!(i) as Token, problem));
    return result;
  }
  if (token.isLiteral) {
    const value = token.value;
    if (value === undefined || value === null) return null;
    if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') return value;
    return token.toString();
  }
  problem(token, 'this value is not supported here');
  return null;
}

function readDefaults(
  token: Token | undefined,
  inherited: RunDefaults,
  problem: (token: Token | undefined, message: string) => void,
): RunDefaults {
  const run = token?.find?.('run');
  if (!token) return inherited;
  for (let i = 0; i < (token.count ?? 0); i++) {
    const pair = token.get!(i) as { key: Token; value: Token };
    if (pair.key.toString() !== 'run') problem(pair.key, `defaults.${pair.key.toString()} is not supported`);
  }
  return {
    shell: scalar(run?.find?.('shell')) ?? inherited.shell,
    workingDirectory: scalar(run?.find?.('working-directory')) ?? inherited.workingDirectory,
  };
}
