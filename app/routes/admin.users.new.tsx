import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { titled } from "~/ui/meta";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "~db/client.server";
import { now } from "~/clock.server";
import { requireAnywhere } from "~/auth/guard.server";
import { CreateUserSchema } from "~/auth/schema";
import { createUser } from "~/auth/users.server";
import { grantFormOptions } from "~/auth/admin-page.server";
import { badRequest, parseForm } from "~/ui/form.server";
import { Field } from "~/ui/field";
import { GrantFields } from "~/auth/components/grant-fields";

export const meta = titled("users.new");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireAnywhere(request, "user:manage");
  return grantFormOptions(await getDb(), actor);
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireAnywhere(request, "user:manage");
  const parsed = await parseForm(request, CreateUserSchema);
  if (!parsed.ok) return badRequest(parsed.errors);
  const r = await createUser(await getDb(), actor, parsed.data, now());
  if (!r.ok) return badRequest(r.errors);
  throw redirect(`/admin/users/${r.userId}?created=1`, { status: 303 });
}

export default function NewUser() {
  const { nodes, roles, partyOrgs } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const errors = actionData?.errors;
  return (
    <div className="card narrow">
      <h1>{t("users.new")}</h1>
      <p className="muted">{t("users.newIntro")}</p>
      <Form method="post" className="stack" noValidate>
        <Field label={t("users.name")} name="name" error={errors?.name} autoComplete="off" />
        <Field label={t("login.phone")} name="phone" error={errors?.phone} inputMode="tel" autoComplete="off" />
        <div className="field">
          <label>
            <input type="checkbox" name="noPhone" style={{ width: "auto", minHeight: 0 }} /> {t("users.noPhone")}
          </label>
          <span className="hint">{t("users.noPhoneHint")}</span>
        </div>
        <GrantFields roles={roles} nodes={nodes} partyOrgs={partyOrgs} errors={errors} />
        <button type="submit" className="btn">
          {t("users.create")}
        </button>
      </Form>
    </div>
  );
}
