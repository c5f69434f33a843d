// Writes docs/cockpit.schema.json, the JSON Schema of cockpit.yml for editors (YAML language server,
// VS Code), from the zod schema the engine validates with — so the two cannot drift apart.
// Usage: node scripts/generate-config-schema.ts [--check]   (--check: exit 1 if the file is stale)
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import { z } from 'zod';
import { cockpitConfigSchema } from '../src/main/engine/config/cockpit-config.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const schemaFile = join(root, 'docs', 'cockpit.schema.json');

type Node = Record<string, unknown>;

/**
 * One line per key, shown by editors on hover and completion. docs/pipelines.md is the full
 * reference. Every key of the schema must be described here: a new key fails the script.
 */
const rootKeys = {
  version: 'The format version of this file. 1 is the only one so far.',
  name: "The project's display name. Defaults to the folder's name.",
  description: 'One or two sentences shown with the project.',
  owners: 'Who owns the project (names or emails), shown on the release board and in notifications.',
  pipelines:
    'Local pipelines, by name: jobs of shell commands that run on this machine. See docs/pipelines.md.',
  environments:
    'Remote environments the cockpit polls for health, latency, TLS expiry and the version they run; each may have deploy gates. See docs/environments.md and docs/releases.md.',
  lifecycle:
    'The order releases are promoted through, e.g. [dev, staging, production]. Default: environments by tier (development, staging, production). See docs/releases.md.',
  notifications:
    'Tell the team: channels (webhook, slack, teams, email) and rules saying which events go to which channels, per environment. URLs and passwords are named secrets, never written here. See docs/notifications.md.',
  artifacts:
    "Artifact retention: { keep_last_runs: N, keep_released: true }. Older runs' stored artifact files are removed (their names, sizes and checksums stay). See docs/pipelines.md.",
  diff: 'What the deploy dialog and `cockpit diff` compare besides commits and files: { variables: [config/*.env, deploy/values.yaml] }. See docs/releases.md.',
};
const diffKeys = {
  variables:
    'Configuration files (paths or globs inside the repository) compared key by key between the live and the proposed version: dotenv/properties lines, or YAML/JSON by dotted path. Values of secret-looking keys, credential-looking values and values of stored secrets are masked.',
};
const notificationKeys = {
  channels:
    'Where notifications go, by name: { type: webhook | slack | teams, url_secret: NAME } or { type: email, smtp: { host, port, security, user, password_secret }, from, to }.',
  people: 'Email addresses of the people named in gates.approvers, for approval requests by email.',
  rules:
    'Which events go to which channels: { events: all | [deploy.started, deploy.succeeded, deploy.failed, deploy.rolled_back, approval.requested, approval.given, incident.opened, incident.resolved, freeze.started], environments?: [...], channels: [...] }.',
};
const artifactKeys = {
  keep_last_runs:
    "Keep the stored artifacts of the project's N most recent runs; older runs' files are removed after each run and at start. Without it, artifacts stay as long as their run.",
  keep_released:
    'Also keep every build that was deployed: the deploy run and the successful runs on a deployed commit, however old. Default true.',
};
const gateKeys = {
  pipeline_passed: 'A pipeline (or list) that must have succeeded on the exact commit being deployed.',
  approvals: 'How many recorded approvals (with a comment) a deploy needs before it starts.',
  approvers: 'Who may approve: OS user names, or names set with COCKPIT_USER. Default: anyone.',
  allow_self_approval: 'Whether whoever requested a deploy may also approve it. Default false.',
  comment_required: 'Whether an approval must carry a comment. Default true; a rejection always needs one.',
  freeze:
    'Windows during which deploys are blocked: weekly { weekdays, from, to, timezone } (to: "24:00" is the end of the day) or dated { start, end, timezone }, each with an optional reason.',
  soak: 'How long the version must have been healthy in the previous lifecycle environment, e.g. "30m".',
  healthy_before:
    'When true, the environment must not be down when the deploy starts (a fix-forward needs an override).',
  rollback:
    'How rollbacks differ: { skip: [soak] } lists the gates a rollback here does not go by (approvals are kept unless listed).',
};
const pipelineKeys = {
  description: 'What the pipeline is for, shown in the app and by `cockpit pipelines`.',
  deploy:
    'Makes this a deploy pipeline: { environment: <name> } or { environment_param: <param> }, optional verify_timeout (default 2m). Its runs are deployments: gated, locked, verified and audited. See docs/releases.md.',
  params:
    'Inputs asked for when the pipeline starts (string, choice or boolean). Commands read them ONLY as environment variables COCKPIT_PARAM_<NAME> (name upper-cased), never spliced into command text.',
  env: 'Environment variables for every job of the pipeline (jobs can override them).',
  concurrency: 'How many jobs may run at once. Default: the number of CPU cores.',
  triggers:
    'What starts the pipeline besides a person: "manual" (the default), { commit: { branch } } when that local branch moves, { cron: "m h dom mon dow" } while the cockpit runs.',
  jobs: 'The jobs, by name. Jobs run in parallel unless one `needs` another.',
};
const jobKeys = {
  description: 'What the job does, shown with it.',
  run: 'The shell commands: one string (may be a multi-line block) or a list of lines. They run as one script; the first failing command fails the job.',
  needs: 'Jobs that must finish before this one starts (one name or a list).',
  env: 'Environment variables for this job; they override the pipeline env.',
  working_directory:
    'Where the commands run, relative to the project folder (no "..", not absolute). Default: the project folder.',
  shell: 'bash (default: bash --noprofile --norc -eo pipefail) or sh (sh -e).',
  timeout:
    'Stop the job (its whole process tree) after this long: "90s", "10m", "1h30m", or a number of seconds. Default: no limit.',
  retry:
    'Retry a failed attempt up to this many times (0-10), or { count, on_exit_codes } to retry only on those exit codes. Timed-out and cancelled attempts are not retried.',
  continue_on_error: "When true, this job's failure does not fail the run nor stop the jobs that need it.",
  if: 'When the job runs, judged by its needs: success (default: all succeeded), failure (at least one failed), always.',
  artifacts:
    'Files to keep after the run (globs relative to the working directory; folders are taken whole). They are copied into the data directory.',
  secrets:
    'Names of project secrets (cockpit secrets set NAME) given to the job as environment variables of the same name; masked in logs.',
};
const paramKeys = {
  type: 'string, choice or boolean.',
  description: 'Shown where the value is asked for.',
  default: 'The value used when none is given.',
  required: 'A string param that must not be empty.',
  pattern:
    'A JavaScript regular expression the value must match (anchor it with ^…$ to match the whole value).',
  options: 'The values a choice param can take.',
};

