// The schema of cockpit.yml. Later capabilities (pipelines, environments, policies) extend it here;
// docs/config.md documents every key.
import { z } from 'zod';
import { findCycle } from '../kernel/job-graph.ts';
import { environmentSchema } from './environment-schema.ts';
import { notificationsSchema } from './notifications-schema.ts';
import { jobName, pipelineSchema } from './pipeline-schema.ts';

export const CONFIG_FILE_NAME = 'cockpit.yml';

export const cockpitConfigSchema = z.strictObject({
  version: z.literal(1, { error: 'expected version: 1 (the only config version so far)' }),
  name: z.string().trim().min(1).max(200).optional(),
  description: z.string().max(2000).optional(),
  /** Who owns the project: names or emails, shown on the board and in notifications. */
  owners: z.array(z.string().trim().min(1).max(200)).optional(),
  pipelines: z.record(jobName, pipelineSchema).optional(),
  environments: z.array(environmentSchema).optional(),
  /** The order releases are promoted through; default: environments by tier (development, staging, production). */
  lifecycle: z.array(jobName).min(1).optional(),
  /** Who hears about deploys, approvals, incidents and freezes, and how (docs/notifications.md). */
  notifications: notificationsSchema.optional(),
  /** How long runs' artifacts are kept (their rows, with size and checksum, always stay). */
  artifacts: z
    .strictObject({
      /** Keep the stored artifacts of the project's N most recent runs; older ones are removed. */
      keep_last_runs: z.number().int().min(1).max(100_000).optional(),
      /** Keep every build that was deployed, however old (default true). */
      keep_released: z.boolean().optional(),
    })
    .optional(),
  /** What the deploy dialog's diff compares besides commits and files (docs/releases.md). */
  diff: z
    .strictObject({
      /** Configuration files (paths or globs in the repository) whose keys are compared: added, removed, changed. */
      variables: z
        .array(
          z
            .string()
            .trim()
            .min(1)
            .max(500)
            .refine((pattern) => !pattern.startsWith('/') && !pattern.split('/').includes('..'), {
              error: 'expected a path inside the repository (no leading "/", no "..")',
            }),
        )
        .max(50),
    })
    .optional(),
});

export type CockpitConfig = z.infer<typeof cockpitConfigSchema>;

export interface SemanticProblem {
  path: (string | number)[];
  message: string;
}

/** Checks zod cannot express: needs that point nowhere, and dependency cycles (named in full). */
export function checkConfigSemantics(config: CockpitConfig): SemanticProblem[] {
  const problems: SemanticProblem[] = [];
  for (const [pipelineName, pipeline] of Object.entries(config.pipelines ?? {})) {
    const jobs = pipeline.jobs;
    for (const [name, job] of Object.entries(jobs)) {
      (job.needs ?? []).forEach((need, index) => {
        if (!(need in jobs)) {
          problems.push({
            path: ['pipelines', pipelineName, 'jobs', name, 'needs', index],
            message: `job "${name}" needs "${need}", which is not a job of pipeline "${pipelineName}" (jobs: ${Object.keys(jobs).join(', ')})`,
          });
        } else if (need === name) {
          problems.push({
            path: ['pipelines', pipelineName, 'jobs', name, 'needs', index],
            message: `job "${name}" needs itself`,
          });
        }
      });
    }
    const cycle = findCycle(jobs);
    if (cycle && cycle.length > 2) {
      problems.push({
        path: ['pipelines', pipelineName, 'jobs', cycle[0]!, 'needs'],
        message: `dependency cycle in pipeline "${pipelineName}": ${cycle.join(' → ')}`,
      });
    }
  }
  problems.push(...checkEnvironmentSemantics(config));
  problems.push(...checkReleaseSemantics(config));
  problems.push(...checkNotificationSemantics(config));
  return problems;
}

/** Rules must name channels that exist, and environments that exist. */
function checkNotificationSemantics(config: CockpitConfig): SemanticProblem[] {
  const notifications = config.notifications;
  if (!notifications) return [];
  const problems: SemanticProblem[] = [];
  const channels = Object.keys(notifications.channels);
  const environments = new Set((config.environments ?? []).map((env) => env.name));
  notifications.rules.forEach((rule, index) => {
    rule.channels.forEach((channel, c) => {
      if (!channels.includes(channel)) {
        problems.push({
          path: ['notifications', 'rules', index, 'channels', c],
          message: `rule ${index + 1} sends to "${channel}", which is not a channel under notifications.channels (channels: ${channels.join(', ') || 'none'})`,
        });
      }
    });
    (rule.environments ?? []).forEach((name, e) => {
      if (!environments.has(name)) {
        problems.push({
          path: ['notifications', 'rules', index, 'environments', e],
          message: `rule ${index + 1} names "${name}", which is not an environment here (environments: ${[...environments].join(', ') || 'none'})`,
        });
      }
    });
  });
  return problems;
}

