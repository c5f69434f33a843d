// `cockpit run <pipeline>` and `cockpit play <run> <job>`: run in this process, printing every job's
// output as it arrives (prefixed by job, in colour) and a summary; exit 0 on success, 1 otherwise.
import type { EngineClient } from '../../../shared/client.ts';
import type { LogLine, RunDetail, RunSummary } from '../../../shared/domain/run.ts';
import type { Engine } from '../../engine/engine.ts';
import type { EventPayload } from '../../../shared/protocol.ts';
import { formatDuration } from '../../engine/kernel/duration.ts';
import { connectInProcess } from '../transports/in-process.ts';
import { colors, exitCodes, paint, parseCommandArgs, UsageError, type CliIo } from './cli-io.ts';
import { formatTable, jobPrefix, outputLine, paintStatus } from './format.ts';
import { formatPlan } from './plan-format.ts';
import { openEngine, type GlobalOptions } from './open-engine.ts';
import { parseParams } from './release-format.ts';
import { resolveProject } from './resolve-project.ts';

export async function runCommand(args: string[], global: GlobalOptions, io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    param: { type: 'string', multiple: true },
    project: { type: 'string' },
    job: { type: 'string', multiple: true },
    event: { type: 'string' },
    'skip-unavailable-actions': { type: 'boolean' },
    'with-needs': { type: 'boolean' },
    'dry-run': { type: 'boolean' },
  });
  if (positionals.length !== 1) throw new UsageError('expected "cockpit run <pipeline>"');
  const pipeline = positionals[0]!;
  const params = parseParams(values.param);

  const engine = openEngine(global, io);
  const client = connectInProcess(engine);
  try {
    const project = await resolveProject(client, io, values.project);
    const selection = {
      jobs: values.job,
      withNeeds: values['with-needs'] ?? false,
      event: values.event,
      ...(values['skip-unavailable-actions'] ? { skipUnavailableActions: true } : {}),
    };
    if (values['dry-run']) {
      // The same checks as a real run (params, jobs, secrets): a dry run that passes means the run starts.
      const plan = await client.api.pipelines.plan({ projectId: project.id, pipeline, params, ...selection });
      io.stdout(formatPlan(io, pipeline, project.name, plan));
      return exitCodes.ok;
    }

    return await followRun(client, engine, io, project, async () =>
      client.api.runs.start({ projectId: project.id, pipeline, params, trigger: 'cli', ...selection }),
    );
  } finally {
    client.close();
    await engine.close();
  }
}

/** `cockpit play <run-id> <job>`: plays a manual job and follows the run until it is done again. */
export async function playCommand(args: string[], global: GlobalOptions, io: CliIo): Promise<number> {
  const { positionals } = parseCommandArgs(args, {});
  const runId = Number(positionals[0]);
  if (positionals.length !== 2 || !Number.isInteger(runId) || runId < 1) {
    throw new UsageError('expected "cockpit play <run-id> <job>"');
  }
  const engine = openEngine(global, io);
  const client = connectInProcess(engine);
  try {
    const run = await client.api.runs.get({ runId });
    const project = await client.api.projects.get({ id: run.projectId });
    return await followRun(client, engine, io, project, () =>
      client.api.runs.play({ runId, job: positionals[1]! }),
    );
  } finally {
    client.close();
    await engine.close();
  }
}

