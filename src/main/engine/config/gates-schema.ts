// The `gates:` of an environment: policy as code that every deploy to it must pass before it starts.
// docs/releases.md documents each gate.
import { z } from 'zod';
import { durationSchema } from '../kernel/duration.ts';
import { jobName } from './pipeline-schema.ts';
import { timeWindowSchema } from './time-window-schema.ts';

export const gatesSchema = z.strictObject({
  /** That pipeline (or each of them) succeeded on the exact commit being deployed. */
  pipeline_passed: z
    .union([jobName, z.array(jobName).min(1)])
    .transform((names) => (typeof names === 'string' ? [names] : names))
    .optional(),
  /** How many recorded approvals a deploy needs before it starts. */
  approvals: z.number().int().min(1).max(10).optional(),
  /** Who may approve (OS user names, or the name set in COCKPIT_USER); anyone when absent. */
  approvers: z.array(z.string().min(1)).min(1).optional(),
  /** Whether an approval must carry a comment. Default true; a rejection always needs one. */
  comment_required: z.boolean().optional(),
  /** Whether whoever requested a deploy may approve it too. Default false. */
  allow_self_approval: z.boolean().optional(),
  /** Windows during which deploys are blocked: weekly (weekdays + from/to) or dated (start/end). */
  freeze: z.array(timeWindowSchema).optional(),
  /** The version must have been healthy in the previous lifecycle environment at least this long. */
  soak: durationSchema.optional(),
  /** The environment must not be down when the deploy starts (a fix-forward needs an override). */
  healthy_before: z.boolean().optional(),
  /**
   * Rollbacks go by these gates too, except those listed in `skip` (e.g. `skip: [soak]`: the old
   * version need not soak again). Approvals are kept unless skipped.
   */
  rollback: z
    .strictObject({
      skip: z.array(z.enum(['pipeline_passed', 'approvals', 'freeze', 'soak', 'healthy_before'])).min(1),
    })
    .optional(),
});

export type GatesConfig = z.output<typeof gatesSchema>;
