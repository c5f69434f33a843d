// The demo project: examples/demo copied into the data directory as a real git repository with a
// short history (three releases by three authors), so a first start has something alive to show —
// release notes, drift, deploys — without touching the user's own checkouts.
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { basename, join } from 'node:path';
import { execa } from 'execa';
import { CockpitError } from '../../../shared/errors.ts';

interface Person {
  name: string;
  email: string;
}

interface HistoryStep {
  subject: string;
  body?: string;
  author: Person;
  /** An annotated tag on this commit. */
  tag?: string;
  /** Per file, turns its content after this commit into its content before it. */
  undo: Record<string, (text: string) => string>;
}

const maya = { name: 'Maya Chen', email: 'maya.chen@shop-api.example' };
const tomas = { name: 'Tomás Ortega', email: 'tomas.ortega@shop-api.example' };
const priya = { name: 'Priya Natarajan', email: 'priya@shop-api.example' };

/** Replaces the one occurrence of `after` by `before`; throws when examples/demo no longer has it. */
const swap =
  (after: string, before: string) =>
  (text: string): string => {
    const at = text.indexOf(after);
    if (at === -1 || text.indexOf(after, at + 1) !== -1) {
      throw new Error(`expected exactly one ${JSON.stringify(after.slice(0, 60))}`);
    }
    return text.slice(0, at) + before + text.slice(at + after.length);
  };

/** Removes a Markdown section: its heading line up to the next heading of that level, or the end. */
const dropSection =
  (heading: string) =>
  (text: string): string => {
    const start = text.indexOf(`\n${heading}\n`);
    if (start === -1) throw new Error(`expected a section "${heading}"`);
    const level = heading.slice(0, heading.indexOf(' ') + 1);
    const next = text.indexOf(`\n${level}`, start + heading.length + 2);
    return next === -1
      ? text.slice(0, start + 1).trimEnd() + '\n'
      : text.slice(0, start + 1) + text.slice(next + 1);
  };

const packageVersion = (after: string, before: string) =>
  swap(`"version": "${after}"`, `"version": "${before}"`);

/**
 * The demo's history, oldest first. The last commit is examples/demo as shipped; each step says how to
 * undo its change, so earlier commits are derived from the shipped files. Scripts and cockpit.yml are
 * the same in every commit: a rollback deploys an old commit with the scripts it has.
 */
export const DEMO_HISTORY: HistoryStep[] = [
  {
    subject: 'feat: first release of the demo shop API',
    author: maya,
    tag: 'v1.0.0',
    undo: {},
  },
  {
    subject: 'feat(products): add a price field (#12)',
    body: 'The shop cannot sell what it cannot price. Adds a teapot to the catalogue while at it.',
    author: tomas,
    undo: {
      'src/server.js': swap(
        "{ id: 1, name: 'Rubber duck', price: 4.5 },\n  { id: 2, name: 'Teapot', price: 18 },",
        "{ id: 1, name: 'Rubber duck' },",
      ),
    },
  },
  {
    subject: 'fix: answer 404 as JSON (#15)',
    body: 'Every other answer is JSON; clients failed to parse the plain-text 404.',
    author: priya,
    undo: {
      'src/server.js': swap(
        "  return json(404, { error: 'not found', path: req.url });\n",
        "  res.writeHead(404, { 'content-type': 'text/plain' });\n  res.end('Not found\\n');\n",
      ),
    },
  },
  {
    subject: 'Mention the changelog in the README',
    author: tomas,
    undo: { 'README.md': swap('- `CHANGELOG.md` — what changed in each release.\n', '') },
  },
  {
    subject: 'chore(release): 1.1.0',
    author: maya,
    tag: 'v1.1.0',
    undo: { 'CHANGELOG.md': dropSection('## 1.1.0'), 'package.json': packageVersion('1.1.0', '1.0.0') },
  },
  {
    subject: 'feat(health): report uptime (#18)',
    body: 'Tells a restart from a service that has been up for days, at a glance.',
    author: priya,
    undo: { 'src/server.js': swap('      uptimeSeconds: Math.round(process.uptime()),\n', '') },
  },
  {
    subject: 'docs: explain the deploy pipeline',
    author: maya,
    undo: { 'README.md': dropSection('## Deploys and promotion') },
  },
  {
    subject: 'chore(release): 1.2.0',
    author: maya,
    tag: 'v1.2.0',
    undo: { 'CHANGELOG.md': dropSection('## 1.2.0'), 'package.json': packageVersion('1.2.0', '1.1.0') },
  },
];

