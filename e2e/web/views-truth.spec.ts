// The views are current and say what is so: a pipeline's Markdown description; a run header naming its
// project; a `run: |` block echoed without a stray "$ "; log search that highlights as you type, counts
// "12 of 340" and starts empty in another run; a re-run's graph with the reused job marked; the board's
// commit following HEAD; the palette's new commands; the sidebar collapsed in a narrow window.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { test, expect, makeGitRepo, screenshot } from './support/cockpit-fixture.ts';
import { collectConsoleErrors, dismissToasts } from './support/demo-page.ts';
import { engineApi } from './support/engine-api.ts';

const config = `version: 1
name: shop
pipelines:
  ci:
    description: |
      What **every** commit must pass: \`lint\`, then the tests.

      - runs on this computer, offline
      - the tests fail until \`../fixed\` exists
    jobs:
      lint:
        run: |
          echo linting
          word=matc
          for i in $(seq 1 340); do echo "\${word}h line $i"; done
      test:
        needs: lint
        run: '[ -f ../fixed ] || { echo "the test is not fixed yet" >&2; exit 1; }'
`;

const gitEnv = {
  ...process.env,
  GIT_AUTHOR_NAME: 'E2E',
  GIT_AUTHOR_EMAIL: 'e2e@example.invalid',
  GIT_COMMITTER_NAME: 'E2E',
  GIT_COMMITTER_EMAIL: 'e2e@example.invalid',
};

test.use({ viewport: { width: 1280, height: 1000 } });