/** Deploy targets, lifecycle entries and gate pipelines must name things that exist. */
function checkReleaseSemantics(config: CockpitConfig): SemanticProblem[] {
  const problems: SemanticProblem[] = [];
  const environments = new Set((config.environments ?? []).map((env) => env.name));
  const pipelines = Object.keys(config.pipelines ?? {});
  const listed = `(environments: ${[...environments].join(', ') || 'none'})`;
  const inLifecycle = new Set<string>();
  (config.lifecycle ?? []).forEach((name, index) => {
    if (!environments.has(name)) {
      problems.push({
        path: ['lifecycle', index],
        message: `the lifecycle lists "${name}", which is not an environment here ${listed}`,
      });
    } else if (inLifecycle.has(name)) {
      problems.push({ path: ['lifecycle', index], message: `"${name}" is already in the lifecycle` });
    }
    inLifecycle.add(name);
  });
  for (const [name, pipeline] of Object.entries(config.pipelines ?? {})) {
    const deploy = pipeline.deploy;
    if (!deploy) continue;
    if ('environment' in deploy && !environments.has(deploy.environment)) {
      problems.push({
        path: ['pipelines', name, 'deploy', 'environment'],
        message: `pipeline "${name}" deploys to "${deploy.environment}", which is not an environment here ${listed}`,
      });
    }
    if ('environment_param' in deploy) {
      const param = pipeline.params?.[deploy.environment_param];
      if (!param) {
        problems.push({
          path: ['pipelines', name, 'deploy', 'environment_param'],
          message: `pipeline "${name}" has no param "${deploy.environment_param}" to name its environment`,
        });
      } else if (param.type === 'boolean') {
        problems.push({
          path: ['pipelines', name, 'deploy', 'environment_param'],
          message: `param "${deploy.environment_param}" is a boolean; it must be a choice (or string) of environment names`,
        });
      } else if (param.type === 'choice') {
        param.options.forEach((option, index) => {
          if (!environments.has(option)) {
            problems.push({
              path: ['pipelines', name, 'params', deploy.environment_param, 'options', index],
              message: `"${option}" is not an environment here ${listed}`,
            });
          }
        });
      }
    }
  }
  const pipelineNames = new Set(pipelines);
  (config.environments ?? []).forEach((env, index) => {
    const after = env.auto_deploy?.after;
    if (after !== undefined && !pipelineNames.has(after)) {
      problems.push({
        path: ['environments', index, 'auto_deploy', 'after'],
        message: `auto_deploy waits for pipeline "${after}", which is not a pipeline here (pipelines: ${pipelines.join(', ') || 'none'})`,
      });
    }
    if (env.auto_deploy && env.auto_promote) {
      problems.push({
        path: ['environments', index, 'auto_promote'],
        message: `"${env.name}" has both auto_deploy and auto_promote; keep one (auto_deploy ships a branch, auto_promote what the previous environment runs)`,
      });
    }
    (env.gates?.pipeline_passed ?? []).forEach((pipeline) => {
      if (!pipelineNames.has(pipeline)) {
        problems.push({
          path: ['environments', index, 'gates', 'pipeline_passed'],
          message: `gate pipeline_passed names "${pipeline}", which is not a pipeline here (pipelines: ${pipelines.join(', ') || 'none'})`,
        });
      }
    });
  });
  return problems;
}

function checkEnvironmentSemantics(config: CockpitConfig): SemanticProblem[] {
  const problems: SemanticProblem[] = [];
  const environments = config.environments ?? [];
  const names = environments.map((env) => env.name);
  const firstIndex = new Map<string, number>();
  names.forEach((name, index) => {
    if (!firstIndex.has(name)) firstIndex.set(name, index);
  });
  environments.forEach((env, index) => {
    if (firstIndex.get(env.name) !== index) {
      problems.push({
        path: ['environments', index, 'name'],
        message: `another environment is already named "${env.name}"`,
      });
    }
    (env.depends_on ?? []).forEach((dependency, d) => {
      if (!firstIndex.has(dependency)) {
        problems.push({
          path: ['environments', index, 'depends_on', d],
          message: `"${env.name}" depends on "${dependency}", which is not an environment here (environments: ${names.join(', ')})`,
        });
      }
    });
  });
  const graph = Object.fromEntries(environments.map((env) => [env.name, { needs: env.depends_on ?? [] }]));
  const cycle = findCycle(graph);
  if (cycle) {
    const index = firstIndex.get(cycle[0]!)!;
    problems.push({
      path: ['environments', index, 'depends_on'],
      message: `environments depend on each other in a cycle: ${cycle.join(' → ')}`,
    });
  }
  return problems;
}