const DAY_MS = 24 * 60 * 60 * 1000;

/** The content of every file the history changes, at each commit (oldest first), from the shipped files. */
export function demoFileVersions(
  readFile: (path: string) => string,
  history: HistoryStep[] = DEMO_HISTORY,
): Record<string, string>[] {
  const paths = [...new Set(history.flatMap((step) => Object.keys(step.undo)))];
  const states: Record<string, string>[] = [Object.fromEntries(paths.map((path) => [path, readFile(path)]))];
  for (let i = history.length - 1; i > 0; i--) {
    const state = { ...states[0]! };
    for (const [path, undo] of Object.entries(history[i]!.undo)) {
      // Windows checkouts may have CRLF line endings; the edits are written with LF.
      const crlf = state[path]!.includes('\r\n');
      let text: string;
      try {
        text = undo(state[path]!.replaceAll('\r\n', '\n'));
      } catch (error) {
        throw new Error(
          `the demo's history step "${history[i]!.subject}" cannot be undone in ${path}: ${(error as Error).message}`,
          { cause: error },
        );
      }
      state[path] = crlf ? text.replaceAll('\n', '\r\n') : text;
    }
    states.unshift(state);
  }
  return states;
}

export async function ensureDemoRepository(
  examplesDir: string,
  dataDir: string,
  options: { now?: number } = {},
): Promise<string> {
  const source = join(examplesDir, 'demo');
  const target = join(dataDir, 'demo', 'shop-api');
  if (existsSync(join(target, '.git'))) return target;
  if (!existsSync(source)) {
    throw new CockpitError(
      'NOT_FOUND',
      `The demo project is missing from this installation (looked in ${source}).`,
    );
  }
  // Built beside its place and moved there when complete: an interrupted build never looks finished.
  mkdirSync(join(dataDir, 'demo'), { recursive: true });
  const building = mkdtempSync(join(dataDir, 'demo', '.shop-api-'));
  try {
    // Only the project itself: never runtime leftovers of someone running the demo in place.
    const leftovers = new Set(['.environments', 'node_modules', 'dist']);
    cpSync(source, building, {
      recursive: true,
      filter: (path) => !leftovers.has(basename(path)) && !path.endsWith('.tgz'),
    });
    await commitHistory(building, options.now ?? Date.now());
    // A folder without .git is what an interrupted older version of this function left.
    if (existsSync(target)) rmSync(target, { recursive: true, force: true });
    renameSync(building, target);
  } catch (error) {
    rmSync(building, { recursive: true, force: true });
    if (existsSync(join(target, '.git'))) return target; // made meanwhile by a concurrent call
    throw new CockpitError(
      'INTERNAL',
      `Could not create the demo git repository in ${target}: ${(error as Error).message}`,
    );
  }
  return target;
}

/** Commits DEMO_HISTORY in `dir` (which holds the shipped files), a day apart, the last one at `now`. */
async function commitHistory(dir: string, now: number): Promise<void> {
  const versions = demoFileVersions((path) => readFileSync(join(dir, path), 'utf8'));
  // Whatever the user's git config says, no signing and no hooks: this is our repository.
  const git = (env: Record<string, string>, ...args: string[]) =>
    execa('git', ['-c', 'commit.gpgSign=false', '-c', 'tag.gpgSign=false', ...args], {
      cwd: dir,
      env,
      stdin: 'ignore',
    });
  await git({}, 'init', '--quiet', '--initial-branch=main');
  for (const [i, step] of DEMO_HISTORY.entries()) {
    for (const [path, content] of Object.entries(versions[i]!)) writeFileSync(join(dir, path), content);
    const seconds = Math.floor((now - (DEMO_HISTORY.length - 1 - i) * DAY_MS) / 1000);
    const env = {
      GIT_AUTHOR_NAME: step.author.name,
      GIT_AUTHOR_EMAIL: step.author.email,
      GIT_AUTHOR_DATE: `@${seconds} +0000`,
      GIT_COMMITTER_NAME: step.author.name,
      GIT_COMMITTER_EMAIL: step.author.email,
      GIT_COMMITTER_DATE: `@${seconds} +0000`,
    };
    await git(env, 'add', '--all');
    const message = step.body ? `${step.subject}\n\n${step.body}` : step.subject;
    await git(env, 'commit', '--quiet', '--no-verify', '-m', message);
    if (step.tag) await git(env, 'tag', '-a', step.tag, '-m', `Release ${step.tag.slice(1)}`);
  }
}
