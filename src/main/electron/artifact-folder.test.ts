import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanupFixtures, tempDir } from '../testing/fixtures.ts';
import { artifactToReveal } from './artifact-folder.ts';

afterEach(cleanupFixtures);

describe('artifactToReveal', () => {
  it('finds a kept artifact and refuses anything else', () => {
    const dataDir = tempDir();
    mkdirSync(join(dataDir, 'artifacts', '4', 'unit_tests', 'dist'), { recursive: true });
    writeFileSync(join(dataDir, 'artifacts', '4', 'unit_tests', 'dist', 'app.js'), 'x');
    writeFileSync(join(dataDir, 'cockpit.db'), '');
    expect(artifactToReveal(dataDir, { runId: 4, job: 'unit tests', path: 'dist/app.js' })).toBe(
      join(dataDir, 'artifacts', '4', 'unit_tests', 'dist', 'app.js'),
    );
    expect(artifactToReveal(dataDir, { runId: 4, job: 'unit tests', path: 'dist/gone.js' })).toBeNull();
    expect(artifactToReveal(dataDir, { runId: 4, job: 'x', path: '../../../cockpit.db' })).toBeNull();
    expect(artifactToReveal(dataDir, { runId: 4, job: '..', path: '../cockpit.db' })).toBeNull();
    expect(artifactToReveal(dataDir, { runId: '4', job: 'unit tests', path: 'dist/app.js' })).toBeNull();
    expect(
      artifactToReveal(dataDir, { runId: 4, job: 'unit tests', path: 'dist/app.js', extra: 1 }),
    ).toBeNull();
    expect(artifactToReveal(dataDir, null)).toBeNull();
  });
});
