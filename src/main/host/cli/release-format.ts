// Formatting shared by the release commands: gates as ✓/✗ lines, deployment statuses in colour, and
// the report of a request blocked by its gates (exit code 4 rather than run-cli's generic 1).
import { z } from 'zod';
import { gateResultSchema, type DeploymentStatus, type GateResult } from '../../../shared/domain/release.ts';
import { isCockpitError } from '../../../shared/errors.ts';
import { colors, exitCodes, paint, UsageError, type CliIo } from './cli-io.ts';

const statusColor: Record<DeploymentStatus, number> = {
  awaiting_approval: colors.yellow,
  queued: colors.dim,
  running: colors.yellow,
  verifying: colors.yellow,
  succeeded: colors.green,
  failed: colors.red,
  cancelled: colors.yellow,
  rejected: colors.red,
  interrupted: colors.yellow,
};

export function paintDeploymentStatus(io: CliIo, status: DeploymentStatus): string {
  return paint(io, statusColor[status], status.replace('_', ' '));
}

/** One line per gate: "  ✓ soak             staging has run 1.2.0 for 3h (needs 2h)". */
export function formatGates(io: CliIo, gates: readonly GateResult[]): string {
  const width = Math.max(0, ...gates.map((gate) => gate.gate.length));
  return gates
    .map(
      (gate) =>
        `  ${gate.passed ? paint(io, colors.green, '✓') : paint(io, colors.red, '✗')} ${gate.gate.padEnd(width)}  ${gate.detail}\n`,
    )
    .join('');
}

/** The gates that block a request outright, as the engine decided (approvals make it wait instead). */
export function blockingGates(gates: readonly GateResult[]): GateResult[] {
  return gates.filter((gate) => gate.blocks);
}

const overrideHint =
  'To deploy anyway, add --override "reason" (the reason and your name go into the audit log).';

/** "blocked by gates:", every gate with ✓/✗ and why, and what to do about it — on stderr. */
export function printGateBlock(io: CliIo, gates: readonly GateResult[], hint = overrideHint): void {
  io.stderr(`${paint(io, colors.red, 'blocked by gates:')}\n${formatGates(io, gates)}${hint}\n`);
}

const gateFailedDetails = z.object({ gates: z.array(gateResultSchema) });

/**
 * Runs a command's work; a GATE_FAILED error is reported as "blocked by gates:" with each gate and
 * the way to override, and becomes exit code 4. Every other error goes on to run-cli's handler.
 */
export async function reportGateFailure(io: CliIo, work: () => Promise<number>): Promise<number> {
  try {
    return await work();
  } catch (error) {
    if (!isCockpitError(error) || error.code !== 'GATE_FAILED') throw error;
    const details = gateFailedDetails.safeParse(error.details);
    if (details.success) printGateBlock(io, details.data.gates);
    else io.stderr(`${paint(io, colors.red, 'blocked by gates:')}\n  ${error.message}\n${overrideHint}\n`);
    return exitCodes.gateFailed;
  }
}

/** --param NAME=VALUE pairs, as `cockpit run` takes them. */
export function parseParams(pairs: readonly string[] | undefined): Record<string, string> {
  // No prototype: a name such as __proto__ stays a key, for the engine to refuse by name.
  const params: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const pair of pairs ?? []) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`--param expects NAME=VALUE, got "${pair}"`);
    params[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return params;
}

export function parseLimit(value: string | undefined, fallback: number, max: number): number {
  const limit = value === undefined ? fallback : Number(value);
  if (!Number.isInteger(limit) || limit < 1 || limit > max)
    throw new UsageError(`--limit must be a whole number from 1 to ${max}`);
  return limit;
}

export function shortSha(commit: string): string {
  return /^[0-9a-f]{40,64}$/.test(commit) ? commit.slice(0, 8) : commit;
}
