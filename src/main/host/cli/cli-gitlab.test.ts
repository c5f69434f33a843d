// `cockpit run gitlab` on a bad .gitlab-ci.yml, an unsupported key and a plan with rules, as real
// child processes on real repositories.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanupFixtures, gitRepo, tempDir } from '../../testing/fixtures.ts';
import { runCockpitSync } from '../../testing/cli-process.ts';

afterEach(cleanupFixtures);

function cockpit(args: string[], cwd: string, dataDir: string) {
  return runCockpitSync(args, { cwd, dataDir });
}

describe('cockpit run gitlab', () => {
  it('shows file:line:col and the message for a bad file and an unsupported key; plans rules with their reasons', () => {
    const repo = gitRepo({ '.gitlab-ci.yml': 'build:\n  script: [echo\n' });
    const dataDir = tempDir('cockpit-cli-gitlab-');
    const file = join(repo, '.gitlab-ci.yml');

    const bad = cockpit(['run', 'gitlab'], repo, dataDir);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(
      new RegExp(`${file.replaceAll('.', '\\.')}:3:1: Flow sequence in block collection`),
    );

    writeFileSync(file, 'build:\n  script: echo\n  trigger: downstream\n');
    const unsupported = cockpit(['run', 'gitlab'], repo, dataDir);
    expect(unsupported.code).toBe(1);
    expect(unsupported.stderr).toContain(`${file}:3:3: build: "trigger" is not supported yet`);

    writeFileSync(
      file,
      'build:\n  script: echo built\nrelease:\n  rules:\n    - if: $CI_COMMIT_TAG\n  script: echo released\n',
    );
    const plan = cockpit(['run', 'gitlab', '--dry-run'], repo, dataDir);
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain('rules: no rule matched');
    const run = cockpit(['run', 'gitlab'], repo, dataDir);
    expect(run.code).toBe(0);
  }, 120_000);
});
