import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormError, SelectField } from "~/ui/field";
import { useValidatedForm } from "~/ui/use-validated-form";
import { END_REASONS, EndMembershipFields } from "../schema";
import type { CommitteeHome } from "../pages.server";

/** The last action's errors, with the intent and member they belong to, so each shows next to its own form. */
export type HomeErrors = { intent?: string; memberId?: string; errors?: Record<string, string>; values?: Record<string, string> } | null;

export function errorsFor(e: HomeErrors, intent: string, memberId?: string): Record<string, string> | undefined {
  if (!e || e.intent !== intent || (memberId !== undefined && e.memberId !== memberId)) return undefined;
  return e.errors;
}

type Member = CommitteeHome["members"][number];

/** The members in office: name, role, since, how they came in; a member whose last day is set is marked. */
export function HomeMembersTable({ members }: { members: Member[] }) {
  const { t } = useTranslation();
  if (!members.length) return <p className="muted">{t("committees.home.noMembers")}</p>;
  return (
    <div className="table-wrap" role="region" aria-label={t("committees.home.membersHeading")} tabIndex={0}>
      <table className="data">
        <thead>
          <tr>
            <th scope="col">{t("committees.home.colName")}</th>
            <th scope="col">{t("committees.home.colRole")}</th>
            <th scope="col">{t("committees.home.colSince")}</th>
            <th scope="col">{t("committees.home.colSource")}</th>
          </tr>
        </thead>
        <tbody>
          {members.map((m) => (
            <tr key={m.id} data-member={m.id}>
              <td>
                {m.name}
                {m.endedOn ? (
                  <>
                    {" "}
                    <span className="tag">{t("committees.home.leavesAfter", { day: m.endedOn })}</span>
                  </>
                ) : null}
              </td>
              <td>{t(`committees.roles.${m.role}`)}</td>
              <td>{m.fromDay}</td>
              <td>{t(`committees.home.sources.${m.source}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The alternates not yet seated, in ranking order. */
export function HomeAlternates({ alternates }: { alternates: CommitteeHome["alternates"] }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="cm-alternates">
      <h2 id="cm-alternates">{t("committees.home.alternatesHeading")}</h2>
      {alternates.length ? (
        <>
          <p className="muted">{t("committees.home.alternatesHint")}</p>
          <ol data-testid="alternates">
            {alternates.map((a) => (
              <li key={a.id} data-alternate={a.id}>
                {a.name}
              </li>
            ))}
          </ol>
        </>
      ) : (
        <p className="muted">{t("committees.home.noAlternates")}</p>
      )}
    </section>
  );
}

/** One member's end-of-membership form: reason, last day in office, and for a removal the closed decision. */
function EndMembershipForm({ m, today, decisions, errors }: { m: Member; today: string; decisions: CommitteeHome["closedDecisions"]; errors: HomeErrors }) {
  const { t } = useTranslation();
  const mine = errorsFor(errors, "endMembership", m.id);
  const { register, onSubmit, errorOf } = useValidatedForm(EndMembershipFields, mine);
  const v = mine ? (errors?.values ?? {}) : {};
  const id = `end-${m.id}`;
  const defaultDay = today < m.fromDay ? m.fromDay : today > m.lastDay ? m.lastDay : today;
  const decisionError = errorOf("decisionId");
  return (
    <details open={mine ? true : undefined}>
      <summary>{t("committees.home.endSummary", { name: m.name })}</summary>
      <Form method="post" className="stack" noValidate onSubmit={onSubmit} aria-label={t("committees.home.endSummary", { name: m.name })} style={{ marginTop: ".75rem" }}>
        <input type="hidden" name="intent" value="endMembership" />
        <input type="hidden" name="memberId" value={m.id} />
        <FormError message={mine?._form ?? mine?.memberId} />
        <SelectField
          id={`${id}-reason`}
          label={t("committees.home.reason")}
          defaultValue={v.reason ?? ""}
          options={[{ value: "", label: t("committees.home.choose") }, ...END_REASONS.map((r) => ({ value: r, label: t(`committees.home.reasons.${r}`) }))]}
          {...register("reason")}
          error={errorOf("reason")}
        />
        <Field
          id={`${id}-on`}
          type="date"
          label={t("committees.home.lastDayInOffice")}
          hint={t("committees.home.lastDayHint")}
          min={m.fromDay}
          max={m.lastDay}
          defaultValue={v.on ?? defaultDay}
          {...register("on")}
          error={errorOf("on")}
        />
        <SelectField
          id={`${id}-decision`}
          label={t("committees.home.decision")}
          defaultValue={v.decisionId ?? ""}
          options={[{ value: "", label: t("committees.home.noDecision") }, ...decisions.map((d) => ({ value: d.id, label: d.title }))]}
          {...register("decisionId")}
          aria-describedby={decisionError ? `${id}-decision-hint ${id}-decision-error` : `${id}-decision-hint`}
          error={decisionError}
        />
        <p className="muted" id={`${id}-decision-hint`} style={{ margin: 0 }}>
          {decisions.length ? t("committees.home.decisionHint") : t("committees.home.noClosedDecisions")}
        </p>
        <p className="actions">
          <button type="submit" className="btn secondary">
            {t("committees.home.endSubmit")}
          </button>
        </p>
      </Form>
    </details>
  );
}

/**
 * For committee:members holders: ending each member's membership, and seating alternates in the vacancies
 * (the button shows while a seat is vacant).
 */
export function HomeMembership({ d, errors }: { d: CommitteeHome; errors: HomeErrors }) {
  const { t } = useTranslation();
  const c = d.committee;
  if (!c) return null;
  const fillErr = errorsFor(errors, "fillVacancy");
  const vacant = d.openSeats > 0;
  return (
    <section className="card" aria-labelledby="cm-membership">
      <h2 id="cm-membership">{t("committees.home.endHeading")}</h2>
      {d.members.filter((m) => !m.endedOn).length ? (
        <ul className="plain">
          {d.members
            .filter((m) => !m.endedOn)
            .map((m) => (
              <li key={m.id} data-end-member={m.id}>
                <EndMembershipForm m={m} today={d.today} decisions={d.closedDecisions} errors={errors} />
              </li>
            ))}
        </ul>
      ) : (
        <p className="muted">{t("committees.home.noMembers")}</p>
      )}
      <h3 id="cm-fill">{t("committees.home.fillHeading")}</h3>
      <p className="muted">{t("committees.home.fillHint")}</p>
      <p data-testid="vacancies">{t("committees.home.vacancies", { n: d.members.length, seats: c.seats })}</p>
      {d.incoming.length ? (
        <ul data-testid="incoming">
          {d.incoming.map((m) => (
            <li key={m.id}>{t("committees.home.incoming", { name: m.name, day: m.fromDay })}</li>
          ))}
        </ul>
      ) : null}
      <FormError message={fillErr?._form} />
      {vacant ? (
        <Form method="post" aria-labelledby="cm-fill">
          <input type="hidden" name="intent" value="fillVacancy" />
          <button type="submit" className="btn">
            {t("committees.home.fillSubmit")}
          </button>
        </Form>
      ) : (
        <p className="muted">{t("committees.home.noVacancy")}</p>
      )}
    </section>
  );
}
