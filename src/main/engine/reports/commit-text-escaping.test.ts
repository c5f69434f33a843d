// Commit messages and author names are written by anyone who can push. Whatever they say — HTML,
// Markdown links to javascript:, images, terminal escape sequences — stays text in every output: the
// release notes (saved, shown, printed by `cockpit notes`), the Markdown and HTML reports and the
// evidence pack. A real repository with hostile commits, a real deploy, a real .tar.gz read by tar.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanupFixtures, git, gitRepo, tempDir, writeFiles } from '../../testing/fixtures.ts';
import { testEngine } from '../../testing/test-engine.ts';

afterEach(cleanupFixtures);

/** What an attacker might put in a commit subject. */
const hostileSubjects = [
  'feat: <img src=x onerror=alert(1)>',
  'fix: [x](javascript:alert(1))',
  'fix(<svg onload=alert(2)>): scope too',
  'chore: ![pixel](https://evil.example/track.png)',
  'docs: <script>alert(3)</script> and <a href="javascript:alert(4)">link</a>',
  'perf: <javascript:alert(5)> autolink',
  'test: [ref]: javascript:alert(6)',
  'ci: \u001b]8;;https://evil.example\u0007click\u001b]8;;\u0007 and \u001b[2J clear',
  'build: `code` **bold** _em_ | pipe \\ backslash',
];
/** The test engine's clock stands still at 2026-01-01: a report window that includes its deploys. */
const UNTIL = Date.UTC(2026, 0, 2);
/** Author names git accepts (it refuses < and > there). */
const hostileAuthor = '[Mallory](javascript:alert(7)) *admin*';

