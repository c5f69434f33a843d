// A whole view: the landmark section, labelled by the view's title in its ViewHeader, around the
// view's content. `name` makes the title's id (`<name>-title`).
import type { ReactNode } from 'react';
import { ViewHeader } from './ViewHeader.tsx';

interface ViewPageProps {
  name: string;
  /** Layout classes besides `view`, such as `view-wide`. */
  className?: string;
  title: string;
  description: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
}

export function ViewPage({ name, className, title, description, actions, children }: ViewPageProps) {
  const titleId = `${name}-title`;
  return (
    <section className={className ? `view ${className}` : 'view'} aria-labelledby={titleId}>
      <ViewHeader id={titleId} title={title} description={description} actions={actions} />
      {children}
    </section>
  );
}
