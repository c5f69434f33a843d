// Every way to get a `cockpit` command wrong — missing files, unwritable paths, bad flags, missing
// projects, a locked, damaged or broken database — ends with one clear line on stderr and the exit
// code the README documents; a bug names an id that is in the diagnostic log. The whole matrix runs
// in-process through runCli (the same code as the binary, on real files); the process-level cases
// (the entry point, a second process holding the database) run the real binary.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { repositoryRoot } from '../../engine/kernel/app-version.ts';
import { cleanupFixtures, gitRepo, tempDir } from '../../testing/fixtures.ts';
import { runCli } from './run-cli.ts';

afterEach(cleanupFixtures);

const bin = join(repositoryRoot, 'bin', 'cockpit.js');

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The CLI in this process, with real files and a real engine: only the process boundary is missing. */
async function cockpitInProcess(args: string[], dataDir: string): Promise<Outcome> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    env: { ...process.env, COCKPIT_DATA_DIR: dataDir, NO_COLOR: '1' },
    cwd: repositoryRoot,
    color: false,
    untilStopped: () => Promise.resolve(),
    onInterrupt: () => () => {},
    readSecret: () => Promise.resolve(''),
  });
  return { code, stdout, stderr };
}

function cockpit(args: string[], dataDir: string, cwd = repositoryRoot): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd,
      env: { ...process.env, COCKPIT_DATA_DIR: dataDir, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The error is the last stderr line, alone, with no trace of a stack or a raw JavaScript error. */
function expectOneClearLine(outcome: Outcome, label: string): string {
  const lines = outcome.stderr.trimEnd().split('\n');
  const last = lines[lines.length - 1] ?? '';
  expect(last, label).toMatch(/^(usage error|error): \S/);
  expect(outcome.stderr, label).not.toMatch(/^\s+at |\bat .*\.ts:\d+|^(Type|Range|Reference|Syntax)?Error:/m);
  // Lines before it are notes the command printed on its way ("Added … as project 1"), never the error.
  for (const line of lines.slice(0, -1)) expect(line, label).not.toMatch(/^(usage )?error:/);
  return last;
}

describe('cockpit command errors', () => {
  it('answers bad input to every command with one line and the documented exit code', async () => {
    const dataDir = tempDir('cockpit-cli-errors-');
    const repo = gitRepo({
      'cockpit.yml': 'version: 1\npipelines:\n  ci:\n    jobs:\n      a: { run: echo hi }\n',
    });
    const plainFile = join(tempDir('cockpit-file-'), 'a-file');
    writeFileSync(plainFile, 'not a folder');

    // Node's recursive mkdir used to spin forever under /proc, where mkdir answers ENOENT.
    const procCases: [string[], number, RegExp][] =
      process.platform === 'linux'
        ? [
            [
              ['--data-dir', '/proc/cockpit-nowhere/data', 'projects', 'list'],
              5,
              /cannot use the data directory/,
            ],
          ]
        : [];
    const cases: [string[], number, RegExp][] = [
      [
        ['report', '--out', '/missing/dir/r.md'],
        6,
        /cannot write the report to \/missing\/dir\/r\.md: the folder \/missing\/dir does not exist$/,
      ],
      [['report', '--out', repositoryRoot], 6, /it is a folder, not a file$/],
      [['report', '--out', join(plainFile, 'r.md')], 6, /a part of the path is not a folder$/],
      [['report', '--format', 'pdf'], 2, /--format must be one of/],
      [['report', '--since', 'yesterday-ish'], 2, /--since/],
      [
        ['--data-dir', join(plainFile, 'data'), 'projects', 'list'],
        5,
        /cannot use the data directory .*a part of the path is not a folder$/,
      ],
      ...procCases,
      [['frobnicate'], 2, /unknown command "frobnicate"/],
      [['--bogus'], 2, /bogus/],
      [['logs', '999'], 1, /no run #999/],
      [['logs'], 2, /usage error/],
      [['runs', '--limit', 'abc'], 2, /--limit/],
      [['deployments', '--limit', '-1'], 2, /--limit/],
      [['run', 'nosuch', '--project', repo], 1, /no pipeline "nosuch"/],
      [['run', 'ci', '--project', '/nonexistent/project'], 1, /no folder at \/nonexistent\/project/],
      [['run', 'ci', '--project', repo, '--param', 'novalue'], 2, /--param/],
      [['pipelines', '--project', '/nonexistent/project'], 1, /no folder/],
      [['status', '--project', '/nonexistent/project'], 1, /no folder/],
      [['check', 'production', '--project', repo], 2, /no environment "production"/],
      [['deploy'], 2, /cockpit deploy <environment>/],
      [['deploy', 'staging', '--project', repo], 1, /no environment "staging"/],
      [['promote', 'staging', '--project', repo], 2, /lifecycle/],
      [['rollback', 'production', '--project', repo], 1, /no environment "production"/],
      [['approve', '999', '--comment', 'ok'], 1, /no deployment #999/],
      [['approve', 'twelve'], 2, /usage error/],
      [['start', '999'], 1, /no deployment #999/],
      [['evidence', '999'], 1, /no deployment #999/],
      [['evidence'], 2, /deployment id/],
      [['notes', 'v1', 'v2', '--project', repo], 1, /"v1" is not a tag/],
      [['releases', '--project', '/nonexistent/project'], 1, /no folder/],
      [['release', 'capture', '999', '--project', repo], 1, /no run #999 in this project/],
      [['release', 'capture'], 2, /cockpit release capture 12/],
      [['release', 'ship', '1'], 2, /unknown release command "ship"/],
      [['live-at', 'garbage'], 2, /is not a time/],
      [['audit', '--limit', '0'], 2, /--limit/],
      [['secrets', 'set'], 2, /secrets set NAME/],
      [['secrets', 'set', 'TOKEN', '--project', repo], 2, /secret value is empty/],
      [['secrets', 'delete', 'NOPE', '--project', repo], 1, /NOPE/],
      [['projects', 'add', '/nonexistent/project'], 1, /no folder at/],
      [['projects', 'remove', '99'], 1, /no project/],
      [['projects', 'frob'], 2, /usage error/],
      [['serve', '--port', '99999'], 2, /--port/],
      [
        ['serve', '--host', '256.1.1.1', '--port', '0'],
        2,
        /--host 256\.1\.1\.1 is not an address of this machine/,
      ],
      [['db'], 2, /db move-aside/],
    ];
    const outcomes: Outcome[] = [];
    for (const [args] of cases) outcomes.push(await cockpitInProcess(args, dataDir));
    cases.forEach(([args, code, message], i) => {
      const label = `cockpit ${args.join(' ')}`;
      const outcome = outcomes[i]!;
      expect(outcome.code, `${label}\n${outcome.stderr}`).toBe(code);
      expect(expectOneClearLine(outcome, label), label).toMatch(message);
    });
  }, 120_000);

  it('refuses an unknown flag on every command with exit 2', async () => {
    const dataDir = tempDir('cockpit-cli-errors-');
    const commands = [
      'serve',
      'projects list',
      'pipelines',
      'run ci',
      'runs',
      'logs 1',
      'secrets list',
      'status',
      'check x',
      'deploy x',
      'promote x',
      'rollback x',
      'approve 1',
      'start 1',
      'deployments',
      'notes a b',
      'audit',
      'report',
      'live-at 3d',
      'evidence 1',
    ];
    const outcomes: Outcome[] = [];
    for (const command of commands) {
      outcomes.push(await cockpitInProcess([...command.split(' '), '--no-such-flag'], dataDir));
    }
    commands.forEach((command, i) => {
      expect(outcomes[i]!.code, `${command}: ${outcomes[i]!.stderr}`).toBe(2);
      expect(expectOneClearLine(outcomes[i]!, command)).toMatch(/no-such-flag/);
    });
  });

  it('writes nothing but one line when the report cannot be written (the binary, exit 6)', async () => {
    const outcome = await cockpit(['report', '--out', '/missing/dir/r.md'], tempDir('cockpit-cli-errors-'));
    expect(outcome.code).toBe(6);
    expect(outcome.stderr).toBe(
      'error: cannot write the report to /missing/dir/r.md: the folder /missing/dir does not exist\n',
    );
  });

  it('says a damaged database is damaged (exit 5), with how to move it aside', async () => {
    const dataDir = tempDir('cockpit-cli-errors-');
    writeFileSync(join(dataDir, 'cockpit.db'), 'garbage'.repeat(500));
    const outcome = await cockpit(['projects', 'list'], dataDir);
    expect(outcome.code).toBe(5);
    expect(expectOneClearLine(outcome, 'damaged')).toMatch(/damaged.*cockpit db move-aside/);
  });

  it('says a locked database is locked (exit 5)', async () => {
    const dataDir = tempDir('cockpit-cli-errors-');
    const repo = gitRepo({ 'cockpit.yml': 'version: 1\n' });
    expect((await cockpit(['projects', 'list'], dataDir)).code).toBe(0);
    const holder = new BetterSqlite3(join(dataDir, 'cockpit.db'));
    holder.exec('BEGIN IMMEDIATE');
    try {
      const outcome = await cockpit(['projects', 'add', repo], dataDir);
      expect(outcome.code).toBe(5);
      expect(expectOneClearLine(outcome, 'locked')).toMatch(/locked by another process/);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
  }, 60_000);

  it('reports a bug as "internal error E-…" naming the log, where the details are (exit 70)', async () => {
    const dataDir = tempDir('cockpit-cli-errors-');
    expect((await cockpit(['projects', 'list'], dataDir)).code).toBe(0);
    // Break the schema behind the cockpit's back: what follows is a failure no message was written for.
    const db = new BetterSqlite3(join(dataDir, 'cockpit.db'));
    db.exec('ALTER TABLE runs RENAME TO runs_gone');
    db.close();
    const outcome = await cockpit(['runs', '--project', gitRepo({ 'cockpit.yml': 'version: 1\n' })], dataDir);
    expect(outcome.code).toBe(70);
    const line = expectOneClearLine(outcome, 'internal');
    const logFile = join(dataDir, 'logs', 'cockpit.log');
    expect(line).toMatch(new RegExp(`^error: internal error E-[0-9a-f]{8} — details in ${logFile}$`));
    expect(line).not.toMatch(/runs_gone|no such table|SQLITE/);
    const id = /E-[0-9a-f]{8}/.exec(line)![0];
    const logged = readFileSync(logFile, 'utf8')
      .split('\n')
      .filter((entry) => entry.includes(id));
    expect(logged.join('\n')).toMatch(/no such table/);
  });
});
