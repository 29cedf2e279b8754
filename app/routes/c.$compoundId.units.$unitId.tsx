import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { titled } from "~/ui/meta";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { getDb } from "~db/client.server";
import { now } from "~/clock.server";
import { auditActor, notFound, requireNode } from "~/auth/guard.server";
import { can } from "~/auth/permissions";
import { maskPhone } from "~/auth/mask";
import { DateText } from "~/auth/schema";
import { EndOwnershipSchema, OwnerSchema, OwnershipSchema, ResidentSchema, UnitSchema } from "~/registry/schema";
import { addResident, endResident, listResidents } from "~/registry/areas.server";
import { deleteUnit, endOwnership, getUnit, listBuildings, listOwners, registerOwnership, updateUnit } from "~/registry/maintain.server";
import { areaText } from "~/registry/rules";
import { badRequest, parseForm, parseObject } from "~/ui/form.server";
import { Field, FormError, SelectField } from "~/ui/field";
import { UnitFields } from "~/registry/components/unit-fields";
import { formatArea, shanghaiDate } from "~/i18n/format";
import type { Locale } from "~/i18n/config";

export const meta = titled("registry.unitList");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, node } = await requireNode(request, params.compoundId, "registry:view", ["compound"]);
  const db = await getDb();
  const u = await getUnit(db, node.id, params.unitId ?? "");
  if (!u) throw notFound();
  const manage = can(actor.grants, "registry:manage", node.path);
  const today = shanghaiDate(now());
  return {
    node: { id: node.id, name: node.name },
    manage,
    today,
    unit: { id: u.unit.id, building: u.building, buildingId: u.unit.buildingId, number: u.unit.number, kind: u.unit.kind, area: u.unit.areaCenti, areaSource: u.unit.areaSource, certificateNo: u.unit.certificateNo },
    history: u.history.map((h) => ({
      id: h.ownership.id,
      owner: h.ownership.developerUnsold ? null : h.ownerName,
      ownerKind: h.ownerKind,
      phone: maskPhone(h.ownerPhone),
      developerUnsold: h.ownership.developerUnsold,
      nominatedVoter: h.ownership.nominatedVoter,
      validFrom: h.ownership.validFrom,
      validTo: h.ownership.validTo,
      current: h.ownership.validFrom <= today && (!h.ownership.validTo || h.ownership.validTo > today),
    })),
    residents: (await listResidents(db, node.id, u.unit.id)).map((r) => ({ id: r.id, name: r.name, phone: maskPhone(r.phone), relation: r.relation, validFrom: r.validFrom, validTo: r.validTo })),
    buildings: manage ? (await listBuildings(db, node.id)).map((b) => ({ id: b.id, name: b.name })) : [],
    owners: manage ? await listOwners(db, node.id) : [],
  };
}

const Intent = z.object({ intent: z.enum(["update", "delete", "addOwner", "endOwnership", "addResident", "endResident"]) });
const EndResidentSchema = z.object({ residentId: z.string().min(1).max(64), validTo: DateText });

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, node } = await requireNode(request, params.compoundId, "registry:manage", ["compound"]);
  const db = await getDb();
  const unitId = params.unitId ?? "";
  const parsed = await parseForm(request, Intent);
  if (!parsed.ok) return badRequest(parsed.errors);
  const fields = parsed.values;
  // What goes back to the form on an error: never the ID number.
  const { idNumber: _id, ...echo } = fields;
  const who = auditActor(actor);
  const t = now();
  const back = () => redirect(`/c/${node.id}/units/${unitId}`, { status: 303 });
  switch (parsed.data.intent) {
    case "update": {
      const p = parseObject(UnitSchema, fields);
      if (!p.ok) return badRequest(p.errors, echo);
      const r = await updateUnit(db, who, node.id, unitId, p.data, t);
      if (!r) throw notFound();
      if (!r.ok) return badRequest(r.errors, echo);
      throw back();
    }
    case "delete": {
      const r = await deleteUnit(db, who, node.id, unitId, t);
      if (!r) throw notFound();
      if (!r.ok) return badRequest(r.errors);
      throw redirect(`/c/${node.id}/units`, { status: 303 });
    }
    case "addOwner": {
      const p = parseObject(OwnershipSchema, fields);
      if (!p.ok) return badRequest(p.errors, echo);
      const o = p.data.ownerMode === "new" ? parseObject(OwnerSchema, fields) : null;
      if (o && !o.ok) return badRequest(o.errors, echo);
      const developer = p.data.ownerMode === "developer";
      // The new owner and the ownership commit together, or neither does.
      const r = await registerOwnership(db, who, node.id, unitId, {
        newOwner: o?.ok ? o.data : null,
        ownerId: developer ? null : (p.data.ownerId ?? null),
        developerUnsold: developer,
        validFrom: p.data.validFrom,
        nominatedVoter: !!p.data.nominatedVoter,
      }, t);
      if (!r) throw notFound();
      if (!r.ok) return badRequest(r.errors, echo);
      throw back();
    }
    case "addResident": {
      const p = parseObject(ResidentSchema, fields);
      if (!p.ok) return badRequest(p.errors, echo);
      if (!(await addResident(db, who, node.id, unitId, p.data, t))) throw notFound();
      throw back();
    }
    case "endResident": {
      const p = parseObject(EndResidentSchema, fields);
      if (!p.ok) return badRequest(p.errors, echo);
      const r = await endResident(db, who, node.id, unitId, p.data.residentId, p.data.validTo, t);
      if (!r) throw notFound();
      if (!r.ok) return badRequest(r.errors, echo);
      throw back();
    }
    case "endOwnership": {
      const p = parseObject(EndOwnershipSchema, fields);
      if (!p.ok) return badRequest(p.errors, echo);
      const r = await endOwnership(db, who, node.id, unitId, p.data.ownershipId, p.data.validTo, t);
      if (!r) throw notFound();
      if (!r.ok) return badRequest(r.errors, echo);
      throw back();
    }
  }
}

