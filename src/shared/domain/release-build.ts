// Releases built once: a version and commit with the files its build produced (captured from the run
// that built them, stored by SHA-256), what a deployment shipped, and the versions a deploy can pick.
import { z } from 'zod';
import { runStatuses } from './run.ts';

export const releaseFileSchema = z.object({
  /** Where the file is in the release directory a deploy gets (COCKPIT_RELEASE_DIR). */
  path: z.string(),
  size: z.number().int(),
  sha256: z.string(),
});
export type ReleaseFile = z.infer<typeof releaseFileSchema>;

/** A captured release: immutable once captured. */
export const releaseBuildSchema = z.object({
  id: z.number().int(),
  projectId: z.number().int(),
  version: z.string(),
  commit: z.string(),
  /** The run that built it (its row may since have been pruned; the files are kept). */
  runId: z.number().int(),
  pipeline: z.string(),
  capturedBy: z.string(),
  capturedAt: z.number(),
  files: z.array(releaseFileSchema),
});
export type ReleaseBuild = z.infer<typeof releaseBuildSchema>;

export const buildSources = ['release', 'deploy_time'] as const;
export type BuildSource = (typeof buildSources)[number];

/** What a deployment ships (or shipped): a captured release, or whatever its own pipeline builds. */
export const deploymentBuildSchema = z.object({
  source: z.enum(buildSources),
  releaseId: z.number().int().nullable(),
  /** The run that built the release (null: built at deploy time, or not captured yet). */
  builtByRun: z.number().int().nullable(),
  builtByPipeline: z.string().nullable(),
  /** Each file with its checksum (at deploy time: what the deploy run kept as artifacts, once it ran). */
  files: z.array(releaseFileSchema),
});
export type DeploymentBuild = z.infer<typeof deploymentBuildSchema>;

/** A version a deploy could pick, with what the release manager needs to choose it. */
export const releaseCandidateSchema = z.object({
  version: z.string(),
  commit: z.string(),
  subject: z.string(),
  author: z.string(),
  committedAt: z.number(),
  /** The project's CI pipeline on that commit: its newest clean run (null: it never ran there). */
  ci: z.object({ pipeline: z.string(), runId: z.number().int(), status: z.enum(runStatuses) }).nullable(),
  /** Where it is live now, and since when (deployed, or first seen by the monitor). */
  liveIn: z.array(z.object({ environment: z.string(), since: z.number().nullable() })),
  /** It was live in the target environment before (a rollback target), and when it stopped being. */
  wasLiveHere: z.boolean(),
  /** A captured release (its files are shipped as built), else null. */
  release: z.object({ id: z.number().int(), runId: z.number().int(), files: z.number().int() }).nullable(),
  /** The working tree's HEAD (the default for a deploy). */
  head: z.boolean(),
});
export type ReleaseCandidate = z.infer<typeof releaseCandidateSchema>;
