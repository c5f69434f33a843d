// An honest empty view for features that are not built yet: says what will appear, shows no fake data.
import type { ReactNode } from 'react';
import { Icon, type IconName } from '../../components/Icon.tsx';
import { ViewHeader } from '../../components/ViewHeader.tsx';
import './placeholder.css';

interface PlaceholderViewProps {
  id: string;
  title: string;
  icon: IconName;
  summary: string;
  details: ReactNode;
}

export function PlaceholderView({ id, title, icon, summary, details }: PlaceholderViewProps) {
  return (
    <section className="view" aria-labelledby={`${id}-title`}>
      <ViewHeader id={`${id}-title`} title={title} description={summary} />
      <div className="placeholder">
        <span className="placeholder-icon">
          <Icon name={icon} />
        </span>
        <div>
          <p className="placeholder-title">Nothing here yet</p>
          <p className="placeholder-text">{details}</p>
        </div>
      </div>
    </section>
  );
}
