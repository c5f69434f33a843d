// A GitHub workflow file read with GitHub's own parser into a small JSON model: jobs, steps, the
// expressions as written, and every problem at file:line:col. Values that hold expressions stay
// templates (`Say ${{ matrix.node }}`); github-runtime.ts evaluates them when the job runs.
import type { ConfigProblem } from '../../../../../shared/domain/project.ts';
import type { ParamConfig } from '../../../config/pipeline-schema.ts';
import type { SourceLocation } from '../types.ts';
import { loadWorkflowParser } from './load-parser.ts';

export interface WorkflowStep {
  /** The step's `id:`, or null. */
  id: string | null;
  name: string | null;
  /** The condition expression (the parser adds `success() &&` when no status function is used). */
  if: string;
  run: string | null;
  uses: string | null;
  shell: string | null;
  workingDirectory: string | null;
  env: Record<string, string>;
  continueOnError: boolean;
  timeoutMinutes: number | null;
  location: SourceLocation;
}

export interface WorkflowJob {
  id: string;
  name: string | null;
  needs: string[];
  if: string;
  /** The condition as written (for the run view), null when there is none. */
  ifWritten: string | null;
  env: Record<string, string>;
  outputs: Record<string, string>;
  /** `strategy.matrix` as plain values; null without a matrix. */
  matrix: Record<string, unknown[]> | null;
  maxParallel: number | null;
  timeoutMinutes: number | null;
  continueOnError: boolean;
  notes: string[];
  steps: WorkflowStep[];
  location: SourceLocation;
}

export interface WorkflowModel {
  name: string | null;
  events: string[];
  inputs: Record<string, ParamConfig>;
  env: Record<string, string>;
  jobs: WorkflowJob[];
}

// The parser's token classes are not exported by name; these are the parts used here.
interface Token {
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
  for (const key of ['defaults', 'concurrency']) {
    const token = root.find?.(key);
    if (token)
      problem(keyToken(root, key) ?? token, `"${key}" is not supported yet (see docs/ci-compatibility.md)`);
  }

  const jobs: WorkflowJob[] = [];
  for (const job of template.jobs) {
    const id = job.id.value;
    const raw = rawJobs?.find?.(id);
    const idToken = job.id as unknown as Token;
    if (job.type !== 'job') {
      problem(idToken, `job "${id}" calls a reusable workflow (uses:), which is not supported yet`);
      continue;
    }
    for (const key of ['container', 'services']) {
      if (raw?.find?.(key))
        problem(
          keyToken(raw, key),
          `job "${id}": "${key}" needs a container runtime, which the cockpit does not use yet`,
        );
    }
    if (raw?.find?.('defaults'))
      problem(keyToken(raw, 'defaults'), `job "${id}": "defaults" is not supported yet`);
    const notes: string[] = [];
    if (raw?.find?.('runs-on')) notes.push(`runs-on is ignored: the job runs on this machine.`);
    for (const key of ['permissions', 'environment', 'concurrency']) {
      if (raw?.find?.(key)) notes.push(`"${key}" is ignored when running locally.`);
    }
    const strategy = job.strategy as unknown as Token | undefined;
    const { matrix, maxParallel } = readStrategy(strategy, (token, message) =>
      problem(token, `job "${id}": ${message}`),
    );
    const rawSteps = raw?.find?.('steps');
    const steps: WorkflowStep[] = [];
    job.steps.forEach((step, index) => {
      const rawStep = rawSteps?.get?.(index) as Token | undefined;
      if (!('run' in step) && !('uses' in step)) {
        problem(rawStep, `job "${id}": this kind of step is not supported`);
        return;
      }
      const runToken = 'run' in step ? (step.run as unknown as Token) : undefined;
      steps.push({
        id: step.id.startsWith('__') ? null : step.id,
        name: step.name ? templateOf(step.name) : null,
        if: (step.if as unknown as Token | undefined)?.expression ?? 'success()',
        run: runToken ? templateOf(runToken) : null,
        uses: 'uses' in step ? String(step.uses.value) : null,
        shell: scalar(rawStep?.find?.('shell')),
        workingDirectory: scalar(rawStep?.find?.('working-directory')),
        env: mappingTemplates(step.env),
        continueOnError: step['continue-on-error'] === true,
        timeoutMinutes: numberOf(rawStep?.find?.('timeout-minutes')),
        location: at(rawStep ?? runToken),
      });
    });
    const rawIf = raw?.find?.('if');
    jobs.push({
      id,
      name: job.name ? templateOf(job.name) : null,
      needs: (job.needs ?? []).map((need) => need.value),
      if: (job.if as unknown as Token | undefined)?.expression ?? 'success()',
      ifWritten: rawIf ? templateOf(rawIf) : null,
      env: mappingTemplates(job.env),
      outputs: mappingTemplates(job.outputs),
      matrix,
      maxParallel,
      timeoutMinutes: numberOf(raw?.find?.('timeout-minutes')),
      continueOnError: scalar(raw?.find?.('continue-on-error')) === 'true',
      notes,
      steps,
      location: at(idToken),
    });
  }
  const events = Object.keys(template.events ?? {});
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
      : { name: nameToken ? nameToken.toString() : null, events, inputs, env, jobs },
    problems,
  };
}

/** A value as the text it was written as, `${{ }}` included. */
function templateOf(token: Token): string {
  if (token.isExpression) return token.source ?? `\${{ ${token.expression ?? ''} }}`;
  return token.toString();
}

function scalar(token: Token | undefined): string | null {
  return token ? templateOf(token) : null;
}

function numberOf(token: Token | undefined): number | null {
  if (!token || token.isExpression) return null;
  const value = Number(token.toString());
  return Number.isFinite(value) && value > 0 ? value : null;
}

function mappingTemplates(token: Token | undefined): Record<string, string> {
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

/** The skeleton's matrix: literal lists per key; include, exclude and expressions come later. */
function readStrategy(
  strategy: Token | undefined,
  problem: (token: Token | undefined, message: string) => void,
): { matrix: Record<string, unknown[]> | null; maxParallel: number | null } {
  if (!strategy) return { matrix: null, maxParallel: null };
  const matrixToken = strategy.find?.('matrix');
  const maxParallel = numberOf(strategy.find?.('max-parallel'));
  for (const key of ['fail-fast']) {
    if (strategy.find?.(key)) problem(keyToken(strategy, key), `strategy.${key} is not supported yet`);
  }
  if (!matrixToken) return { matrix: null, maxParallel };
  if (matrixToken.isExpression || matrixToken.count === undefined) {
    problem(matrixToken, 'a matrix from an expression is not supported yet');
    return { matrix: null, maxParallel };
  }
  const matrix: Record<string, unknown[]> = {};
  for (let i = 0; i < matrixToken.count; i++) {
    const pair = matrixToken.get!(i) as { key: Token; value: Token };
    const key = pair.key.toString();
    if (key === 'include' || key === 'exclude') {
      problem(pair.key, `strategy.matrix.${key} is not supported yet`);
      continue;
    }
    if (pair.value.count === undefined || pair.value.find) {
      problem(pair.value, `strategy.matrix.${key}: expected a list of values`);
      continue;
    }
    const values: unknown[] = [];
    for (let j = 0; j < pair.value.count; j++) {
      const item = pair.value.get!(j) as Token;
      if (item.isExpression || !item.isLiteral)
        problem(item, `strategy.matrix.${key}: only plain values are supported yet`);
      else values.push(item.value ?? item.toString());
    }
    matrix[key] = values;
  }
  return { matrix, maxParallel };
}
