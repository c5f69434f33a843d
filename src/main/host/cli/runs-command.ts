// `cockpit runs` (history), `cockpit logs <run-id>` (stored logs) and `cockpit pipelines` (definitions).
import { colors, exitCodes, paint, parseCommandArgs, UsageError, type CliIo } from './cli-io.ts';
import { formatTable, jobPrefix, outputLine, paintStatus, runDuration } from './format.ts';
import { withEngineClient, type GlobalOptions } from './open-engine.ts';
import { resolveProject } from './resolve-project.ts';

export async function runsCommand(args: string[], global: GlobalOptions, io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    project: { type: 'string' },
    limit: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (positionals.length > 0) throw new UsageError('"cockpit runs" takes no arguments');
  const limit = values.limit === undefined ? 20 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 500)
    throw new UsageError('--limit must be a whole number from 1 to 500');
  return withEngineClient(global, io, async (client) => {
    const project = await resolveProject(client, io, values.project);
    const runs = await client.api.runs.list({ projectId: project.id, limit });
    if (values.json) io.stdout(`${JSON.stringify(runs, null, 2)}\n`);
    else if (runs.length === 0)
      io.stdout(`No runs yet for ${project.name}. Start one with: cockpit run <pipeline>\n`);
    else {
      io.stdout(
        formatTable(
          ['RUN', 'PIPELINE', 'STATUS', 'TRIGGER', 'COMMIT', 'ACTOR', 'STARTED', 'DURATION'],
          runs.map((run) => [
            `#${run.id}`,
            run.pipeline,
            paintStatus(io, run.status),
            run.trigger,
            run.git?.sha
              ? `${run.git.branch ?? 'detached'}@${run.git.sha.slice(0, 8)}${run.git.dirty ? '*' : ''}`
              : '-',
            run.actor,
            new Date(run.startedAt ?? run.queuedAt).toLocaleString(),
            runDuration(run),
          ]),
        ),
      );
    }
    return exitCodes.ok;
  });
}

export async function logsCommand(args: string[], global: GlobalOptions, io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    job: { type: 'string' },
    attempt: { type: 'string' },
  });
  const runId = Number(positionals[0]);
  if (positionals.length !== 1 || !Number.isInteger(runId) || runId < 1)
    throw new UsageError('expected "cockpit logs <run-id>"');
  return withEngineClient(global, io, async (client) => {
    const run = await client.api.runs.get({ runId });
    const jobs = values.job ? run.jobs.filter((job) => job.name === values.job) : run.jobs;
    if (jobs.length === 0) {
      throw new UsageError(
        `run #${runId} has no job "${String(values.job)}" (jobs: ${run.jobs.map((j) => j.name).join(', ')})`,
      );
    }
    const width = Math.max(8, ...jobs.map((job) => job.name.length));
    for (const [index, job] of jobs.entries()) {
      const attempts = values.attempt
        ? job.attempts.filter((a) => a.number === Number(values.attempt))
        : job.attempts;
      for (const attempt of attempts) {
        const prefix = values.job ? '' : `${jobPrefix(io, job.name, width, index)} `;
        if (job.attempts.length > 1)
          io.stdout(
            `${prefix}${paint(io, colors.dim, `── attempt ${attempt.number} (${attempt.status}) ──`)}\n`,
          );
        for (let from = 0; ;) {
          const page = await client.api.runs.logPage({ attemptId: attempt.id, fromLine: from, count: 5000 });
          if (page.lines.length === 0) break;
          io.stdout(page.lines.map((line) => `${prefix}${outputLine(io, line.text)}\n`).join(''));
          from += page.lines.length;
        }
      }
    }
    return exitCodes.ok;
  });
}

export async function pipelinesCommand(args: string[], global: GlobalOptions, io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    project: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (positionals.length > 0) throw new UsageError('"cockpit pipelines" takes no arguments');
  return withEngineClient(global, io, async (client) => {
    const project = await resolveProject(client, io, values.project);
    const pipelines = await client.api.pipelines.list({ projectId: project.id });
    if (values.json) io.stdout(`${JSON.stringify(pipelines, null, 2)}\n`);
    else if (pipelines.length === 0)
      io.stdout(`${project.name} has no pipelines yet; see docs/pipelines.md to add one.\n`);
    for (const pipeline of values.json ? [] : pipelines) {
      if (pipeline.problems.length > 0) {
        io.stdout(
          `${paint(io, colors.bold, pipeline.name)}  ${paint(io, colors.red, `${pipeline.source.file} has problems:`)}\n`,
        );
        for (const p of pipeline.problems) io.stdout(`  ${p.file}:${p.line}:${p.col}: ${p.message}\n`);
        continue;
      }
      const last = pipeline.lastRun
        ? `  last: #${pipeline.lastRun.id} ${paintStatus(io, pipeline.lastRun.status)}`
        : '';
      const from =
        pipeline.source.kind === 'cockpit' ? '' : paint(io, colors.dim, `  (${pipeline.source.file})`);
      io.stdout(
        `${paint(io, colors.bold, pipeline.name)}${pipeline.description ? ` — ${pipeline.description}` : ''}${last}${from}\n`,
      );
      pipeline.waves.forEach((wave, i) => io.stdout(`  ${i + 1}. ${wave.join(', ')}\n`));
      for (const param of pipeline.params) {
        const options = param.options ? ` (${param.options.join('|')})` : '';
        io.stdout(
          `  --param ${param.name}=<${param.type}>${options}${param.default !== null ? ` default ${String(param.default)}` : ''}\n`,
        );
      }
    }
    return exitCodes.ok;
  });
}
