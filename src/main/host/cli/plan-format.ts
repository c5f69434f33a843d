// `cockpit run --dry-run`: the plan as text — the jobs in waves (matrix combinations listed under
// their job), what each needs, conditions judged at run time, manual jobs, and what is skipped and why.
import type { PlanPreviewInfo } from '../../../shared/domain/run.ts';
import { colors, paint, type CliIo } from './cli-io.ts';

export function formatPlan(io: CliIo, pipeline: string, project: string, plan: PlanPreviewInfo): string {
  const lines: string[] = [];
  const source =
    plan.source.kind === 'cockpit' ? plan.source.file : `${plan.source.file} (${plan.source.kind})`;
  lines.push(
    `Plan for ${pipeline} in ${project}, from ${source}${plan.event ? `, event ${plan.event}` : ''} (nothing was run):`,
  );
  const shown = Object.entries(plan.params);
  if (shown.length > 0)
    lines.push(`  params: ${shown.map(([key, value]) => `${key}=${String(value)}`).join(' ')}`);
  const byId = new Map(plan.jobs.map((job) => [job.id, job]));
  const groups = new Map<string, number>();
  for (const job of plan.jobs) groups.set(job.group, (groups.get(job.group) ?? 0) + 1);
  plan.waves.forEach((wave, index) => {
    lines.push(`  wave ${index + 1}: ${wave.join(', ')}${wave.length > 1 ? '  (in parallel)' : ''}`);
    for (const id of wave) {
      const job = byId.get(id)!;
      const facts: string[] = [];
      if ((groups.get(job.group) ?? 0) > 1) facts.push(`matrix of ${job.group}`);
      if (job.needs.length) facts.push(`needs ${job.needs.join(', ')}`);
      if (job.when === 'manual') facts.push(paint(io, colors.yellow, 'manual: waits to be played'));
      if (job.condition) facts.push(`runs ${job.condition}`);
      if (job.skip) facts.push(paint(io, colors.dim, `skipped: ${job.skip}`));
      if (job.steps.length > 1) facts.push(`steps: ${job.steps.join(' → ')}`);
      // The waves say it all for a plain job of cockpit.yml; anything more gets a line of its own.
      if (facts.length === (job.needs.length ? 1 : 0) && plan.source.kind === 'cockpit') continue;
      if (job.location) facts.push(paint(io, colors.dim, `${job.location.file}:${job.location.line}`));
      lines.push(`    ${id}${facts.length ? ` — ${facts.join('; ')}` : ''}`);
    }
  });
  return `${lines.join('\n')}\n`;
}
