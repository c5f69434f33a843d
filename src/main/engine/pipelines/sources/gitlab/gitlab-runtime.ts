// GitLab's run-time rules: `when` judged by the jobs a job waits for (allow_failure failures count
// as passed; a skipped job of an earlier stage does not hold a job back, a skipped need does),
// after_script after a failure too, dotenv reports passed on to later jobs, the local cache, the
// run's CI_* variables, and collapsible sections from section_start/section_end markers.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { JobStatus } from '../../../../../shared/domain/run.ts';
import type { Decision, LineEffect, OutputParser, PipelineRuntime } from '../types.ts';
import type { GitlabJobData } from './gitlab-plan.ts';

const FAILED: ReadonlySet<JobStatus> = new Set(['failed', 'timed_out', 'cancelled', 'interrupted']);

export function gitlabRuntime(): PipelineRuntime {
  return {
    decideJob(job, context): Decision {
      if (context.cancelled) return { run: false, status: 'cancelled', reason: 'the pipeline was cancelled' };
      const data = job.data as GitlabJobData;
      if (data.when === 'always') return { run: true };
      const needs = Object.entries(context.needs);
      const failed = needs
        .filter(([, need]) => FAILED.has(need.status) && !need.continueOnError)
        .map(([id]) => id);
      if (data.when === 'on_failure') {
        return failed.length > 0
          ? { run: true }
          : { run: false, status: 'skipped', reason: 'when: on_failure, and no job before it failed' };
      }
      if (failed.length > 0) {
        return { run: false, status: 'skipped', reason: `${failed.join(', ')} failed` };
      }
      if (data.explicitNeeds !== null) {
        const skipped = needs.filter(([, need]) => need.status === 'skipped').map(([id]) => id);
        if (skipped.length > 0)
          return { run: false, status: 'skipped', reason: `${skipped.join(', ')} did not run` };
      }
      return { run: true };
    },
    openJob(job, context) {
      const { facts } = context;
      const data = job.data as GitlabJobData;
      const ciVariables: Record<string, string> = {
        CI_PIPELINE_ID: String(facts.runId),
        CI_PIPELINE_IID: String(facts.runId),
        CI_JOB_ID: `${facts.runId}${String(context.attempt).padStart(2, '0')}`,
        GITLAB_USER_LOGIN: facts.actor,
      };
      // dotenv reports of the jobs it takes artifacts from: above the file's variables, as in GitLab.
      const dotenv: Record<string, string> = {};
      for (const id of data.dotenvFrom) Object.assign(dotenv, context.needs[id]?.outputs ?? {});
      // The cache outlives runs: under the data folder, per project (the work folder is per attempt).
      const cacheRoot = join(
        context.dataDir ?? join(context.workDir, 'cache'),
        'gitlab-cache',
        hash(facts.projectDir),
      );
      const cwd = job.workingDirectory ? resolve(facts.projectDir, job.workingDirectory) : facts.projectDir;
      return {
        beginStep(step, stepContext) {
          if (stepContext.cancelled) return { run: false, reason: 'the pipeline was cancelled' };
          const env: Record<string, string> = {
            ...ciVariables,
            ...stepContext.baseEnv,
            ...dotenv,
            // As in GitLab: "running" while the job's scripts run, its outcome in after_script.
            CI_JOB_STATUS:
              step.key !== 'after_script' && step.key !== 'cache_save'
                ? 'running'
                : stepContext.jobStatus === 'success'
                  ? 'success'
                  : 'failed',
          };
          let script = step.script;
          if (step.key === 'cache_restore' || step.key === 'cache_save') {
            const restore = step.key === 'cache_restore';
            const chosen = data.caches.filter((cache) =>
              restore
                ? cache.policy !== 'push'
                : cache.policy !== 'pull' && cacheWhen(cache.when, stepContext.jobStatus),
            );
            if (chosen.length === 0)
              return {
                run: false,
                reason: restore ? 'no cache to restore (policy: push)' : 'no cache to save now',
              };
            chosen.forEach((cache, i) => {
              env[`COCKPIT_CACHE_DIR_${i}`] = join(cacheRoot, keyOf(cache.key, cwd));
              env[`COCKPIT_CACHE_KEY_${i}`] = cache.key;
              env[`COCKPIT_CACHE_PATHS_${i}`] = cache.paths.join('\n');
            });
            script = chosen.map((_, i) => (restore ? restoreScript(i) : saveScript(i))).join('\n');
          }
          return {
            run: true,
            step: {
              name: step.name,
              script,
              shell: step.shell,
              env,
              workingDirectory: step.workingDirectory,
            },
          };
        },
        endStep: () => ({}),
        endJob(status) {
          // A dotenv report is read after the job, whatever its status (GitLab uploads reports always).
          const outputs: Record<string, string> = {};
          for (const file of data.dotenv) {
            let text: string;
            try {
              text = readFileSync(resolve(cwd, file), 'utf8');
            } catch {
              continue;
            }
            Object.assign(outputs, parseDotenv(text));
          }
          void status;
          return outputs;
        },
      };
    },
    outputParser: sectionParser,
  };
}

