// The behaviour gitlab-ci-local's own test cases (tests/test-cases/<case>/ in firecow/gitlab-ci-local)
// check, for the cases that run offline with the shell executor, reproduced with this project's own
// fixtures: which jobs run, fail or are skipped, what they print, and which files are refused.
// `differs` says why the cockpit deliberately behaves otherwise; such a case asserts the cockpit's
// behaviour and counts against the fidelity figure in docs/ci-compatibility.md.
// The cases are kept by topic in gcl-cases-<topic>.ts; the fixture type is in fidelity-case.ts.
import type { FidelityCase } from './fidelity-case.ts';
import { scriptCases } from './gcl-cases-scripts.ts';
import { structureCases } from './gcl-cases-structure.ts';
import { rulesCases } from './gcl-cases-rules.ts';
import { needsCases } from './gcl-cases-needs.ts';
import { parallelCases } from './gcl-cases-parallel.ts';
import { artifactsCases } from './gcl-cases-artifacts.ts';
import { cacheCases } from './gcl-cases-cache.ts';

export type { FidelityCase } from './fidelity-case.ts';

export const gclCases: FidelityCase[] = [
  ...scriptCases,
  ...structureCases,
  ...rulesCases,
  ...needsCases,
  ...parallelCases,
  ...artifactsCases,
  ...cacheCases,
];
