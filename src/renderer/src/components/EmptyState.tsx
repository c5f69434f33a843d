// The centred card a view shows instead of its content when there is nothing to show yet: an icon, a
// title, a sentence or two, and the actions that get the user going.
import type { ReactNode } from 'react';
import { Icon, type IconName } from './Icon.tsx';
import './empty-state.css';

interface EmptyStateProps {
  icon: IconName;
  title: string;
  /** The explanation under the title. */
  description: ReactNode;
  /** Buttons or links, laid out in a centred row. */
  actions?: ReactNode;
  testId?: string;
  /** Anything shown under the actions, such as a progress note or an error. */
  children?: ReactNode;
}

export function EmptyState({ icon, title, description, actions, testId, children }: EmptyStateProps) {
  return (
    <div className="empty-state" data-testid={testId}>
      <span className="empty-state-icon">
        <Icon name={icon} />
      </span>
      <h2 className="empty-state-title">{title}</h2>
      <p className="empty-state-text">{description}</p>
      {actions ? <div className="empty-state-actions">{actions}</div> : null}
      {children}
    </div>
  );
}
