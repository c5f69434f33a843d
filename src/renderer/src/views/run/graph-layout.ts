// Lays out a run's job graph: one column per wave (jobs that can run together), cards ordered to keep
// edges short (each job near the jobs it needs), and a curve from every need to its dependant.

export const CARD_WIDTH = 208;
export const CARD_HEIGHT = 70;
export const COLUMN_GAP = 64;
export const ROW_GAP = 14;

export interface GraphJob {
  name: string;
  needs: readonly string[];
}

export interface LaidOutNode {
  name: string;
  x: number;
  y: number;
  column: number;
}

export interface LaidOutEdge {
  from: string;
  to: string;
  path: string;
}

export interface GraphLayout {
  nodes: LaidOutNode[];
  edges: LaidOutEdge[];
  width: number;
  height: number;
}

export function layoutGraph(waves: readonly (readonly string[])[], jobs: readonly GraphJob[]): GraphLayout {
  const needsOf = new Map(jobs.map((job) => [job.name, job.needs]));
  const row = new Map<string, number>();
  const columns: string[][] = [];
  waves.forEach((wave, column) => {
    // Order by the mean row of each job's needs (barycentre), keeping the given order on ties.
    const ordered = wave
      .map((name, index) => {
        const rows = (needsOf.get(name) ?? []).map((need) => row.get(need)).filter((r) => r !== undefined);
        const centre = rows.length > 0 ? rows.reduce((sum, r) => sum + r, 0) / rows.length : index;
        return { name, centre, index };
      })
      .sort((a, b) => a.centre - b.centre || a.index - b.index)
      .map((entry) => entry.name);
    ordered.forEach((name, index) => row.set(name, index));
    columns[column] = ordered;
  });

  const tallest = Math.max(1, ...columns.map((column) => column.length));
  const height = tallest * CARD_HEIGHT + (tallest - 1) * ROW_GAP;
  const nodes: LaidOutNode[] = [];
  const position = new Map<string, LaidOutNode>();
  columns.forEach((column, index) => {
    const columnHeight = column.length * CARD_HEIGHT + (column.length - 1) * ROW_GAP;
    const top = (height - columnHeight) / 2;
    column.forEach((name, r) => {
      const node = {
        name,
        column: index,
        x: index * (CARD_WIDTH + COLUMN_GAP),
        y: top + r * (CARD_HEIGHT + ROW_GAP),
      };
      nodes.push(node);
      position.set(name, node);
    });
  });

  const edges: LaidOutEdge[] = [];
  for (const node of nodes) {
    for (const need of needsOf.get(node.name) ?? []) {
      const from = position.get(need);
      if (!from) continue;
      const x1 = from.x + CARD_WIDTH;
      const y1 = from.y + CARD_HEIGHT / 2;
      const x2 = node.x;
      const y2 = node.y + CARD_HEIGHT / 2;
      const bend = Math.min(COLUMN_GAP * 0.75, (x2 - x1) / 2);
      edges.push({
        from: need,
        to: node.name,
        path: `M ${x1} ${y1} C ${x1 + bend} ${y1}, ${x2 - bend} ${y2}, ${x2} ${y2}`,
      });
    }
  }

  const width = columns.length * CARD_WIDTH + Math.max(0, columns.length - 1) * COLUMN_GAP;
  return { nodes, edges, width, height };
}
