import { tableFeatures, useTable, type ColumnDef, type RowData } from '@tanstack/react-table';

/*
 * A list as a real <table> (TanStack Table builds the model, this renders the markup). The rows
 * come from the server already paged and filtered, so no client-side row models are registered.
 * On a narrow screen (200 % zoom) each row stacks into label/value lines instead of scrolling sideways.
 */

export const listFeatures = tableFeatures({});
export type ListColumn<Row extends RowData> = ColumnDef<typeof listFeatures, Row>;

export interface DataTableProps<Row extends RowData> {
  readonly caption: string;
  readonly columns: readonly ListColumn<Row>[];
  readonly rows: readonly Row[];
  readonly rowId: (row: Row) => string;
  /** The rows are the previous answer's while a new one loads (another filter or page): said, and dimmed. */
  readonly updating?: boolean;
}

export function DataTable<Row extends RowData>({ caption, columns, rows, rowId, updating = false }: DataTableProps<Row>) {
  const table = useTable({ features: listFeatures, columns: columns as ListColumn<Row>[], data: rows as Row[], getRowId: rowId });
  return (
    <table className="list" aria-busy={updating}>
      <caption>{updating ? `${caption} (updating…)` : caption}</caption>
      <thead>
        {table.getHeaderGroups().map((group) => (
          <tr key={group.id}>
            {group.headers.map((header) => (
              <th key={header.id} scope="col">
                {header.isPlaceholder ? null : <table.FlexRender header={header} />}
              </th>
            ))}
          </tr>
        ))}
      </thead>
      <tbody>
        {table.getRowModel().rows.map((row) => (
          <tr key={row.id}>
            {row.getAllCells().map((cell) => (
              <td key={cell.id} data-label={typeof cell.column.columnDef.header === 'string' ? cell.column.columnDef.header : ''}>
                <table.FlexRender cell={cell} />
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
