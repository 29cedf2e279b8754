import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { titled } from "~/ui/meta";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "~db/client.server";
import { now } from "~/clock.server";
import { auditActor, requireCity } from "~/auth/guard.server";
import { can } from "~/auth/permissions";
import { createPartyOrg, listPartyOrgs } from "~/registry/party-orgs.server";
import { nodesWithin } from "~/platform/area.server";
import { PartyOrgSchema } from "~/registry/schema";
import { badRequest, parseObject } from "~/ui/form.server";
import { Field, SelectField } from "~/ui/field";

export const meta = titled("party.title");

// The Party organisations that vet committee candidates (联审), and what each covers.
export async function loader({ request }: LoaderFunctionArgs) {
  const { actor, node } = await requireCity(request, "area:view");
  const db = await getDb();
  const manage = can(actor.grants, "party:manage", node.path);
  const nodes = manage ? (await nodesWithin(db, [node.path], 2000)).filter((n) => n.kind !== "compound") : [];
  return { orgs: await listPartyOrgs(db, now()), manage, nodes: nodes.map((n) => ({ id: n.id, name: n.name, kind: n.kind, depth: n.depth })) };
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor } = await requireCity(request, "party:manage");
  const form = await request.formData();
  const input = {
    kind: String(form.get("kind") ?? ""),
    name: String(form.get("name") ?? ""),
    parentId: String(form.get("parentId") ?? ""),
    nodeIds: form.getAll("nodeIds").map(String),
  };
  const parsed = parseObject(PartyOrgSchema, input);
  if (!parsed.ok) return badRequest(parsed.errors);
  const r = await createPartyOrg(await getDb(), auditActor(actor), parsed.data, now());
  if (!r.ok) return badRequest(r.errors);
  throw redirect("/city/party-orgs", { status: 303 });
}

export default function PartyOrgs() {
  const { orgs, manage, nodes } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors as Record<string, string> | undefined;
  const { t } = useTranslation();
  return (
    <>
      <h1>{t("party.title")}</h1>
      <p className="muted">{t("party.intro")}</p>
      <div className="table-wrap" role="region" aria-label={t("party.title")} tabIndex={0}>
        <table className="data">
          <thead>
            <tr>
              <th scope="col">{t("party.name")}</th>
              <th scope="col">{t("party.kind")}</th>
              <th scope="col">{t("party.parent")}</th>
              <th scope="col">{t("party.covers")}</th>
              <th scope="col">{t("party.reviewers")}</th>
            </tr>
          </thead>
          <tbody>
            {orgs.map((o) => (
              <tr key={o.id}>
                <td>{o.name}</td>
                <td>{t(`party.kinds.${o.kind}`)}</td>
                <td>{o.parent ?? "—"}</td>
                <td>{o.nodes.join("、")}</td>
                <td>{o.reviewers.join("、") || "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {manage ? (
        <div className="card narrow" style={{ marginTop: "1rem" }}>
          <h2>{t("party.add")}</h2>
          <Form method="post" className="stack" noValidate>
            <Field label={t("party.name")} name="name" error={errors?.name} />
            <SelectField
              label={t("party.kind")}
              name="kind"
              error={errors?.kind}
              options={(["community", "street_working", "industry", "industry_branch"] as const).map((k) => ({ value: k, label: t(`party.kinds.${k}`) }))}
            />
            <SelectField label={t("party.parent")} name="parentId" error={errors?.parentId} options={[{ value: "", label: "—" }, ...orgs.map((o) => ({ value: o.id, label: o.name }))]} />
            <div className="field">
              <label htmlFor="party-nodes">{t("party.covers")}</label>
              <span className="hint" id="party-nodes-hint">
                {t("party.coversHint")}
              </span>
              <select id="party-nodes" name="nodeIds" multiple size={8} aria-describedby="party-nodes-hint" aria-invalid={errors?.nodeIds ? true : undefined}>
                {nodes.map((n) => (
                  <option key={n.id} value={n.id}>
                    {`${"　".repeat(n.depth)}${n.name}（${t(`area.kind.${n.kind}`)}）`}
                  </option>
                ))}
              </select>
              {errors?.nodeIds ? (
                <span className="error" role="alert">
                  {t(errors.nodeIds)}
                </span>
              ) : null}
            </div>
            <button type="submit" className="btn">
              {t("party.add")}
            </button>
          </Form>
        </div>
      ) : null}
    </>
  );
}
