import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "~db/client.server";
import { now } from "~/clock.server";
import { notFound, requireNode } from "~/auth/guard.server";
import { can } from "~/auth/permissions";
import { JOINT_MIN_SIGNATURES } from "~/elections/candidates.server";
import { nominateAs, nominationPage } from "~/elections/hub-forms.server";
import { NominateSchema } from "~/elections/hub-schema";
import { lastDay } from "~/elections/components/hub";
import { formatDate } from "~/i18n/format";
import type { Locale } from "~/i18n/config";
import { FormError, SelectField } from "~/ui/field";
import { badRequest, parseForm } from "~/ui/form.server";
import { titled } from "~/ui/meta";
import { useValidatedForm } from "~/ui/use-validated-form";

export const meta = titled("elections.nominate.title");

async function load(request: Request, params: { compoundId?: string; electionId?: string }) {
  const { actor, node } = await requireNode(request, params.compoundId, "election:view", ["compound"]);
  const organiser = can(actor.grants, "election:organise", node.path);
  const page = await nominationPage(await getDb(), node.id, params.electionId ?? "", { userId: actor.user.id, organiser }, now());
  if (!page) throw notFound();
  return { actor, node, organiser, page };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { node, organiser, page } = await load(request, params);
  return { node: { id: node.id, name: node.name }, organiser, jointMin: JOINT_MIN_SIGNATURES, ...page };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, node, organiser, page } = await load(request, params);
  const parsed = await parseForm(request, NominateSchema);
  if (!parsed.ok) return badRequest(parsed.errors, parsed.values);
  const r = await nominateAs(await getDb(), { id: actor.user.id, name: actor.user.name }, node.id, page.election.id, parsed.data, { organiser }, now());
  if (!r.ok) return badRequest(r.errors, parsed.values);
  throw redirect(`/c/${node.id}/elections/${page.election.id}/candidates/${r.id}`, { status: 303 });
}

const CHECK = { width: "auto", minHeight: 0 } as const;

export default function Nominate() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const { register, onSubmit, errorOf, watch } = useValidatedForm(NominateSchema, a?.errors);
  const v = a?.values ?? {};
  const firstKind = !d.organiser && d.kinds.includes("self") ? "self" : d.kinds[0];
  const kind = (watch("nominatedBy") as string | undefined) ?? v.nominatedBy ?? firstKind;
  const mine = new Set(d.mine);
  const owners = kind === "self" ? d.owners.filter((o) => mine.has(o.id)) : d.owners;
  const partyErr = errorOf("partyMember");
  const capacityErr = errorOf("fullCapacityDeclared");
  const consentErr = errorOf("consent");
  return (
    <>
      <p>
        <Link to={`/c/${d.node.id}/elections`}>← {t("elections.hub.title")}</Link>
      </p>
      <h1>
        {t("elections.nominate.title")} · {d.node.name}
      </h1>
      <p data-testid="nomination-window">
        {t("elections.nominate.window", { from: formatDate(d.election.nominationOpensAt, locale), to: formatDate(lastDay(d.election.nominationClosesAt), locale) })}{" "}
        {d.election.open ? <span className="tag">{t("elections.hub.nominationsOpen")}</span> : <span className="tag">{t("elections.nominate.windowShut")}</span>}
      </p>
      {d.kinds.length === 0 ? (
        <p className="alert info">{t("elections.nominate.nobody")}</p>
      ) : (
        <div className="card narrow">
          <Form method="post" className="stack" noValidate onSubmit={onSubmit}>
            <FormError message={a?.errors?._form} />
            <SelectField
              label={t("elections.nominate.kind")}
              defaultValue={v.nominatedBy ?? firstKind}
              {...register("nominatedBy")}
              error={errorOf("nominatedBy")}
              options={d.kinds.map((k) => ({ value: k, label: t(`elections.kinds.${k}`) }))}
            />
            <p className="muted">{kind === "self" ? t("elections.nominate.selfHint") : kind === "owners_joint" ? t("elections.nominate.jointHint", { n: d.jointMin }) : t("elections.nominate.orgHint")}</p>
            <SelectField
              label={t("elections.nominate.owner")}
              defaultValue={v.ownerId ?? ""}
              {...register("ownerId")}
              error={errorOf("ownerId")}
              options={[{ value: "", label: t("elections.nominate.chooseOwner") }, ...owners.map((o) => ({ value: o.id, label: o.label }))]}
            />
            <SelectField
              label={t("elections.nominate.occupation")}
              defaultValue={v.occupation ?? "other"}
              {...register("occupation")}
              error={errorOf("occupation")}
              options={(["public_servant", "retiree", "other"] as const).map((o) => ({ value: o, label: t(`elections.occupations.${o}`) }))}
            />
            <fieldset aria-describedby={partyErr ? "f-partyMember-error" : undefined}>
              <legend>{t("elections.nominate.partyMember")}</legend>
              {(["yes", "no"] as const).map((x) => (
                <label key={x} style={{ marginRight: "1.5rem" }}>
                  <input type="radio" value={x} style={CHECK} defaultChecked={(v.partyMember ?? "no") === x} {...register("partyMember")} /> {t(`elections.nominate.${x}`)}
                </label>
              ))}
              {partyErr ? (
                <span className="error" id="f-partyMember-error" role="alert">
                  {t(partyErr)}
                </span>
              ) : null}
            </fieldset>
            <SelectField
              label={t("elections.nominate.relation")}
              defaultValue={v.propertyCompanyRelation ?? "none"}
              {...register("propertyCompanyRelation")}
              error={errorOf("propertyCompanyRelation")}
              options={(["none", "self", "spouse", "close_relative", "unknown"] as const).map((r) => ({ value: r, label: t(`elections.relations.${r}`) }))}
            />
            <div className="field">
              <label>
                <input type="checkbox" value="on" style={CHECK} defaultChecked={v.fullCapacityDeclared === "on"} {...register("fullCapacityDeclared")} /> {t("elections.nominate.capacity")}
              </label>
              {capacityErr ? (
                <span className="error" role="alert">
                  {t(capacityErr)}
                </span>
              ) : null}
            </div>
            <div className="field">
              <label>
                <input type="checkbox" value="on" style={CHECK} defaultChecked={v.consent === "on"} aria-describedby={consentErr ? "f-consent-error" : "f-consent-hint"} {...register("consent")} /> {t("elections.nominate.consent")}
              </label>
              <span className="hint" id="f-consent-hint">
                {t("elections.nominate.consentHint")}
              </span>
              {consentErr ? (
                <span className="error" id="f-consent-error" role="alert">
                  {t(consentErr)}
                </span>
              ) : null}
            </div>
            <button type="submit" className="btn">
              {t("elections.nominate.submit")}
            </button>
          </Form>
        </div>
      )}
    </>
  );
}
