import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';
import { commandNames } from './did-you-mean.ts';
import { cleanupFixtures, tempDir } from '../../testing/fixtures.ts';
import { afterEach } from 'vitest';

afterEach(cleanupFixtures);

describe('did you mean', () => {
  it('knows every command the CLI runs (a flag typo in each is an unknown option, not an unknown command)', async () => {
    const dataDir = tempDir();
    for (const command of commandNames) {
      let stderr = '';
      const code = await runCli(['--data-dir', dataDir, command, '--no-such-flag-here'], {
        stdout: () => {},
        stderr: (text) => (stderr += text),
        env: {},
        cwd: dataDir,
        color: false,
        untilStopped: () => Promise.resolve(),
        onInterrupt: () => () => {},
        readSecret: () => Promise.resolve(''),
      });
      expect(code, command).toBe(2);
      expect(stderr, command).not.toMatch(/unknown command/);
    }
  });
});
