// Where the built bundles, the icon and the demo examples are, worked out from main's own bundle.
import { join } from 'node:path';

export interface AppPaths {
  preload: string;
  rendererIndex: string;
  engineEntry: string;
  icon: string;
  examplesDir: string;
}

/**
 * `mainDir` is out/main (the folder of the running index.js). Packaged apps ship examples/ as an
 * extra resource: git and cpSync need real files, not the asar archive.
 */
export function appPaths(mainDir: string, packaged: { resourcesPath: string } | null): AppPaths {
  const outDir = join(mainDir, '..');
  const root = join(outDir, '..');
  return {
    preload: join(outDir, 'preload', 'index.cjs'),
    rendererIndex: join(outDir, 'renderer', 'index.html'),
    engineEntry: join(mainDir, 'engine-process.js'),
    icon: join(root, 'resources', 'icon.png'),
    examplesDir: packaged ? join(packaged.resourcesPath, 'examples') : join(root, 'examples'),
  };
}