/** Starts (or continues) a run, prints its jobs' output as it arrives, then a summary; the exit code. */
async function followRun(
  client: EngineClient,
  engine: Engine,
  io: CliIo,
  project: { id: number; name: string },
  begin: () => Promise<RunSummary>,
): Promise<number> {
  const printer = createLogPrinter(client, io);
  const early: EventPayload<'runs.log'>[] = [];
  let runId: number | null = null;
  const stopListening = client.on('runs.log', (event) => {
    if (runId === null) early.push(event);
    else if (event.runId === runId) void printer.print(event);
  });
  const run = await begin();
  runId = run.id;
  const pipeline = run.pipeline;
  io.stderr(
    paint(
      io,
      colors.dim,
      `Run #${run.id} of ${pipeline} (${project.name})${run.git?.sha ? ` at ${run.git.branch ?? 'detached'}@${run.git.sha.slice(0, 8)}${run.git.dirty ? ' (uncommitted changes)' : ''}` : ''}\n`,
    ),
  );
  for (const event of early.splice(0)) if (event.runId === runId) void printer.print(event);

  let interrupts = 0;
  const stopInterrupts = io.onInterrupt(() => {
    interrupts++;
    if (interrupts === 1) {
      io.stderr('\nCancelling… (press Ctrl+C again to stop waiting)\n');
      void client.api.runs.cancel({ runId: run.id }).catch(() => {});
    } else process.exit(exitCodes.failure);
  });
  // A deploy pipeline's run is a deployment: its verification ends it, not the pipeline.
  const { run: finished, deployment: verified } = await engine.waitForPipelineRun(run.id);
  stopInterrupts();
  stopListening();
  const detail = await client.api.runs.get({ runId: run.id });
  await printer.finish(detail);
  io.stdout(`\n${summary(detail, io)}`);
  for (const annotation of detail.annotations) {
    const where = annotation.file
      ? `${annotation.file}${annotation.line ? `:${annotation.line}${annotation.col ? `:${annotation.col}` : ''}` : ''}: `
      : '';
    io.stdout(
      `${paint(io, annotation.level === 'error' ? colors.red : colors.yellow, annotation.level)} ${where}${annotation.title ? `${annotation.title}: ` : ''}${annotation.message} (${annotation.job})\n`,
    );
  }
  const manual = detail.jobs.filter((job) => job.status === 'manual');
  for (const job of manual)
    io.stdout(`${job.name} waits to be played: cockpit play ${run.id} ${quoteArg(job.name)}\n`);
  io.stdout(
    `Run #${finished.id} ${paintStatus(io, finished.status)}${finished.startedAt && finished.finishedAt ? ` in ${formatDuration(finished.finishedAt - finished.startedAt)}` : ''}.\n`,
  );
  if (verified) {
    io.stdout(
      `Deployment #${verified.id} of ${verified.version} to ${verified.environment}: ${verified.verificationDetail ?? verified.status}.\n`,
    );
  }
  return finished.status === 'success' ? exitCodes.ok : exitCodes.failure;
}

function quoteArg(text: string): string {
  return /^[A-Za-z0-9_./-]+$/.test(text) ? text : `'${text.replaceAll("'", "'\\''")}'`;
}

/** Prints log lines in order per attempt, filling any gap (batches that skipped lines) from the store. */
function createLogPrinter(client: EngineClient, io: CliIo) {
  const next = new Map<number, number>(); // attemptId → next line number to print
  const jobs = new Map<string, number>();
  let width = 8;
  let queue = Promise.resolve();

  const prefixFor = (job: string) => {
    if (!jobs.has(job)) jobs.set(job, jobs.size);
    width = Math.max(width, job.length);
    return jobPrefix(io, job, width, jobs.get(job)!);
  };
  const write = (job: string, lines: LogLine[]) => {
    const prefix = prefixFor(job);
    let text = '';
    for (const line of lines) {
      const body = line.stream === 'system' ? paint(io, colors.dim, line.text) : outputLine(io, line.text);
      text += `${prefix} ${body}\n`;
    }
    io.stdout(text);
  };
  const fill = async (job: string, attemptId: number, until: number) => {
    let from = next.get(attemptId) ?? 0;
    while (from < until) {
      const page = await client.api.runs.logPage({
        attemptId,
        fromLine: from,
        count: Math.min(5000, until - from),
      });
      if (page.lines.length === 0) break;
      write(job, page.lines);
      from += page.lines.length;
    }
    next.set(attemptId, from);
  };

  return {
    print(event: EventPayload<'runs.log'>) {
      queue = queue.then(async () => {
        const first = event.lines[0];
        if (!first) return;
        await fill(event.job, event.attemptId, first.n);
        const from = next.get(event.attemptId) ?? 0;
        const fresh = event.lines.filter((line) => line.n >= from);
        write(event.job, fresh);
        if (fresh.length) next.set(event.attemptId, fresh[fresh.length - 1]!.n + 1);
      });
      return queue;
    },
    async finish(detail: RunDetail) {
      await queue;
      for (const job of detail.jobs) {
        for (const attempt of job.attempts) await fill(job.name, attempt.id, attempt.logLines);
      }
    },
  };
}

function summary(detail: RunDetail, io: CliIo): string {
  // WHY only when a job did not run, or waits, for a reason.
  const why = detail.jobs.some((job) => job.reason !== null);
  return formatTable(
    ['JOB', 'STATUS', 'ATTEMPTS', 'DURATION', 'EXIT', ...(why ? ['WHY'] : [])],
    detail.jobs.map((job) => {
      const last = job.attempts[job.attempts.length - 1];
      return [
        job.name,
        paintStatus(io, job.status),
        String(job.attempts.length),
        job.startedAt !== null && job.finishedAt !== null
          ? formatDuration(job.finishedAt - job.startedAt)
          : '-',
        last?.exitCode !== null && last?.exitCode !== undefined
          ? String(last.exitCode)
          : (last?.signal ?? '-'),
        ...(why ? [job.reason ?? ''] : []),
      ];
    }),
  );
}
