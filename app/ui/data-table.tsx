import { Form, Link, useLocation } from "@remix-run/react";
import { flexRender, getCoreRowModel, useReactTable, type ColumnDef } from "@tanstack/react-table";
import { useTranslation } from "react-i18next";
import { PAGE_SIZES } from "./list-params";

/**
 * The one data table (stack.md: keep @tanstack/react-table in one component). Paging and sorting are done on
 * the server and driven by the URL, so the table works before hydration and every view can be linked.
 * A column is sortable when its `id` is in `sortable`.
 */
export type ServerTableProps<T> = {
  caption: string;
  columns: ColumnDef<T, unknown>[];
  rows: T[];
  total: number;
  /** The list's parsed paging and sorting (from listParamsSchema). */
  params: { page: number; size: number; sort: string; dir: "asc" | "desc" };
  sortable: readonly string[];
  /** A resource route that answers the same query with `format=csv|xlsx`: export links for the current filters. */
  exportPath?: string;
  numeric?: readonly string[];
};

export function ServerTable<T>({ caption, columns, rows, total, params: list, sortable, exportPath, numeric = [] }: ServerTableProps<T>) {
  const { page, size, sort, dir } = list;
  const { t } = useTranslation();
  const location = useLocation();
  const table = useReactTable({
    data: rows,
    columns,
    getCoreRowModel: getCoreRowModel(),
    manualPagination: true,
    manualSorting: true,
    pageCount: Math.max(1, Math.ceil(total / size)),
  });
  const params = new URLSearchParams(location.search);
  const hrefWith = (changes: Record<string, string | null>, path = location.pathname) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) (v === null ? p.delete(k) : p.set(k, v));
    return `${path}?${p.toString()}`;
  };
  const pages = Math.max(1, Math.ceil(total / size));
  const from = total === 0 ? 0 : (page - 1) * size + 1;
  const to = Math.min(total, page * size);

  return (
    <div>
      <div className="table-wrap" role="region" aria-label={caption} tabIndex={0}>
        <table className="data">
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            {table.getHeaderGroups().map((hg) => (
              <tr key={hg.id}>
                {hg.headers.map((h) => {
                  const id = h.column.id;
                  const isSorted = sort === id;
                  const label = flexRender(h.column.columnDef.header, h.getContext());
                  return (
                    <th
                      key={h.id}
                      scope="col"
                      className={numeric.includes(id) ? "num" : undefined}
                      aria-sort={isSorted ? (dir === "asc" ? "ascending" : "descending") : undefined}
                    >
                      {sortable.includes(id) ? (
                        <Link to={hrefWith({ sort: id, dir: isSorted && dir === "asc" ? "desc" : "asc", page: "1" })} preventScrollReset>
                          {label}
                          <span aria-hidden="true">{isSorted ? (dir === "asc" ? " ▲" : " ▼") : " ↕"}</span>
                        </Link>
                      ) : (
                        label
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {table.getRowModel().rows.length === 0 ? (
              <tr>
                <td colSpan={columns.length} className="muted">
                  {t("table.empty")}
                </td>
              </tr>
            ) : (
              table.getRowModel().rows.map((r) => (
                <tr key={r.id}>
                  {r.getVisibleCells().map((c) => (
                    <td key={c.id} className={numeric.includes(c.column.id) ? "num" : undefined}>
                      {flexRender(c.column.columnDef.cell, c.getContext())}
                    </td>
                  ))}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      <div className="pager">
        <span aria-live="polite">{t("table.showing", { from, to, total })}</span>
        <nav aria-label={t("table.pagination")}>
          <ul>
            <li>
              {page > 1 ? <Link to={hrefWith({ page: String(page - 1) })}>{t("table.prev")}</Link> : <span className="muted">{t("table.prev")}</span>}
            </li>
            <li>{t("table.pageOf", { page, pages })}</li>
            <li>
              {page < pages ? <Link to={hrefWith({ page: String(page + 1) })}>{t("table.next")}</Link> : <span className="muted">{t("table.next")}</span>}
            </li>
          </ul>
        </nav>
        <Form method="get" className="actions">
          {[...params.entries()]
            .filter(([k]) => k !== "size" && k !== "page")
            .map(([k, v]) => (
              <input key={k} type="hidden" name={k} value={v} />
            ))}
          <label htmlFor="table-size">{t("table.pageSize")}</label>
          <select id="table-size" name="size" defaultValue={String(size)} style={{ width: "auto" }}>
            {PAGE_SIZES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
          <button type="submit" className="btn small secondary">
            {t("table.apply")}
          </button>
        </Form>
        {exportPath ? (
          <span className="actions">
            <a className="btn small secondary" href={hrefWith({ format: "csv", page: null }, exportPath)} download>
              {t("table.exportCsv")}
            </a>
            <a className="btn small secondary" href={hrefWith({ format: "xlsx", page: null }, exportPath)} download>
              {t("table.exportXlsx")}
            </a>
          </span>
        ) : null}
      </div>
    </div>
  );
}