export default function UnitPage() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const errors = actionData?.errors as Record<string, string> | undefined;
  const values = (actionData?.values ?? {}) as Record<string, string>;
  return (
    <>
      <p>
        <Link to={`/c/${d.node.id}/units`}>← {t("registry.unitList")}</Link>
      </p>
      <h1>
        {d.unit.building} {d.unit.number}
      </h1>
      <FormError message={errors?._form} />
      <div className="card">
        <p>
          {t(`registry.kinds.${d.unit.kind}`)} · {formatArea(d.unit.area, locale)} · {t(`registry.sources.${d.unit.areaSource}`)}
          {d.unit.certificateNo ? ` · ${d.unit.certificateNo}` : ""}
        </p>
      </div>
      <div className="card">
        <h2>{t("registry.ownershipHistory")}</h2>
        {d.history.length ? (
          <ul className="plain">
            {d.history.map((h) => (
              <li key={h.id}>
                <strong>{h.developerUnsold ? t("registry.developerUnsold") : h.owner}</strong>
                {h.phone ? <span className="muted"> · {h.phone}</span> : null}
                {h.nominatedVoter ? <span className="tag"> {t("registry.nominatedVoter")}</span> : null}
                <div className="muted">
                  {h.validFrom} — {h.validTo ?? t("registry.now")} {h.current ? <span className="tag">{t("registry.current")}</span> : null}
                </div>
                {d.manage && h.current ? (
                  <Form method="post" className="actions" aria-label={t("registry.endOwnership")}>
                    <input type="hidden" name="intent" value="endOwnership" />
                    <input type="hidden" name="ownershipId" value={h.id} />
                    <label htmlFor={`end-${h.id}`}>{t("registry.endOn")}</label>
                    <input id={`end-${h.id}`} name="validTo" type="date" defaultValue={d.today} style={{ width: "auto" }} />
                    <button type="submit" className="btn small secondary">
                      {t("registry.endOwnership")}
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t("registry.noOwners")}</p>
        )}
        {errors?.validTo ? <p className="error" role="alert">{t(errors.validTo)}</p> : null}
      </div>
      <div className="card">
        <h2>{t("registry.residents")}</h2>
        {d.residents.length ? (
          <ul className="plain">
            {d.residents.map((r) => (
              <li key={r.id}>
                {r.name} · {t(`registry.relations.${r.relation}`)} {r.phone ? `· ${r.phone}` : ""}
                <div className="muted">
                  {r.validFrom} — {r.validTo ?? t("registry.now")}
                </div>
                {d.manage && !r.validTo ? (
                  <Form method="post" className="actions" aria-label={t("registry.endResident", { name: r.name })}>
                    <input type="hidden" name="intent" value="endResident" />
                    <input type="hidden" name="residentId" value={r.id} />
                    <label htmlFor={`res-end-${r.id}`}>{t("registry.movedOutOn")}</label>
                    <input id={`res-end-${r.id}`} name="validTo" type="date" defaultValue={d.today} style={{ width: "auto" }} />
                    <button type="submit" className="btn small secondary">
                      {t("registry.endResident", { name: r.name })}
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">—</p>
        )}
        {d.manage ? (
          <Form method="post" className="stack" noValidate aria-label={t("registry.addResident")}>
            <input type="hidden" name="intent" value="addResident" />
            <Field label={t("account.name")} name="name" id="res-name" error={values.intent === "addResident" ? errors?.name : undefined} />
            <Field label={t("login.phone")} name="phone" id="res-phone" inputMode="tel" error={values.intent === "addResident" ? errors?.phone : undefined} />
            <SelectField
              label={t("registry.relation")}
              name="relation"
              id="res-relation"
              options={(["tenant", "family", "other"] as const).map((r) => ({ value: r, label: t(`registry.relations.${r}`) }))}
            />
            <Field label={t("registry.livesFrom")} name="validFrom" id="res-from" type="date" defaultValue={d.today} error={values.intent === "addResident" ? errors?.validFrom : undefined} />
            <div>
              <button type="submit" className="btn secondary">
                {t("registry.addResident")}
              </button>
            </div>
          </Form>
        ) : null}
      </div>
      {d.manage ? (
        <>
          <div className="card narrow">
            <h2>{t("registry.addOwner")}</h2>
            <Form method="post" className="stack" noValidate>
              <input type="hidden" name="intent" value="addOwner" />
              <SelectField
                label={t("registry.ownerMode")}
                name="ownerMode"
                defaultValue={values.ownerMode ?? "new"}
                error={errors?.ownerMode}
                options={[
                  { value: "new", label: t("registry.ownerModes.new") },
                  { value: "existing", label: t("registry.ownerModes.existing") },
                  { value: "developer", label: t("registry.ownerModes.developer") },
                ]}
              />
              <SelectField
                label={t("registry.existingOwner")}
                name="ownerId"
                defaultValue={values.ownerId ?? ""}
                error={errors?.ownerId}
                options={[{ value: "", label: "—" }, ...d.owners.map((o) => ({ value: o.id, label: o.name }))]}
              />
              <fieldset className="stack">
                <legend>{t("registry.newOwner")}</legend>
                <SelectField
                  label={t("registry.ownerKind")}
                  name="kind"
                  defaultValue={values.kind ?? "person"}
                  error={errors?.kind}
                  options={[
                    { value: "person", label: t("registry.ownerKinds.person") },
                    { value: "organisation", label: t("registry.ownerKinds.organisation") },
                  ]}
                />
                <Field label={t("registry.ownerName")} name="name" defaultValue={values.name ?? ""} error={errors?.name} />
                <Field label={t("login.phone")} name="phone" inputMode="tel" defaultValue={values.phone ?? ""} error={errors?.phone} />
                <Field label={t("registry.idNumber")} name="idNumber" hint={t("registry.idNumberHint")} autoComplete="off" error={errors?.idNumber} />
              </fieldset>
              <Field label={t("registry.ownedFrom")} name="validFrom" type="date" defaultValue={values.validFrom ?? d.today} error={errors?.validFrom} />
              <div className="field">
                <label>
                  <input type="checkbox" name="nominatedVoter" style={{ width: "auto", minHeight: 0 }} /> {t("registry.nominatedVoterLabel")}
                </label>
              </div>
              <button type="submit" className="btn">
                {t("registry.addOwner")}
              </button>
            </Form>
          </div>
          <div className="card narrow">
            <h2>{t("registry.editUnit")}</h2>
            <Form method="post" className="stack" noValidate>
              <input type="hidden" name="intent" value="update" />
              <UnitFields
                buildings={d.buildings}
                errors={errors}
                defaults={{ buildingId: d.unit.buildingId, number: d.unit.number, kind: d.unit.kind, area: areaText(d.unit.area), areaSource: d.unit.areaSource, certificateNo: d.unit.certificateNo, ...values }}
              />
              <button type="submit" className="btn">
                {t("registry.save")}
              </button>
            </Form>
            <Form method="post" style={{ marginTop: "1rem" }}>
              <input type="hidden" name="intent" value="delete" />
              <button type="submit" className="btn secondary">
                {t("registry.deleteUnit")}
              </button>
            </Form>
          </div>
        </>
      ) : null}
    </>
  );
}
