import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { titled } from "~/ui/meta";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "~db/client.server";
import { now } from "~/clock.server";
import { auditActor, requireNode } from "~/auth/guard.server";
import { NoticeSchema } from "~/notices/schema";
import { publishNotice } from "~/notices/notices.server";
import { badRequest, parseObject } from "~/ui/form.server";
import { checkFile, parseUploadForm, storeFiles, type CheckedFile } from "~/platform/files.server";
import { Field } from "~/ui/field";
import { useValidatedForm } from "~/ui/use-validated-form";

export const meta = titled("notices.new");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { node } = await requireNode(request, params.compoundId, "notice:post", ["compound"]);
  return { node: { id: node.id, name: node.name } };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, node } = await requireNode(request, params.compoundId, "notice:post", ["compound"]);
  const form = await parseUploadForm(request, "attachments");
  if (!form.ok) return badRequest({ attachments: form.error });
  const parsed = parseObject(NoticeSchema, form.fields);
  if (!parsed.ok) return badRequest(parsed.errors);
  const checked = await Promise.all(form.files.slice(0, 10).map(checkFile));
  const bad = checked.find((c) => "error" in c);
  if (bad && "error" in bad) return badRequest({ attachments: bad.error });
  const db = await getDb();
  const t = now();
  // The notice and its attachments are published together.
  const id = await db.transaction(async (tx) => {
    const noticeId = await publishNotice(tx, auditActor(actor), { compoundId: node.id, ...parsed.data }, t);
    await storeFiles(tx, { compoundId: node.id, ownerKind: "notice", ownerId: noticeId, createdBy: actor.user.id }, checked as CheckedFile[], t);
    return noticeId;
  });
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
      <Form method="post" encType="multipart/form-data" className="stack" noValidate onSubmit={onSubmit}>
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
        <Field
          label={t("notices.attachments")}
          name="attachments"
          type="file"
          multiple
          accept="image/jpeg,image/png,image/webp,application/pdf"
          hint={t("notices.attachmentsHint")}
          error={actionData?.errors && "attachments" in actionData.errors ? (actionData.errors as Record<string, string>).attachments : undefined}
        />
        <button type="submit" className="btn">
          {t("notices.publish")}
        </button>
      </Form>
    </div>
  );
}
