import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { titled } from "~/ui/meta";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "~db/client.server";
import { now } from "~/clock.server";
import { auditActor, notFound, requireNode } from "~/auth/guard.server";
import { DecideClaimSchema } from "~/registry/schema";
import { compoundClaims, decideClaim } from "~/registry/claims.server";
import { badRequest, parseForm } from "~/ui/form.server";
import { FormError } from "~/ui/field";
import { shanghaiDate } from "~/i18n/format";

export const meta = titled("claims.reviewTitle");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { node } = await requireNode(request, params.compoundId, "claim:verify", ["compound"]);
  const claims = await compoundClaims(await getDb(), node.id, shanghaiDate(now()));
  return { node: { id: node.id, name: node.name }, claims: claims.map((c) => ({ ...c, createdAt: c.createdAt.toISOString() })) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, node } = await requireNode(request, params.compoundId, "claim:verify", ["compound"]);
  const parsed = await parseForm(request, DecideClaimSchema);
  if (!parsed.ok) return badRequest(parsed.errors, { claimId: String(parsed.form.get("claimId") ?? "") });
  const r = await decideClaim(await getDb(), auditActor(actor), node.id, parsed.data.claimId, parsed.data, now());
  if (!r) throw notFound();
  if (!r.ok) return badRequest(r.errors, { claimId: parsed.data.claimId });
  throw redirect(`/c/${node.id}/claims`, { status: 303 });
}

export default function ClaimReview() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const errors = actionData?.errors as Record<string, string> | undefined;
  const errorFor = actionData?.values?.claimId;
  return (
    <>
      <p>
        <Link to={`/c/${d.node.id}`}>← {d.node.name}</Link>
      </p>
      <h1>
        {t("claims.reviewTitle")} · {d.node.name}
      </h1>
      {d.claims.length === 0 ? <p className="muted">{t("claims.none")}</p> : null}
      {d.claims.map((c) => (
        <section className="card" key={c.id} aria-label={`${c.building} ${c.number}`}>
          <h2>
            {c.building} {c.number} <span className="tag">{t(`claims.status.${c.status}`)}</span>
          </h2>
          <p>
            {t("claims.claimant", { name: c.claimant, phone: c.claimantPhone })}
            <br />
            {t("claims.certificates", { claimed: c.claimedCertificate, registry: c.registryCertificate ?? "—" })}{" "}
            <strong>{c.certificateMatches ? t("claims.match") : t("claims.noMatch")}</strong>
            <br />
            {t("claims.registryOwners", { owners: c.owners.map((o) => o.name).join("、") || "—" })}
          </p>
          {c.reason ? <p className="muted">{t("claims.reason", { reason: c.reason })}</p> : null}
          {errorFor === c.id ? <FormError message={errors?._form} /> : null}
          {c.status === "pending" || c.status === "disputed" ? (
            <div className="actions">
              <Form method="post" className="actions">
                <input type="hidden" name="claimId" value={c.id} />
                <input type="hidden" name="decision" value="verify" />
                {c.owners.length ? (
                  <>
                    <label htmlFor={`owner-${c.id}`}>{t("claims.linkOwner")}</label>
                    <select id={`owner-${c.id}`} name="ownerId" style={{ width: "auto" }}>
                      <option value="">—</option>
                      {c.owners.filter((o) => !o.linked).map((o) => (
                        <option key={o.id} value={o.id}>
                          {o.name}
                        </option>
                      ))}
                    </select>
                  </>
                ) : null}
                <button type="submit" className="btn small">
                  {t("claims.verify")}
                </button>
              </Form>
              <Form method="post" className="actions">
                <input type="hidden" name="claimId" value={c.id} />
                <input type="hidden" name="decision" value="reject" />
                <label htmlFor={`reason-${c.id}`}>{t("claims.rejectReason")}</label>
                <input id={`reason-${c.id}`} name="reason" style={{ width: "auto" }} aria-invalid={errorFor === c.id && errors?.reason ? true : undefined} />
                <button type="submit" className="btn small secondary">
                  {t("claims.reject")}
                </button>
                {errorFor === c.id && errors?.reason ? (
                  <span className="error" role="alert">
                    {t(errors.reason)}
                  </span>
                ) : null}
              </Form>
            </div>
          ) : null}
        </section>
      ))}
    </>
  );
}
