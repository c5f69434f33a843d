// Which actions a board cell offers, and what the command palette lists from them.
import { describe, expect, it } from 'vitest';
import type { ApprovalState, BoardCell, BoardRow } from '../../../shared/domain/release.ts';
import type { RollbackTarget } from '../../../shared/domain/rollback-target.ts';
import { cellActions, paletteLabel, rollbackOffer } from './cell-actions.ts';
import { paletteCommands } from './palette-commands.ts';

const cell = (environment: string, patch: Partial<BoardCell> = {}): BoardCell => ({
  environment,
  environmentId: 1,
  tier: 'staging',
  state: 'up',
  reportedVersion: null,
  lastCheckedAt: null,
  nextCheckAt: null,
  lastError: null,
  recorded: null,
  mismatch: false,
  drift: null,
  pendingApprovals: 0,
  active: null,
  lastProblem: null,
  hasGates: false,
  canDeploy: true,
  owners: [],
  // As the engine answers for the lifecycle staging → production.
  next: environment === 'staging' ? 'production' : null,
  previous: environment === 'production' ? 'staging' : null,
  ...patch,
});

const mayApprove: ApprovalState = {
  requester: 'ann',
  actor: 'bob',
  actorIsRequester: false,
  mayApprove: true,
  whyNot: null,
  approvalsNeeded: 1,
  approvalsLeft: 1,
  waitingFor: ['bob', 'carol'],
  anyone: false,
  excluded: ['ann'],
  commentRequired: true,
};

const recorded = {
  deploymentId: 3,
  version: '1.1.0',
  commit: 'abc',
  actor: 'ann',
  finishedAt: 0,
  verification: 'verified' as const,
};

const row = (cells: BoardCell[]): BoardRow => ({
  projectId: 7,
  name: 'Shop',
  configProblem: null,
  configFallback: null,
  ciPipelines: [],
  ci: null,
  headSha: 'abc',
  headVersion: 'v1.2.0',
  owners: [],
  lifecycle: ['staging', 'production'],
  cells,
});

const kinds = (r: BoardRow, environment: string) =>
  cellActions(
    r,
    r.cells.find((c) => c.environment === environment)!,
  ).map((action) => (action.disabledReason === null ? action.kind : `${action.kind} (disabled)`));

describe('cellActions', () => {
  it('offers deploy, promote to the next environment, roll back, notes and history', () => {
    const r = row([cell('staging', { recorded }), cell('production', { environmentId: 2 })]);
    expect(kinds(r, 'staging')).toEqual([
      'deploy',
      'promote',
      'rollback',
      'notes',
      'history',
      'open-environment',
    ]);
    expect(cellActions(r, r.cells[0]!).find((action) => action.kind === 'promote')?.label).toBe(
      'Promote to production…',
    );
    // The last environment has nowhere to promote to; where nothing runs, nothing rolls back.
    expect(kinds(r, 'production')).toEqual([
      'deploy',
      'rollback (disabled)',
      'notes',
      'history',
      'open-environment',
    ]);
  });

  it('says why an action is not possible', () => {
    const r = row([cell('staging', { canDeploy: false }), cell('production')]);
    const actions = cellActions(r, r.cells[0]!);
    expect(actions.find((a) => a.kind === 'deploy')?.disabledReason).toBe(
      'No deploy pipeline targets staging in cockpit.yml.',
    );
    expect(actions.find((a) => a.kind === 'promote')?.disabledReason).toBe('Nothing runs in staging yet.');
  });

  it('offers Approve only to those the engine lets approve; the requester sees who it waits for', () => {
    const awaiting = (approval: ApprovalState) =>
      row([
        cell('staging', { recorded }),
        cell('production', {
          active: {
            deploymentId: 9,
            status: 'awaiting_approval',
            version: '1.1.0',
            actor: 'ann',
            runId: null,
            approved: false,
            approval,
            progress: null,
          },
        }),
      ]);
    const own = awaiting({
      ...mayApprove,
      actor: 'ann',
      actorIsRequester: true,
      mayApprove: false,
      whyNot: 'ann requested this deploy and cannot approve it too',
    });
    expect(kinds(own, 'production')).not.toContain('approve');
    const waiting = cellActions(own, own.cells[1]!).find((action) => action.kind === 'waiting');
    expect(waiting).toMatchObject({
      label: 'Waiting for one of: bob, carol',
      disabledReason: expect.any(String) as string,
    });
    expect(kinds(awaiting(mayApprove), 'production')).toContain('approve');
  });

  it('puts approve and reject first while a deploy awaits approval, with its run and a way to withdraw', () => {
    const r = row([
      cell('staging', { recorded }),
      cell('production', {
        active: {
          deploymentId: 9,
          status: 'awaiting_approval',
          version: '1.1.0',
          actor: 'ann',
          runId: null,
          approved: false,
          approval: mayApprove,
          progress: null,
        },
      }),
    ]);
    expect(kinds(r, 'production').slice(0, 2)).toEqual(['approve', 'reject']);
    expect(kinds(r, 'production')).toContain('cancel');
  });

  it('links a running deploy to its run', () => {
    const r = row([
      cell('staging', {
        active: {
          deploymentId: 9,
          status: 'running',
          version: '1.2.0',
          actor: 'ann',
          runId: 41,
          approved: false,
          approval: null,
          progress: null,
        },
      }),
    ]);
    const open = cellActions(r, r.cells[0]!).find((a) => a.kind === 'open-run');
    expect(open).toMatchObject({ runId: 41, label: 'Open deploy run #41' });
  });

  it("promotes to the engine's next environment, never to one of its own reckoning", () => {
    // The row's lifecycle says production comes next; the engine says qa: the menu follows the engine.
    const r = row([cell('staging', { recorded, next: 'qa' }), cell('qa', { next: null })]);
    expect(cellActions(r, r.cells[0]!).find((a) => a.kind === 'promote')).toMatchObject({
      to: 'qa',
      label: 'Promote to qa…',
    });
    const last = row([cell('staging', { recorded, next: null })]);
    expect(kinds(last, 'staging')).not.toContain('promote');
  });
});

