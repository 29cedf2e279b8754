import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { titled } from "~/ui/meta";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "~db/client.server";
import { now } from "~/clock.server";
import { auditActor, requireNode } from "~/auth/guard.server";
import { BuildingSchema } from "~/registry/schema";
import { createBuilding, listBuildings } from "~/registry/maintain.server";
import { badRequest, parseForm } from "~/ui/form.server";
import { Field } from "~/ui/field";

export const meta = titled("registry.buildings");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { node } = await requireNode(request, params.compoundId, "registry:manage", ["compound"]);
  const bs = await listBuildings(await getDb(), node.id);
  return { node: { id: node.id, name: node.name }, buildings: bs.map((b) => ({ id: b.id, name: b.name, floors: b.floors })) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, node } = await requireNode(request, params.compoundId, "registry:manage", ["compound"]);
  const parsed = await parseForm(request, BuildingSchema);
  if (!parsed.ok) return badRequest(parsed.errors);
  const r = await createBuilding(await getDb(), auditActor(actor), node.id, parsed.data, now());
  if (!r.ok) return badRequest(r.errors);
  throw redirect(`/c/${node.id}/buildings`, { status: 303 });
}

export default function Buildings() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <>
      <p>
        <Link to={`/c/${d.node.id}/units`}>← {t("registry.unitList")}</Link>
      </p>
      <h1>
        {t("registry.buildings")} · {d.node.name}
      </h1>
      <div className="card">
        <ul className="plain">
          {d.buildings.map((b) => (
            <li key={b.id}>
              <Link to={`/c/${d.node.id}/units?building=${b.id}`}>{b.name}</Link>
              {b.floors ? <span className="muted"> · {t("registry.floorsN", { n: b.floors })}</span> : null}
            </li>
          ))}
        </ul>
      </div>
      <div className="card narrow">
        <h2>{t("registry.addBuilding")}</h2>
        <Form method="post" className="stack" noValidate>
          <Field label={t("registry.buildingName")} name="name" error={actionData?.errors?.name} />
          <Field label={t("registry.floors")} name="floors" inputMode="numeric" error={actionData?.errors?.floors} />
          <button type="submit" className="btn">
            {t("registry.addBuilding")}
          </button>
        </Form>
      </div>
    </>
  );
}
