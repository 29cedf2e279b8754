import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { titled } from "~/ui/meta";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "~db/client.server";
import { now } from "~/clock.server";
import { auditActor, requireNode } from "~/auth/guard.server";
import { RenameSchema } from "~/registry/schema";
import { renameNode } from "~/registry/areas.server";
import { badRequest, parseForm } from "~/ui/form.server";
import { Field } from "~/ui/field";

export const meta = titled("registry.rename");
const KINDS = ["district", "street", "community"] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { node } = await requireNode(request, params.nodeId, "registry:manage", KINDS);
  return { node: { id: node.id, name: node.name, kind: node.kind } };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, node } = await requireNode(request, params.nodeId, "registry:manage", KINDS);
  const parsed = await parseForm(request, RenameSchema);
  if (!parsed.ok) return badRequest(parsed.errors);
  await renameNode(await getDb(), auditActor(actor), node, parsed.data.name, now());
  throw redirect(`/area/${node.id}`, { status: 303 });
}

export default function Rename() {
  const { node } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <div className="card narrow">
      <p>
        <Link to={`/area/${node.id}`}>← {node.name}</Link>
      </p>
      <h1>{t("registry.rename")}</h1>
      <Form method="post" className="stack" noValidate>
        <Field label={t("registry.newName", { kind: t(`area.kind.${node.kind}`) })} name="name" defaultValue={node.name} error={actionData?.errors?.name} />
        <button type="submit" className="btn">
          {t("registry.save")}
        </button>
      </Form>
    </div>
  );
}
