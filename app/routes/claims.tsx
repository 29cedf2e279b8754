import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { titled } from "~/ui/meta";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "~db/client.server";
import { now } from "~/clock.server";
import { requireActor } from "~/auth/guard.server";
import { ClaimSchema } from "~/registry/schema";
import { submitClaim } from "~/registry/claims.server";
import { loadClaimPage } from "~/registry/claim-page.server";
import { badRequest, parseForm } from "~/ui/form.server";
import { Field, SelectField } from "~/ui/field";
import { optionalText } from "~/ui/list-params";
import { formatDateTime } from "~/i18n/format";
import type { Locale } from "~/i18n/config";

export const meta = titled("claims.title");

// Any signed-in person: claim a unit with the property certificate; follow the claims.
export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const url = new URL(request.url);
  const q = optionalText(30).parse(url.searchParams.get("q") ?? undefined);
  const compound = optionalText(64).parse(url.searchParams.get("compound") ?? undefined);
  return { q: q ?? "", ...(await loadClaimPage(await getDb(), actor.user.id, q, compound, now())) };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const parsed = await parseForm(request, ClaimSchema);
  const values = parsed.values;
  if (!parsed.ok) return badRequest(parsed.errors, values);
  const r = await submitClaim(await getDb(), { id: actor.user.id, name: actor.user.name }, parsed.data, now());
  if (!r.ok) return badRequest(r.errors, values);
  throw redirect(`/claims?submitted=${r.status}`, { status: 303 });
}

export default function Claims() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const errors = actionData?.errors as Record<string, string> | undefined;
  return (
    <>
      <h1>{t("claims.title")}</h1>
      {d.claims.length ? (
        <div className="card">
          <h2>{t("claims.mine")}</h2>
          <ul className="plain">
            {d.claims.map((c) => (
              <li key={c.id}>
                {c.compound} · {c.building} {c.number} <span className="tag">{t(`claims.status.${c.status}`)}</span>
                {c.reason ? <div className="muted">{t("claims.reason", { reason: c.reason })}</div> : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {d.notices.map((n) => (
        <section className="card" key={n.compoundId} aria-label={t("claims.publicNotices", { compound: n.compound })}>
          <h2>{t("claims.publicNotices", { compound: n.compound })}</h2>
          {n.items.length ? (
            <ul className="plain">
              {n.items.map((i) => (
                <li key={i.id}>
                  {i.title} <span className="muted">{formatDateTime(i.publishAt, locale)}</span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">{t("compound.noticeBoardEmpty")}</p>
          )}
        </section>
      ))}
      <div className="card narrow">
        <h2>{t("claims.claimUnit")}</h2>
        <Form method="get" className="stack" role="search">
          <Field label={t("claims.findCompound")} name="q" defaultValue={d.q} />
          <button type="submit" className="btn secondary">
            {t("claims.search")}
          </button>
        </Form>
        {d.compounds.length ? (
          <ul className="plain">
            {d.compounds.map((c) => (
              <li key={c.id}>
                <a href={`/claims?compound=${c.id}`}>{c.name}</a>
              </li>
            ))}
          </ul>
        ) : d.q ? (
          <p className="muted">{t("table.empty")}</p>
        ) : null}
        {d.chosen ? (
          <Form method="post" className="stack" noValidate>
            <h3>{d.chosen.name}</h3>
            <input type="hidden" name="compoundId" value={d.chosen.id} />
            <SelectField
              label={t("registry.building")}
              name="buildingId"
              error={errors?.buildingId}
              options={[{ value: "", label: t("registry.chooseBuilding") }, ...d.buildings.map((b) => ({ value: b.id, label: b.name }))]}
            />
            <Field label={t("registry.unitNumber")} name="number" hint={t("registry.unitNumberHint")} error={errors?.number} />
            <Field label={t("registry.certificateNo")} name="certificateNo" hint={t("claims.certificateHint")} error={errors?.certificateNo} />
            <button type="submit" className="btn">
              {t("claims.submit")}
            </button>
          </Form>
        ) : null}
      </div>
    </>
  );
}
