// Turns the engine's inspection of a folder into the lines the Add dialog shows.
import type { FolderInspection } from '../../../../shared/domain/project.ts';

export type FactTone = 'ok' | 'warning' | 'danger' | 'neutral';

export interface FolderFact {
  tone: FactTone;
  text: string;
}

export function folderFacts(inspection: FolderInspection): FolderFact[] {
  if (!inspection.exists) return [{ tone: 'danger', text: 'There is no folder at this path.' }];
  if (!inspection.isDirectory) return [{ tone: 'danger', text: 'This is a file; a project is a folder.' }];
  const facts: FolderFact[] = [];
  if (inspection.alreadyAdded) facts.push({ tone: 'danger', text: 'This folder is already in the cockpit.' });
  facts.push(
    inspection.hasConfig
      ? { tone: 'ok', text: 'Has a cockpit.yml: its pipelines and environments will be read from it.' }
      : inspection.ciFiles.length > 0
        ? { tone: 'neutral', text: 'Has no cockpit.yml (environments and releases need one).' }
        : { tone: 'warning', text: 'Has no cockpit.yml yet.' },
  );
  if (inspection.ciFiles.length > 0) {
    facts.push({
      tone: 'ok',
      text: `Has CI files the cockpit runs as they are: ${inspection.ciFiles.join(', ')}.`,
    });
  }
  facts.push(
    inspection.isGitRepo
      ? { tone: 'ok', text: 'Is a git repository.' }
      : { tone: 'neutral', text: 'Is not a git repository: branch, commit and release notes need git.' },
  );
  return facts;
}

/** The starter-config checkbox only makes sense for a folder that could be added but has no config. */
export function canOfferStarterConfig(inspection: FolderInspection | null): boolean {
  return inspection !== null && inspection.isDirectory && !inspection.hasConfig && !inspection.alreadyAdded;
}
