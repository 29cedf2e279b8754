import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "~db/client.server";
import { now } from "~/clock.server";
import { auditActor, notFound, requireNode } from "~/auth/guard.server";
import { maskPhone } from "~/auth/mask";
import { OwnerSchema } from "~/registry/schema";
import { getOwner, updateOwner } from "~/registry/maintain.server";
import { badRequest, parseForm } from "~/ui/form.server";
import { Field, SelectField } from "~/ui/field";
import { titled } from "~/ui/meta";

export const meta = titled("registry.editOwner");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { node } = await requireNode(request, params.compoundId, "registry:manage", ["compound"]);
  const o = await getOwner(await getDb(), node.id, params.ownerId ?? "");
  if (!o) throw notFound();
  return { node: { id: node.id, name: node.name }, owner: { id: o.id, name: o.name, kind: o.kind, phone: maskPhone(o.phone), hasId: !!o.idNumberEnc } };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, node } = await requireNode(request, params.compoundId, "registry:manage", ["compound"]);
  const parsed = await parseForm(request, OwnerSchema);
  if (!parsed.ok) return badRequest(parsed.errors);
  if (!(await updateOwner(await getDb(), auditActor(actor), node.id, params.ownerId ?? "", parsed.data, now()))) throw notFound();
  throw redirect(`/c/${node.id}/owners`, { status: 303 });
}

export default function EditOwner() {
  const { node, owner } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const errors = actionData?.errors;
  return (
    <div className="card narrow">
      <p>
        <Link to={`/c/${node.id}/owners`}>← {t("registry.ownerList")}</Link>
      </p>
      <h1>{t("registry.editOwner")}</h1>
      <Form method="post" className="stack" noValidate>
        <SelectField
          label={t("registry.ownerKind")}
          name="kind"
          defaultValue={owner.kind}
          options={[
            { value: "person", label: t("registry.ownerKinds.person") },
            { value: "organisation", label: t("registry.ownerKinds.organisation") },
          ]}
        />
        <Field label={t("registry.ownerName")} name="name" defaultValue={owner.name} error={errors?.name} />
        <Field label={t("login.phone")} name="phone" inputMode="tel" hint={owner.phone ? t("registry.phoneOnFile", { phone: owner.phone }) : undefined} error={errors?.phone} />
        <Field label={t("registry.idNumber")} name="idNumber" autoComplete="off" hint={owner.hasId ? t("registry.idOnFile") : t("registry.idNumberHint")} error={errors?.idNumber} />
        <button type="submit" className="btn">
          {t("registry.save")}
        </button>
      </Form>
    </div>
  );
}
