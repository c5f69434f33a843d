// Job summaries (GITHUB_STEP_SUMMARY): each job's Markdown, rendered as elements (never as HTML).
import type { RunDetail } from '../../../../shared/domain/run.ts';
import { Markdown } from '../../components/Markdown.tsx';

export function JobSummaries({ run }: { run: RunDetail }) {
  const jobs = run.jobs.filter((job) => job.summary);
  if (jobs.length === 0) return null;
  return (
    <section className="job-summaries" aria-labelledby="summaries-title" data-testid="job-summaries">
      <h2 id="summaries-title" className="section-title">
        Summary
      </h2>
      {jobs.map((job) => (
        <article key={job.id} className="job-summary panel" aria-label={`Summary of ${job.name}`}>
          <h3 className="job-summary-title">{job.name}</h3>
          <Markdown source={job.summary!} headingLevel={4} />
        </article>
      ))}
    </section>
  );
}
