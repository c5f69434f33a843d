// The diff between what an environment runs and a proposed release, through the engine's protocol on a
// real git repository (tags v1.0.0, v1.1.0 and a commit after), with environments that report versions
// over real HTTP and real deploys recording what is live.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isCockpitError } from '../../../shared/errors.ts';
import { cleanupFixtures, git, writeFiles } from '../../testing/fixtures.ts';
import { releaseShop } from '../../testing/release-shop.ts';

afterEach(cleanupFixtures);

/** The shop with staging observed running `reported` (what its /version answers). */
async function shopWithStagingAt(reported: string) {
  const shop = await releaseShop();
  writeFileSync(join(shop.versionDir, 'staging'), reported);
  await shop.engine.invoke('environments.checkNow', { environmentId: shop.envId('staging') });
  return shop;
}

function commitAs(repo: string, author: string, message: string) {
  git(repo, 'add', '--all');
  git(repo, 'commit', '-q', `--author=${author} <${author.toLowerCase()}@example.com>`, '-m', message);
}

describe('releases.diff', () => {
  it('says plainly when the environment was never observed, instead of failing', async () => {
    const { engine, projectId } = await releaseShop();
    const diff = await engine.invoke('releases.diff', { projectId, environment: 'production' });
    expect(diff.direction).toBe('unknown_live');
    expect(diff.live).toEqual({ version: null, commit: null });
    expect(diff.summary).toMatch(/"production" has never been observed running a version/);
    expect(diff.commitsAdded).toEqual([]);
    expect(diff.files).toEqual([]);
  });

  it('lists the commits a release adds with authors and conventional types, and the files with renames and line counts', async () => {
    const { engine, projectId, repo, versionDir, envId } = await releaseShop();
    const guide = Array.from({ length: 10 }, (_, index) => `line ${index + 1}`).join('\n');
    writeFiles(repo, { 'docs/guide.md': `${guide}\n` });
    commitAs(repo, 'Ann', 'docs: a guide');
    git(repo, 'tag', 'v1.2.0');
    writeFileSync(join(versionDir, 'staging'), '1.2.0');
    await engine.invoke('environments.checkNow', { environmentId: envId('staging') });

    git(repo, 'mv', 'docs/guide.md', 'docs/handbook.md');
    writeFiles(repo, { 'docs/handbook.md': `${guide.replace('line 5', 'line five')}\n` });
    commitAs(repo, 'Bea', 'refactor(docs): the guide is a handbook');
    writeFiles(repo, {
      'src/new.ts': 'export const a = 1;\nexport const b = 2;\n',
      'logo.bin': '\0\x01\x02',
    });
    commitAs(repo, 'Carl', 'feat!: a new module');

    const diff = await engine.invoke('releases.diff', { projectId, environment: 'staging' });
    expect(diff.direction).toBe('forward');
    expect(diff.live).toEqual({ version: 'v1.2.0', commit: git(repo, 'rev-parse', 'v1.2.0') });
    expect(diff.proposed.commit).toBe(git(repo, 'rev-parse', 'HEAD'));
    expect(diff.commitsRemoved).toEqual([]);
    expect(
      diff.commitsAdded.map((commit) => [
        commit.type,
        commit.scope,
        commit.description,
        commit.author,
        commit.breaking,
      ]),
    ).toEqual([
      ['feat', null, 'a new module', 'Carl', true],
      ['refactor', 'docs', 'the guide is a handbook', 'Bea', false],
    ]);
    expect(diff.summary).toMatch(/adds 2 commits to v1\.2\.0/);
    expect(diff.files).toEqual([
      { path: 'docs/handbook.md', oldPath: 'docs/guide.md', status: 'renamed', added: 1, deleted: 1 },
      { path: 'logo.bin', oldPath: null, status: 'added', added: null, deleted: null },
      { path: 'src/new.ts', oldPath: null, status: 'added', added: 2, deleted: 0 },
    ]);
    expect(diff.totals).toEqual({ files: 3, added: 3, deleted: 1 });
    expect(diff.filesOmitted).toBe(0);
  });

  it('says a rollback removes commits, and which', async () => {
    const { engine, projectId, repo, deployed } = await releaseShop();
    await deployed(
      engine.invoke('releases.deploy', { projectId, environment: 'staging', version: 'v1.0.0' }),
    );
    await deployed(engine.invoke('releases.deploy', { projectId, environment: 'staging' }));

    const diff = await engine.invoke('releases.diff', {
      projectId,
      environment: 'staging',
      kind: 'rollback',
    });
    expect(diff.kind).toBe('rollback');
    expect(diff.proposed).toEqual({ version: 'v1.0.0', commit: git(repo, 'rev-parse', 'v1.0.0') });
    expect(diff.direction).toBe('backward');
    expect(diff.commitsAdded).toEqual([]);
    expect(diff.commitsRemoved.map((commit) => commit.subject)).toEqual(['fix: three', 'feat: two (#2)']);
    expect(diff.summary).toMatch(/removes 2 commits .* taken out of "staging"/);
    expect(diff.files).toEqual([
      { path: 'app.txt', oldPath: null, status: 'modified', added: 1, deleted: 1 },
    ]);
  });

  it('reports nothing to change when the environment already runs the version', async () => {
    const { engine, projectId } = await shopWithStagingAt('1.1.0');
    const diff = await engine.invoke('releases.diff', {
      projectId,
      environment: 'staging',
      version: 'v1.1.0',
    });
    expect(diff.direction).toBe('same');
    expect(diff.summary).toMatch(/already runs v1\.1\.0/);
  });

  it('compares the keys of declared configuration files and masks secret ones', async () => {
    const { engine, projectId, repo, versionDir, envId } = await releaseShop();
    const config = git(repo, 'show', 'HEAD:cockpit.yml');
    writeFiles(repo, {
      'cockpit.yml': `${config}\ndiff:\n  variables: ["config/*.env", deploy/values.yaml]\n`,
      'config/app.env': 'LOG_LEVEL=info\nAPI_TOKEN=old-token-value\nexport REGION="eu-west-1"\nGONE=yes\n',
      'deploy/values.yaml': 'replicas: 2\nimage:\n  tag: "1.1"\n',
    });
    commitAs(repo, 'Dee', 'chore: declare config');
    git(repo, 'tag', 'v1.2.0');
    writeFiles(repo, {
      'config/app.env':
        'LOG_LEVEL=debug\nAPI_TOKEN=new-token-value\nREGION=eu-west-1\nFEATURE_X=on\nUPSTREAM=stored-secret-1234\n',
      'deploy/values.yaml': 'replicas: 3\nimage:\n  tag: "1.2"\n',
      'config/ignored.txt': 'NOT=compared\n',
    });
    commitAs(repo, 'Eve', 'feat: tune config');
    await engine.invoke('secrets.set', { projectId, name: 'UPSTREAM_KEY', value: 'stored-secret-1234' });
    writeFileSync(join(versionDir, 'staging'), '1.2.0');
    await engine.invoke('environments.checkNow', { environmentId: envId('staging') });

    const diff = await engine.invoke('releases.diff', { projectId, environment: 'staging' });
    expect(diff.live.version).toBe('v1.2.0');
    expect(diff.variableFiles).toEqual(['config/*.env', 'deploy/values.yaml']);
    expect(diff.variables).toEqual([
      {
        file: 'config/app.env',
        key: 'API_TOKEN',
        change: 'changed',
        before: '***',
        after: '***',
        masked: true,
      },
      { file: 'config/app.env', key: 'FEATURE_X', change: 'added', before: null, after: 'on', masked: false },
      { file: 'config/app.env', key: 'GONE', change: 'removed', before: 'yes', after: null, masked: false },
      {
        file: 'config/app.env',
        key: 'LOG_LEVEL',
        change: 'changed',
        before: 'info',
        after: 'debug',
        masked: false,
      },
      // Not a secret-looking name, but its value is a stored secret's.
      { file: 'config/app.env', key: 'UPSTREAM', change: 'added', before: null, after: '***', masked: true },
      {
        file: 'deploy/values.yaml',
        key: 'image.tag',
        change: 'changed',
        before: '1.1',
        after: '1.2',
        masked: false,
      },
      {
        file: 'deploy/values.yaml',
        key: 'replicas',
        change: 'changed',
        before: '2',
        after: '3',
        masked: false,
      },
    ]);
    expect(JSON.stringify(diff)).not.toMatch(/token-value|stored-secret/);
  });

  it('caps long lists and counts what it left out', async () => {
    const { engine, projectId, repo } = await shopWithStagingAt('1.1.0');
    const many: Record<string, string> = {};
    for (let index = 0; index < 205; index += 1)
      many[`gen/file-${String(index).padStart(3, '0')}.txt`] = `${index}\n`;
    writeFiles(repo, many);
    commitAs(repo, 'Gen', 'build: generate files');
    const diff = await engine.invoke('releases.diff', { projectId, environment: 'staging' });
    expect(diff.files).toHaveLength(200);
    // 205 generated files and app.txt (changed by the commit after v1.1.0).
    expect(diff.filesOmitted).toBe(6);
    expect(diff.totals.files).toBe(206);
    expect(diff.totals.added).toBe(206);
  });
});

describe('releases.diff refusals', () => {
  it('names a version that does not exist as NOT_FOUND', async () => {
    const { engine, projectId } = await releaseShop();
    const error = await engine
      .invoke('releases.diff', { projectId, environment: 'staging', version: 'v9.9.9' })
      .catch((caught: unknown) => caught);
    expect(isCockpitError(error) && error.code).toBe('NOT_FOUND');
  });
});
