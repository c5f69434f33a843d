// Runs one attempt of a job as its steps, in order, into one log: asks the source's session whether
// and how each step runs, runs it as its own process tree, records its status and log range, and
// turns recognised output lines into log groups and annotations. The attempt ends as its first
// failing step (continue-on-error steps do not count).
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AttemptStatus, StepStatus } from '../../../../shared/domain/run.ts';
import { formatDuration } from '../../kernel/duration.ts';
import type { LogWriter } from '../run-logs/log-writer.ts';
import type { Masker } from '../../kernel/masking/masker.ts';
import { runProcess, type ProcessOutcome } from '../process/run-process.ts';
import type {
  JobSession,
  LineEffect,
  OutputParser,
  PlanJob,
  PlanStep,
  StepShell,
  StepState,
} from '../sources/types.ts';
import type { StepsRepo } from '../steps-repo.ts';
import { createOutputTap } from './output-tap.ts';

export interface StepsRunInput {
  attemptId: number;
  jobId: number;
  job: PlanJob;
  session: JobSession;
  writer: LogWriter;
  parser: OutputParser | null;
  steps: StepsRepo;
  masker: Masker;
  now: () => number;
  /** The job's working directory (absolute). */
  cwd: string;
  /** A private folder for this attempt (script files, a source's step files). */
  workDir: string;
  baseEnv: Record<string, string>;
  /** Cancels the run; steps that run after a cancel (a source's clean-up) use `forceSignal`. */
  signal: AbortSignal;
  forceSignal: AbortSignal;
  abortReason: () => 'cancel' | 'shutdown';
  killGraceMs: number;
  onStarted: (pgid: number) => void;
  /** Something worth a refresh of the run view happened (a group, an annotation, a step). */
  changed: () => void;
}

export interface StepsRunResult {
  status: AttemptStatus;
  exitCode: number | null;
  signal: string | null;
  steps: Record<string, StepState>;
  summary: string;
}

const MAX_SUMMARY_CHARS = 1024 * 1024;

export async function runSteps(input: StepsRunInput): Promise<StepsRunResult> {
  const { job, session, writer, steps: repo } = input;
  const multi = job.steps.length > 1;
  repo.planSteps(
    input.attemptId,
    job.steps.map((step) => step.name),
  );
  const states: Record<string, StepState> = {};
  const deadline = job.timeoutMs !== null ? input.now() + job.timeoutMs : null;
  let result: Pick<StepsRunResult, 'status' | 'exitCode' | 'signal'> = {
    status: 'success',
    exitCode: null,
    signal: null,
  };
  let failing = false;
  let summary = '';
  let current: PlanStep | null = null;
  const groups = createGroupTracker(input, (command) => {
    if (current) session.onCommand?.(current, command);
  });
  const tap = createOutputTap(writer, input.parser, groups);
  for (const note of job.notes) writer.system(`[cockpit] ${note}`);

  for (const [position, step] of job.steps.entries()) {
    const finish = (
      status: StepStatus,
      reason: string | null,
      exitCode: number | null,
      firstLine: number,
    ) => {
      const last = writer.lineCount() - 1;
      repo.stepFinished(input.attemptId, position, {
        status,
        reason,
        exitCode,
        at: input.now(),
        lastLine: last >= firstLine ? last : null,
      });
      input.changed();
    };
    const cancelled = input.signal.aborted;
    const firstLine = writer.lineCount();
    if (deadline !== null && input.now() >= deadline) {
      finish('skipped', `the job timed out after ${formatDuration(job.timeoutMs!)}`, null, firstLine);
      states[step.key] = { outcome: 'skipped', conclusion: 'skipped', outputs: {} };
      continue;
    }
    let start;
    try {
      start = session.beginStep(step, {
        cancelled,
        jobStatus: cancelled ? 'cancelled' : failing ? 'failure' : 'success',
        steps: states,
        baseEnv: input.baseEnv,
      });
    } catch (error) {
      const message = (error as Error)?.message ?? String(error);
      repo.stepStarted(input.attemptId, position, step.name, input.now(), firstLine);
      writer.system(`[cockpit] ${step.name}: ${message}`);
      finish('failed', message, null, firstLine);
      states[step.key] = {
        outcome: 'failure',
        conclusion: step.continueOnError ? 'success' : 'failure',
        outputs: {},
      };
      if (!step.continueOnError && !failing) {
        failing = true;
        result = { status: 'failed', exitCode: null, signal: null };
      }
      continue;
    }
    if (!start.run) {
      if (multi) writer.system(`[cockpit] Skipped "${step.name}": ${start.reason}`);
      finish('skipped', start.reason, null, firstLine);
      states[step.key] = { outcome: 'skipped', conclusion: 'skipped', outputs: {} };
      continue;
    }
    const prepared = start.step;
    current = step;
    repo.stepStarted(input.attemptId, position, prepared.name, input.now(), firstLine);
    input.changed();
    if (multi) writer.system(`▸ ${prepared.name}`);
    // The commands as written; blank lines (the final newline of a `run: |` block) echo nothing.
    if (step.echo) {
      for (const line of prepared.script.split('\n')) if (line.trim() !== '') writer.system(`$ ${line}`);
    }

    const remaining = deadline === null ? null : Math.max(1, deadline - input.now());
    const timeoutMs =
      remaining === null
        ? step.timeoutMs
        : step.timeoutMs === null
          ? remaining
          : Math.min(step.timeoutMs, remaining);
    const cwd = prepared.workingDirectory ? resolve(input.cwd, prepared.workingDirectory) : input.cwd;
    let outcome: ProcessOutcome;
    try {
      outcome = await runProcess(
        {
          script: prepared.script,
          shell: typeof prepared.shell === 'string' ? prepared.shell : 'bash',
          argv: commandFor(prepared.shell, prepared.script, input.workDir, position),
          cwd,
          env: prepared.env,
          timeoutMs: timeoutMs ?? undefined,
          killGraceMs: input.killGraceMs,
          signal: cancelled ? input.forceSignal : input.signal,
          onStarted: input.onStarted,
        },
        (stream, chunk) => tap.write(stream, chunk),
      );
    } catch (error) {
      const message = `the cockpit lost track of the step: ${(error as Error)?.message ?? String(error)}`;
      outcome = {
        exitCode: null,
        signal: null,
        timedOut: false,
        cancelled: false,
        spawnError: message,
        durationMs: 0,
      };
    }
    const status = attemptStatus(outcome, input.abortReason());
    writer.system(describeOutcome(outcome, timeoutMs ?? undefined));
    groups.closeAll(writer.lineCount() - 1);
    let report: ReturnType<JobSession['endStep']> = {};
    try {
      report = session.endStep(step, {
        outcome:
          status === 'success'
            ? 'success'
            : status === 'failed' || status === 'timed_out'
              ? 'failure'
              : 'cancelled',
        exitCode: outcome.exitCode,
      });
    } catch (error) {
      writer.system(`[cockpit] ${prepared.name}: ${(error as Error)?.message ?? String(error)}`);
    }
    if (report.summary) summary = (summary + report.summary).slice(0, MAX_SUMMARY_CHARS);
    const outcomeName =
      status === 'success'
        ? 'success'
        : status === 'cancelled' || status === 'interrupted'
          ? 'cancelled'
          : 'failure';
    states[step.key] = {
      outcome: outcomeName,
      conclusion: outcomeName === 'failure' && step.continueOnError ? 'success' : outcomeName,
      outputs: report.outputs ?? {},
    };
    finish(status, null, outcome.exitCode, firstLine);
    if (status !== 'success' && !step.continueOnError && !failing) {
      failing = true;
      result = { status, exitCode: outcome.exitCode, signal: outcome.signal };
    } else if (!failing) {
      result = { status: 'success', exitCode: outcome.exitCode, signal: outcome.signal };
    }
  }
  return { ...result, steps: states, summary: input.masker.mask(summary) };
}

