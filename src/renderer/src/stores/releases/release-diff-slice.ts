// What the deploy dialog's request would change, as the engine computed it (releases.diff): commits
// both ways, changed files and declared configuration variables (secret values already masked).
// Only the answer for the latest request is kept; an older answer arriving late is dropped.
import type { ReleaseDiff } from '../../../../shared/domain/release-diff.ts';
import type { SliceCreator } from '../slice.ts';
import { shownError, type ShownError } from '../error-message.ts';
import { latestRequest } from '../latest-request.ts';
import { deployRequestKey, deployRequestParams, type DeployRequest } from './release-actions-slice.ts';

export interface ReleaseDiffSlice {
  releaseDiff: ReleaseDiff | null;
  /** The request (deployRequestKey) the diff or its error answers. */
  releaseDiffKey: string | null;
  releaseDiffLoading: boolean;
  releaseDiffError: ShownError | null;
  loadReleaseDiff: (request: DeployRequest) => Promise<void>;
}

export const createReleaseDiffSlice: SliceCreator<ReleaseDiffSlice> = (connection) => (set) => {
  const latest = latestRequest();
  return {
    releaseDiff: null,
    releaseDiffKey: null,
    releaseDiffLoading: false,
    releaseDiffError: null,

    loadReleaseDiff(request) {
      const key = deployRequestKey(request);
      set({ releaseDiffLoading: true });
      return latest(
        () => connection.api.releases.diff(deployRequestParams(request)),
        (diff) =>
          set({ releaseDiff: diff, releaseDiffKey: key, releaseDiffLoading: false, releaseDiffError: null }),
        (error) =>
          set({
            releaseDiff: null,
            releaseDiffKey: key,
            releaseDiffLoading: false,
            releaseDiffError: shownError(error),
          }),
      );
    },
  };
};
