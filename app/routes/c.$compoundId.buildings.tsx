import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { titled } from "~/ui/meta";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "~db/client.server";
import { now } from "~/clock.server";
import { auditActor, requireNode } from "~/auth/guard.server";
import { BuildingSchema } from "~/registry/schema";
import { createBuilding, listBuildings, renameBuilding } from "~/registry/maintain.server";
import { z } from "zod";
import { notFound } from "~/auth/guard.server";
import { RenameSchema } from "~/registry/schema";
import { parseObject } from "~/ui/form.server";
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
  const parsed = await parseForm(request, z.object({ intent: z.enum(["create", "rename"]).default("create") }));
  const fields = parsed.values;
  if (parsed.ok && parsed.data.intent === "rename") {
    const p = parseObject(RenameSchema.extend({ buildingId: z.string().min(1).max(64) }), fields);
    if (!p.ok) return badRequest(p.errors, { buildingId: fields.buildingId ?? "" });
    const r = await renameBuilding(await getDb(), auditActor(actor), node.id, p.data.buildingId, p.data.name, now());
    if (!r) throw notFound();
    if (!r.ok) return badRequest(r.errors, { buildingId: p.data.buildingId });
    throw redirect(`/c/${node.id}/buildings`, { status: 303 });
  }
  const p = parseObject(BuildingSchema, fields);
  if (!p.ok) return badRequest(p.errors);
  const r = await createBuilding(await getDb(), auditActor(actor), node.id, p.data, now());
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
              <Form method="post" className="actions" aria-label={t("registry.renameBuilding", { name: b.name })}>
                <input type="hidden" name="intent" value="rename" />
                <input type="hidden" name="buildingId" value={b.id} />
                <label htmlFor={`rename-${b.id}`} className="visually-hidden">
                  {t("registry.renameBuilding", { name: b.name })}
                </label>
                <input id={`rename-${b.id}`} name="name" defaultValue={b.name} style={{ width: "auto" }} />
                <button type="submit" className="btn small secondary">
                  {t("registry.rename")}
                </button>
                {actionData?.values && "buildingId" in actionData.values && actionData.values.buildingId === b.id && actionData.errors?.name ? (
                  <span className="error" role="alert">
                    {t(actionData.errors.name)}
                  </span>
                ) : null}
              </Form>
            </li>
          ))}
        </ul>
      </div>
      <div className="card narrow">
        <h2>{t("registry.addBuilding")}</h2>
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="create" />
          <Field label={t("registry.buildingName")} name="name" error={actionData?.values && "buildingId" in actionData.values ? undefined : actionData?.errors?.name} />
          <Field label={t("registry.floors")} name="floors" inputMode="numeric" error={actionData?.errors?.floors} />
          <button type="submit" className="btn">
            {t("registry.addBuilding")}
          </button>
        </Form>
      </div>
    </>
  );
}
