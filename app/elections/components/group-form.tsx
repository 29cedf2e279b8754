import { Form, useSubmit } from "@remix-run/react";
import { zodResolver } from "@hookform/resolvers/zod";
import { get, useFieldArray, useForm, type FieldValues, type Resolver } from "react-hook-form";
import type { FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { GroupSchema, nestMembers } from "~/elections/hub-schema";
import { Field, FormError, SelectField } from "~/ui/field";

const ROLES = ["owner", "developer", "street_office", "residents_committee"] as const;
type Row = { name: string; role: string; ownerId: string; phone: string };

/** The usual shape to start from: the street-office leader, the residents' committee, three owners' reps. */
const START: Row[] = [
  { name: "", role: "street_office", ownerId: "", phone: "" },
  { name: "", role: "residents_committee", ownerId: "", phone: "" },
  { name: "", role: "owner", ownerId: "", phone: "" },
  { name: "", role: "owner", ownerId: "", phone: "" },
  { name: "", role: "owner", ownerId: "", phone: "" },
];

const CHECK = { width: "auto", minHeight: 0 } as const;

/**
 * The preparatory group's members, one row each (react-hook-form's useFieldArray): name, role, the owner for
 * an owners' rep, an optional account phone, and one leader across the rows. Works as a plain form before
 * hydration (five rows); the same zod schema checks it in the browser and in the action.
 */
export function GroupForm({ owners, values, errors }: { owners: { id: string; label: string }[]; values?: Record<string, string>; errors?: Record<string, string> }) {
  const { t } = useTranslation();
  const submit = useSubmit();
  const posted = values ? nestMembers(values) : null;
  const defaults = {
    members: posted && posted.members.length ? posted.members.map((m) => ({ name: m.name ?? "", role: m.role ?? "owner", ownerId: m.ownerId ?? "", phone: m.phone ?? "" })) : START,
    leader: posted ? (posted.leader ?? "") : "0",
  };
  const form = useForm<FieldValues>({
    resolver: zodResolver(GroupSchema as never) as unknown as Resolver<FieldValues>,
    mode: "onSubmit",
    reValidateMode: "onChange",
    defaultValues: defaults,
  });
  const { register, control, formState, getValues, setValue } = form;
  const { fields, append, remove } = useFieldArray({ control, name: "members" });
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    const el = e.currentTarget;
    void form.handleSubmit(() => submit(el))(e);
  };
  const errorOf = (name: string): string | undefined => {
    const e = get(formState.errors, name) as { message?: unknown } | undefined;
    if (typeof e?.message === "string") return e.message;
    return errors?.[name];
  };
  const removeRow = (i: number) => {
    // Keep the leader on the same person when an earlier row goes.
    const leader = Number(getValues("leader"));
    remove(i);
    if (Number.isInteger(leader)) setValue("leader", leader === i ? "" : leader > i ? String(leader - 1) : String(leader));
  };
  const ownerOptions = [{ value: "", label: t("elections.group.noOwner") }, ...owners.map((o) => ({ value: o.id, label: o.label }))];
  return (
    <Form method="post" className="stack" noValidate onSubmit={onSubmit}>
      <FormError message={errors?._form} />
      <FormError message={errorOf("members")} />
      {(fields as unknown as (Row & { id: string })[]).map((f, i) => (
        <fieldset key={f.id} className="card" style={{ margin: 0 }}>
          <legend>{t("elections.group.row", { n: i + 1 })}</legend>
          <div className="stack" style={{ display: "grid", gap: "0.75rem" }}>
            <Field id={`m${i}-name`} label={t("elections.group.name")} autoComplete="off" defaultValue={f.name} {...register(`members.${i}.name`)} error={errorOf(`members.${i}.name`)} />
            <SelectField
              id={`m${i}-role`}
              label={t("elections.group.role")}
              defaultValue={f.role}
              {...register(`members.${i}.role`)}
              error={errorOf(`members.${i}.role`)}
              options={ROLES.map((r) => ({ value: r, label: t(`elections.roles.${r}`) }))}
            />
            <SelectField
              id={`m${i}-owner`}
              label={t("elections.group.owner")}
              defaultValue={f.ownerId}
              {...register(`members.${i}.ownerId`)}
              error={errorOf(`members.${i}.ownerId`)}
              options={ownerOptions}
            />
            <Field
              id={`m${i}-phone`}
              label={t("elections.group.phone")}
              hint={t("elections.group.phoneHint")}
              type="tel"
              inputMode="tel"
              autoComplete="off"
              defaultValue={f.phone}
              {...register(`members.${i}.phone`)}
              error={errorOf(`members.${i}.phone`)}
            />
            <label>
              <input type="radio" value={String(i)} style={CHECK} defaultChecked={defaults.leader === String(i)} {...register("leader")} /> {t("elections.group.isLeader")}
            </label>
            <div>
              <button type="button" className="btn small secondary" onClick={() => removeRow(i)} aria-label={t("elections.group.removeRowN", { n: i + 1 })}>
                {t("elections.group.removeRow")}
              </button>
            </div>
          </div>
        </fieldset>
      ))}
      <div className="actions">
        <button type="button" className="btn secondary" onClick={() => append({ name: "", role: "owner", ownerId: "", phone: "" })}>
          {t("elections.group.addRow")}
        </button>
        <button type="submit" className="btn">
          {t("elections.group.submit")}
        </button>
      </div>
    </Form>
  );
}
