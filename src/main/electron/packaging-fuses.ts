// The fuses flipped in the packaged app's Electron binary (bits Electron reads before running any
// code; code signing then keeps them as set). Used by scripts/electron-after-pack.ts, the afterPack
// hook electron-builder.yml names; `npm start` runs the unpackaged binary and is not affected.
import { join } from 'node:path';
import { flipFuses, FuseV1Options, FuseVersion, type FuseConfig } from '@electron/fuses';

export const cockpitFuses: FuseConfig = {
  version: FuseVersion.V1,
  // A new fuse in a future Electron must be decided here, not silently left at its default.
  strictlyRequireAllFuses: true,
  // ELECTRON_RUN_AS_NODE would turn the signed app into a general Node.js runtime. The engine runs in
  // a utilityProcess, which does not need it.
  [FuseV1Options.RunAsNode]: false,
  // Chromium's cookie store encrypted with the OS keychain, as Chrome does.
  [FuseV1Options.EnableCookieEncryption]: true,
  // Neither NODE_OPTIONS nor --inspect may inject code into the main process.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // app.asar is checked against the hash embedded at packaging, and nothing outside it is loaded.
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  // The window loads its page from file://, with ES modules: that needs the file protocol's privileges.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: true,
  [FuseV1Options.WasmTrapHandlers]: true,
};

/** What electron-builder passes to an afterPack hook (the parts used here). */
export interface AfterPackContext {
  appOutDir: string;
  electronPlatformName: string;
  packager: { executableName?: string; appInfo: { productFilename: string } };
}

/** The Electron binary (or macOS app bundle) inside electron-builder's output folder. */
export function packagedElectronBinary(context: AfterPackContext): string {
  const { productFilename } = context.packager.appInfo;
  const executable = context.packager.executableName ?? productFilename;
  switch (context.electronPlatformName) {
    case 'darwin':
    case 'mas':
      return join(context.appOutDir, `${productFilename}.app`);
    case 'win32':
      return join(context.appOutDir, `${executable}.exe`);
    default:
      return join(context.appOutDir, executable);
  }
}

export async function flipCockpitFuses(
  electronBinary: string,
  options: { resetAdHocDarwinSignature?: boolean } = {},
) {
  await flipFuses(electronBinary, {
    ...cockpitFuses,
    resetAdHocDarwinSignature: options.resetAdHocDarwinSignature,
  });
}

/** electron-builder's afterPack: flip the fuses before the app is signed. */
export async function afterPack(context: AfterPackContext): Promise<void> {
  await flipCockpitFuses(packagedElectronBinary(context), {
    // An arm64 macOS binary must be re-signed after any change, even when signing comes later.
    resetAdHocDarwinSignature:
      context.electronPlatformName === 'darwin' || context.electronPlatformName === 'mas',
  });
}