/** Raw forms that must never appear: a tag, a javascript: link target, an image, an escape sequence. */
const rawMarkup = [
  /(?<!\\)<img/i,
  /(?<!\\)<svg/i,
  /(?<!\\)<script/i,
  /(?<!\\)<a\s/i,
  /(?<!\\)<javascript:/i,
  /(?<!\\)\]\(javascript:/i,
  /(?<!\\)\[pixel/,
  /(?<!\\)\[ref\]:/,
  /[\u001b\u0007]/, // eslint-disable-line no-control-regex
];

/** In HTML, Markdown syntax is just text: only tags, attributes and control characters count. */
// eslint-disable-next-line no-control-regex
const rawHtml = [/<(img|svg|script|a|javascript:)/i, /[\u001b\u0007]/];

function expectNoRawMarkup(text: string, where: string) {
  const html = where.startsWith('HTML');
  for (const pattern of html ? rawHtml : rawMarkup) {
    expect(text, `${where}: ${String(pattern)}`).not.toMatch(pattern);
  }
  // The report's own tags carry no handler, link or source: nothing can run or be fetched.
  if (html)
    for (const [tag] of text.matchAll(/<[a-z][^>]*>/gi))
      expect(tag, where).not.toMatch(/\s(on\w+|href|src)=/i);
}

async function deployedHostileRelease() {
  const repo = gitRepo({
    'cockpit.yml': `version: 1
name: shop
pipelines:
  deploy:
    deploy: { environment: production }
    jobs:
      ship: { run: 'echo shipping "$COCKPIT_DEPLOY_VERSION"' }
environments:
  - name: production
    tier: production
    url: http://127.0.0.1:9/
`,
  });
  git(repo, 'tag', 'v1.0.0');
  for (const [i, subject] of hostileSubjects.entries()) {
    writeFiles(repo, { 'app.txt': `${i}\n` });
    git(repo, 'add', 'app.txt');
    git(repo, 'commit', '-q', `--author=${hostileAuthor} <mallory@example.invalid>`, '-m', subject);
  }
  git(repo, 'tag', 'v1.1.0');
  const engine = testEngine();
  const { id: projectId } = await engine.invoke('projects.add', { path: repo });
  await engine.waitForDeployment(
    (await engine.invoke('releases.deploy', { projectId, environment: 'production', version: 'v1.0.0' })).id,
  );
  const deployment = await engine.waitForDeployment(
    (await engine.invoke('releases.deploy', { projectId, environment: 'production', version: 'v1.1.0' })).id,
  );
  expect(deployment.status).toBe('succeeded');
  return { engine, projectId, deploymentId: deployment.id };
}

describe('commit text in every output', () => {
  it('escapes hostile commit subjects and author names in notes, reports and the evidence pack', async () => {
    const { engine, projectId, deploymentId } = await deployedHostileRelease();

    const notes = await engine.invoke('releases.notes', { projectId, from: 'v1.0.0', to: 'v1.1.0' });
    expect(notes.commits).toHaveLength(hostileSubjects.length);
    expectNoRawMarkup(notes.markdown, 'release notes');
    // Still readable: the words are there, escaped rather than removed.
    expect(notes.markdown).toContain('\\<img src=x onerror=alert(1)\\>');
    expect(notes.markdown).toContain('\\[x\\](javascript:alert(1))');
    expect(notes.markdown).toContain('\\[Mallory\\](javascript:alert(7)) \\*admin\\*');

    const detail = await engine.invoke('releases.get', { deploymentId });
    expectNoRawMarkup(detail.releaseNotes ?? '', 'saved notes');

    const markdown = (await engine.invoke('reports.export', { format: 'md', until: UNTIL })).content;
    expect(markdown).toContain('onerror=alert(1)');
    expectNoRawMarkup(markdown, 'Markdown report');

    const html = (await engine.invoke('reports.export', { format: 'html', until: UNTIL })).content;
    expect(html).toContain('onerror=alert(1)');
    expectNoRawMarkup(html, 'HTML report');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');

    const pack = await engine.invoke('releases.evidence', { deploymentId });
    const unpacked = tempDir('cockpit-evidence-');
    execFileSync('tar', ['-xzf', pack.path, '-C', unpacked]);
    const folder = join(unpacked, pack.files[0]!.split('/')[0]!);
    const packNotes = readFileSync(join(folder, 'release-notes.md'), 'utf8');
    expect(packNotes).toContain('onerror=alert(1)');
    expectNoRawMarkup(packNotes, 'evidence pack release-notes.md');
    expectNoRawMarkup(readFileSync(join(folder, 'README.txt'), 'utf8'), 'evidence pack README.txt');
  }, 60_000);

  it('escapes notes saved raw by an older version when it writes a report or an evidence pack', async () => {
    const { engine, deploymentId } = await deployedHostileRelease();
    const raw = [
      '## v1.1.0 (since v1.0.0)',
      '',
      '### Features',
      '',
      ...hostileSubjects.map((subject) => `- ${subject.replace(/^\w+: /, '')} (abc1234)`),
      '',
      `Authors: ${hostileAuthor} (9)`,
    ].join('\n');
    const db = new BetterSqlite3(join(engine.info().dataDir, 'cockpit.db'));
    db.prepare('UPDATE deployments SET release_notes = ? WHERE id = ?').run(raw, deploymentId);
    db.close();

    const markdown = (await engine.invoke('reports.export', { format: 'md', until: UNTIL })).content;
    expectNoRawMarkup(markdown, 'Markdown report of raw notes');
    expect(markdown).toMatch(/^##### Features$/m); // the notes' own structure survives, nested
    const html = (await engine.invoke('reports.export', { format: 'html', until: UNTIL })).content;
    expectNoRawMarkup(html, 'HTML report of raw notes');
    const pack = await engine.invoke('releases.evidence', { deploymentId });
    const unpacked = tempDir('cockpit-evidence-');
    execFileSync('tar', ['-xzf', pack.path, '-C', unpacked]);
    const packNotes = readFileSync(join(unpacked, pack.files[0]!.split('/')[0]!, 'release-notes.md'), 'utf8');
    expectNoRawMarkup(packNotes, 'evidence pack notes from raw');
    expect(packNotes).toMatch(/^### Features$/m);
  }, 60_000);
});
