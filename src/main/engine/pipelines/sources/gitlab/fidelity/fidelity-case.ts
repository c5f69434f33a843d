// The behaviour gitlab-ci-local's own test cases (tests/test-cases/<case>/ in firecow/gitlab-ci-local)
// check, for the cases that run offline with the shell executor, reproduced with this project's own
// fixtures: which jobs run, fail or are skipped, what they print, and which files are refused.
// `differs` says why the cockpit deliberately behaves otherwise; such a case asserts the cockpit's
// behaviour and counts against the fidelity figure in docs/ci-compatibility.md.
import type { JobStatus } from '../../../../../../shared/domain/run.ts';

export interface FidelityCase {
  /** The gitlab-ci-local test case reproduced. */
  case: string;
  /** What it checks, in a few words. */
  checks: string;
  files: Record<string, string>;
  /** Jobs to run (`cockpit run gitlab --job …`), with what they need when `withNeeds`. */
  select?: string[];
  withNeeds?: boolean;
  /** Manual jobs to play once the run has settled. */
  play?: string[];
  /** git commands run in the repository after its first commit. */
  git?: string[][];
  /** Run the pipeline twice; the expectations are about the second run. */
  twice?: boolean;
  /** Files written after the git commands (uncommitted changes). */
  writeAfterGit?: Record<string, string>;
  expect: {
    /** A problem with the file: the run is refused with this text. */
    problem?: string;
    status?: Record<string, JobStatus>;
    /** Lines a job's log contains. */
    output?: Record<string, string[]>;
    /** Text no job prints (commands echoed as `$ …` excepted). */
    absent?: string[];
    /** Jobs the run does not have (not selected). */
    notInRun?: string[];
    /** Files the job's artifacts keep, exactly. */
    artifacts?: Record<string, string[]>;
  };
  differs?: string;
}
