// Evidence packs: releases.evidence writes a deployment's pack into the data directory and answers
// its path, size and checksum, which the deployment's details then show (with a copy button).
import type { EvidencePack } from '../../../../shared/domain/insights.ts';
import type { SliceCreator } from '../slice.ts';
import { humanMessage } from '../error-message.ts';

export type EvidenceState =
  { status: 'writing' } | { status: 'written'; pack: EvidencePack } | { status: 'failed'; message: string };

export interface EvidenceSlice {
  /** By deployment id: the last pack written in this window, or the attempt under way. */
  evidence: Record<number, EvidenceState>;
  writeEvidencePack: (deploymentId: number) => Promise<void>;
}

export const createEvidenceSlice: SliceCreator<EvidenceSlice> = (connection) => (set, get) => {
  const put = (deploymentId: number, state: EvidenceState) =>
    set((current) => ({ evidence: { ...current.evidence, [deploymentId]: state } }));
  return {
    evidence: {},
    async writeEvidencePack(deploymentId) {
      if (get().evidence[deploymentId]?.status === 'writing') return;
      put(deploymentId, { status: 'writing' });
      try {
        const pack = await connection.api.releases.evidence({ deploymentId });
        put(deploymentId, { status: 'written', pack });
      } catch (error) {
        put(deploymentId, { status: 'failed', message: humanMessage(error) });
      }
    },
  };
};
