// The behaviour of nektos/act's host-executor runner cases (pkg/runner/runner_test.go, the list run
// on Linux with `-self-hosted`), reproduced with this project's own fixtures: for each case, the
// files of a repository, the event, and which jobs succeed, fail or are skipped. Container-only jobs
// of a case are left out (they need Docker); `note` says what else differs and why.
// The cases are kept by topic in act-cases-<topic>.ts; their type and shared fixtures are in act-case.ts.
import type { ActCase } from './act-case.ts';
import { shellCases } from './act-cases-shells.ts';
import { actionCases } from './act-cases-actions.ts';
import { matrixCases } from './act-cases-matrix.ts';
import { contextCases } from './act-cases-contexts.ts';

export type { ActCase, Outcome } from './act-case.ts';

export const ACT_CASES: ActCase[] = [...shellCases, ...actionCases, ...matrixCases, ...contextCases];
