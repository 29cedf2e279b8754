import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { titled } from "~/ui/meta";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "~db/client.server";
import { now } from "~/clock.server";
import { auditActor, requireNode } from "~/auth/guard.server";
import { UnitSchema } from "~/registry/schema";
import { createUnit, listBuildings } from "~/registry/maintain.server";
import { badRequest, parseForm } from "~/ui/form.server";
import { UnitFields } from "~/registry/components/unit-fields";

export const meta = titled("registry.newUnit");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { node } = await requireNode(request, params.compoundId, "registry:manage", ["compound"]);
  const bs = await listBuildings(await getDb(), node.id);
  return { node: { id: node.id, name: node.name }, buildings: bs.map((b) => ({ id: b.id, name: b.name })) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, node } = await requireNode(request, params.compoundId, "registry:manage", ["compound"]);
  const parsed = await parseForm(request, UnitSchema);
  const values = parsed.values;
  if (!parsed.ok) return badRequest(parsed.errors, values);
  const r = await createUnit(await getDb(), auditActor(actor), node.id, parsed.data, now());
  if (!r.ok) return badRequest(r.errors, values);
  throw redirect(`/c/${node.id}/units/${r.id}`, { status: 303 });
}

export default function NewUnit() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <div className="card narrow">
      <p>
        <Link to={`/c/${d.node.id}/units`}>← {t("registry.unitList")}</Link>
      </p>
      <h1>{t("registry.newUnit")}</h1>
      <Form method="post" className="stack" noValidate>
        <UnitFields buildings={d.buildings} errors={actionData?.errors} defaults={actionData?.values} />
        <button type="submit" className="btn">
          {t("registry.save")}
        </button>
      </Form>
      <p>
        <Link to={`/c/${d.node.id}/buildings`}>{t("registry.addBuilding")}</Link>
      </p>
    </div>
  );
}
