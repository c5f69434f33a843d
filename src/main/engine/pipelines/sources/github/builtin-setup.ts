// actions/setup-node|python|go|java: the host's toolchain when it satisfies the requested version,
// and a clear failure when it does not (nothing is downloaded).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { BuiltinContext, BuiltinResult } from './builtin-context.ts';
import { satisfies } from './version-ranges.ts';

interface Toolchain {
  tool: string;
  /** The input naming the version (`<input>-file` names a file that holds it). */
  input: string;
  /** The output the action sets to the version found. */
  output: string;
  probe: (ctx: BuiltinContext) => string | null;
}

const TOOLCHAINS: Record<string, Toolchain> = {
  'actions/setup-node': {
    tool: 'node',
    input: 'node-version',
    output: 'node-version',
    probe: (ctx) => tool(ctx, 'node', ['--version']),
  },
  'actions/setup-python': {
    tool: 'python',
    input: 'python-version',
    output: 'python-version',
    probe: (ctx) => tool(ctx, 'python3', ['--version']) ?? tool(ctx, 'python', ['--version']),
  },
  'actions/setup-go': {
    tool: 'go',
    input: 'go-version',
    output: 'go-version',
    probe: (ctx) => tool(ctx, 'go', ['version']),
  },
  'actions/setup-java': {
    tool: 'java',
    input: 'java-version',
    output: 'version',
    probe: (ctx) => tool(ctx, 'java', ['-version']),
  },
};

export const SETUP_ACTIONS = Object.keys(TOOLCHAINS);

export function setupToolchain(
  name: string,
  inputs: Record<string, string>,
  ctx: BuiltinContext,
): BuiltinResult {
  const toolchain = TOOLCHAINS[name]!;
  return setup(
    ctx,
    toolchain.tool,
    requested(inputs, toolchain.input, ctx),
    () => toolchain.probe(ctx),
    toolchain.output,
  );
}

function requested(inputs: Record<string, string>, key: string, ctx: BuiltinContext): string {
  const direct = (inputs[key] ?? '').trim();
  if (direct) return direct;
  const file = (inputs[`${key}-file`] ?? '').trim();
  if (!file) return '';
  const text = readFileSync(resolve(ctx.workspace, file), 'utf8');
  if (file.endsWith('go.mod')) return /^go\s+(\S+)/m.exec(text)?.[1] ?? '';
  if (file.endsWith('package.json')) {
    const engines = (JSON.parse(text) as { engines?: Record<string, string> }).engines;
    return engines?.node ?? '';
  }
  return (
    text
      .split(/\r?\n/)
      .find((line) => line.trim() !== '' && !line.startsWith('#'))
      ?.trim() ?? ''
  );
}

/** A tool's version text (stdout and stderr: java prints it on stderr), or null when it does not run. */
function tool(ctx: BuiltinContext, command: string, args: string[]): string | null {
  const result = spawnSync(command, args, { env: ctx.env, encoding: 'utf8', timeout: 15_000 });
  if (result.error || result.status !== 0) return null;
  return `${result.stdout}\n${result.stderr}`;
}

function setup(
  ctx: BuiltinContext,
  toolName: string,
  wanted: string,
  probe: () => string | null,
  output: string,
): BuiltinResult {
  const text = probe();
  if (text === null) {
    throw new Error(
      `actions/setup-${toolName}: ${toolName} is not installed on this machine${wanted ? ` (${wanted} wanted)` : ''}; the cockpit uses the host's toolchain and downloads nothing`,
    );
  }
  const version = /(\d+(?:\.\d+)*)/.exec(text.replace(/^go version go/, ''))?.[1] ?? '';
  if (wanted && !satisfies(version, wanted)) {
    throw new Error(
      `actions/setup-${toolName}: ${toolName} ${wanted} is wanted, this machine has ${version}; install it or change the workflow (the cockpit uses the host's toolchain and downloads nothing)`,
    );
  }
  return {
    lines: [`Using this machine's ${toolName} ${version}${wanted ? ` (satisfies ${wanted})` : ''}.`],
    outputs: { [output]: toolName === 'node' ? `v${version}` : version },
  };
}
