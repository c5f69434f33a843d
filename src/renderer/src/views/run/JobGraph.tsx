// The run's jobs as a graph laid out by dependencies: a column per wave, a card per job, and a
// curve from each job to the jobs that need it, coloured by how the needed job went.
import { useMemo } from 'react';
import { statusLook } from '../../lib/run-status.ts';
import { useCockpit } from '../../stores/store-context.tsx';
import { CARD_HEIGHT, CARD_WIDTH, layoutGraph, type GraphJob } from './graph-layout.ts';
import { JobCard } from './JobCard.tsx';

/** The graph's shape as a string, so the layout is recomputed only when the shape changes. */
function shapeOf(state: { run: { waves: string[][]; jobs: GraphJob[] } | null }): string {
  if (!state.run) return '[[],[]]';
  return JSON.stringify([
    state.run.waves,
    state.run.jobs.map((job) => ({ name: job.name, needs: job.needs })),
  ]);
}

export function JobGraph() {
  const shape = useCockpit(shapeOf);
  const layout = useMemo(() => {
    const [waves, jobs] = JSON.parse(shape) as [string[][], GraphJob[]];
    return layoutGraph(waves, jobs);
  }, [shape]);

  return (
    <section className="job-graph-section" aria-labelledby="job-graph-title">
      <h2 id="job-graph-title" className="section-title">
        Jobs
      </h2>
      <div className="job-graph-scroll">
        <div className="job-graph" style={{ width: layout.width, height: layout.height }}>
          <svg
            className="job-graph-edges"
            width={layout.width}
            height={layout.height}
            viewBox={`0 0 ${layout.width} ${layout.height}`}
            aria-hidden="true"
          >
            {layout.edges.map((edge) => (
              <GraphEdge key={`${edge.from}>${edge.to}`} from={edge.from} to={edge.to} path={edge.path} />
            ))}
          </svg>
          <ul className="job-graph-cards" aria-label="Jobs, in the order they can run">
            {layout.nodes.map((node) => (
              <li
                key={node.name}
                className="job-graph-node"
                style={{ left: node.x, top: node.y, width: CARD_WIDTH, height: CARD_HEIGHT }}
              >
                <JobCard name={node.name} />
              </li>
            ))}
          </ul>
        </div>
      </div>
    </section>
  );
}

function GraphEdge({ from, to, path }: { from: string; to: string; path: string }) {
  const fromStatus = useCockpit((state) => state.run?.jobs.find((job) => job.name === from)?.status);
  const toRunning = useCockpit(
    (state) => state.run?.jobs.find((job) => job.name === to)?.status === 'running',
  );
  const tone = fromStatus ? statusLook(fromStatus).tone : 'neutral';
  const className = `job-edge job-edge-${tone}${toRunning ? ' job-edge-flowing' : ''}`;
  return (
    <g className={className}>
      <path d={path} className="job-edge-line" />
      <circle
        className="job-edge-end"
        r="3.5"
        cx={Number(path.split(' ').at(-2))}
        cy={Number(path.split(' ').at(-1))}
      />
    </g>
  );
}
