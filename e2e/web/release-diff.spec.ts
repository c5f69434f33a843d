// What a deploy would change, seen in the deploy dialog before deploying: a temporary project whose
// staging (a real HTTP server on 127.0.0.1) reports 1.0.0 while HEAD is v1.1.0. The dialog lists the
// two commits with type, author and short sha, the changed files (a rename among them) and the
// declared variables live → proposed with the token's value hidden. After the deploy, the same
// dialog says staging already runs that commit, the rollback dialog lists the two commits it takes
// out, and production, never observed, says first deploy.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, makeGitRepo, screenshot } from './support/cockpit-fixture.ts';
import { collectConsoleErrors, dismissToasts } from './support/demo-page.ts';
import { engineApi } from './support/engine-api.ts';

test.use({ viewport: { width: 1280, height: 1000 } });

const cell = (page: Page, environment: string) =>
  page.locator(`[data-testid="board-cell"][data-environment="${environment}"]`);

/** Staging: /version reports what the deploy job wrote, 1.0.0 before any deploy. */
async function staging(stateFile: string): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const version = existsSync(stateFile) ? readFileSync(stateFile, 'utf8').trim() : '1.0.0';
    if (req.url === '/version')
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ version }));
    else res.writeHead(200).end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

const cartLines = [
  'export interface Item { sku: string; count: number }',
  'export class Cart {',
  '  items: Item[] = [];',
  '  add(item: Item) { this.items.push(item); }',
  '}',
  '',
];

function commit(repo: string, author: string, message: string, files: Record<string, string>) {
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(dirname(join(repo, file)), { recursive: true });
    writeFileSync(join(repo, file), content);
  }
  const run = (...args: string[]) =>
    execFileSync('git', ['-c', `user.name=${author}`, '-c', 'user.email=e2e@example.invalid', ...args], {
      cwd: repo,
    });
  run('add', '--all');
  run('commit', '--quiet', '--no-gpg-sign', '-m', message);
}

