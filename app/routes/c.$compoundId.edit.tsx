import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { titled } from "~/ui/meta";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "~db/client.server";
import { now } from "~/clock.server";
import { auditActor, requireNode } from "~/auth/guard.server";
import { CompoundSchema } from "~/registry/schema";
import { getCompound, updateCompound } from "~/registry/areas.server";
import { badRequest, parseForm } from "~/ui/form.server";
import { CompoundFields } from "~/registry/components/compound-fields";

export const meta = titled("registry.editCompound");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { node } = await requireNode(request, params.compoundId, "registry:manage", ["compound"]);
  const c = await getCompound(await getDb(), node.id);
  return { node: { id: node.id, name: node.name }, compound: { name: node.name, address: c?.address ?? "", yearBuilt: c?.yearBuilt ?? null, households: c?.households ?? null } };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, node } = await requireNode(request, params.compoundId, "registry:manage", ["compound"]);
  const parsed = await parseForm(request, CompoundSchema);
  const values = parsed.values;
  if (!parsed.ok) return badRequest(parsed.errors, values);
  await updateCompound(await getDb(), auditActor(actor), node, parsed.data, now());
  throw redirect(`/c/${node.id}`, { status: 303 });
}

export default function EditCompound() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <div className="card narrow">
      <p>
        <Link to={`/c/${d.node.id}`}>← {d.node.name}</Link>
      </p>
      <h1>{t("registry.editCompound")}</h1>
      <Form method="post" className="stack" noValidate>
        <CompoundFields withModel={false} errors={actionData?.errors} defaults={{ ...d.compound, ...(actionData?.values ?? {}) }} />
        <button type="submit" className="btn">
          {t("registry.save")}
        </button>
      </Form>
    </div>
  );
}
