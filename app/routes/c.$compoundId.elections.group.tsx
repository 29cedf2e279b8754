import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "~db/client.server";
import { now } from "~/clock.server";
import { auditActor, requireNode } from "~/auth/guard.server";
import { formGroupFromForm, groupFormPage } from "~/elections/hub-forms.server";
import { GroupSchema, nestMembers, PREP_WARNINGS } from "~/elections/hub-schema";
import { GroupForm } from "~/elections/components/group-form";
import { badRequest, formValues, parseObject } from "~/ui/form.server";
import { titled } from "~/ui/meta";

export const meta = titled("elections.group.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { node } = await requireNode(request, params.compoundId, "election:supervise", ["compound"]);
  const page = await groupFormPage(await getDb(), node.id, now());
  return { node: { id: node.id, name: node.name }, ...page };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, node } = await requireNode(request, params.compoundId, "election:supervise", ["compound"]);
  const values = formValues(await request.formData());
  const parsed = parseObject(GroupSchema, nestMembers(values));
  if (!parsed.ok) return badRequest(parsed.errors, values);
  const r = await formGroupFromForm(await getDb(), auditActor(actor), node.id, parsed.data, now());
  if (!r.ok) return badRequest(r.errors, values);
  const warn = r.warnings.filter((w) => (PREP_WARNINGS as readonly string[]).includes(w));
  throw redirect(`/c/${node.id}/elections${warn.length ? `?warn=${warn.join(",")}` : ""}`, { status: 303 });
}

export default function FormPrepGroup() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <>
      <p>
        <Link to={`/c/${d.node.id}/elections`}>← {t("elections.hub.title")}</Link>
      </p>
      <h1>
        {t("elections.group.title")} · {d.node.name}
      </h1>
      <section className="card" aria-labelledby="group-rules">
        <h2 id="group-rules">{t("elections.group.rulesHeading")}</h2>
        <ul>
          <li>{t("elections.group.ruleMembers")}</li>
          <li>{t("elections.group.ruleOdd")}</li>
          <li>{t("elections.group.ruleOwners")}</li>
          <li>{t("elections.group.ruleLeader")}</li>
          <li>{t("elections.group.ruleAccounts")}</li>
        </ul>
      </section>
      {d.hasActiveGroup ? (
        <p className="alert info">{t("elections.errors.prepGroupExists")}</p>
      ) : (
        <GroupForm owners={d.owners} values={a?.values} errors={a?.errors} />
      )}
    </>
  );
}
