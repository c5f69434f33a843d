import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../../shared/protocol.ts';
import { repositoryRoot } from '../kernel/app-version.ts';
import { cleanupFixtures, git, gitRepo, tempDir, writeFiles } from '../../testing/fixtures.ts';
import { testEngine } from '../../testing/test-engine.ts';

afterEach(cleanupFixtures);

const validConfig = 'version: 1\nname: shop-api\n';

describe('projects', () => {
  it('adds a git repository with a cockpit.yml and records its git facts', async () => {
    const engine = testEngine();
    const repo = gitRepo({ 'cockpit.yml': validConfig });
    const changes: EventPayload<'projects.changed'>[] = [];
    engine.events.on('projects.changed', (payload) => changes.push(payload));

    const project = await engine.invoke('projects.add', { path: repo });
    expect(project).toMatchObject({
      name: 'shop-api',
      path: repo,
      configStatus: 'ok',
      configProblems: [],
      git: { branch: 'main', headSha: git(repo, 'rev-parse', 'HEAD'), dirty: false },
    });
    expect(changes).toEqual([{ reason: 'added', ids: [project.id] }]);
    expect(await engine.invoke('projects.list', {})).toEqual([project]);
  });

  it('notices a dirty working tree, a new commit and a detached HEAD on refresh', async () => {
    const engine = testEngine();
    const repo = gitRepo({ 'cockpit.yml': validConfig });
    const { id } = await engine.invoke('projects.add', { path: repo });

    writeFileSync(join(repo, 'new-file.txt'), 'untracked');
    expect((await engine.invoke('projects.refresh', { id })).git?.dirty).toBe(true);

    git(repo, 'add', '--all');
    git(repo, 'commit', '--quiet', '--no-gpg-sign', '-m', 'second');
    const afterCommit = await engine.invoke('projects.refresh', { id });
    expect(afterCommit.git).toEqual({
      branch: 'main',
      headSha: git(repo, 'rev-parse', 'HEAD'),
      dirty: false,
    });

    git(repo, 'checkout', '--quiet', '--detach', 'HEAD~1');
    expect((await engine.invoke('projects.refresh', { id })).git?.branch).toBeNull();
  });

  it('adds a plain folder with no git facts', async () => {
    const engine = testEngine();
    const dir = tempDir();
    writeFiles(dir, { 'cockpit.yml': 'version: 1\n' });
    const project = await engine.invoke('projects.add', { path: dir });
    expect(project.git).toBeNull();
    expect(project.name).toBe(dir.split('/').pop());
  });

  it('offers a starter cockpit.yml for a folder without one, and writes it only when asked', async () => {
    const engine = testEngine();
    const repo = gitRepo();
    const inspection = await engine.invoke('projects.inspect', { path: repo });
    expect(inspection).toMatchObject({
      exists: true,
      isDirectory: true,
      hasConfig: false,
      isGitRepo: true,
      alreadyAdded: false,
    });

    await expect(engine.invoke('projects.add', { path: repo })).rejects.toMatchObject({
      code: 'CONFIG_MISSING',
      details: { path: repo, canCreate: true },
    });
    expect(existsSync(join(repo, 'cockpit.yml'))).toBe(false);

    const project = await engine.invoke('projects.add', { path: repo, createConfig: true, name: 'Starter' });
    expect(project).toMatchObject({ name: 'Starter', configStatus: 'ok' });
    expect(readFileSync(join(repo, 'cockpit.yml'), 'utf8')).toContain('version: 1');
  });

  it('never overwrites an existing cockpit.yml, even with createConfig', async () => {
    const engine = testEngine();
    const repo = gitRepo({ 'cockpit.yml': 'version: 1\nname: mine\n' });
    await engine.invoke('projects.add', { path: repo, createConfig: true });
    expect(readFileSync(join(repo, 'cockpit.yml'), 'utf8')).toBe('version: 1\nname: mine\n');
  });

  it('adds a project whose cockpit.yml is malformed, keeping the problems with file:line:col', async () => {
    const engine = testEngine();
    const repo = gitRepo({ 'cockpit.yml': 'version: 1\npipline: {}\n' });
    const project = await engine.invoke('projects.add', { path: repo });
    expect(project.configStatus).toBe('invalid');
    expect(project.configProblems).toEqual([
      {
        file: join(repo, 'cockpit.yml'),
        line: 2,
        col: 1,
        message: 'unknown key "pipline" (did you mean "pipelines"?)',
      },
    ]);
    writeFiles(repo, { 'cockpit.yml': validConfig });
    expect(await engine.invoke('projects.refresh', { id: project.id })).toMatchObject({
      configStatus: 'ok',
      configProblems: [],
    });
  });

  it('refuses missing folders, files and duplicates with clear errors', async () => {
    const engine = testEngine();
    const repo = gitRepo({ 'cockpit.yml': validConfig });
    await expect(engine.invoke('projects.add', { path: join(repo, 'nope') })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining(join(repo, 'nope')) as string,
    });
    await expect(engine.invoke('projects.add', { path: join(repo, 'cockpit.yml') })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringMatching(/is a file/) as string,
    });
    const first = await engine.invoke('projects.add', { path: repo });
    await expect(engine.invoke('projects.add', { path: `${repo}/./` })).rejects.toMatchObject({
      code: 'CONFLICT',
      details: { id: first.id },
    });
  });

  it('removes a project without touching its folder', async () => {
    const engine = testEngine();
    const repo = gitRepo({ 'cockpit.yml': validConfig });
    const { id } = await engine.invoke('projects.add', { path: repo });
    expect(await engine.invoke('projects.remove', { id })).toEqual({ id });
    expect(await engine.invoke('projects.list', {})).toEqual([]);
    expect(existsSync(join(repo, 'cockpit.yml'))).toBe(true);
    await expect(engine.invoke('projects.remove', { id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('keeps projects across engine restarts (real SQLite file)', async () => {
    const dataDir = tempDir();
    const repo = gitRepo({ 'cockpit.yml': validConfig });
    const first = testEngine({ dataDir });
    const added = await first.invoke('projects.add', { path: repo });
    await first.close();
    const second = testEngine({ dataDir });
    expect(await second.invoke('projects.list', {})).toEqual([added]);
  });

  it('opens the demo project as a fresh git repository in the data directory, once', async () => {
    const dataDir = tempDir();
    const engine = testEngine({ dataDir, examplesDir: join(repositoryRoot, 'examples') });
    const demo = await engine.invoke('projects.openDemo', {});
    expect(demo.path.startsWith(dataDir)).toBe(true);
    expect(demo.configStatus).toBe('ok');
    expect(demo.git).toMatchObject({ branch: 'main', dirty: false });
    expect(git(demo.path, 'tag', '--list')).toContain('v1.0.0');
    const again = await engine.invoke('projects.openDemo', {});
    expect(again.id).toBe(demo.id);
    expect(await engine.invoke('projects.list', {})).toHaveLength(1);
  });
});