/** A project folder's cache name, computed once per folder (asked for every job). */
const folderHashes = new Map<string, string>();
function hash(text: string): string {
  let found = folderHashes.get(text);
  if (found === undefined) {
    found = createHash('sha256').update(text).digest('hex').slice(0, 16);
    if (folderHashes.size > 1000) folderHashes.clear();
    folderHashes.set(text, found);
  }
  return found;
}

/** A cache key as a folder name; `files:` keys hash the named files' contents, as GitLab does. */
function keyOf(key: string, cwd: string): string {
  const files = /^files:([^:]*):(.*)$/s.exec(key);
  if (files) {
    const digest = createHash('sha256');
    for (const file of files[2]!.split(',')) {
      try {
        digest.update(readFileSync(resolve(cwd, file)));
      } catch {
        digest.update(`missing:${file}`);
      }
    }
    return `${files[1] ? `${files[1]}-` : ''}${digest.digest('hex').slice(0, 40)}`;
  }
  return key.replaceAll(/[^\w.-]/g, '_') || 'default';
}

function cacheWhen(when: string, status: 'success' | 'failure' | 'cancelled'): boolean {
  return when === 'always' || (when === 'on_success' ? status === 'success' : status !== 'success');
}

// The cache's folder and paths reach the shell only as environment variables; the patterns are
// expanded by the shell's globbing (globstar), never read as code.
function restoreScript(i: number): string {
  return [
    `if [ -d "$COCKPIT_CACHE_DIR_${i}" ]; then`,
    `  cp -a "$COCKPIT_CACHE_DIR_${i}/." . && echo "Restored cache '$COCKPIT_CACHE_KEY_${i}'"`,
    'else',
    `  echo "No cache '$COCKPIT_CACHE_KEY_${i}' yet"`,
    'fi',
  ].join('\n');
}

function saveScript(i: number): string {
  return [
    'shopt -s globstar nullglob dotglob',
    `rm -rf "$COCKPIT_CACHE_DIR_${i}.new" && mkdir -p "$COCKPIT_CACHE_DIR_${i}.new"`,
    'saved=0',
    `while IFS= read -r pattern; do`,
    '  [ -n "$pattern" ] || continue',
    "  IFS=$'\\n'",
    '  for path in $pattern; do',
    `    mkdir -p "$COCKPIT_CACHE_DIR_${i}.new/$(dirname -- "$path")"`,
    `    cp -a -- "$path" "$COCKPIT_CACHE_DIR_${i}.new/$(dirname -- "$path")/" && saved=$((saved + 1))`,
    '  done',
    '  unset IFS',
    `done <<< "$COCKPIT_CACHE_PATHS_${i}"`,
    `rm -rf "$COCKPIT_CACHE_DIR_${i}" && mv "$COCKPIT_CACHE_DIR_${i}.new" "$COCKPIT_CACHE_DIR_${i}"`,
    `echo "Saved cache '$COCKPIT_CACHE_KEY_${i}' ($saved paths)"`,
  ].join('\n');
}

/** KEY=value lines (comments and blank lines ignored, quotes around a value removed). */
export function parseDotenv(text: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!match || line.trim().startsWith('#')) continue;
    let value = match[2]!;
    if (/^(["']).*\1$/s.test(value)) value = value.slice(1, -1);
    result[match[1]!] = value;
  }
  return result;
}

// section_start:1560896352:name[collapsed=true]\r\e[0KTitle   and   section_end:1560896353:name\r\e[0K
// eslint-disable-next-line no-control-regex -- the markers carry terminal escapes
const START = /section_start:\d+:[A-Za-z0-9_.-]+(?:\[[^\]]*\])?\r?(?:\u001b\[0K)?(.*)$/;
const END = /section_end:\d+:[A-Za-z0-9_.-]+/;
// eslint-disable-next-line no-control-regex -- removing terminal escapes from a title
const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/g;

export const sectionParser: OutputParser = {
  needles: ['section_'],
  parse(line): LineEffect | null {
    const start = START.exec(line);
    if (start) {
      const title = (start[1] ?? '').replace(ANSI, '').trim();
      return { kind: 'group-start', title: title || 'section' };
    }
    return END.test(line) ? { kind: 'group-end' } : null;
  },
};
