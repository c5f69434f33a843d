// The job graph layout: columns by wave, needs next to their dependants, an edge per need.
import { describe, expect, it } from 'vitest';
import { CARD_WIDTH, COLUMN_GAP, layoutGraph } from './graph-layout.ts';

describe('layoutGraph', () => {
  it('puts waves in columns and draws an edge per need', () => {
    const layout = layoutGraph(
      [['lint', 'unit'], ['build'], ['e2e']],
      [
        { name: 'lint', needs: [] },
        { name: 'unit', needs: [] },
        { name: 'build', needs: ['lint', 'unit'] },
        { name: 'e2e', needs: ['build', 'unit'] },
      ],
    );
    const x = Object.fromEntries(layout.nodes.map((node) => [node.name, node.x]));
    expect(x).toEqual({
      lint: 0,
      unit: 0,
      build: CARD_WIDTH + COLUMN_GAP,
      e2e: 2 * (CARD_WIDTH + COLUMN_GAP),
    });
    expect(layout.edges.map((edge) => `${edge.from}>${edge.to}`).sort()).toEqual([
      'build>e2e',
      'lint>build',
      'unit>build',
      'unit>e2e',
    ]);
    expect(layout.width).toBe(3 * CARD_WIDTH + 2 * COLUMN_GAP);
  });

  it('orders a wave by where its needs are', () => {
    const layout = layoutGraph(
      [
        ['a', 'b'],
        ['after-b', 'after-a'],
      ],
      [
        { name: 'a', needs: [] },
        { name: 'b', needs: [] },
        { name: 'after-b', needs: ['b'] },
        { name: 'after-a', needs: ['a'] },
      ],
    );
    const y = Object.fromEntries(layout.nodes.map((node) => [node.name, node.y]));
    expect(y['after-a']).toBeLessThan(y['after-b']!);
  });
});
