import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { titled } from "~/ui/meta";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "~db/client.server";
import { now } from "~/clock.server";
import { auditActor, requireNode } from "~/auth/guard.server";
import { CompoundSchema } from "~/registry/schema";
import { createCompound } from "~/registry/areas.server";
import { badRequest, parseForm } from "~/ui/form.server";
import { CompoundFields } from "~/registry/components/compound-fields";

export const meta = titled("registry.newCompound");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { node } = await requireNode(request, params.nodeId, "registry:manage", ["community"]);
  return { node: { id: node.id, name: node.name } };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, node } = await requireNode(request, params.nodeId, "registry:manage", ["community"]);
  const parsed = await parseForm(request, CompoundSchema);
  const values = parsed.values;
  if (!parsed.ok) return badRequest(parsed.errors, values);
  const id = await createCompound(await getDb(), auditActor(actor), node, parsed.data, now());
  throw redirect(`/c/${id}`, { status: 303 });
}

export default function NewCompound() {
  const { node } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <div className="card narrow">
      <p>
        <Link to={`/area/${node.id}`}>← {node.name}</Link>
      </p>
      <h1>{t("registry.newCompound")}</h1>
      <Form method="post" className="stack" noValidate>
        <CompoundFields errors={actionData?.errors} defaults={actionData?.values} />
        <button type="submit" className="btn">
          {t("registry.save")}
        </button>
      </Form>
    </div>
  );
}
