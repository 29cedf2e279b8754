import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { ReactNode } from "react";

/** The filter form above a server table: GET, keeps the table's sort, direction and page size. */
export function ListFilters({ params, children }: { params: { sort: string; dir: string; size: number }; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Form method="get" className="card filters" aria-label={t("table.filters")}>
      {children}
      <input type="hidden" name="sort" value={params.sort} />
      <input type="hidden" name="dir" value={params.dir} />
      <input type="hidden" name="size" value={params.size} />
      <button type="submit" className="btn">
        {t("table.filter")}
      </button>
    </Form>
  );
}

export function TextFilter({ name, label, value, type = "text", placeholder }: { name: string; label: string; value?: string; type?: string; placeholder?: string }) {
  return (
    <div className="field">
      <label htmlFor={`filter-${name}`}>{label}</label>
      <input id={`filter-${name}`} name={name} type={type} defaultValue={value ?? ""} placeholder={placeholder} />
    </div>
  );
}

/** A select filter whose first option ("all") means no filter. */
export function SelectFilter({ name, label, value, options }: { name: string; label: string; value?: string; options: { value: string; label: string }[] }) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <label htmlFor={`filter-${name}`}>{label}</label>
      <select id={`filter-${name}`} name={name} defaultValue={value ?? ""}>
        <option value="">{t("table.all")}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
