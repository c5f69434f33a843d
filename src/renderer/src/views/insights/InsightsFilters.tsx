// What the numbers cover: a project (or all), an environment (production by tier unless one is
// chosen), and the range as a segmented control (remembered).
import { useId } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { insightRanges, type InsightRange } from '../../../../shared/domain/insights.ts';
import { ProjectSelect } from '../project-select/ProjectSelect.tsx';
import { useCockpit } from '../../stores/store-context.tsx';

const rangeLabels: Record<InsightRange, string> = { '7d': '7 days', '30d': '30 days', '90d': '90 days' };

export function InsightsFilters() {
  const filter = useCockpit((state) => state.insightsFilter);
  const setFilter = useCockpit((state) => state.setInsightsFilter);
  const environments = useCockpit(useShallow((state) => state.boardColumns));
  const environmentId = useId();
  // A name no longer on the board stays selectable while chosen.
  const names =
    filter.environment !== null && !environments.includes(filter.environment)
      ? [...environments, filter.environment]
      : environments;

  return (
    <div className="insights-filters">
      <ProjectSelect
        selected={filter.projectId}
        onSelect={(projectId) => setFilter({ projectId })}
        allLabel="All projects"
      />
      <div className="project-picker">
        <label htmlFor={environmentId} className="project-picker-label">
          Environment
        </label>
        <select
          id={environmentId}
          className="input select"
          value={filter.environment ?? ''}
          onChange={(event) =>
            setFilter({ environment: event.target.value === '' ? null : event.target.value })
          }
        >
          <option value="">Production tier</option>
          {names.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </div>
      <fieldset className="range-picker">
        <legend className="project-picker-label">Range</legend>
        <div className="range-picker-options">
          {insightRanges.map((range) => (
            <label key={range} className="range-picker-option">
              <input
                type="radio"
                name="insights-range"
                value={range}
                checked={filter.range === range}
                onChange={() => setFilter({ range })}
              />
              <span>{rangeLabels[range]}</span>
            </label>
          ))}
        </div>
      </fieldset>
    </div>
  );
}
