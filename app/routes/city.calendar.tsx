import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { titled } from "~/ui/meta";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { getDb } from "~db/client.server";
import { now } from "~/clock.server";
import { notFound, requireCity } from "~/auth/guard.server";
import { listCalendarYear, removeCalendarDay, setCalendarDay } from "~/platform/calendar.server";
import { CalendarDaySchema, CalendarYearSchema, RemoveCalendarDaySchema } from "~/platform/calendar-schema";
import { shanghaiDay } from "~/platform/days";
import { badRequest, parseForm, parseObject } from "~/ui/form.server";
import { searchParamsObject } from "~/ui/list-params";
import { Field, SelectField } from "~/ui/field";
import type { Locale } from "~/i18n/config";

export const meta = titled("calendar.title");

// The city administrator keeps the holiday calendar that every legal period is counted with (rules.md).
export async function loader({ request }: LoaderFunctionArgs) {
  await requireCity(request, "calendar:manage");
  const thisYear = Number(shanghaiDay(now()).slice(0, 4));
  const year = CalendarYearSchema.parse(searchParamsObject(new URL(request.url))).year ?? thisYear;
  const years = [...new Set([2025, 2026, thisYear, thisYear + 1, year])].sort((a, b) => a - b);
  return { year, years, days: await listCalendarYear(await getDb(), year) };
}

const Intent = z.object({ intent: z.enum(["set", "remove"]) });

export async function action({ request }: ActionFunctionArgs) {
  const { actor } = await requireCity(request, "calendar:manage");
  const parsed = await parseForm(request, Intent);
  if (!parsed.ok) return badRequest(parsed.errors);
  const fields = parsed.values;
  const db = await getDb();
  if (parsed.data.intent === "set") {
    const input = parseObject(CalendarDaySchema, fields);
    if (!input.ok) return badRequest(input.errors, fields);
    const r = await setCalendarDay(db, actor, input.data, now());
    if (!r) throw notFound();
    if (!r.ok) return badRequest(r.errors, fields);
    throw redirect(`/city/calendar?year=${input.data.day.slice(0, 4)}&saved=${input.data.day}`, { status: 303 });
  }
  const input = parseObject(RemoveCalendarDaySchema, fields);
  if (!input.ok || !(await removeCalendarDay(db, actor, input.data.day, now()))) throw notFound();
  throw redirect(`/city/calendar?year=${input.data.day.slice(0, 4)}&removed=${input.data.day}`, { status: 303 });
}

type Day = { day: string; kind: "holiday" | "workday"; name: string };

/** The days of a year grouped by month, in order. */
function byMonth(days: Day[]): [number, Day[]][] {
  const months = new Map<number, Day[]>();
  for (const d of days) {
    const m = Number(d.day.slice(5, 7));
    months.set(m, [...(months.get(m) ?? []), d]);
  }
  return [...months.entries()];
}

export default function HolidayCalendarPage() {
  const { year, years, days } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t, i18n } = useTranslation();
  const locale = (i18n.language as Locale) === "en" ? "en-GB" : "zh-CN";
  const monthName = (m: number) => new Intl.DateTimeFormat(locale, { timeZone: "UTC", year: "numeric", month: "long" }).format(Date.UTC(year, m - 1, 1));
  const weekday = (day: string) => new Intl.DateTimeFormat(locale, { timeZone: "UTC", weekday: "short" }).format(new Date(`${day}T00:00:00Z`));
  const kindLabel = (k: Day["kind"]) => (k === "holiday" ? t("calendar.kindHoliday") : t("calendar.kindWorkday"));
  const errors = actionData?.errors;
  const values: Record<string, string> = actionData?.values ?? {};
  const saved = params.get("saved");
  const removed = params.get("removed");
  return (
    <>
      <h1>{t("calendar.title")}</h1>
      <p className="muted">{t("calendar.intro")}</p>
      {saved ? (
        <p className="alert ok" role="status">
          {t("calendar.saved", { day: saved })}
        </p>
      ) : null}
      {removed ? (
        <p className="alert ok" role="status">
          {t("calendar.removed", { day: removed })}
        </p>
      ) : null}
      <nav aria-label={t("calendar.years")} className="actions" style={{ marginBottom: "1rem" }}>
        {years.map((y) => (
          <Link key={y} to={`?year=${y}`} className={y === year ? "btn small" : "btn small secondary"} aria-current={y === year ? "page" : undefined}>
            {t("calendar.year", { year: y })}
          </Link>
        ))}
      </nav>
      <div className="card">
        <h2 style={{ marginTop: 0 }}>{t("calendar.formTitle")}</h2>
        {/* Keyed on the result, so the fields come back empty after a save and keep their values after an error. */}
        <Form method="post" className="stack" noValidate key={actionData ? "error" : (saved ?? "new")}>
          <input type="hidden" name="intent" value="set" />
          <Field label={t("calendar.day")} name="day" type="date" hint={t("calendar.dayHint")} defaultValue={values.day} error={errors?.day} />
          <SelectField
            label={t("calendar.kind")}
            name="kind"
            defaultValue={values.kind ?? "holiday"}
            error={errors?.kind}
            options={[
              { value: "holiday", label: t("calendar.optionHoliday") },
              { value: "workday", label: t("calendar.optionWorkday") },
            ]}
          />
          <Field label={t("calendar.name")} name="name" hint={t("calendar.nameHint")} defaultValue={values.name} error={errors?.name} maxLength={40} autoComplete="off" />
          <div>
            <button type="submit" className="btn">
              {t("calendar.save")}
            </button>
          </div>
        </Form>
      </div>
      <h2>{t("calendar.year", { year })}</h2>
      {days.length ? (
        <p>
          {t("calendar.summary", {
            year,
            holidays: days.filter((d) => d.kind === "holiday").length,
            workdays: days.filter((d) => d.kind === "workday").length,
          })}
        </p>
      ) : (
        <p className="alert info">{t("calendar.empty", { year })}</p>
      )}
      <div className="grid" style={{ gridTemplateColumns: "repeat(auto-fill, minmax(min(100%, 19rem), 1fr))" }}>
        {byMonth(days).map(([m, list]) => (
          <section key={m} className="card" aria-labelledby={`month-${m}`}>
            <h3 id={`month-${m}`} style={{ marginTop: 0 }}>
              {monthName(m)}
            </h3>
            <ul className="plain">
              {list.map((d) => (
                <li key={d.day} className="actions" style={{ justifyContent: "space-between" }}>
                  <span>
                    <time dateTime={d.day}>{d.day.slice(5)}</time> {weekday(d.day)} · {d.name}{" "}
                    <span className="tag" style={d.kind === "workday" ? { background: "#fff8c5" } : undefined}>
                      {kindLabel(d.kind)}
                    </span>
                  </span>
                  <Form method="post">
                    <input type="hidden" name="intent" value="remove" />
                    <input type="hidden" name="day" value={d.day} />
                    <button type="submit" className="btn small secondary" aria-label={t("calendar.removeFor", { day: d.day, name: d.name, kind: kindLabel(d.kind) })}>
                      {t("calendar.remove")}
                    </button>
                  </Form>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </>
  );
}