describe('rollbackOffer', () => {
  const target = (version: string, patch: Partial<RollbackTarget> = {}): RollbackTarget => ({
    version,
    commit: `${version}-sha`,
    liveFrom: 1,
    liveUntil: 2,
    source: 'deployed',
    deploymentId: 1,
    previous: false,
    ...patch,
  });

  it("offers the engine's previous target by name, an observed-only one included", () => {
    const observed = target('v1.0.0', { source: 'observed', deploymentId: null, previous: true });
    // Nothing recorded by the cockpit: the monitor saw v1.0.0 run there before.
    const offer = rollbackOffer(cell('production', { reportedVersion: '1.1.0' }), [observed]);
    expect(offer).toEqual({ label: 'Roll back to v1.0.0', version: 'v1.0.0', disabledReason: null });
  });

  it('follows the engine mark, not the order', () => {
    const targets = [target('v9', { commit: null }), target('v2', { previous: true }), target('v1')];
    expect(rollbackOffer(cell('production', { recorded }), targets).version).toBe('v2');
  });

  it('says why not when the engine names no previous target', () => {
    const c = cell('production', { recorded });
    expect(rollbackOffer(c, []).disabledReason).toBe(
      'Nothing to roll back to: no release live in production before is left (one rolled back is not offered again).',
    );
    expect(rollbackOffer(c, [target('2.0-local', { commit: null })]).disabledReason).toBe(
      'What ran in production before (2.0-local) is no tag or commit in this repository: it cannot be deployed again.',
    );
    expect(
      rollbackOffer(cell('production', { recorded, canDeploy: false }), [target('v1', { previous: true })]),
    ).toEqual({
      label: 'Roll back…',
      version: null,
      disabledReason: 'No deploy pipeline targets production in cockpit.yml.',
    });
  });

  it('before the engine answered: "Roll back…" opens the dialog that lists them, where something runs', () => {
    expect(rollbackOffer(cell('production', { reportedVersion: '1.0.0' }), null)).toEqual({
      label: 'Roll back…',
      version: null,
      disabledReason: null,
    });
    expect(rollbackOffer(cell('production'), null).disabledReason).toBe('Nothing runs in production yet.');
  });

  it('names the target in the cell menu and the palette', () => {
    const r = row([cell('staging'), cell('production', { recorded })]);
    const actions = cellActions(r, r.cells[1]!, [target('v1.0.0', { previous: true })]);
    const rollback = actions.find((action) => action.kind === 'rollback')!;
    expect(rollback.label).toBe('Roll back to v1.0.0');
    expect(paletteLabel(rollback, 'Shop')).toBe('Roll back Shop in production to v1.0.0…');
    expect(
      paletteLabel(
        cellActions(r, r.cells[1]!).find((a) => a.kind === 'rollback')!,
        'Shop',
      ),
    ).toBe('Roll back Shop in production…');
  });
});

describe('paletteCommands', () => {
  it('offers Run pipeline…, Add project…, Check now per environment and Toggle theme', () => {
    const r = row([cell('staging', { environmentId: 4 }), cell('production', { environmentId: 5 })]);
    const commands = paletteCommands([r], {
      pipelines: [{ projectId: 7, projectName: 'Shop', names: ['ci', 'deploy'] }],
      theme: 'dark',
    });
    const labels = commands.map((command) => command.label);
    expect(labels).toEqual(
      expect.arrayContaining([
        'Run pipeline…',
        'Run pipeline ci of Shop…',
        'Run pipeline deploy of Shop…',
        'Add project…',
        'Check now: staging of Shop',
        'Check now: production of Shop',
        'Toggle theme (to light)',
      ]),
    );
    expect(commands.find((command) => command.label === 'Run pipeline ci of Shop…')).toMatchObject({
      kind: 'run',
      projectId: 7,
      pipeline: 'ci',
    });
    expect(commands.find((command) => command.kind === 'check' && command.environmentId === 5)).toBeTruthy();
  });

  it('lists views, then pending approvals, then every enabled cell action', () => {
    const r = row([
      cell('staging', { recorded }),
      cell('production', {
        active: {
          deploymentId: 9,
          status: 'awaiting_approval',
          version: '1.1.0',
          actor: 'ann',
          runId: null,
          approved: false,
          approval: mayApprove,
          progress: null,
        },
      }),
    ]);
    const labels = paletteCommands([r]).map((command) => command.label);
    expect(labels.slice(0, 6)).toEqual([
      'Go to Board',
      'Go to Pipelines',
      'Go to Environments',
      'Go to Releases',
      'Go to Insights',
      'Go to Settings',
    ]);
    expect(labels.slice(6, 8)).toEqual(['Run pipeline…', 'Add project…']);
    expect(labels).toContain('Toggle theme');
    const approve = labels.indexOf('Approve the pending deploy of Shop in production…');
    expect(approve).toBeGreaterThan(labels.indexOf('Toggle theme'));
    expect(labels.slice(approve + 1)).not.toContain('Go to Board');
    expect(labels).toContain('Deploy Shop to staging…');
    expect(labels).toContain('Promote Shop from staging to production…');
    expect(labels).toContain('Release notes of Shop in production');
    expect(labels).not.toContain('Roll back Shop in production…'); // nothing recorded there
  });
});
