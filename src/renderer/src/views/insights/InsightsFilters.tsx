// What the numbers cover: a project (or all), an environment (production by tier unless one is
// chosen), and the range as a segmented control (remembered).
import { useShallow } from 'zustand/react/shallow';
import { insightRanges, type InsightRange } from '../../../../shared/domain/insights.ts';
import { EnvironmentSelect } from '../project-select/EnvironmentSelect.tsx';
import { ProjectSelect } from '../project-select/ProjectSelect.tsx';
import { useCockpit } from '../../stores/store-context.tsx';

const rangeLabels: Record<InsightRange, string> = { '7d': '7 days', '30d': '30 days', '90d': '90 days' };

export function InsightsFilters() {
  const filter = useCockpit((state) => state.insightsFilter);
  const setFilter = useCockpit((state) => state.setInsightsFilter);
  const environments = useCockpit(useShallow((state) => state.boardColumns));
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
      <EnvironmentSelect
        value={filter.environment ?? ''}
        environments={names}
        anyValue=""
        anyLabel="Production tier"
        onChange={(environment) => setFilter({ environment: environment === '' ? null : environment })}
      />
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
