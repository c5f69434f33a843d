// A project's cockpit.yml health: a badge, and for an invalid file each problem as file:line:col message.
import type { ConfigProblem, Project } from '../../../../shared/domain/project.ts';
import { Icon } from '../../components/Icon.tsx';

const badges = {
  ok: { tone: 'ok', icon: 'check', text: 'cockpit.yml OK' },
  invalid: { tone: 'danger', icon: 'cross', text: 'cockpit.yml invalid' },
  missing: { tone: 'warning', icon: 'alert', text: 'No cockpit.yml' },
} as const;

export function ConfigStatusBadge({ status }: { status: Project['configStatus'] }) {
  const badge = badges[status];
  return (
    <span className={`badge badge-${badge.tone}`}>
      <Icon name={badge.icon} />
      {badge.text}
    </span>
  );
}

export function ConfigProblems({ problems }: { problems: ConfigProblem[] }) {
  if (problems.length === 0) return null;
  return (
    <ul className="config-problems" aria-label="Problems in cockpit.yml">
      {problems.map((problem, index) => (
        <li key={index} className="config-problem">
          <span className="mono config-problem-location">
            {problem.file}:{problem.line}:{problem.col}
          </span>{' '}
          {problem.message}
        </li>
      ))}
    </ul>
  );
}
