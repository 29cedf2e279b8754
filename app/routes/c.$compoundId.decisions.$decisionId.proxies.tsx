import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "~db/client.server";
import { now } from "~/clock.server";
import { auditActor, notFound, requireNode } from "~/auth/guard.server";
import { ProxySchema } from "~/decisions/schema";
import { addProxy, findDecision, listProxies, ownerChoices } from "~/decisions/decisions.server";
import { checkFile, parseUploadForm, storeFiles, type CheckedFile } from "~/platform/files.server";
import { formatDateTime } from "~/i18n/format";
import type { Locale } from "~/i18n/config";
import { Field, FormError, SelectField } from "~/ui/field";
import { badRequest, parseObject } from "~/ui/form.server";
import { titled } from "~/ui/meta";

export const meta = titled("decisions.proxies");

async function load(request: Request, params: { compoundId?: string; decisionId?: string }) {
  const { actor, node } = await requireNode(request, params.compoundId, "decision:organise", ["compound"]);
  const d = await findDecision(await getDb(), node.id, params.decisionId ?? "");
  if (!d) throw notFound();
  return { actor, node, d };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { node, d } = await load(request, params);
  const db = await getDb();
  const [proxies, owners] = await Promise.all([listProxies(db, d.id), ownerChoices(db, node.id)]);
  return {
    node: { id: node.id },
    decision: { id: d.id, title: d.title, closed: d.status === "closed" },
    proxies: proxies.map((p) => ({ ...p, createdAt: p.createdAt.toISOString() })),
    owners,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, node, d } = await load(request, params);
  const form = await parseUploadForm(request, "document");
  if (!form.ok) return badRequest({ document: form.error });
  const parsed = parseObject(ProxySchema, form.fields);
  if (!parsed.ok) return badRequest(parsed.errors, form.fields);
  // The written proxy (委托书) or guardianship document is required: it is what the organiser accepts.
  if (form.files.length === 0) return badRequest({ document: "errors.required" }, form.fields);
  const checked = await checkFile(form.files[0]);
  if ("error" in checked) return badRequest({ document: checked.error }, form.fields);
  const db = await getDb();
  const t = now();
  const r = await db.transaction(async (tx) => {
    const added = await addProxy(tx, auditActor(actor), node.id, d.id, parsed.data, t);
    if (added.ok) await storeFiles(tx, { compoundId: node.id, ownerKind: "proxy", ownerId: added.proxyId, createdBy: actor.user.id }, [checked as CheckedFile], t);
    return added;
  });
  if (!r.ok) return badRequest(r.errors, form.fields);
  throw redirect(`/c/${node.id}/decisions/${d.id}/proxies`, { status: 303 });
}

export default function Proxies() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const errors = a?.errors as Record<string, string> | undefined;
  return (
    <>
      <p>
        <Link to={`/c/${d.node.id}/decisions/${d.decision.id}`}>← {d.decision.title}</Link>
      </p>
      <h1>{t("decisions.proxies")}</h1>
      <p className="muted">{t("decisions.proxiesHint")}</p>
      {d.proxies.length === 0 ? (
        <p className="muted">{t("decisions.noProxies")}</p>
      ) : (
        <div className="table-wrap" role="region" aria-label={t("decisions.proxies")} tabIndex={0}>
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{t("decisions.proxyOwner")}</th>
                <th scope="col">{t("decisions.proxyKind")}</th>
                <th scope="col">{t("decisions.by")}</th>
                <th scope="col">{t("decisions.status")}</th>
              </tr>
            </thead>
            <tbody>
              {d.proxies.map((p) => (
                <tr key={p.id}>
                  <td>{p.owner}</td>
                  <td>{t(`decisions.proxyKinds.${p.kind}`)}</td>
                  <td>{p.proxy}</td>
                  <td>{formatDateTime(p.createdAt, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {d.decision.closed ? null : (
        <section className="card narrow" aria-labelledby="add-proxy">
          <h2 id="add-proxy">{t("decisions.addProxy")}</h2>
          <Form method="post" encType="multipart/form-data" className="stack">
            <FormError message={errors?._form} />
            <SelectField label={t("decisions.proxyOwner")} name="ownerId" defaultValue={a?.values?.ownerId} error={errors?.ownerId} options={[{ value: "", label: "—" }, ...d.owners.map((o) => ({ value: o.id, label: o.name }))]} />
            <Field label={t("decisions.proxyPhone")} name="phone" inputMode="numeric" autoComplete="off" defaultValue={a?.values?.phone} error={errors?.phone} />
            <SelectField
              label={t("decisions.proxyKind")}
              name="kind"
              defaultValue={a?.values?.kind}
              error={errors?.kind}
              options={(["proxy", "guardian"] as const).map((k) => ({ value: k, label: t(`decisions.proxyKinds.${k}`) }))}
            />
            <Field label={t("decisions.proxyDocument")} name="document" type="file" accept="image/jpeg,image/png,image/webp,application/pdf" error={errors?.document} />
            <button type="submit" className="btn">
              {t("decisions.addProxy")}
            </button>
          </Form>
        </section>
      )}
    </>
  );
}
