// docs/cockpit.schema.json must match what scripts/generate-config-schema.ts builds today.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { configSchemaText, schemaFile } from '../../../../scripts/generate-config-schema.ts';

it('docs/cockpit.schema.json is up to date (run `npm run schema` after changing the config schema)', async () => {
  expect(readFileSync(schemaFile, 'utf8')).toBe(await configSchemaText());
});
