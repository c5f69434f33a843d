// A GitHub workflow file read with GitHub's own parser into a small JSON model: jobs, steps, the
// expressions as written, and every problem at file:line:col. Values that hold expressions stay
// templates (`Say ${{ matrix.node }}`); github-runtime.ts evaluates them when the job runs.
import type { ConfigProblem } from '../../../../../shared/domain/project.ts';
import type { SourceLocation } from '../types.ts';
import { loadWorkflowParser } from './load-parser.ts';
import type { WorkflowJob, WorkflowModel } from './workflow-model.ts';
import { readDefaults, readSteps } from './workflow-steps.ts';
import { readStrategy } from './workflow-strategy.ts';
import { keyToken, mappingTemplates, numberOf, scalar, templateOf, type Token } from './workflow-tokens.ts';
import { readTriggers } from './workflow-triggers.ts';

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
  const { events, filters, crons, call, inputs } = readTriggers(template, root);
  const nameToken = root.find?.('name');
  return {
    model: problems.length
      ? null
      : { name: nameToken ? nameToken.toString() : null, events, call, filters, crons, inputs, env, jobs },
    problems,
  };
}