/** The argv for a template shell (`python {0}`), after writing the script to a file; null for bash/sh. */
function commandFor(
  shell: StepShell,
  script: string,
  workDir: string,
  position: number,
): string[] | undefined {
  if (typeof shell === 'string') return undefined;
  const file = join(workDir, `step-${position}${shell.extension}`);
  writeFileSync(file, script, { mode: 0o600 });
  const words = shell.template.trim().split(/\s+/);
  return words.map((word) => word.replaceAll('{0}', file));
}

/** Open groups (a stack: GitLab sections nest), closed at their end line or when the step ends. */
function createGroupTracker(
  input: StepsRunInput,
  onCommand: (command: { name: string; properties: Record<string, string>; value: string }) => void,
) {
  const open: { firstLine: number; title: string }[] = [];
  let count = 0;
  const close = (lastLine: number) => {
    const group = open.pop();
    if (!group || count >= 2000) return;
    count++;
    input.steps.addGroup(input.attemptId, {
      firstLine: group.firstLine,
      lastLine: Math.max(group.firstLine, lastLine),
      depth: open.length,
      title: group.title,
    });
    input.changed();
  };
  return {
    effect(effect: LineEffect, line: number) {
      if (effect.kind === 'command') onCommand(effect);
      else if (effect.kind === 'group-start')
        open.push({ firstLine: line, title: input.masker.mask(effect.title) });
      else if (effect.kind === 'group-end') close(line);
      else {
        const kept = input.steps.addAnnotation(input.jobId, input.attemptId, {
          level: effect.level,
          title: effect.title === null ? null : input.masker.mask(effect.title),
          message: input.masker.mask(effect.message),
          file: effect.file,
          line: effect.line,
          col: effect.col,
          logLine: line,
        });
        if (kept) input.changed();
      }
    },
    closeAll(lastLine: number) {
      while (open.length > 0) close(lastLine);
    },
  };
}

export function attemptStatus(outcome: ProcessOutcome, reason: 'cancel' | 'shutdown'): AttemptStatus {
  if (outcome.cancelled) return reason === 'shutdown' ? 'interrupted' : 'cancelled';
  if (outcome.timedOut) return 'timed_out';
  if (outcome.spawnError !== null) return 'failed';
  return outcome.exitCode === 0 ? 'success' : 'failed';
}

export function describeOutcome(outcome: ProcessOutcome, timeoutMs: number | undefined): string {
  const took = formatDuration(outcome.durationMs);
  if (outcome.spawnError !== null) return `[cockpit] Could not start the job: ${outcome.spawnError}`;
  if (outcome.cancelled) return `[cockpit] Cancelled after ${took}; the process tree was stopped.`;
  if (outcome.timedOut) {
    return `[cockpit] Timed out after ${formatDuration(timeoutMs ?? outcome.durationMs)}; the process tree was stopped.`;
  }
  if (outcome.exitCode === 0) return `[cockpit] Succeeded in ${took}.`;
  const how =
    outcome.exitCode !== null ? `exit code ${outcome.exitCode}` : `signal ${outcome.signal ?? 'unknown'}`;
  return `[cockpit] Failed with ${how} after ${took}.`;
}
