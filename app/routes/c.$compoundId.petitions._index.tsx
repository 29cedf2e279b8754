import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "~db/client.server";
import { now } from "~/clock.server";
import { requireNode } from "~/auth/guard.server";
import { PetitionSchema } from "~/decisions/schema";
import { createPetition, listPetitions } from "~/decisions/petitions.server";
import { formatDateTime } from "~/i18n/format";
import type { Locale } from "~/i18n/config";
import { Field, FormError } from "~/ui/field";
import { badRequest, parseForm } from "~/ui/form.server";
import { titled } from "~/ui/meta";
import { useValidatedForm } from "~/ui/use-validated-form";

export const meta = titled("petitions.list");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { node } = await requireNode(request, params.compoundId, "decision:view", ["compound"]);
  const rows = await listPetitions(await getDb(), node.id);
  return { node: { id: node.id, name: node.name }, rows: rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, node } = await requireNode(request, params.compoundId, "decision:vote", ["compound"]);
  const parsed = await parseForm(request, PetitionSchema);
  if (!parsed.ok) return badRequest(parsed.errors, parsed.values);
  const r = await createPetition(await getDb(), { id: actor.user.id, name: actor.user.name }, node.id, parsed.data, now());
  if (!r.ok) return badRequest(r.errors, parsed.values);
  throw redirect(`/c/${node.id}/petitions/${r.id}`, { status: 303 });
}

export default function Petitions() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const { register, onSubmit, errorOf } = useValidatedForm(PetitionSchema, a?.errors);
  return (
    <>
      <p>
        <Link to={`/c/${d.node.id}`}>← {d.node.name}</Link>
      </p>
      <h1>
        {t("petitions.list")} · {d.node.name}
      </h1>
      {d.rows.length === 0 ? <p className="muted">{t("petitions.none")}</p> : null}
      {d.rows.length ? (
        <div className="table-wrap" role="region" aria-label={t("petitions.list")} tabIndex={0}>
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{t("petitions.titleLabel")}</th>
                <th scope="col">{t("decisions.status")}</th>
                <th scope="col">{t("petitions.signatures")}</th>
                <th scope="col">{t("petitions.createdAt")}</th>
              </tr>
            </thead>
            <tbody>
              {d.rows.map((r) => (
                <tr key={r.id}>
                  <td>
                    <Link to={`/c/${d.node.id}/petitions/${r.id}`}>{r.title}</Link>
                  </td>
                  <td>{t(`petitions.statuses.${r.status}`)}</td>
                  <td>{r.signatures}</td>
                  <td>{formatDateTime(r.createdAt, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <section className="card narrow" aria-labelledby="new-petition">
        <h2 id="new-petition">{t("petitions.new")}</h2>
        <p className="muted">{t("petitions.newHint")}</p>
        <Form method="post" className="stack" noValidate onSubmit={onSubmit}>
          <FormError message={a?.errors?._form} />
          <Field label={t("petitions.titleLabel")} defaultValue={a?.values?.title} {...register("title")} error={errorOf("title")} />
          <div className="field">
            <label htmlFor="f-agenda">{t("petitions.agenda")}</label>
            <textarea id="f-agenda" rows={5} defaultValue={a?.values?.agenda} {...register("agenda")} aria-invalid={errorOf("agenda") ? true : undefined} aria-describedby={errorOf("agenda") ? "f-agenda-error" : undefined} />
            {errorOf("agenda") ? (
              <span className="error" id="f-agenda-error" role="alert">
                {t(errorOf("agenda")!)}
              </span>
            ) : null}
          </div>
          <button type="submit" className="btn">
            {t("petitions.create")}
          </button>
        </Form>
      </section>
    </>
  );
}
