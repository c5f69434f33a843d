// The release board at scale: 50 projects × 6 environments (real git repositories with tags, a
// deployment recorded in every environment), then `releases.board` through the engine — cold (git
// lookups run) and steady (nothing changed since the last look). The limit is the engine's own
// `environments.list` over the same 300 environments: the board adds versions, drift and deploys.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine } from '../src/main/engine/engine.ts';
import { openDatabase } from '../src/main/engine/kernel/store/database.ts';
import { loadMigrations } from '../src/main/engine/kernel/store/migrate.ts';
import { median, type BenchRow } from './stats.ts';

const PROJECTS = 50;
const ENVIRONMENTS = ['dev', 'qa', 'staging', 'preprod', 'canary', 'production'];

export async function releaseBoard(runs: number): Promise<BenchRow[]> {
  const root = mkdtempSync(join(tmpdir(), 'cockpit-bench-board-'));
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: 'Bench',
    GIT_AUTHOR_EMAIL: 'bench@example.invalid',
    GIT_COMMITTER_NAME: 'Bench',
    GIT_COMMITTER_EMAIL: 'bench@example.invalid',
  };
  const git = (cwd: string, ...args: string[]) =>
    execFileSync('git', args, { cwd, env, encoding: 'utf8' }).trim();
  const engine = createEngine({ dataDir: join(root, 'data'), version: 'bench', host: 'test' });
  try {
    const shas: string[][] = [];
    for (let p = 0; p < PROJECTS; p++) {
      const dir = join(root, `service-${p}`);
      mkdirSync(dir);
      const environments = ENVIRONMENTS.map(
        (name, i) => `  - { name: ${name}, url: "http://127.0.0.1:9/${i}", interval: 1h }`,
      ).join('\n');
      writeFileSync(
        join(dir, 'cockpit.yml'),
        `version: 1\nname: service-${p}\npipelines:\n  ci: { jobs: { test: { run: "true" } } }\n  deploy:\n    deploy: { environment_param: target }\n    params: { target: { type: choice, options: [${ENVIRONMENTS.join(', ')}] } }\n    jobs: { go: { run: "true" } }\nlifecycle: [${ENVIRONMENTS.join(', ')}]\nenvironments:\n${environments}\n`,
      );
      git(dir, 'init', '-q', '-b', 'main');
      const commits: string[] = [];
      for (let c = 0; c < 6; c++) {
        writeFileSync(join(dir, 'version.txt'), `${c}\n`);
        git(dir, 'add', '-A');
        git(dir, 'commit', '-qm', `feat: change ${c} (#${c})`);
        git(dir, 'tag', `v1.${c}.0`);
        commits.push(git(dir, 'rev-parse', 'HEAD'));
      }
      shas.push(commits);
      await engine.invoke('projects.add', { path: dir });
    }
    // One recorded deployment per environment, each an older version further down the lifecycle.
    const db = openDatabase(join(root, 'data', 'cockpit.db'), { migrations: loadMigrations() });
    const insert = db.prepare(
      `INSERT INTO deployments (project_id, environment, kind, version, commit_sha, pipeline, actor, status,
         verification, requested_at, started_at, finished_at)
       VALUES (?, ?, 'deploy', ?, ?, 'deploy', 'bench', 'succeeded', 'verified', ?, ?, ?)`,
    );
    db.transaction(() => {
      for (let p = 0; p < PROJECTS; p++) {
        ENVIRONMENTS.forEach((name, i) => {
          const c = ENVIRONMENTS.length - 1 - i;
          insert.run(p + 1, name, `v1.${c}.0`, shas[p]![c]!, 1, 1, 2);
        });
      }
    })();
    db.close();

    const time = async (call: () => Promise<unknown>) => {
      const started = performance.now();
      await call();
      return performance.now() - started;
    };
    const cold = await time(() => engine.invoke('releases.board', {}));
    const steady: number[] = [];
    const list: number[] = [];
    for (let i = 0; i < runs; i++) {
      steady.push(await time(() => engine.invoke('releases.board', {})));
      list.push(await time(() => engine.invoke('environments.list', {})));
    }
    // After a commit in every repository: HEAD lookups run again.
    for (let p = 0; p < PROJECTS; p++) {
      const dir = join(root, `service-${p}`);
      writeFileSync(join(dir, 'version.txt'), 'next\n');
      git(dir, 'commit', '-qam', 'fix: next');
    }
    const afterCommits = await time(() => engine.invoke('releases.board', {}));
    return [
      {
        name: 'release board, 50 projects × 6 envs, first look (git lookups)',
        value: cold,
        unit: 'ms',
        limit: null,
        runs: 1,
      },
      {
        name: 'release board, 50 × 6, steady (vs environments.list)',
        value: median(steady),
        unit: 'ms',
        limit: median(list),
        runs,
      },
      {
        name: 'release board, 50 × 6, after a commit in every repo',
        value: afterCommits,
        unit: 'ms',
        limit: null,
        runs: 1,
      },
    ];
  } finally {
    await engine.close();
    rmSync(root, { recursive: true, force: true });
  }
}
