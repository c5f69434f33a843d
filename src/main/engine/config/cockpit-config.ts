// The schema of cockpit.yml. Later capabilities (pipelines, environments, policies) extend it here;
// docs/config.md documents every key.
import { z } from 'zod';

export const CONFIG_FILE_NAME = 'cockpit.yml';

export const cockpitConfigSchema = z.strictObject({
  version: z.literal(1, { error: 'expected version: 1 (the only config version so far)' }),
  name: z.string().trim().min(1).max(200).optional(),
  description: z.string().max(2000).optional(),
  // Filled in by the pipelines and environments capabilities; accepted as-is until then.
  pipelines: z.record(z.string(), z.unknown()).optional(),
  environments: z.array(z.unknown()).optional(),
});

export type CockpitConfig = z.infer<typeof cockpitConfigSchema>;
