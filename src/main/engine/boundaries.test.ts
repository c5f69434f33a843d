// The folder rules of .dependency-cruiser.js (run by `npm run lint`) on a small engine tree in a temp
// folder: each deliberate violation fails the check with the rule and the file named, and the same
// tree without it passes — so the rule can fail, and fails for the right reason.
import { spawnSync } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanupFixtures, tempDir, writeFiles } from '../testing/fixtures.ts';

const repoRoot = join(import.meta.dirname, '..', '..', '..');
const cruiser = join(repoRoot, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruiser.mjs');

/** A kernel piece, two features with their public entries, the composition root and a host. */
const cleanTree: Record<string, string> = {
  'tsconfig.node.json': JSON.stringify({
    compilerOptions: { module: 'nodenext', allowImportingTsExtensions: true, noEmit: true, strict: true },
    include: ['src/**/*'],
  }),
  'src/main/engine/kernel/clock.ts': 'export const now = (): number => Date.now();\n',
  'src/main/engine/pipelines/run-service.ts':
    "import { now } from '../kernel/clock.ts';\nexport const startRun = (): number => now();\n",
  'src/main/engine/pipelines/index.ts': "export { startRun } from './run-service.ts';\n",
  'src/main/engine/releases/deploy-driver.ts':
    "import { startRun } from '../pipelines/index.ts';\nexport const deploy = (): number => startRun();\n",
  'src/main/engine/releases/index.ts': "export { deploy } from './deploy-driver.ts';\n",
  'src/main/engine/engine.ts':
    "import { deploy } from './releases/index.ts';\nexport const createEngine = () => ({ deploy });\n",
  'src/main/host/cli/run-cli.ts':
    "import { createEngine } from '../../engine/engine.ts';\nexport const run = () => createEngine();\n",
};

function cruise(extra: Record<string, string>): { status: number | null; output: string } {
  const dir = tempDir('cockpit-boundaries-');
  writeFiles(dir, { ...cleanTree, ...extra });
  copyFileSync(join(repoRoot, '.dependency-cruiser.js'), join(dir, '.dependency-cruiser.js'));
  const result = spawnSync(process.execPath, [cruiser, 'src', '--config', '.dependency-cruiser.js'], {
    cwd: dir,
    encoding: 'utf8',
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

afterEach(cleanupFixtures);

/** One tree breaking each rule once, cruised once (the cruiser takes seconds to start). */
const violations: Record<string, string> = {
  // a feature reaching into another feature's file
  'src/main/engine/releases/deploy-driver.ts':
    "import { startRun } from '../pipelines/run-service.ts';\nexport const deploy = (): number => startRun();\n",
  // the kernel importing a feature
  'src/main/engine/kernel/clock.ts':
    "import type { deploy } from '../releases/index.ts';\nexport type Deploy = typeof deploy;\n" +
    'export const now = (): number => Date.now();\n',
  // a host past the engine's entries
  'src/main/host/cli/run-cli.ts':
    "import { deploy } from '../../engine/releases/deploy-driver.ts';\nexport const run = () => deploy();\n",
  // two features importing each other (releases already uses pipelines)
  'src/main/engine/pipelines/run-service.ts':
    "import { now } from '../kernel/clock.ts';\nimport type { deploy } from '../releases/index.ts';\n" +
    'export type Deploy = typeof deploy;\nexport const startRun = (): number => now();\n',
};
let broken: { status: number | null; output: string } | undefined;
const brokenTree = () => (broken ??= cruise(violations));

describe('engine folder rules', () => {
  it('pass a tree where features meet only through index.ts', () => {
    const { status, output } = cruise({});
    expect(output).toContain('no dependency violations found');
    expect(status).toBe(0);
  });

  it("fail a feature that reaches into another feature's file, naming the file and the rule", () => {
    const { status, output } = brokenTree();
    expect(status).not.toBe(0);
    expect(output).toMatch(
      /feature-through-its-index: src\/main\/engine\/releases\/deploy-driver\.ts → src\/main\/engine\/pipelines\/run-service\.ts/,
    );
  });

  it('fail a kernel file that imports a feature', () => {
    expect(brokenTree().output).toMatch(
      /kernel-knows-no-feature: src\/main\/engine\/kernel\/clock\.ts → src\/main\/engine\/releases\/index\.ts/,
    );
  });

  it("fail a host that reaches past the engine's entries", () => {
    expect(brokenTree().output).toMatch(
      /hosts-through-engine-entries: src\/main\/host\/cli\/run-cli\.ts → src\/main\/engine\/releases\/deploy-driver\.ts/,
    );
  });

  it('fail two features that import each other', () => {
    expect(brokenTree().output).toMatch(
      /no-feature-cycles: src\/main\/engine\/pipelines\/run-service\.ts → /,
    );
  });
});
