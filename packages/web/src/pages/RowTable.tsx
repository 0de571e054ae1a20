/** A table of text rows whose first cell names the row (a row header), e.g. studies by characteristic. */
export function RowTable({ columns, rows, className, numeric = false, caption }: { columns: readonly string[]; rows: readonly (readonly string[])[]; className?: string; numeric?: boolean; caption?: string }) {
  return (
    <table className={className}>
      {caption && <caption>{caption}</caption>}
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c} scope="col">
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={i}>
            {r.map((cell, j) =>
              j === 0 ? (
                <th key={j} scope="row">
                  {cell}
                </th>
              ) : (
                <td key={j} className={numeric ? 'num' : undefined}>
                  {cell}
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
