import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "~db/client.server";
import { now } from "~/clock.server";
import { auditActor, notFound, requireNode } from "~/auth/guard.server";
import { setupPage } from "~/elections/hub-forms.server";
import { SetupSchema } from "~/elections/hub-schema";
import { setUpElection } from "~/elections/prep.server";
import { Field, FormError } from "~/ui/field";
import { badRequest, parseForm } from "~/ui/form.server";
import { titled } from "~/ui/meta";
import { useValidatedForm } from "~/ui/use-validated-form";

export const meta = titled("elections.setup.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { node } = await requireNode(request, params.compoundId, "election:organise", ["compound"]);
  const page = await setupPage(await getDb(), node.id);
  if (!page) throw notFound();
  return { node: { id: node.id, name: node.name }, ...page };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, node } = await requireNode(request, params.compoundId, "election:organise", ["compound"]);
  const parsed = await parseForm(request, SetupSchema);
  if (!parsed.ok) return badRequest(parsed.errors, parsed.values);
  const r = await setUpElection(await getDb(), auditActor(actor), node.id, parsed.data, now());
  if (!r.ok) return badRequest(r.errors, parsed.values);
  throw redirect(`/c/${node.id}/elections`, { status: 303 });
}

export default function SetUpElection() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const { t } = useTranslation();
  const { register, onSubmit, errorOf } = useValidatedForm(SetupSchema, a?.errors);
  const v = a?.values ?? {};
  return (
    <>
      <p>
        <Link to={`/c/${d.node.id}/elections`}>← {t("elections.hub.title")}</Link>
      </p>
      <h1>
        {t("elections.setup.title")} · {d.node.name}
      </h1>
      <section className="card" aria-labelledby="setup-facts">
        <h2 id="setup-facts">{t("elections.setup.factsHeading")}</h2>
        <p data-testid="seat-bounds">{t("elections.setup.bounds", { households: d.households, min: d.bounds.min, max: d.bounds.max })}</p>
        <p>
          {t("elections.setup.reviewers")}: {d.reviewers.map((k) => t(`elections.reviewerKinds.${k}`)).join("、")}
        </p>
        <p className="muted">{t("elections.setup.publicationRule", { show: d.showDays, lead: d.leadDays })}</p>
      </section>
      {!d.hasActiveGroup ? (
        <p className="alert info">{t("elections.errors.noPrepGroup")}</p>
      ) : d.electionId ? (
        <p className="alert info">{t("elections.errors.electionExists")}</p>
      ) : (
        <div className="card narrow">
          <Form method="post" className="stack" noValidate onSubmit={onSubmit}>
            <FormError message={a?.errors?._form} />
            <Field label={t("elections.setup.seats")} type="number" inputMode="numeric" min={1} step={2} hint={t("elections.setup.seatsHint", { min: d.bounds.min, max: d.bounds.max })} defaultValue={v.seats} {...register("seats")} error={errorOf("seats")} />
            <Field label={t("elections.setup.minSeats")} type="number" inputMode="numeric" min={1} hint={t("elections.setup.minSeatsHint")} defaultValue={v.minSeats} {...register("minSeats")} error={errorOf("minSeats")} />
            <Field label={t("elections.setup.alternates")} type="number" inputMode="numeric" min={0} hint={t("elections.setup.alternatesHint")} defaultValue={v.alternates ?? "0"} {...register("alternates")} error={errorOf("alternates")} />
            <Field label={t("elections.setup.nominationOpensAt")} type="date" defaultValue={v.nominationOpensAt} {...register("nominationOpensAt")} error={errorOf("nominationOpensAt")} />
            <Field label={t("elections.setup.nominationClosesAt")} type="date" hint={t("elections.setup.nominationClosesHint")} defaultValue={v.nominationClosesAt} {...register("nominationClosesAt")} error={errorOf("nominationClosesAt")} />
            <Field label={t("elections.setup.votingOpensAt")} type="datetime-local" hint={t("elections.setup.votingHint", { lead: d.leadDays })} defaultValue={v.votingOpensAt} {...register("votingOpensAt")} error={errorOf("votingOpensAt")} />
            <MethodField defaultValue={v.method} error={errorOf("method")} register={register} />
            <button type="submit" className="btn">
              {t("elections.setup.submit")}
            </button>
          </Form>
        </div>
      )}
    </>
  );
}

function MethodField({ defaultValue, error, register }: { defaultValue?: string; error?: string; register: ReturnType<typeof useValidatedForm>["register"] }) {
  const { t } = useTranslation();
  const reg = register("method");
  return (
    <div className="field">
      <label htmlFor="f-method">{t("elections.setup.method")}</label>
      <span className="hint" id="f-method-hint">
        {t("elections.setup.methodHint")}
      </span>
      <textarea
        id="f-method"
        rows={5}
        defaultValue={defaultValue}
        {...reg}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? "f-method-hint f-method-error" : "f-method-hint"}
      />
      {error ? (
        <span className="error" id="f-method-error" role="alert">
          {t(error)}
        </span>
      ) : null}
    </div>
  );
}
