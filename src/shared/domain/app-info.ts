// Facts about the running engine that the Settings view and diagnostics show.
import { z } from 'zod';

export const appInfoSchema = z.object({
  version: z.string(),
  dataDir: z.string(),
  databasePath: z.string(),
  logDir: z.string(),
  schemaVersion: z.number().int(),
  host: z.enum(['electron', 'web', 'cli', 'test']),
});
export type AppInfo = z.infer<typeof appInfoSchema>;
