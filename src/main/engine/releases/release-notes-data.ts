// Release notes as the protocol carries them: the commits between two versions, grouped, with the
// Markdown the deployment saves.
import type { ReleaseNotesData } from '../../../shared/domain/release.ts';
import { releaseNotes, releaseNotesMarkdown } from './release-notes.ts';
import type { Plan } from './release-context.ts';

/** The notes of what a plan ships: from what the environment runs now to the planned commit. */
export function notesForPlan(plan: Plan): Promise<ReleaseNotesData> {
  return notesBetween(plan.projectPath, plan.currentCommit, plan.commit, plan.previousVersion, plan.version);
}

export async function notesBetween(
  path: string,
  fromSha: string | null,
  toSha: string,
  fromLabel: string | null,
  toLabel: string,
): Promise<ReleaseNotesData> {
  const notes = await releaseNotes(path, fromSha, toSha);
  const labelled = { ...notes, from: fromLabel ?? notes.from, to: toLabel };
  return {
    from: labelled.from,
    to: labelled.to,
    fromSha: notes.fromSha,
    toSha: notes.toSha,
    notAncestor: notes.notAncestor,
    commits: notes.commits.map((commit) => ({
      sha: commit.sha,
      shortSha: commit.shortSha,
      subject: commit.subject,
      author: commit.author,
      date: commit.date,
      type: commit.type,
      scope: commit.scope,
      breaking: commit.breaking,
      description: commit.description,
      issues: commit.issues,
    })),
    groups: notes.groups.map((group) => ({
      type: group.type,
      title: group.title,
      shas: group.commits.map((commit) => commit.sha),
    })),
    authors: notes.authors,
    issues: notes.issues,
    markdown: releaseNotesMarkdown(labelled),
  };
}
