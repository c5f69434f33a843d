// Columns are snake_case and domain objects camelCase. Most of a repository's row mapper copies
// columns across under their camelCase names; `fieldsOf` does that for the columns it is named, so a
// mapper spells out only the fields it builds (parsed JSON, booleans, nested objects, renames).

/** `opened_at` → `openedAt`, as a type. */
export type CamelCase<Name extends string> = Name extends `${infer Head}_${infer Tail}`
  ? `${Head}${Capitalize<CamelCase<Tail>>}`
  : Name;

/** The names in a column list written as in a SELECT: `'id, opened_at'` → `'id' | 'opened_at'`. */
export type ColumnNames<List extends string> = List extends `${infer Head}, ${infer Tail}`
  ? Head | ColumnNames<Tail>
  : List;

/** The listed columns of a row, under their camelCase names, with their row types. */
export type FieldsOf<Row, List extends string> = {
  [Name in ColumnNames<List> & keyof Row & string as CamelCase<Name>]: Row[Name];
};

/** `List` when every name in it is a column of `Row`; otherwise a type no string matches. */
type KnownColumns<Row, List extends string> = ColumnNames<List> extends keyof Row ? List : never;

/**
 * Copies the listed columns of `row` (`'id, opened_at'`, as in a SELECT) under their camelCase names;
 * other columns are left out. A name that is not a column of the row does not compile.
 */
export function fieldsOf<Row, const List extends string>(
  row: Row,
  columns: List & KnownColumns<Row, List>,
): FieldsOf<Row, List> {
  const fields: Record<string, unknown> = {};
  for (const column of columns.split(', ')) fields[camelCase(column)] = row[column as keyof Row];
  return fields as FieldsOf<Row, List>;
}

function camelCase(column: string): string {
  return column.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}
