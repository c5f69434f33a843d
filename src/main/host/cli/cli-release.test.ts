// `cockpit deploy`, `approve`, `deployments`, `notes` and `audit` as real child processes, on a real git
// repository, deploying to real HTTP servers whose /version reports what the deploy job wrote.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanupFixtures, git, gitRepo, onCleanup, tempDir, writeFiles } from '../../testing/fixtures.ts';
import { cockpitBin, runCockpit } from '../../testing/cli-process.ts';

afterEach(cleanupFixtures);

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Asynchronous on purpose: the environments under test live in this process and must keep answering. */
function cockpit(args: string[], cwd: string, dataDir: string, user = 'alice'): Promise<Result> {
  return runCockpit(args, { cwd, dataDir, env: { COCKPIT_USER: user } });
}

/** An environment whose /version reports the version last written to `file` (1.0.0 before any deploy). */
async function environment(file: string): Promise<string> {
  const server = createServer((req, res) => {
    if (req.url === '/version') {
      const version = existsSync(file) ? readFileSync(file, 'utf8').trim() : '1.0.0';
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ version }));
    } else res.writeHead(200).end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onCleanup(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A shop with staging (no gates) and production (ci must pass, one approval, healthy first). */
async function shop(productionGates = 'pipeline_passed: ci') {
  const state = tempDir('cockpit-env-');
  const environmentEntry = async (name: string, tier: string, gates: string) => `
  - name: ${name}
    tier: ${tier}
    url: "${await environment(join(state, name))}"
    failures_before_down: 1
    version: { json_pointer: /version, path: /version }${gates ? `\n    gates: { ${gates} }` : ''}`;
  const deployPipeline = (name: string) => `
  deploy-${name}:
    deploy: { environment: ${name}, verify_timeout: 3s }
    params:
      mode: { type: choice, options: [ok, fail, skip, slow], default: ok }
    jobs:
      ship:
        run: |
          echo "shipping $COCKPIT_DEPLOY_VERSION ($COCKPIT_DEPLOY_KIND by #$COCKPIT_DEPLOY_ID)"
          [ "$COCKPIT_PARAM_MODE" != slow ] || sleep 60
          [ "$COCKPIT_PARAM_MODE" != fail ] || { echo "cannot reach the host" >&2; exit 3; }
          [ "$COCKPIT_PARAM_MODE" = skip ] || printf "%s" "$COCKPIT_DEPLOY_VERSION" > "${join(state, name)}"`;
  const repo = gitRepo({
    'cockpit.yml': `version: 1
name: shop
lifecycle: [staging, production]
environments:${await environmentEntry('staging', 'staging', '')}${await environmentEntry('production', 'production', productionGates)}
pipelines:
  ci:
    jobs:
      test: { run: "echo tests pass" }${deployPipeline('staging')}${deployPipeline('production')}
`,
  });
  git(repo, 'tag', 'v1.1.0');
  return { repo, dataDir: tempDir('cockpit-data-') };
}

describe('cockpit deploy', () => {
  it('previews, deploys, follows the deploy until verified, and records it', async () => {
    const { repo, dataDir } = await shop();
    const result = await cockpit(['deploy', 'staging'], repo, dataDir);
    expect(result.stderr).not.toMatch(/error/);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Deploy shop v1\.1\.0 \([0-9a-f]{8}\) to staging, /m);
    expect(result.stdout).toMatch(/^ {2}pipeline deploy-staging, /m);
    expect(result.stdout).toMatch(/^Gates: none$/m);
    expect(result.stdout).toMatch(/^running \(pipeline deploy-staging, run #1\)$/m);
    expect(result.stdout).toMatch(/^ {2}job ship success/m);
    expect(result.stdout).toMatch(/^verified: .*v?1\.1\.0/m);
    expect(result.stdout).toMatch(/Deployment #1 of shop v1\.1\.0 to staging succeeded/);

    const history = await cockpit(['deployments'], repo, dataDir);
    expect(history.code).toBe(0);
    expect(history.stdout).toMatch(
      /^ID\s+ENVIRONMENT\s+KIND\s+VERSION\s+COMMIT\s+STATUS\s+VERIFIED\s+ACTOR/m,
    );
    expect(history.stdout).toMatch(
      /^#1\s+staging\s+deploy\s+v1\.1\.0\s+[0-9a-f]{8}\s+succeeded\s+verified\s+alice\s/m,
    );
    const logs = await cockpit(['logs', '1'], repo, dataDir);
    expect(logs.stdout).toMatch(/shipping v1\.1\.0 \(deploy by #1\)/);

    const verify = await cockpit(['audit', 'verify'], repo, dataDir);
    expect(verify).toMatchObject({ code: 0 });
    // The head, to write down: a later verify whose chain no longer holds it was rewritten.
    const head = /^audit log intact: (\d+) entries, head #(\d+) ([0-9a-f]{64})$/m.exec(verify.stdout);
    expect(head).not.toBeNull();
    const verified = JSON.parse((await cockpit(['audit', 'verify', '--json'], repo, dataDir)).stdout) as {
      entries: number;
      headId: number;
      headHash: string;
    };
    expect(verified).toMatchObject({ headId: Number(head![2]), headHash: head![3] });
    expect(verified.headId).toBe(Number(head![1]));
    const audit = await cockpit(['audit'], repo, dataDir);
    expect(audit.stdout).toMatch(/^ID\s+TIME\s+ACTOR\s+ACTION\s+SUBJECT\s+DETAIL$/m);
    expect(audit.stdout).toMatch(/\salice\s+deploy\.requested\s/);
    expect(audit.stdout).toMatch(/\sdeploy\.finished\s/);

    // Someone rewrites history behind the cockpit's back: verify names the entry and exits 1.
    const db = new BetterSqlite3(join(dataDir, 'cockpit.db'));
    db.exec('DROP TRIGGER audit_log_no_update');
    db.prepare("UPDATE audit_log SET actor = 'mallory' WHERE action = 'deploy.requested'").run();
    db.close();
    const broken = await cockpit(['audit', 'verify'], repo, dataDir);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/^audit log broken at entry \d+: entry #\d+ was changed/m);
  });

  it('exits 1 when the deploy pipeline fails; says so when the environment never reports the version', async () => {
    const { repo, dataDir } = await shop();
    const failed = await cockpit(['deploy', 'staging', '--param', 'mode=fail'], repo, dataDir);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/^ {2}job ship failed/m);
    expect(failed.stdout).toMatch(/^failed: the deploy pipeline failed \(run #1\)$/m);
    expect(failed.stdout).toMatch(/^The pipeline's output: cockpit logs 1$/m);

    const unverified = await cockpit(['deploy', 'staging', '--param', 'mode=skip'], repo, dataDir);
    expect(unverified.code).toBe(0);
    expect(unverified.stdout).toMatch(/^not verified \(staging still reports 1\.0\.0 after 3 s\)$/m);
    const history = await cockpit(['deployments', '--env', 'staging', '--json'], repo, dataDir);
    expect(JSON.parse(history.stdout)).toMatchObject([
      { id: 2, status: 'succeeded', verification: 'not_verified', reportedVersion: '1.0.0' },
      { id: 1, status: 'failed' },
    ]);
  });

  it('cancels the deployment on Ctrl+C and exits 1', async () => {
    const { repo, dataDir } = await shop();
    const child = spawn(process.execPath, [cockpitBin, 'deploy', 'staging', '--param', 'mode=slow'], {
      cwd: repo,
      env: { ...process.env, COCKPIT_DATA_DIR: dataDir, COCKPIT_USER: 'alice', NO_COLOR: '1' },
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    await expect.poll(() => stdout, { timeout: 15_000 }).toMatch(/^running \(pipeline deploy-staging/m);
    child.kill('SIGINT');
    expect(await exited).toBe(1);
    expect(stdout).toMatch(/Deployment #1 of shop v1\.1\.0 to staging cancelled/);
    const [deployment] = JSON.parse((await cockpit(['deployments', '--json'], repo, dataDir)).stdout) as {
      status: string;
    }[];
    expect(deployment!.status).toBe('cancelled');
  });

  it('exits 4 naming the gate that blocks a deploy; --override passes it and is audited', async () => {
    const { repo, dataDir } = await shop();
    const blocked = await cockpit(['deploy', 'production'], repo, dataDir);
    expect(blocked.code).toBe(4);
    expect(blocked.stderr).toMatch(/^blocked by gates:$/m);
    expect(blocked.stderr).toMatch(/^ {2}✗ pipeline_passed {2}ci has never run on [0-9a-f]{7}/m);
    expect(blocked.stderr).toContain('--override "reason"');
    expect((await cockpit(['deployments'], repo, dataDir)).stdout).toMatch(/No deployments yet/);

    const forced = await cockpit(
      ['deploy', 'production', '--override', 'hotfix for the outage'],
      repo,
      dataDir,
    );
    expect(forced.code).toBe(0);
    expect(forced.stdout).toMatch(/^ {2}✗ pipeline_passed /m);
    expect(forced.stdout).toMatch(/^Overriding pipeline_passed: hotfix for the outage$/m);
    expect(forced.stdout).toMatch(/succeeded/);
    const audit = JSON.parse((await cockpit(['audit', '--json'], repo, dataDir)).stdout) as {
      action: string;
      actor: string;
      detail: Record<string, unknown>;
    }[];
    const override = audit.find((entry) => entry.action === 'gate.override');
    expect(override).toMatchObject({ actor: 'alice' });
    expect(JSON.stringify(override!.detail)).toContain('hotfix for the outage');
    expect(await cockpit(['audit', 'verify'], repo, dataDir)).toMatchObject({ code: 0 });
  });

  it('passes a gate once its pipeline ran on the commit', async () => {
    const { repo, dataDir } = await shop();
    expect((await cockpit(['run', 'ci'], repo, dataDir)).code).toBe(0);
    const result = await cockpit(['deploy', 'production'], repo, dataDir);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^ {2}✓ pipeline_passed {2}ci passed on [0-9a-f]{7} \(run #1\)$/m);
  });

  it('waits for approval; the requester cannot approve, not even under another name', async () => {
    const { repo, dataDir } = await shop('approvals: 1');
    const requested = await cockpit(['deploy', 'production'], repo, dataDir, 'alice');
    expect(requested.code).toBe(0);
    expect(requested.stdout).toMatch(/^Needs 1 approval before it starts\.$/m);
    expect(requested.stdout).toMatch(/^Deployment #1 awaiting approval \(0 of 1\)/m);
    expect(requested.stdout).toContain('cockpit approve 1 --comment');

    const self = await cockpit(['approve', '1', '--comment', 'looks good to me'], repo, dataDir, 'alice');
    expect(self.code).toBe(1);
    expect(self.stderr).toMatch(/^error: .*alice.*cannot approve/m);
    // Production's gates keep comment_required at its default: the engine refuses an approval without one.
    const silent = await cockpit(['approve', '1'], repo, dataDir, 'bob');
    expect(silent.code).toBe(1);
    expect(silent.stderr).toMatch(/needs a comment \(gates\.comment_required\)/);
    // These tests run as one OS account: "bob" is alice under another COCKPIT_USER name.
    const alias = await cockpit(['approve', '1', '--comment', 'checked the notes'], repo, dataDir, 'bob');
    expect(alias.code).toBe(1);
    expect(alias.stderr).toMatch(
      /bob requested this deploy \(as alice, from the same OS account \S+\) and cannot approve it too/,
    );
  });

  it('the last approval needed starts the deploy here and follows it', async () => {
    // One OS account runs the tests, so self-approval is allowed here to see the approval start it.
    const { repo, dataDir } = await shop('approvals: 1, allow_self_approval: true');
    expect((await cockpit(['deploy', 'production'], repo, dataDir, 'alice')).code).toBe(0);
    const approved = await cockpit(['approve', '1', '--comment', 'checked the notes'], repo, dataDir, 'bob');
    expect(approved.stderr).not.toMatch(/error/);
    expect(approved.code).toBe(0);
    expect(approved.stdout).toMatch(
      /^Approved deployment #1 \(shop v1\.1\.0 to production, requested by alice\)/m,
    );
    expect(approved.stdout).toMatch(/^verified: /m);
    expect(approved.stdout).toMatch(/Deployment #1 of shop v1\.1\.0 to production succeeded/);
    const audit = await cockpit(['audit'], repo, dataDir);
    expect(audit.stdout).toMatch(/\sbob\s+approval\.approved\s/);
  });
});

describe('cockpit notes', () => {
  it('prints the release notes between two versions as Markdown', async () => {
    const { repo, dataDir } = await shop();
    writeFiles(repo, { 'cart.txt': 'cart\n' });
    git(repo, 'add', '--all');
    git(repo, 'commit', '--quiet', '--no-gpg-sign', '-m', 'feat(cart): remember the cart (#42)');
    git(repo, 'tag', 'v1.2.0');
    const notes = await cockpit(['notes', 'v1.1.0', 'v1.2.0'], repo, dataDir);
    expect(notes.code).toBe(0);
    expect(notes.stdout).toMatch(/^#+ Features$/m);
    expect(notes.stdout).toContain('remember the cart');
    expect(notes.stdout).not.toContain('initial commit');
    const first = await cockpit(['notes', 'none', 'v1.2.0', '--json'], repo, dataDir);
    expect(JSON.parse(first.stdout)).toMatchObject({ from: null, to: 'v1.2.0', issues: ['#42'] });
    expect(await cockpit(['notes', 'v1.1.0'], repo, dataDir)).toMatchObject({ code: 2 });
  });
});
