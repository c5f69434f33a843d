// A titled section of the Insights view around one table, or around the sentence that says why the
// table has no rows yet.
import type { ReactNode } from 'react';
import { TableHead, type ColumnHeading } from '../../components/TableHead.tsx';

interface InsightsTableSectionProps {
  /** Names the title's id: `insights-<name>-title`. */
  name: string;
  title: string;
  columns: readonly ColumnHeading[];
  testId: string;
  /** Shown instead of the table when there are no rows. */
  none: ReactNode;
  noneTestId?: string;
  isEmpty: boolean;
  /** The table's rows. */
  children: ReactNode;
}

export function InsightsTableSection({
  name,
  title,
  columns,
  testId,
  none,
  noneTestId,
  isEmpty,
  children,
}: InsightsTableSectionProps) {
  const titleId = `insights-${name}-title`;
  return (
    <section aria-labelledby={titleId}>
      <h2 id={titleId} className="section-title">
        {title}
      </h2>
      {isEmpty ? (
        <p className="insights-none" data-testid={noneTestId}>
          {none}
        </p>
      ) : (
        <div className="table-scroll">
          <table className="insights-table" data-testid={testId}>
            <TableHead columns={columns} />
            <tbody>{children}</tbody>
          </table>
        </div>
      )}
    </section>
  );
}
