// The engine decides, clients render: which gate blocks, whether approval is asked or held back, where
// a release goes next, what an override reason needs and whether a param value matches its pattern
// come from the engine (in its results, or from the one shared rule it enforces). This test fails when
// the renderer grows a rule of its own again.
import { describe, expect, it } from 'vitest';

type Sources = Record<string, string>;
const withoutTests = (files: Sources) =>
  Object.entries(files)
    .filter(([path]) => !/\.test\.tsx?$/.test(path))
    .map(([path, text]) => ({ path, text }));

// Vite reads the files at test time: the renderer's own sources, and those that hold the shared rules.
const rendererFiles = withoutTests(
  import.meta.glob<string>('./**/*.{ts,tsx}', { query: '?raw', import: 'default', eager: true }),
);
const ruleFiles = withoutTests({
  ...import.meta.glob<string>('../../shared/**/*.ts', { query: '?raw', import: 'default', eager: true }),
  ...import.meta.glob<string>('../../main/engine/**/*.ts', { query: '?raw', import: 'default', eager: true }),
});

/** Rules the engine owns, and what a renderer copy of each looks like. */
const copies: { rule: string; pattern: RegExp }[] = [
  // The gate-blocking predicate and "needs approval" variants: the engine sends `blocks`, `asksApproval`, `heldBack`.
  { rule: 'which gate blocks / asks approval', pattern: /\.gate\s*[!=]==?\s*['"]approvals['"]/ },
  { rule: 'held back after approval', pattern: /function\s+isHeldBack/ },
  // Lifecycle steps: the engine sends each cell's `next` and `previous`.
  { rule: 'lifecycle next/previous', pattern: /lifecycle\s*\.\s*indexOf|lifecycle\s*\[/ },
  { rule: 'lifecycle next/previous', pattern: /function\s+(next|previous)Environment/ },
  // Override reasons and param patterns: one rule each, in src/shared/domain, enforced by the engine.
  { rule: 'override reason', pattern: /function\s+overrideReasonProblem|words\.length\s*</ },
  { rule: 'param pattern', pattern: /new RegExp\(\s*param|function\s+matchesParamPattern/ },
];

describe('the renderer has no rule of its own', () => {
  it.each(copies)('no copy of "$rule" in src/renderer ($pattern)', ({ pattern }) => {
    const found = rendererFiles.filter((file) => pattern.test(file.text)).map((file) => file.path);
    expect(found).toEqual([]);
  });

  it('each shared rule is defined once, in src/shared/domain, and the engine enforces it', () => {
    const everywhere = [...ruleFiles, ...rendererFiles];
    const definitions = (name: string) =>
      everywhere
        .filter((file) => new RegExp(`export function ${name}\\b`).test(file.text))
        .map((file) => file.path);
    expect(definitions('overrideReasonProblem')).toEqual(['../../shared/domain/override-reason.ts']);
    expect(definitions('matchesParamPattern')).toEqual(['../../shared/domain/param-pattern.ts']);
    const uses = (name: string, where: string) =>
      everywhere.some((file) => file.path === where && file.text.includes(`${name}(`));
    // The engine's side: the protocol refuses a bad reason, the params check refuses a bad value.
    expect(uses('overrideReasonProblem', '../../shared/protocol.ts')).toBe(true);
    expect(uses('matchesParamPattern', '../../main/engine/pipelines/params.ts')).toBe(true);
  });

  it('the gate list and the deploy dialog read the engine verdicts', () => {
    const text = (name: string) => rendererFiles.find((file) => file.path.endsWith(name))!.text;
    expect(text('GateList.tsx')).toMatch(/gate\.blocks/);
    expect(text('DeployDialog.tsx')).toMatch(/deployRequestState\(/);
    expect(text('deploy-request-state.ts')).toMatch(/gate\.blocks/);
    expect(text('deploy-request-state.ts')).toMatch(/preview\?\.asksApproval/);
    expect(text('cell-actions.ts')).toMatch(/cell\.next/);
  });
});
