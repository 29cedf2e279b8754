import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "~db/client.server";
import { now } from "~/clock.server";
import { notFound, requireNode } from "~/auth/guard.server";
import { petitionPage, signPetition } from "~/decisions/petitions.server";
import { formatArea } from "~/i18n/format";
import type { Locale } from "~/i18n/config";
import { FormError } from "~/ui/field";
import { titledBy } from "~/ui/meta";

export const meta = titledBy<{ petition: { title: string } }>((d) => d?.petition.title);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, node } = await requireNode(request, params.compoundId, "decision:view", ["compound"]);
  const p = await petitionPage(await getDb(), node.id, params.petitionId ?? "", actor.user.id, now());
  if (!p) throw notFound();
  return { node: { id: node.id }, ...p };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, node } = await requireNode(request, params.compoundId, "decision:vote", ["compound"]);
  const db = await getDb();
  if (!(await petitionPage(db, node.id, params.petitionId ?? "", actor.user.id, now()))) throw notFound();
  const r = await signPetition(db, { id: actor.user.id, name: actor.user.name }, node.id, params.petitionId ?? "", now());
  if (!r.ok) return data({ errors: r.errors }, { status: 400 });
  return data({ errors: undefined as Record<string, string> | undefined });
}

export default function Petition() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const area = (v: string) => formatArea(BigInt(v), locale);
  return (
    <>
      <p>
        <Link to={`/c/${d.node.id}/petitions`}>← {t("petitions.list")}</Link>
      </p>
      <h1>
        {d.petition.title} <span className="tag">{t(`petitions.statuses.${d.petition.status}`)}</span>
      </h1>
      <section className="card" aria-label={t("petitions.agenda")}>
        <h2>{t("petitions.agenda")}</h2>
        <p style={{ whiteSpace: "pre-wrap" }}>{d.petition.agenda}</p>
      </section>
      <section className="card" aria-label={t("petitions.threshold")}>
        <p data-testid="petition-progress">
          {t("petitions.progress", { heads: d.signed.heads, totalHeads: d.total.heads, area: area(d.signed.area), totalArea: area(d.total.area) })}
        </p>
        <p className="muted">{t("petitions.threshold")}</p>
        <label htmlFor="p-heads">{t("decisions.heads")}</label>
        <progress id="p-heads" max={200} value={Math.min(200, d.perMille.heads)}>
          {d.perMille.heads}‰
        </progress>
        <label htmlFor="p-area">{t("decisions.area")}</label>
        <progress id="p-area" max={200} value={Math.min(200, d.perMille.area)}>
          {d.perMille.area}‰
        </progress>
        {d.reached ? <p className="alert">{t("petitions.reached")}</p> : null}
        {d.petition.noticeId ? (
          <p>
            <Link to={`/c/${d.node.id}/notices/${d.petition.noticeId}`}>{t("decisions.viewNotice")}</Link>
          </p>
        ) : null}
      </section>
      <FormError message={a?.errors?._form} />
      {d.signedByMe ? <p role="status">{t("petitions.signed")}</p> : null}
      {d.canSign ? (
        <Form method="post">
          <button type="submit" className="btn">
            {t("petitions.sign")}
          </button>
        </Form>
      ) : !d.isOwner ? (
        <p className="muted">{t("petitions.notOwner")}</p>
      ) : null}
    </>
  );
}