function child(node: Node, ...path: string[]): Node {
  let current = node;
  for (const key of path) {
    const next = current[key];
    if (typeof next !== 'object' || next === null) throw new Error(`the schema has no "${path.join('.')}"`);
    current = next as Node;
  }
  return current;
}

/** Adds descriptions to an object schema's properties, insisting that every property has one. */
function describe(objectSchema: Node, descriptions: Record<string, string>, where: string, partial = false) {
  const properties = child(objectSchema, 'properties');
  for (const key of Object.keys(properties)) {
    const text = descriptions[key];
    if (text === undefined)
      throw new Error(`${where}.${key} has no description in scripts/generate-config-schema.ts`);
    child(properties, key).description ??= text;
  }
  for (const key of partial ? [] : Object.keys(descriptions)) {
    if (!(key in properties))
      throw new Error(`${where}.${key} is described but is not in the schema any more`);
  }
}

export function buildConfigSchema(): Node {
  // Draft-07: what YAML language servers and most editors understand best. `io: 'input'` describes
  // what people write (e.g. `needs: build` as well as `needs: [build]`), before zod's transforms.
  const generated = z.toJSONSchema(cockpitConfigSchema, { io: 'input', target: 'draft-07' }) as Node;
  const { $schema, ...body } = generated;
  const schema: Node = {
    $schema,
    $id: 'urn:release-cockpit:cockpit.yml:1',
    title: 'Release Cockpit project configuration (cockpit.yml)',
    description:
      'cockpit.yml: pipelines and environments of one project, read by Release Cockpit. Reference: docs/config.md and docs/pipelines.md. Generated from the engine schema by scripts/generate-config-schema.ts; do not edit by hand.',
    ...body,
  };

  describe(schema, rootKeys, 'cockpit.yml');
  describe(child(schema, 'properties', 'artifacts'), artifactKeys, 'artifacts');
  describe(child(schema, 'properties', 'diff'), diffKeys, 'diff');
  const pipeline = child(schema, 'properties', 'pipelines', 'additionalProperties');
  describe(pipeline, pipelineKeys, 'pipelines.<name>');
  const job = child(pipeline, 'properties', 'jobs', 'additionalProperties');
  describe(job, jobKeys, 'jobs.<name>');
  // Each param type has some of the keys: check each variant's keys, and that every key is used somewhere.
  const variants = child(
    pipeline,
    'properties',
    'params',
    'additionalProperties',
    'oneOf',
  ) as unknown as Node[];
  for (const variant of variants) describe(variant, paramKeys, 'params.<name>', true);
  describe(child(schema, 'properties', 'notifications'), notificationKeys, 'notifications');
  const environment = child(schema, 'properties', 'environments', 'items');
  describe(child(environment, 'properties', 'gates'), gateKeys, 'environments.<n>.gates');
  const used = new Set(variants.flatMap((variant) => Object.keys(child(variant, 'properties'))));
  for (const key of Object.keys(paramKeys)) {
    if (!used.has(key))
      throw new Error(`params.<name>.${key} is described but is not in the schema any more`);
  }

  // What zod checks in code (refinements) and JSON Schema cannot say, approximated for editors.
  const jobProps = child(job, 'properties');
  child(jobProps, 'shell').default = 'bash';
  child(jobProps, 'if').default = 'success';
  const timeoutText = (child(jobProps, 'timeout', 'anyOf') as unknown as Node[]).find(
    (n) => n.type === 'string',
  );
  if (!timeoutText) throw new Error('timeout no longer accepts a string');
  timeoutText.pattern = '^(?:\\d+h)?(?:\\d+m)?(?:\\d+s)?$';
  timeoutText.examples = ['90s', '10m', '1h30m'];
  child(jobProps, 'working_directory').pattern = '^(?!/)(?!(?:.*[\\\\/])?\\.\\.(?:[\\\\/]|$)).*$';
  const triggers = child(pipeline, 'properties', 'triggers', 'items', 'anyOf') as unknown as Node[];
  const cron = triggers
    .map((t) => (t.properties as Node | undefined)?.cron as Node | undefined)
    .find(Boolean);
  if (!cron) throw new Error('the cron trigger is gone from the schema');
  cron.pattern = '^\\s*\\S+(\\s+\\S+){4}\\s*$';
  cron.description =
    'Five fields: minute hour day-of-month month day-of-week, e.g. "0 3 * * 1-5" (03:00 on weekdays, local time).';
  cron.examples = ['*/15 * * * *', '0 3 * * 1-5', '30 6 1 * *'];
  return schema;
}

/** The file's exact text: formatted by Prettier with the repository's settings, so `npm run lint` agrees. */
export async function configSchemaText(): Promise<string> {
  const json = JSON.stringify(buildConfigSchema(), null, 2);
  const options = (await prettier.resolveConfig(schemaFile)) ?? {};
  return prettier.format(json, { ...options, filepath: schemaFile });
}

async function main(argv: string[]): Promise<number> {
  const text = await configSchemaText();
  const shown = relative(process.cwd(), schemaFile);
  if (argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(schemaFile, 'utf8');
    } catch {
      // missing counts as stale
    }
    if (current === text) return 0;
    console.error(`${shown} is out of date with the config schema: run "npm run schema" and commit it.`);
    return 1;
  }
  writeFileSync(schemaFile, text);
  console.warn(`wrote ${shown}`);
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = await main(process.argv.slice(2));
}