test.describe('views tell the truth', () => {
  test.setTimeout(120_000);

  test('pipelines and runs: Markdown description, project in the header, log search, reused jobs', async ({
    page,
    cockpit,
    workDir,
  }) => {
    const consoleErrors = collectConsoleErrors(page);
    const repo = makeGitRepo(workDir, 'shop', { 'cockpit.yml': config });
    const api = await engineApi(cockpit.url);
    const project = await api.call<{ id: number }>('projects.add', { path: repo });
    await page.goto(cockpit.url);

    // The description is Markdown, shown as elements (never as HTML).
    await page.getByRole('navigation').getByRole('link', { name: 'Pipelines' }).click();
    const description = page.getByTestId('pipeline-description');
    await expect(description.locator('strong')).toHaveText('every');
    await expect(description.locator('code').first()).toHaveText('lint');
    await expect(description.locator('li')).toHaveCount(2);
    await screenshot(page, 'pipeline-description-markdown');

    const first = await api.call<{ id: number }>('runs.start', { projectId: project.id, pipeline: 'ci' });
    await page.goto(`${cockpit.origin}/#/runs/${first.id}`);
    await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'failed', {
      timeout: 30_000,
    });
    await expect(page.locator('#run-title')).toHaveText(`shop / ci #${first.id}`);

    // The lint log: the block's commands echoed once each, and no "$ " alone for its last newline.
    await page.locator('[data-testid="job-card"][data-job="lint"]').click();
    await page.getByRole('button', { name: 'Top', exact: true }).click();
    const lines = page.getByTestId('log-line');
    await expect(lines.filter({ hasText: '$ echo linting' })).toHaveCount(1);
    const systemTexts = await page
      .locator('[data-testid="log-line"][data-stream="system"] .log-text')
      .allTextContents();
    expect(systemTexts.filter((text) => text.trim() === '$')).toEqual([]);

    // Search: highlighted while typing, counted, then "12 of 340" after twelve Enters.
    const search = page
      .getByRole('searchbox', { name: 'Search the log' })
      .or(page.getByLabel('Search the log'));
    await search.first().fill('match');
    await expect(page.locator('mark.log-match').first()).toBeVisible();
    const status = page.getByTestId('log-search-status');
    await expect(status).toHaveText('340 matches');
    for (let i = 1; i <= 12; i++) {
      await search.first().press('Enter');
      await expect(status).toHaveText(`${i} of 340`);
    }
    await expect(page.locator('[data-mark="match"]')).toContainText('match line 12');
    await screenshot(page, 'log-search-12-of-340');

    // Re-run the failed job: the graph shows lint reused from the first run, and the search starts empty.
    writeFileSync(join(workDir, 'fixed'), '');
    await page.getByRole('button', { name: 'Re-run failed jobs' }).click();
    await expect(page).not.toHaveURL(new RegExp(`#/runs/${first.id}$`));
    await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'success', {
      timeout: 30_000,
    });
    const lint = page.locator('[data-testid="job-card"][data-job="lint"]');
    await expect(lint).toHaveAttribute('data-reused', String(first.id));
    await expect(lint).toContainText('reused');
    await expect(lint).toHaveAccessibleName(new RegExp(`reused from run #${first.id}`));
    await expect(page.locator('[data-testid="job-card"][data-job="test"]')).toHaveAttribute(
      'data-status',
      'success',
    );
    await expect(search.first()).toHaveValue('');
    await expect(page.getByTestId('log-search-status')).toHaveText('');
    await expect(page.locator('[data-mark="match"]')).toHaveCount(0);
    await dismissToasts(page);
    await screenshot(page, 'rerun-graph-reused');
    api.close();
    expect(consoleErrors).toEqual([]);
  });

  test('board and chrome: the commit follows HEAD, the palette has the new commands, a narrow window collapses the sidebar', async ({
    page,
    cockpit,
    workDir,
  }) => {
    const consoleErrors = collectConsoleErrors(page);
    const repo = makeGitRepo(workDir, 'shop', { 'cockpit.yml': config });
    const api = await engineApi(cockpit.url);
    await api.call('projects.add', { path: repo });
    api.close();
    await page.goto(cockpit.url);
    const head = () => execFileSync('git', ['rev-parse', 'HEAD'], { cwd: repo, encoding: 'utf8' }).trim();
    const sha = page.getByTestId('project-row').locator('.git-sha');
    await expect(sha).toHaveText(head().slice(0, 7));
    await expect(page.getByTestId('row-no-ci')).toHaveText('no run of ci yet');

    // A commit made outside the cockpit: the row follows without a Refresh.
    writeFileSync(join(repo, 'CHANGELOG.md'), '# next\n');
    execFileSync('git', ['add', 'CHANGELOG.md'], { cwd: repo, env: gitEnv });
    execFileSync('git', ['commit', '--quiet', '--no-gpg-sign', '-m', 'changelog'], {
      cwd: repo,
      env: gitEnv,
    });
    await expect(sha).toHaveText(head().slice(0, 7), { timeout: 15_000 });

    // The palette: Run pipeline…, Add project…, Check now, Toggle theme.
    await page.keyboard.press('Control+k');
    const palette = page.getByRole('dialog', { name: 'Command palette' });
    const options = palette.getByRole('option');
    await expect(options.filter({ hasText: 'Run pipeline…' })).toHaveCount(1);
    await expect(options.filter({ hasText: 'Run pipeline ci of shop…' })).toHaveCount(1);
    await expect(options.filter({ hasText: 'Add project…' })).toHaveCount(1);
    await expect(options.filter({ hasText: /^Toggle theme/ })).toHaveCount(1);
    await palette.getByRole('combobox').fill('theme');
    await screenshot(page, 'palette-commands');
    const before = await page.evaluate(() => document.documentElement.dataset.theme);
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.evaluate(() => document.documentElement.dataset.theme))
      .toBe(before === 'dark' ? 'light' : 'dark');
    await page.keyboard.press('Control+k');
    await palette.getByRole('combobox').fill('run pipeline ci');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/#\/runs\/\d+$/); // no params to ask: it starts and opens
    await expect(page.locator('#run-title')).toContainText('shop / ci');

    // A narrow window: the sidebar is icons only, the labels still name the links.
    await page.setViewportSize({ width: 900, height: 800 });
    const sidebar = page.getByRole('navigation', { name: 'Views' });
    await expect.poll(async () => (await sidebar.boundingBox())?.width ?? 0).toBeLessThan(80);
    await expect(sidebar.getByRole('link', { name: 'Pipelines' })).toBeVisible();
    await screenshot(page, 'narrow-window-sidebar');
    expect(consoleErrors).toEqual([]);
  });
});
