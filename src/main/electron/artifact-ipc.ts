// Wires "Show in folder" (the page asks through the preload): only from the app's own page, only a
// well-formed request, only a stored artifact under <dataDir>/artifacts (artifact-folder.ts decides).
import { ipcMain, shell } from 'electron';
import type { Logger } from '../engine/kernel/diagnostics/logger.ts';
import { SHOW_ARTIFACT_MESSAGE } from '../../shared/engine-port.ts';
import { artifactToReveal } from './artifact-folder.ts';
import { isAppUrl, type AppLocation } from './navigation-policy.ts';

export function handleShowArtifact(options: { dataDir: string; location: AppLocation; logger: Logger }) {
  ipcMain.on(SHOW_ARTIFACT_MESSAGE, (event, request: unknown) => {
    const from = event.senderFrame?.url ?? '';
    if (!isAppUrl(from, options.location)) {
      options.logger.warn('refused a show-artifact request from a page that is not the app', { from });
      return;
    }
    const file = artifactToReveal(options.dataDir, request);
    if (file === null) {
      options.logger.warn('refused a show-artifact request: malformed, outside the artifacts, or gone');
      return;
    }
    shell.showItemInFolder(file);
  });
}
