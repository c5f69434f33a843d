// Folder rules for the engine (docs/architecture.md, "Engine rooms: the rule and how it is
// enforced"), checked by `npm run lint` through dependency-cruiser. Each rule's comment is what a
// developer reads when an import breaks it.
const engine = '^src/main/engine/';
const features =
  '(projects|config|pipelines|environments|releases|insights|reports|secrets|settings|notes|team|notifications)';
const featureFolder = `${engine}${features}/`;
const featureEntry = `${engine}${features}/index\\.ts$`;
const compositionRoot = `${engine}[^/]+\\.ts$`;
const kernel = `${engine}kernel/`;
const tests = '\\.test\\.ts$';

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    {
      name: 'feature-through-its-index',
      severity: 'error',
      comment:
        "A feature uses another feature only through that feature's index.ts (its public entry). " +
        'Export what you need from there, or move a piece several features share into the kernel.',
      from: { path: featureFolder },
      to: { path: featureFolder, pathNot: [`${engine}$1/`, featureEntry] },
    },
    {
      name: 'features-below-composition-root',
      severity: 'error',
      comment:
        'Features do not import the composition root (engine.ts, handlers.ts, connection.ts): it imports them. ' +
        'Tests that need a whole engine use src/main/testing/test-engine.ts.',
      from: { path: featureFolder },
      to: { path: compositionRoot },
    },
    {
      name: 'kernel-knows-no-feature',
      severity: 'error',
      comment: 'The kernel is what features stand on: it imports no feature.',
      from: { path: kernel },
      to: { path: featureFolder },
    },
    {
      name: 'kernel-below-composition-root',
      severity: 'error',
      comment:
        'Kernel code does not import the composition root (engine.ts, handlers.ts, connection.ts); ' +
        'only its tests may start a whole engine.',
      from: { path: kernel, pathNot: tests },
      to: { path: compositionRoot },
    },
    {
      name: 'composition-root-through-feature-index',
      severity: 'error',
      comment:
        "The composition root wires features through their index.ts, never through a feature's own files.",
      from: { path: compositionRoot },
      to: { path: featureFolder, pathNot: featureEntry },
    },
    {
      name: 'hosts-through-engine-entries',
      severity: 'error',
      comment:
        'The hosts (host/, electron/, src/main/index.ts) use the engine through its entries: ' +
        "engine.ts and connection.ts, the kernel, and a feature's index.ts.",
      from: { path: ['^src/main/host/', '^src/main/electron/', '^src/main/index\\.ts$'] },
      to: {
        path: engine,
        pathNot: [`${engine}(engine|connection)\\.ts$`, kernel, featureEntry],
      },
    },
    {
      name: 'no-feature-cycles',
      severity: 'error',
      comment:
        'Features depend on each other in one direction only: this import closes a cycle between rooms.',
      from: { path: featureFolder },
      to: { path: featureEntry, circular: true },
    },
    {
      name: 'tests-helpers-stay-in-tests',
      severity: 'error',
      comment: 'src/main/testing/ holds test fixtures: only tests (and other fixtures) import it.',
      from: { path: '^src/main/', pathNot: [tests, '^src/main/testing/'] },
      to: { path: '^src/main/testing/' },
    },
    // ── Renderer rules (src/renderer): owned by the renderer-by-domain work (issue #14, item 5).
    //    Add them here; `npm run lint:boundaries` checks src/main only until then. ──
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    includeOnly: '^src/',
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.node.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js'] },
  },
};
