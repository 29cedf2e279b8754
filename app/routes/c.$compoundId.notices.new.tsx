import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { titled } from "~/ui/meta";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "~db/client.server";
import { now } from "~/clock.server";
import { auditActor, requireNode } from "~/auth/guard.server";
import { NoticeSchema } from "~/notices/schema";
import { publishNotice } from "~/notices/notices.server";
import { badRequest, parseForm } from "~/ui/form.server";
import { Field } from "~/ui/field";
import { useValidatedForm } from "~/ui/use-validated-form";

export const meta = titled("notices.new");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { node } = await requireNode(request, params.compoundId, "notice:post", ["compound"]);
  return { node: { id: node.id, name: node.name } };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, node } = await requireNode(request, params.compoundId, "notice:post", ["compound"]);
  const parsed = await parseForm(request, NoticeSchema);
  if (!parsed.ok) return badRequest(parsed.errors);
  const db = await getDb();
  const id = await db.transaction((tx) => publishNotice(tx, auditActor(actor), { compoundId: node.id, ...parsed.data }, now()));
  throw redirect(`/c/${node.id}/notices/${id}`, { status: 303 });
}

export default function NewNotice() {
  const { node } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const { register, onSubmit, errorOf } = useValidatedForm(NoticeSchema, actionData?.errors);
  return (
    <div className="card narrow">
      <p>
        <Link to={`/c/${node.id}`}>← {node.name}</Link>
      </p>
      <h1>{t("notices.new")}</h1>
      <Form method="post" className="stack" noValidate onSubmit={onSubmit}>
        <Field label={t("notices.title")} {...register("title")} error={errorOf("title")} />
        <div className="field">
          <label htmlFor="f-body">{t("notices.body")}</label>
          <textarea id="f-body" rows={8} {...register("body")} aria-invalid={errorOf("body") ? true : undefined} aria-describedby={errorOf("body") ? "f-body-error" : undefined} />
          {errorOf("body") ? (
            <span className="error" id="f-body-error" role="alert">
              {t(errorOf("body")!)}
            </span>
          ) : null}
        </div>
        <Field label={t("notices.publishAt")} hint={t("notices.publishAtHint")} type="datetime-local" {...register("publishAt")} error={errorOf("publishAt")} />
        <Field label={t("notices.takeDownAt")} hint={t("notices.takeDownAtHint")} type="datetime-local" {...register("takeDownAt")} error={errorOf("takeDownAt")} />
        <button type="submit" className="btn">
          {t("notices.publish")}
        </button>
      </Form>
    </div>
  );
}