test('the deploy dialog shows the commits, files and variables a deploy would change, before deploying', async ({
  page,
  cockpit,
  workDir,
}) => {
  test.setTimeout(180_000);
  const consoleErrors = collectConsoleErrors(page);
  const stateFile = join(workDir, 'staging-version');
  const { url, server } = await staging(stateFile);
  try {
    const repo = makeGitRepo(workDir, 'diff-shop', {
      'cockpit.yml': `version: 1
name: Diff shop
environments:
  - name: staging
    url: "${url}"
    interval: 1h
    version: { json_pointer: /version, path: /version }
  - name: production
    tier: production
    url: http://127.0.0.1:9/production
    interval: 1h
pipelines:
  deploy-staging:
    deploy: { environment: staging, verify_timeout: 20s }
    jobs:
      ship: { run: 'printf "%s" "\${COCKPIT_DEPLOY_VERSION#v}" > "${stateFile}"' }
  deploy-production:
    deploy: { environment: production }
    jobs:
      ship: { run: "true" }
diff:
  variables: [config/*.env]
`,
      'src/cart.ts': cartLines.join('\n'),
      'config/app.env': 'LOG_LEVEL=info\nAPI_TOKEN=tok-live-0000\n',
    });
    execFileSync('git', ['tag', 'v1.0.0'], { cwd: repo });
    renameSync(join(repo, 'src/cart.ts'), join(repo, 'src/basket.ts'));
    commit(repo, 'Ann Lee', 'feat(cart): a basket instead of a cart', {
      'src/basket.ts': cartLines.join('\n').replace('Cart', 'Basket'),
    });
    commit(repo, 'Bob Stone', 'fix: log less, rotate the token', {
      'config/app.env': 'LOG_LEVEL=warn\nAPI_TOKEN=tok-next-1111\nREGION=eu-west-1\n',
    });
    execFileSync('git', ['tag', 'v1.1.0'], { cwd: repo });

    const api = await engineApi(cockpit.url);
    const project = await api.call<{ id: number }>('projects.add', { path: repo });
    const environments = await api.call<{ id: number; name: string }[]>('environments.list', {
      projectId: project.id,
    });
    await api.call('environments.checkNow', {
      environmentId: environments.find((environment) => environment.name === 'staging')!.id,
    });
    api.close();

    await page.goto(cockpit.url);
    await expect(cell(page, 'staging')).toHaveAttribute('data-reported', '1.0.0', { timeout: 30_000 });
    await dismissToasts(page);

    await cell(page, 'staging').click();
    await page.getByRole('menuitem', { name: 'Deploy…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Deploy Diff shop to staging' });
    const diff = dialog.getByTestId('release-diff');
    await expect(diff.getByTestId('release-diff-summary')).toContainText(
      'v1.0.0 → v1.1.0: v1.1.0 adds 2 commits to v1.0.0.',
      { timeout: 30_000 },
    );
    const commits = diff.getByTestId('diff-commit');
    await expect(commits).toHaveCount(2);
    await expect(commits.nth(0)).toContainText('fix');
    await expect(commits.nth(0)).toContainText('log less, rotate the token');
    await expect(commits.nth(0)).toContainText('Bob Stone');
    await expect(commits.nth(1)).toContainText('feat');
    await expect(commits.nth(1)).toContainText('cart: a basket instead of a cart');
    await expect(commits.nth(1)).toContainText('Ann Lee');
    await expect(commits.nth(1)).toContainText(/[0-9a-f]{7}/);

    const files = diff.getByTestId('release-diff-files');
    await expect(files).toContainText('2 files changed');
    await expect(files.getByTestId('diff-file')).toHaveText([
      /M\s*config\/app\.env\s*\+3\s*−2/,
      /R\s*src\/cart\.ts → src\/basket\.ts\s*\+1\s*−1/,
    ]);
    // Folding the list hides the files and keeps the count.
    await files.locator('summary').click();
    await expect(files.getByTestId('diff-file').first()).toBeHidden();
    await files.locator('summary').click();

    const variables = diff.getByTestId('diff-variable');
    await expect(variables).toHaveText([
      /API_TOKEN.*hidden.*hidden/,
      /LOG_LEVEL.*info.*warn/,
      /REGION.*\(absent\).*eu-west-1/,
    ]);
    await expect(dialog).not.toContainText('tok-');
    await screenshot(page, 'release-diff-dialog');

    await dialog.getByTestId('deploy-confirm').click();
    await expect(dialog).toBeHidden();
    await expect(cell(page, 'staging')).toHaveAttribute('data-verification', 'verified', { timeout: 90_000 });

    // Staging runs v1.1.0 now: the same dialog says so instead of listing anything.
    await cell(page, 'staging').click();
    await page.getByRole('menuitem', { name: 'Deploy…' }).click();
    await expect(dialog.getByTestId('release-diff-empty')).toContainText('Same commit as live', {
      timeout: 30_000,
    });
    await expect(dialog.getByTestId('release-diff-empty')).toContainText('"staging" already runs v1.1.0');
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    // Rolling back to 1.0.0 (what the monitor saw before) takes both commits out again.
    await cell(page, 'staging').click();
    await page.getByRole('menuitem', { name: /^Roll back/ }).click();
    const rollback = page.getByRole('dialog', { name: /^Roll back Diff shop/ });
    const removed = rollback.getByTestId('release-diff-removed');
    await expect(removed).toContainText('Commits it takes out (2)', { timeout: 30_000 });
    await expect(removed.getByTestId('diff-commit')).toHaveCount(2);
    await expect(rollback.getByTestId('release-diff-added')).toHaveCount(0);
    await expect(rollback.getByTestId('release-diff-summary')).toContainText('v1.1.0 → v1.0.0');
    await screenshot(page, 'release-diff-rollback');
    await rollback.getByRole('button', { name: 'Cancel' }).click();

    // Production never reported a version: a first deploy, with nothing to compare.
    await cell(page, 'production').click();
    await page.getByRole('menuitem', { name: 'Deploy…' }).click();
    const production = page.getByRole('dialog', { name: 'Deploy Diff shop to production' });
    await expect(production.getByTestId('release-diff-empty')).toContainText(
      'Nothing live yet — first deploy',
      { timeout: 30_000 },
    );
    await screenshot(page, 'release-diff-first-deploy');
    expect(consoleErrors).toEqual([]);
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});
