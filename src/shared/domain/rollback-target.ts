// A release an environment can be rolled back to: one that was live there before (deployed by the
// cockpit, or first seen by the environment's monitor), with when it was live and until when.
import { z } from 'zod';

export const rollbackTargetSchema = z.object({
  /** As recorded: the tag ("v1.0.0") when the commit is known here, else as the monitor reported it. */
  version: z.string(),
  /** Null when the reported version names no tag or commit in the repository (it cannot be deployed). */
  commit: z.string().nullable(),
  /** When it last became live there (ms since the epoch). */
  liveFrom: z.number(),
  /** When the next release replaced it; null when unknown. */
  liveUntil: z.number().nullable(),
  /** How it became live: a deployment by the cockpit, or only seen by the monitor. */
  source: z.enum(['deployed', 'observed']),
  /** The deployment that made it live (null when only observed). */
  deploymentId: z.number().int().nullable(),
  /** The newest target: what a rollback without a version goes to. */
  previous: z.boolean(),
});
export type RollbackTarget = z.infer<typeof rollbackTargetSchema>;
