import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "~db/client.server";
import { now } from "~/clock.server";
import { auditActor, requireNode } from "~/auth/guard.server";
import { ContractSchema } from "~/governance/contract-schema";
import { contractFormPage, createContract } from "~/governance/contracts.server";
import { ContractForm } from "~/governance/components/contract-form";
import { checkFile, parseUploadForm } from "~/platform/files.server";
import { badRequest, parseObject } from "~/ui/form.server";
import { titled } from "~/ui/meta";

export const meta = titled("governance.contracts.newTitle");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { node } = await requireNode(request, params.compoundId, "model:manage", ["compound"]);
  return { node: { id: node.id, name: node.name }, ...(await contractFormPage(await getDb(), node.id)) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, node } = await requireNode(request, params.compoundId, "model:manage", ["compound"]);
  const form = await parseUploadForm(request, "document");
  if (!form.ok) return badRequest({ document: form.error });
  const parsed = parseObject(ContractSchema, form.fields);
  if (!parsed.ok) return badRequest(parsed.errors, form.fields);
  const checked = form.files.length ? await checkFile(form.files[0]) : null;
  if (checked && "error" in checked) return badRequest({ document: checked.error }, form.fields);
  const r = await createContract(await getDb(), auditActor(actor), node.id, parsed.data, checked, now());
  if (!r.ok) return badRequest(r.errors, form.fields);
  throw redirect(`/c/${node.id}/management/contracts/${r.id}?done=created`, { status: 303 });
}

export default function NewContract() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <div className="card narrow">
      <p>
        <Link to={`/c/${d.node.id}/management`}>← {t("governance.management.title")}</Link>
      </p>
      <h1>
        {t("governance.contracts.newTitle")} · {d.node.name}
      </h1>
      <p className="muted">{t("governance.contracts.newIntro")}</p>
      {d.companies.length === 0 ? (
        <p className="alert info">{t("governance.contracts.noCompanies")}</p>
      ) : (
        <ContractForm values={(a?.values as Record<string, string> | undefined) ?? {}} errors={a?.errors as Record<string, string> | undefined} companies={d.companies} decisions={d.decisions} />
      )}
    </div>
  );
}
