// What changes between what an environment runs and a proposed release: commits both ways, files and
// declared configuration variables (values of secret-looking keys masked).
import { z } from 'zod';
import { deploymentKinds } from './release.ts';

/** Lists longer than this are cut, with the number left out. */
export const DIFF_LIST_CAP = 200;

export const diffCommitSchema = z.object({
  sha: z.string(),
  shortSha: z.string(),
  subject: z.string(),
  /** The subject without its conventional `type(scope)!:` prefix (the whole subject when it has none). */
  description: z.string(),
  author: z.string(),
  date: z.number(),
  /** Conventional-commit type (feat, fix, …) or `other`. */
  type: z.string(),
  scope: z.string().nullable(),
  breaking: z.boolean(),
});
export type DiffCommit = z.infer<typeof diffCommitSchema>;

export const diffFileSchema = z.object({
  path: z.string(),
  /** The path before a rename (or copy); null otherwise. */
  oldPath: z.string().nullable(),
  status: z.enum(['added', 'modified', 'deleted', 'renamed', 'copied', 'type-changed']),
  /** Lines added and deleted; null for binary files. */
  added: z.number().int().nullable(),
  deleted: z.number().int().nullable(),
});
export type DiffFile = z.infer<typeof diffFileSchema>;

export const diffVariableSchema = z.object({
  file: z.string(),
  key: z.string(),
  change: z.enum(['added', 'removed', 'changed']),
  /** The value live (null when added) and proposed (null when removed); `***` when masked. */
  before: z.string().nullable(),
  after: z.string().nullable(),
  masked: z.boolean(),
});
export type DiffVariable = z.infer<typeof diffVariableSchema>;

export const diffDirections = ['unknown_live', 'same', 'forward', 'backward', 'diverged'] as const;

export const releaseDiffSchema = z.object({
  projectId: z.number().int(),
  environment: z.string(),
  kind: z.enum(deploymentKinds),
  live: z.object({ version: z.string().nullable(), commit: z.string().nullable() }),
  proposed: z.object({ version: z.string(), commit: z.string() }),
  /**
   * forward: the proposed release adds commits; backward: it only removes some (a rollback);
   * diverged: both; same: nothing changes; unknown_live: the environment was never observed running a
   * known version, so there is nothing to compare with.
   */
  direction: z.enum(diffDirections),
  /** One sentence for people: what the diff means (and why it is empty when it is). */
  summary: z.string(),
  /** Commits the proposed release brings (live..proposed), newest first, merges excluded. */
  commitsAdded: z.array(diffCommitSchema),
  /** Commits live that the proposed release does not have (proposed..live): a rollback removes them. */
  commitsRemoved: z.array(diffCommitSchema),
  /** Commits beyond the cap in each list. */
  commitsOmitted: z.object({ added: z.number().int(), removed: z.number().int() }),
  files: z.array(diffFileSchema),
  filesOmitted: z.number().int(),
  totals: z.object({ files: z.number().int(), added: z.number().int(), deleted: z.number().int() }),
  /** The `diff.variables` patterns of cockpit.yml (empty: none declared). */
  variableFiles: z.array(z.string()),
  variables: z.array(diffVariableSchema),
  variablesOmitted: z.number().int(),
});
export type ReleaseDiff = z.infer<typeof releaseDiffSchema>;
