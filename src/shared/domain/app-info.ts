// Facts about the running engine that the Settings view and diagnostics show.
import { z } from 'zod';

export const appInfoSchema = z.object({
  version: z.string(),
  dataDir: z.string(),
  databasePath: z.string(),
  logDir: z.string(),
  schemaVersion: z.number().int(),
  host: z.enum(['electron', 'web', 'cli', 'test']),
  /** Who this cockpit acts as (COCKPIT_USER, else the OS user): recorded on runs, deploys, approvals. */
  actor: z.string(),
});
export type AppInfo = z.infer<typeof appInfoSchema>;
