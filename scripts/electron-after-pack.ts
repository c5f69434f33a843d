// electron-builder's afterPack hook (electron-builder.yml): flips the packaged binary's fuses.
// The settings and the reasons for each are in src/main/electron/packaging-fuses.ts.
export { afterPack as default } from '../src/main/electron/packaging-fuses.ts';
