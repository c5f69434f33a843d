// A commit, a checkout or an edit of cockpit.yml is noticed without pressing Refresh: the project's
// facts (HEAD, branch, config status) follow, and clients hear projects.changed.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../../shared/protocol.ts';
import { cleanupFixtures, git, gitRepo } from '../../testing/fixtures.ts';
import { testEngine } from '../../testing/test-engine.ts';
import { createMemoryLogger } from '../kernel/diagnostics/logger.ts';
import { createProjectWatch } from './project-watch.ts';

afterEach(cleanupFixtures);

const config = 'version: 1\nname: shop\n';

describe('project watch', () => {
  it('refreshes a project when HEAD moves or cockpit.yml changes, and only then', async () => {
    const engine = testEngine();
    const repo = gitRepo({ 'cockpit.yml': config });
    const project = await engine.invoke('projects.add', { path: repo });
    const refreshed: number[] = [];
    const watch = createProjectWatch({
      list: () => [{ id: project.id, path: repo }],
      refresh: (id) => {
        refreshed.push(id);
        return engine.invoke('projects.refresh', { id });
      },
      logger: createMemoryLogger(),
    });
    await watch.pass(); // the first look refreshes what was stored
    expect(await watch.pass()).toEqual([]); // nothing changed since

    const before = (await engine.invoke('projects.get', { id: project.id })).git!.headSha!;
    writeFileSync(join(repo, 'new.txt'), 'x');
    git(repo, 'add', 'new.txt');
    git(repo, 'commit', '--quiet', '--no-gpg-sign', '-m', 'second');
    expect(await watch.pass()).toEqual([project.id]);
    const after = (await engine.invoke('projects.get', { id: project.id })).git!.headSha!;
    expect(after).not.toBe(before);
    expect(after).toBe(git(repo, 'rev-parse', 'HEAD'));
    const board = await engine.invoke('releases.board', {});
    expect(board.rows[0]!.headSha).toBe(after);

    writeFileSync(join(repo, 'cockpit.yml'), `${config}pipline: {}\n`);
    expect(await watch.pass()).toEqual([project.id]);
    expect(await engine.invoke('projects.get', { id: project.id })).toMatchObject({
      configStatus: 'invalid',
    });
    expect(refreshed).toHaveLength(3);
  });

  it('runs in long-lived hosts: a commit reaches clients as projects.changed with the new HEAD', async () => {
    const engine = testEngine();
    const repo = gitRepo({ 'cockpit.yml': config });
    const project = await engine.invoke('projects.add', { path: repo });
    engine.startBackgroundWork();
    writeFileSync(join(repo, 'new.txt'), 'x');
    git(repo, 'add', 'new.txt');
    git(repo, 'commit', '--quiet', '--no-gpg-sign', '-m', 'second');
    const head = git(repo, 'rev-parse', 'HEAD');
    await new Promise<void>((resolve) => {
      const stop = engine.events.on('projects.changed', (event: EventPayload<'projects.changed'>) => {
        void engine.invoke('projects.get', { id: event.ids[0] ?? project.id }).then((current) => {
          if (current.git?.headSha === head) {
            stop();
            resolve();
          }
        });
      });
    });
    expect((await engine.invoke('projects.list', {}))[0]!.git!.headSha).toBe(head);
  });
});
