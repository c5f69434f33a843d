// What the engine tells clients about a project: its folder, its cockpit.yml health and git facts.
import { z } from 'zod';

export const configProblemSchema = z.object({
  file: z.string(),
  line: z.number().int(),
  col: z.number().int(),
  message: z.string(),
});
export type ConfigProblem = z.infer<typeof configProblemSchema>;

export const gitFactsSchema = z.object({
  branch: z.string().nullable(), // null when HEAD is detached
  headSha: z.string().nullable(), // null in a repository with no commits yet
  dirty: z.boolean(),
});
export type GitFacts = z.infer<typeof gitFactsSchema>;

export const projectSchema = z.object({
  id: z.number().int().positive(),
  name: z.string(),
  path: z.string(),
  addedAt: z.number(),
  configStatus: z.enum(['ok', 'invalid', 'missing']),
  configProblems: z.array(configProblemSchema),
  /**
   * While cockpit.yml is invalid: when the last good configuration — which monitoring, the board and
   * the gates keep using — was written. Null when the file is valid, or nothing valid was ever seen.
   */
  lastGoodConfigAt: z.number().nullable(),
  git: gitFactsSchema.nullable(), // null when the folder is not a git repository
  checkedAt: z.number(),
});
export type Project = z.infer<typeof projectSchema>;

export const folderInspectionSchema = z.object({
  path: z.string(),
  exists: z.boolean(),
  isDirectory: z.boolean(),
  hasConfig: z.boolean(),
  /** GitHub workflows and .gitlab-ci.yml found (relative paths): a project needs no cockpit.yml to run them. */
  ciFiles: z.array(z.string()),
  isGitRepo: z.boolean(),
  alreadyAdded: z.boolean(),
  suggestedName: z.string(),
});
export type FolderInspection = z.infer<typeof folderInspectionSchema>;
