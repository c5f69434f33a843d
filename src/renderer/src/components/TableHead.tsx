// A table's column headings: one header row, each heading a `th scope="col"`. A heading is its label,
// or its label with a class (say, for right-aligned numbers).
import type { ReactNode } from 'react';

export type ColumnHeading = string | { label: ReactNode; className?: string };

export function TableHead({ columns }: { columns: readonly ColumnHeading[] }) {
  return (
    <thead>
      <tr>
        {columns.map((column, index) =>
          typeof column === 'string' ? (
            <th key={index} scope="col">
              {column}
            </th>
          ) : (
            <th key={index} scope="col" className={column.className}>
              {column.label}
            </th>
          ),
        )}
      </tr>
    </thead>
  );
}
