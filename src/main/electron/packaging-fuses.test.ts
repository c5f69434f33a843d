// The packaged app's fuses, flipped by the afterPack hook on a file laid out as Electron lays out its
// fuse wire (the sentinel, a version byte, a length byte, one byte per fuse), then read back with
// @electron/fuses — no Electron binary needed. And the packaging config really uses the hook.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FuseState, FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repositoryRoot } from '../engine/kernel/app-version.ts';
import { cleanupFixtures, tempDir } from '../testing/fixtures.ts';
import { afterPack, cockpitFuses, packagedElectronBinary } from './packaging-fuses.ts';

afterEach(cleanupFixtures);

const FUSES = 9;
/** The marker Electron builds into its binary just before the fuse wire (@electron/fuses finds it). */
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';

/** A stand-in binary with every fuse at Electron's shipped defaults (RunAsNode on, cookies plain, …). */
function fakeElectron(path: string) {
  const defaults = [
    FuseState.ENABLE, // RunAsNode
    FuseState.DISABLE, // EnableCookieEncryption
    FuseState.ENABLE, // EnableNodeOptionsEnvironmentVariable
    FuseState.ENABLE, // EnableNodeCliInspectArguments
    FuseState.DISABLE, // EnableEmbeddedAsarIntegrityValidation
    FuseState.DISABLE, // OnlyLoadAppFromAsar
    FuseState.DISABLE, // LoadBrowserProcessSpecificV8Snapshot
    FuseState.ENABLE, // GrantFileProtocolExtraPrivileges
    FuseState.ENABLE, // WasmTrapHandlers
  ];
  writeFileSync(
    path,
    Buffer.concat([
      Buffer.alloc(4096, 0x90),
      Buffer.from(SENTINEL),
      Buffer.from([1, FUSES, ...defaults]),
      Buffer.alloc(4096, 0x90),
    ]),
  );
}

describe('packaging fuses', () => {
  it('the afterPack hook turns RunAsNode off and cookie encryption and ASAR integrity and ASAR-only on', async () => {
    const appOutDir = tempDir('cockpit-packaged-');
    const context = {
      appOutDir,
      electronPlatformName: 'linux',
      packager: { executableName: 'release-cockpit', appInfo: { productFilename: 'Release Cockpit' } },
    };
    const binary = packagedElectronBinary(context);
    expect(binary).toBe(join(appOutDir, 'release-cockpit'));
    fakeElectron(binary);

    await afterPack(context);

    const wire = await getCurrentFuseWire(binary);
    expect(wire[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(FuseState.DISABLE);
    // The built window loads file:// ES modules: that privilege stays.
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(FuseState.ENABLE);
  });

  it('refuses a binary whose fuse wire has a fuse this config has not decided', async () => {
    const binary = join(tempDir('cockpit-packaged-'), 'electron');
    writeFileSync(
      binary,
      Buffer.concat([
        Buffer.from(SENTINEL),
        Buffer.from([1, FUSES + 1, ...new Array<number>(FUSES + 1).fill(FuseState.ENABLE)]),
      ]),
    );
    await expect(
      afterPack({
        appOutDir: join(binary, '..'),
        electronPlatformName: 'linux',
        packager: { executableName: 'electron', appInfo: { productFilename: 'x' } },
      }),
    ).rejects.toThrow(/strictlyRequireAllFuses/);
  });

  it('finds the binary electron-builder made on each platform', () => {
    const packager = { executableName: 'release-cockpit', appInfo: { productFilename: 'Release Cockpit' } };
    expect(packagedElectronBinary({ appOutDir: '/o', electronPlatformName: 'win32', packager })).toBe(
      join('/o', 'release-cockpit.exe'),
    );
    expect(packagedElectronBinary({ appOutDir: '/o', electronPlatformName: 'darwin', packager })).toBe(
      join('/o', 'Release Cockpit.app'),
    );
  });

  it('electron-builder.yml packs into an asar and runs the hook', () => {
    const config = parse(readFileSync(join(repositoryRoot, 'electron-builder.yml'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(config.asar).toBe(true);
    expect(config.afterPack).toBe('./scripts/electron-after-pack.ts');
    expect(readFileSync(join(repositoryRoot, 'scripts', 'electron-after-pack.ts'), 'utf8')).toContain(
      'packaging-fuses.ts',
    );
    expect(cockpitFuses.strictlyRequireAllFuses).toBe(true);
  });
});
