// The schema of cockpit.yml. Later capabilities (pipelines, environments, policies) extend it here;
// docs/config.md documents every key.
import { z } from 'zod';
import { findCycle } from '../pipelines/planner.ts';
import { environmentSchema } from './environment-schema.ts';
import { jobName, pipelineSchema } from './pipeline-schema.ts';

export const CONFIG_FILE_NAME = 'cockpit.yml';

export const cockpitConfigSchema = z.strictObject({
  version: z.literal(1, { error: 'expected version: 1 (the only config version so far)' }),
  name: z.string().trim().min(1).max(200).optional(),
  description: z.string().max(2000).optional(),
  pipelines: z.record(jobName, pipelineSchema).optional(),
  environments: z.array(environmentSchema).optional(),
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
  return problems;
}

function checkEnvironmentSemantics(config: CockpitConfig): SemanticProblem[] {
  const problems: SemanticProblem[] = [];
  const environments = config.environments ?? [];
  const names = environments.map((env) => env.name);
  environments.forEach((env, index) => {
    if (names.indexOf(env.name) !== index) {
      problems.push({
        path: ['environments', index, 'name'],
        message: `another environment is already named "${env.name}"`,
      });
    }
    (env.depends_on ?? []).forEach((dependency, d) => {
      if (!names.includes(dependency)) {
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
    const index = names.indexOf(cycle[0]!);
    problems.push({
      path: ['environments', index, 'depends_on'],
      message: `environments depend on each other in a cycle: ${cycle.join(' → ')}`,
    });
  }
  return problems;
}
