// One titled section of the environment detail view (latency, uptime, incidents, …); `name` makes the
// title's id (`<name>-title`). Actions, such as the range picker, sit beside the title.
import type { ReactNode } from 'react';

interface EnvSectionProps {
  name: string;
  title: string;
  actions?: ReactNode;
  children: ReactNode;
}

export function EnvSection({ name, title, actions, children }: EnvSectionProps) {
  const titleId = `${name}-title`;
  const heading = (
    <h2 id={titleId} className="section-title">
      {title}
    </h2>
  );
  return (
    <section className="env-section" aria-labelledby={titleId}>
      {actions ? (
        <div className="env-section-head">
          {heading}
          {actions}
        </div>
      ) : (
        heading
      )}
      {children}
    </section>
  );
}
