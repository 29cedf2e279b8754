import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "~db/client.server";
import { now } from "~/clock.server";
import { auditActor, requireNode } from "~/auth/guard.server";
import { requiredReviewersOfStreet } from "~/elections/common.server";
import { setStreetReviewers } from "~/elections/publication.server";
import { StreetReviewersSchema } from "~/elections/review-schema";
import { REVIEWER_KINDS } from "~/elections/rules";
import { formatDateTime } from "~/i18n/format";
import type { Locale } from "~/i18n/config";
import { FormError } from "~/ui/field";
import { parseObject } from "~/ui/form.server";
import { titled } from "~/ui/meta";

export const meta = titled("elections.settings.title");

// Which Party organisations a street requires for joint vetting (联审) of committee candidates.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { node } = await requireNode(request, params.nodeId, "election:configure", ["street"]);
  const s = await requiredReviewersOfStreet(await getDb(), node.id);
  return { node: { id: node.id, name: node.name }, kinds: s.kinds, isDefault: s.isDefault, updatedAt: s.updatedAt?.toISOString() ?? null };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, node } = await requireNode(request, params.nodeId, "election:configure", ["street"]);
  const form = await request.formData();
  const chosen = form.getAll("requiredReviewers").filter((v): v is string => typeof v === "string");
  const parsed = parseObject(StreetReviewersSchema, { requiredReviewers: chosen }, form);
  if (!parsed.ok) return data({ ok: false as const, errors: { requiredReviewers: "elections.errors.reviewersRequired" } as Record<string, string>, chosen }, { status: 400 });
  const r = await setStreetReviewers(await getDb(), auditActor(actor), node.id, parsed.data.requiredReviewers, now());
  if (!r.ok) return data({ ok: false as const, errors: r.errors, chosen }, { status: 400 });
  return data({ ok: true as const, errors: undefined, chosen });
}

export default function StreetVettingSettings() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const checked = new Set<string>(a && !a.ok ? a.chosen : d.kinds);
  const error = a?.errors?.requiredReviewers;
  return (
    <>
      <p>
        <Link to={`/area/${d.node.id}`}>← {d.node.name}</Link>
      </p>
      <h1>
        {t("elections.settings.title")} · {d.node.name}
      </h1>
      {a?.ok ? (
        <p className="alert ok" role="status">
          {t("elections.settings.saved")}
        </p>
      ) : null}
      <section className="card narrow" aria-labelledby="vetting-settings">
        <h2 id="vetting-settings">{t("elections.settings.kinds")}</h2>
        <p className="muted">{t("elections.settings.intro")}</p>
        <p data-testid="settings-default">{d.isDefault ? t("elections.settings.isDefault") : t("elections.settings.custom")}</p>
        {d.updatedAt ? <p className="muted">{t("elections.settings.updatedAt", { at: formatDateTime(d.updatedAt, locale) })}</p> : null}
        {/* Remount when the saved setting changes (unchecked boxes keep their own state otherwise). */}
        <Form method="post" className="stack" key={`${d.isDefault ? "default" : d.kinds.join(",")}|${a && !a.ok ? a.chosen.join(",") : ""}`}>
          <FormError message={a?.errors?._form} />
          <fieldset className="field" aria-invalid={error ? true : undefined} aria-describedby={error ? "f-requiredReviewers-error" : undefined}>
            <legend>{t("elections.settings.kinds")}</legend>
            {REVIEWER_KINDS.map((k) => (
              <label key={k} style={{ fontWeight: 400 }}>
                <input type="checkbox" name="requiredReviewers" value={k} defaultChecked={checked.has(k)} style={{ width: "auto", minHeight: 0 }} /> {t(`elections.reviewerKinds.${k}`)}
              </label>
            ))}
            {error ? (
              <span className="error" id="f-requiredReviewers-error" role="alert">
                {t(error)}
              </span>
            ) : null}
          </fieldset>
          <p className="alert info">{t("elections.settings.keepNote")}</p>
          <button type="submit" className="btn">
            {t("elections.settings.save")}
          </button>
        </Form>
      </section>
    </>
  );
}
