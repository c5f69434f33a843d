// How drift, mismatches, progress and override reasons read.
import { describe, expect, it } from 'vitest';
import type { Drift } from '../../../shared/domain/release.ts';
import {
  activeText,
  auditDetailText,
  cellSummary,
  driftPhrases,
  mismatchExplanation,
} from './release-look.ts';

const drift = (patch: Partial<Drift>): Drift => ({
  commit: 'a1b2c3d4',
  behindPrevious: null,
  behindMain: null,
  mainBranch: 'main',
  head: { relation: 'unknown', ahead: 0, behind: 0 },
  tested: null,
  ...patch,
});

const texts = (value: Drift | null, previous: string | null = 'staging') =>
  driftPhrases(value, previous).map((phrase) => phrase.text);

describe('driftPhrases', () => {
  it('says nothing when nothing is known', () => {
    expect(texts(null)).toEqual([]);
    expect(texts(drift({}))).toEqual([]);
  });

  it('counts commits behind the previous environment and the main branch', () => {
    expect(texts(drift({ behindPrevious: 3, behindMain: 5 }))).toEqual(['3 behind staging', '5 behind main']);
    expect(texts(drift({ behindMain: 2, mainBranch: 'trunk' }))).toEqual(['2 behind trunk']);
  });

  it('leaves out zero drift and the previous environment of the first one', () => {
    expect(texts(drift({ behindPrevious: 0, behindMain: 0 }))).toEqual([]);
    expect(texts(drift({ behindPrevious: 4 }), null)).toEqual([]);
  });

  it('places HEAD relative to what runs', () => {
    expect(texts(drift({ head: { relation: 'same', ahead: 0, behind: 0 } }))).toEqual(['at HEAD']);
    expect(texts(drift({ head: { relation: 'ahead', ahead: 4, behind: 0 } }))).toEqual(['HEAD 4 ahead']);
    expect(texts(drift({ head: { relation: 'behind', ahead: 0, behind: 1 } }))).toEqual(['HEAD 1 behind']);
    expect(texts(drift({ head: { relation: 'diverged', ahead: 2, behind: 3 } }))).toEqual([
      'HEAD diverged +2/−3',
    ]);
  });

  it('says what runs was tested, with the run in the sentence', () => {
    const [phrase] = driftPhrases(drift({ tested: { pipeline: 'ci', runId: 12 } }), 'staging');
    expect(phrase).toMatchObject({ text: 'tested ✓ ci', tone: 'ok' });
    expect(phrase?.title).toContain('run #12');
  });

  it('explains with singular and plural', () => {
    const [one] = driftPhrases(drift({ behindMain: 1 }), null);
    expect(one?.title).toBe('main has 1 commit not deployed here.');
    const [many] = driftPhrases(drift({ behindPrevious: 3 }), 'staging');
    expect(many?.title).toBe('staging runs 3 commits this environment does not have yet.');
  });
});

describe('mismatchExplanation', () => {
  const recorded = {
    deploymentId: 1,
    version: '1.2.0',
    commit: 'abc',
    actor: 'ann',
    finishedAt: 0,
    verification: 'verified' as const,
  };

  it('names both versions', () => {
    expect(mismatchExplanation({ reportedVersion: '1.1.0', recorded })).toBe(
      'Reports 1.1.0, but 1.2.0 was deployed last: deployed outside the cockpit, or the deploy did not take.',
    );
  });

  it('covers a missing side', () => {
    expect(mismatchExplanation({ reportedVersion: null, recorded })).toContain('reports no version');
    expect(mismatchExplanation({ reportedVersion: '0.9.0', recorded: null })).toContain(
      'no deploy was recorded',
    );
    expect(mismatchExplanation({ reportedVersion: null, recorded: null })).toBeNull();
  });
});

describe('activeText', () => {
  it('shows progress while the pipeline runs', () => {
    expect(
      activeText({
        deploymentId: 1,
        status: 'running',
        version: '1.2.0',
        actor: 'ann',
        runId: 4,
        approved: false,
        approval: null,
        progress: { done: 2, total: 4 },
      }),
    ).toBe('Deploying 1.2.0 · 2/4 jobs');
    expect(
      activeText({
        deploymentId: 1,
        status: 'awaiting_approval',
        version: '1.2.0',
        actor: 'ann',
        runId: null,
        approved: false,
        approval: null,
        progress: null,
      }),
    ).toBe('Awaiting approval: 1.2.0');
  });
});

describe('auditDetailText', () => {
  it('joins short pairs and skips empty values and the deployment id', () => {
    expect(auditDetailText({ deploymentId: 2, version: '1.2.0', comment: '', gates: 2, by: null })).toBe(
      'version: 1.2.0 · gates: 2',
    );
  });

  it('shortens gates, commits and long values', () => {
    expect(
      auditDetailText({
        commit: 'e68ad118ae1b234762504cc4f293ba6ee79f9416',
        gates: [
          { gate: 'approvals', passed: false, detail: '0 of 1 approval' },
          { gate: 'soak', passed: true, detail: 'healthy' },
        ],
        reason: 'x'.repeat(200),
      }),
    ).toBe(`commit: e68ad11 · gates: approvals ✗, soak ✓ · reason: ${'x'.repeat(119)}…`);
  });
});

describe('cellSummary', () => {
  it('reads a cell as one sentence', () => {
    const text = cellSummary(
      'Shop',
      {
        environment: 'production',
        environmentId: 2,
        tier: 'production',
        state: 'up',
        reportedVersion: '1.1.0',
        lastCheckedAt: 0,
        nextCheckAt: null,
        lastError: null,
        recorded: {
          deploymentId: 3,
          version: '1.2.0',
          commit: 'abc',
          actor: 'ann',
          finishedAt: 0,
          verification: 'verified',
        },
        mismatch: true,
        drift: {
          commit: 'abc',
          behindPrevious: 3,
          behindMain: null,
          mainBranch: 'main',
          head: { relation: 'unknown', ahead: 0, behind: 0 },
          tested: null,
        },
        pendingApprovals: 1,
        active: null,
        lastProblem: 'failed',
        hasGates: true,
        canDeploy: true,
        owners: [],
        next: null,
        previous: 'staging',
      },
      'staging',
      () => '5 min ago',
    );
    expect(text).toBe(
      'Shop in production, version 1.2.0, verified, up. Reports 1.1.0, but 1.2.0 was deployed last: deployed outside the cockpit, or the deploy did not take. Deployed 5 min ago by ann. 3 behind staging. 1 pending approval. Last deploy: failed.',
    );
  });
});
