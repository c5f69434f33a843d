// The `pipelines:` section of cockpit.yml: named pipelines of shell jobs forming a DAG.
// docs/pipelines.md documents every key; docs/cockpit.schema.json is generated from this file.
import { z } from 'zod';
import { variableRecord } from '../../../shared/domain/run.ts';
import { cronProblem } from '../kernel/cron.ts';
import { durationSchema } from '../kernel/duration.ts';

export const identifier = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected letters, digits and underscores, not starting with a digit');

export const jobName = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9_.-]*$/,
    'expected letters, digits, ".", "_" and "-", starting with a letter or digit',
  );

const envValue = z.union([z.string(), z.number(), z.boolean()]).transform(String);
export const envSchema = variableRecord(identifier, envValue);

const stringParam = z.strictObject({
  type: z.literal('string'),
  description: z.string().optional(),
  default: z.string().optional(),
  required: z.boolean().optional(),
  pattern: z
    .string()
    .refine((source) => {
      try {
        new RegExp(source);
        return true;
      } catch {
        return false;
      }
    }, 'expected a valid regular expression')
    .optional(),
});
const choiceParam = z
  .strictObject({
    type: z.literal('choice'),
    description: z.string().optional(),
    options: z.array(z.string()).min(1, 'a choice needs at least one option'),
    default: z.string().optional(),
  })
  .refine((param) => param.default === undefined || param.options.includes(param.default), {
    message: 'default must be one of the options',
    path: ['default'],
  });
const booleanParam = z.strictObject({
  type: z.literal('boolean'),
  description: z.string().optional(),
  default: z.boolean().optional(),
});
export const paramSchema = z.discriminatedUnion('type', [stringParam, choiceParam, booleanParam]);

const cronExpression = z.string().superRefine((expression, ctx) => {
  const problem = cronProblem(expression);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});
export const triggerSchema = z.union([
  z.literal('manual'),
  z.strictObject({ commit: z.strictObject({ branch: z.string().min(1) }) }),
  z.strictObject({ cron: cronExpression }),
]);

const retrySchema = z
  .union([
    z.number().int().min(0).max(10),
    z.strictObject({
      count: z.number().int().min(0).max(10),
      on_exit_codes: z.array(z.number().int().min(0).max(255)).min(1).optional(),
    }),
  ])
  .transform((retry) => (typeof retry === 'number' ? { count: retry } : retry));

export const jobSchema = z.strictObject({
  description: z.string().optional(),
  run: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
  needs: z
    .union([jobName, z.array(jobName)])
    .transform((needs) => (typeof needs === 'string' ? [needs] : needs))
    .optional(),
  env: envSchema.optional(),
  working_directory: z
    .string()
    .refine((dir) => !dir.startsWith('/') && !dir.split(/[\\/]/).includes('..'), {
      message: 'expected a folder inside the project (relative, without "..")',
    })
    .optional(),
  shell: z.enum(['bash', 'sh']).optional(),
  timeout: durationSchema.optional(),
  retry: retrySchema.optional(),
  continue_on_error: z.boolean().optional(),
  if: z.enum(['success', 'failure', 'always']).optional(),
  artifacts: z.array(z.string().min(1)).optional(),
  secrets: z.array(identifier).optional(),
});

/** `deploy:` makes a deploy pipeline: its runs record deployments, pass gates and are verified. */
export const deploySchema = z.union([
  z.strictObject({
    /** The environment this pipeline deploys to. */
    environment: jobName,
    /** How long to poll the environment's version check for the new version. Default 2m. */
    verify_timeout: durationSchema.optional(),
  }),
  z.strictObject({
    /** A param of this pipeline whose value names the environment (a choice of environments). */
    environment_param: identifier,
    verify_timeout: durationSchema.optional(),
  }),
]);

export const DEFAULT_VERIFY_TIMEOUT_MS = 120_000;

export const pipelineSchema = z.strictObject({
  description: z.string().optional(),
  deploy: deploySchema.optional(),
  params: variableRecord(identifier, paramSchema).optional(),
  env: envSchema.optional(),
  concurrency: z.number().int().min(1).max(256).optional(),
  triggers: z.array(triggerSchema).optional(),
  jobs: z
    .record(jobName, jobSchema)
    .refine((jobs) => Object.keys(jobs).length > 0, 'a pipeline needs at least one job'),
});

export type PipelineConfig = z.output<typeof pipelineSchema>;
export type JobConfig = z.output<typeof jobSchema>;
export type ParamConfig = z.output<typeof paramSchema>;
export type TriggerConfig = z.output<typeof triggerSchema>;
export type DeployConfig = z.output<typeof deploySchema>;
