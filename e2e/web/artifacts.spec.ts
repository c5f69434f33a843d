// Artifacts end to end: a project's run keeps two files; the run view lists them per job with size
// and SHA-256, and Download hands over the very bytes (checked against the SHA-256). The project keeps
// only its last run's files (cockpit.yml artifacts: keep_last_runs: 1): after a second run the first
// run's artifacts say when and why they were removed, and their download answers 410 with that reason.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect, makeGitRepo, screenshot } from './support/cockpit-fixture.ts';
import { collectConsoleErrors } from './support/demo-page.ts';
import { engineApi } from './support/engine-api.ts';

test.use({ viewport: { width: 1280, height: 900 } });

const config = `version: 1
name: Artifact shop
artifacts: { keep_last_runs: 1 }
pipelines:
  ci:
    jobs:
      build:
        run: mkdir -p dist && printf 'console.log("shop");\\n' > dist/app.js && head -c 200000 /dev/zero > dist/bundle.bin
        artifacts: [dist/**]
      report:
        needs: build
        run: printf 'all green\\n' > report.txt
        artifacts: [report.txt]
`;

async function openRun(page: Page, origin: string, runId: number) {
  await page.goto(`${origin}/#/runs/${runId}`);
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'success', { timeout: 60_000 });
}

test('the run view lists artifacts with size and checksum, downloads them, and says which retention removed', async ({
  page,
  cockpit,
  workDir,
}) => {
  const consoleErrors = collectConsoleErrors(page);
  const repo = makeGitRepo(workDir, 'artifact-shop', { 'cockpit.yml': config });
  const api = await engineApi(cockpit.url);
  const project = await api.call<{ id: number }>('projects.add', { path: repo });
  const first = await api.call<{ id: number }>('runs.start', { projectId: project.id, pipeline: 'ci' });

  await page.goto(cockpit.url); // trades the token for the cookie
  await openRun(page, cockpit.origin, first.id);
  const rows = page.getByTestId('artifact');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toContainText('build');
  await expect(rows.nth(0)).toContainText('dist/app.js');
  await expect(rows.nth(0)).toContainText('21 B');
  await expect(rows.nth(1)).toContainText('dist/bundle.bin');
  await expect(rows.nth(1)).toContainText('195.3 KB');
  await expect(rows.nth(2)).toContainText('report.txt');
  const appSha = createHash('sha256').update('console.log("shop");\n').digest('hex');
  await expect(rows.nth(0).getByTestId('artifact-sha256')).toHaveText(`${appSha.slice(0, 12)}…`);
  await expect(rows.nth(0).getByTestId('artifact-sha256')).toHaveAttribute('title', appSha);
  await page.getByTestId('run-artifacts').scrollIntoViewIfNeeded();
  await screenshot(page, 'artifacts-run-view');

  // Download: the browser receives the file under its own name, byte for byte.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download dist/bundle.bin of build' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('bundle.bin');
  const saved = await download.path();
  const bundleSha = createHash('sha256').update(Buffer.alloc(200_000)).digest('hex');
  expect(createHash('sha256').update(readFileSync(saved)).digest('hex')).toBe(bundleSha);
  await expect(rows.nth(1).getByTestId('artifact-sha256')).toHaveAttribute('title', bundleSha);

  // A second run: the project keeps one run's artifacts, so the first run's files go.
  const second = await api.call<{ id: number }>('runs.start', { projectId: project.id, pipeline: 'ci' });
  await openRun(page, cockpit.origin, second.id);
  await expect(page.getByTestId('artifact')).toHaveCount(3);
  await expect(page.getByTestId('artifact-removed')).toHaveCount(0);

  await openRun(page, cockpit.origin, first.id);
  await expect(page.getByTestId('artifact-removed')).toHaveCount(3);
  await expect(rows.nth(0)).toHaveAttribute('data-available', 'false');
  await expect(rows.nth(0).getByTestId('artifact-removed')).toContainText(
    "Removed by the project's retention: not among its last 1 run and not a released build (cockpit.yml artifacts.keep_last_runs: 1)",
  );
  await expect(page.getByRole('link', { name: /^Download / })).toHaveCount(0);
  // The checksum stays as evidence.
  await expect(rows.nth(0).getByTestId('artifact-sha256')).toHaveAttribute('title', appSha);
  await page.getByTestId('run-artifacts').scrollIntoViewIfNeeded();
  await screenshot(page, 'artifacts-removed-by-retention');

  const id = await rows.nth(0).getAttribute('data-artifact-id');
  const gone = await page.request.get(`${cockpit.origin}/artifacts/${id}`);
  expect(gone.status()).toBe(410);
  expect(await gone.text()).toMatch(
    /^Artifact dist\/app\.js of run #\d+ \(job build\) is gone: removed by the project's retention/,
  );
  expect((await page.request.get(`${cockpit.origin}/artifacts/987654`)).status()).toBe(404);

  api.close();
  expect(consoleErrors).toEqual([]);
});
