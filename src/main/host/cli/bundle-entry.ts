// Entry point of the built CLI (out/cli/cockpit.mjs, written by scripts/build-cli.ts): points the
// layout at the files beside the bundle, then runs the same main as the source does.
import { useBundleLayout } from './cli-layout.ts';

useBundleLayout(import.meta.dirname);
await import('./main.ts');
