// The four headline numbers: each key's value, its DORA band (a coloured badge that also says the
// band in words), and its trend against the previous period of the same length — the arrow says
// which way it moved, the colour and the words whether that is better or worse.
import type { DoraKeys, DoraSummary } from '../../../../shared/domain/insights.ts';
import { Icon } from '../../components/Icon.tsx';
import { formatSpan } from '../../lib/environment-look.ts';
import {
  doraKeyInfo,
  doraKeyNames,
  formatKeyValue,
  keyValue,
  trendOf,
  trendText,
  type DoraKeyName,
} from '../../lib/insights-look.ts';
import { BandBadge } from './BandBadge.tsx';

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** The line under the value: what it is made of. */
function factsOf(keys: DoraKeys, key: DoraKeyName): string {
  switch (key) {
    case 'deploymentFrequency': {
      const { deploys, deployDays } = keys.deploymentFrequency;
      return deploys === 0
        ? 'No successful deploys'
        : `${plural(deploys, 'deploy', 'deploys')} on ${plural(deployDays, 'day', 'days')}`;
    }
    case 'leadTime': {
      const { samples, p90Ms } = keys.leadTime;
      return samples === 0
        ? 'No commits deployed'
        : `${plural(samples, 'commit', 'commits')}${p90Ms !== null ? ` · p90 ${formatSpan(p90Ms)}` : ''}`;
    }
    case 'changeFailureRate': {
      const { deploys, failures } = keys.changeFailureRate;
      return deploys === 0
        ? 'No deploys to judge'
        : `${failures} of ${plural(deploys, 'deploy', 'deploys')} failed`;
    }
    case 'timeToRestore': {
      const { samples, p90Ms } = keys.timeToRestore;
      // Incidents closed, and change failures no incident covered (healthy again after a rollback or fix).
      return samples === 0
        ? 'No failures restored'
        : `${plural(samples, 'failure', 'failures')} restored${p90Ms !== null ? ` · p90 ${formatSpan(p90Ms)}` : ''}`;
    }
  }
}

export function DoraTiles({ summary }: { summary: DoraSummary }) {
  return (
    <ul className="dora-tiles" aria-label="The four DORA keys">
      {doraKeyNames.map((key) => (
        <DoraTile key={key} name={key} summary={summary} />
      ))}
    </ul>
  );
}

function DoraTile({ name, summary }: { name: DoraKeyName; summary: DoraSummary }) {
  const info = doraKeyInfo(name);
  const current = keyValue(summary.keys, name);
  const previous = keyValue(summary.previousKeys, name);
  const trend = trendOf(name, current, previous);
  const previousText = formatKeyValue(name, previous);
  const band = summary.keys[name].band;
  const titleId = `dora-tile-${name}`;
  const tone = trend.verdict === 'better' ? 'ok' : trend.verdict === 'worse' ? 'danger' : 'neutral';
  const icon =
    trend.direction === 'up' ? 'trend-up' : trend.direction === 'down' ? 'trend-down' : 'arrow-right';

  return (
    <li className="dora-tile" aria-labelledby={titleId} data-testid="dora-tile" data-key={name}>
      <div className="dora-tile-head">
        <h3 id={titleId} className="dora-tile-title" title={info.meaning}>
          {info.label}
        </h3>
        <BandBadge band={band} />
      </div>
      <p className="dora-tile-value" data-testid="dora-value">
        {formatKeyValue(name, current)}
      </p>
      <p className="dora-tile-facts">{factsOf(summary.keys, name)}</p>
      <p
        className={`dora-trend trend-${tone}`}
        data-testid="dora-trend"
        data-direction={trend.direction}
        data-verdict={trend.verdict}
      >
        {trend.direction !== 'none' ? <Icon name={icon} /> : null}
        <span>{trendText(trend, previousText, summary.range)}</span>
      </p>
    </li>
  );
}
