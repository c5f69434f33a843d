// The engine protocol: every method (params and result schemas) and every event, in one table.
// The engine validates against it, the typed client is derived from it, and every transport carries it.
import { z } from 'zod';
import { appInfoSchema } from './domain/app-info.ts';
import { folderInspectionSchema, projectSchema } from './domain/project.ts';

const projectId = z.number().int().positive();
const folderPath = z.string().trim().min(1, 'path is empty').max(4096, 'path is too long');

function method<P extends z.ZodType, R extends z.ZodType>(params: P, result: R, summary: string) {
  return { params, result, summary };
}

export const methods = {
  'app.info': method(z.strictObject({}), appInfoSchema, 'Version, data directory and schema version.'),
  'app.reportError': method(
    z.strictObject({
      source: z.enum(['renderer', 'shell']),
      message: z.string().max(10_000),
      stack: z.string().max(50_000).optional(),
    }),
    z.strictObject({ logged: z.literal(true) }),
    'Write an error that happened in a client into the engine log.',
  ),
  'projects.list': method(z.strictObject({}), z.array(projectSchema), 'All projects, by name.'),
  'projects.get': method(z.strictObject({ id: projectId }), projectSchema, 'One project.'),
  'projects.inspect': method(
    z.strictObject({ path: folderPath }),
    folderInspectionSchema,
    'What adding this folder would do: does it exist, have a cockpit.yml, is it a git repository.',
  ),
  'projects.add': method(
    z.strictObject({
      path: folderPath,
      name: z.string().trim().min(1).max(200).optional(),
      createConfig: z.boolean().optional(),
    }),
    projectSchema,
    'Add a folder as a project; with createConfig, write a starter cockpit.yml when it has none.',
  ),
  'projects.remove': method(
    z.strictObject({ id: projectId }),
    z.strictObject({ id: projectId }),
    'Forget a project (its folder is not touched).',
  ),
  'projects.refresh': method(
    z.strictObject({ id: projectId }),
    projectSchema,
    'Re-read cockpit.yml and git facts.',
  ),
  'projects.openDemo': method(
    z.strictObject({}),
    projectSchema,
    'Copy the demo project into the data directory (once) as a git repository and add it.',
  ),
} as const;

export const events = {
  'projects.changed': z.strictObject({
    reason: z.enum(['added', 'removed', 'updated']),
    ids: z.array(projectId),
  }),
  'engine.notice': z.strictObject({
    level: z.enum(['info', 'warning', 'error']),
    message: z.string(),
  }),
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type EventName = keyof typeof events;

/** What a caller passes (before defaults are applied). */
export type ParamsIn<M extends MethodName> = z.input<Methods[M]['params']>;
/** What a handler receives (after validation). */
export type ParamsOut<M extends MethodName> = z.output<Methods[M]['params']>;
export type Result<M extends MethodName> = z.output<Methods[M]['result']>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

export const methodNames = Object.keys(methods) as MethodName[];
export const eventNames = Object.keys(events) as EventName[];

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(methods, name);
}
