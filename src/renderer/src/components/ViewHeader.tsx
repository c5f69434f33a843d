// The top of every view: its title (the page's h1), a line about it, and optional actions.
import type { ReactNode } from 'react';

interface ViewHeaderProps {
  id: string;
  title: string;
  description: ReactNode;
  actions?: ReactNode;
}

export function ViewHeader({ id, title, description, actions }: ViewHeaderProps) {
  return (
    <header className="view-header">
      <div className="view-header-text">
        <h1 id={id} className="view-title">
          {title}
        </h1>
        <p className="view-description">{description}</p>
      </div>
      {actions ? <div className="view-actions">{actions}</div> : null}
    </header>
  );
}
