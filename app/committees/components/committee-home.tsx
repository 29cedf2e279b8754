import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "~/i18n/format";
import type { Locale } from "~/i18n/config";
import { FormError } from "~/ui/field";
import type { CommitteeHome } from "../pages.server";
import { HOME_INTENTS } from "../schema";
import { errorsFor, HomeAlternates, HomeMembersTable, HomeMembership, type HomeErrors } from "./home-members";
import { HomeTasks } from "./home-tasks";
import { MembersPaymentsSection } from "~/fees/components/arrears-members";

export type { HomeErrors };

/** The page's data as the route's loader returns it. */
export type HomeView = CommitteeHome & { node: { id: string; name: string }; can: { act: boolean; members: boolean } };

/** What the last success (`?done=…`) says; `seated` are the member ids an alternate filled. */
export type HomeDone = { done: string | null; seated: string[] };

const DONE = ["list", "ended", "filled", "meeting"] as const;

function DoneAlert({ d, done }: { d: HomeView; done: HomeDone }) {
  const { t } = useTranslation();
  const which = DONE.find((x) => x === done.done);
  if (!which) return null;
  if (which !== "filled") {
    return (
      <p className="alert ok" role="status" data-testid="done">
        {t(`committees.home.done.${which}`)}
      </p>
    );
  }
  const names = [...d.members, ...d.incoming].filter((m) => done.seated.includes(m.id)).map((m) => m.name);
  return (
    <p className="alert ok" role="status" data-testid="done">
      {names.length ? t("committees.home.done.filled", { names: names.join("、") }) : t("committees.home.done.filledNone")}{" "}
      {d.byElectionDue ? t("committees.home.done.byElectionDue") : t("committees.home.done.byElectionNotDue")}
    </p>
  );
}

/** The committee's status, term, members, alternates, duties with deadlines and what the viewer may do there. */
export function CommitteeHomeView({ d, errors, done }: { d: HomeView; errors: HomeErrors; done: HomeDone }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const c = d.committee;
  const base = `/c/${d.node.id}`;
  const listErr = errorsFor(errors, "publishList");
  const stray = errors && !HOME_INTENTS.includes(errors.intent as (typeof HOME_INTENTS)[number]) ? errors.errors?._form : undefined;
  return (
    <>
      <p>
        <Link to={base}>← {d.node.name}</Link>
      </p>
      <h1>
        {t("committees.home.title")} · {d.node.name}
      </h1>
      <DoneAlert d={d} done={done} />
      <FormError message={stray} />

      <section className="card" aria-labelledby="cm-status">
        <h2 id="cm-status">{t("committees.home.statusLabel")}</h2>
        <p>
          <span className="tag" data-testid="committee-status" data-status={d.status}>
            {t(`committees.home.status.${d.status}`)}
          </span>
        </p>
        {!c ? (
          <p>
            {t("committees.home.noCommittee")} <Link to={`${base}/elections`}>{t("committees.home.electionsLink")}</Link>
          </p>
        ) : null}
        {d.byElectionDue ? (
          <div className="alert error" role="alert" data-testid="by-election-due">
            <p style={{ margin: 0 }}>
              <strong>{t("committees.home.byElectionDue")}</strong>
            </p>
            <p style={{ margin: ".5rem 0 0" }}>
              <Link to={`${base}/elections`}>{t("committees.home.byElectionLink")}</Link>
            </p>
          </div>
        ) : null}
      </section>

      {c ? (
        <>
          <section className="card" aria-labelledby="cm-term">
            <h2 id="cm-term">{t("committees.home.termHeading")}</h2>
            <dl className="grid" style={{ margin: 0 }}>
              <div>
                <dt className="muted">{t("committees.home.termStart")}</dt>
                <dd style={{ margin: 0 }} data-testid="term-start">
                  {c.termStart}
                </dd>
              </div>
              <div>
                <dt className="muted">{t("committees.home.termLastDay")}</dt>
                <dd style={{ margin: 0 }} data-testid="term-last-day">
                  {c.termLastDay}
                </dd>
              </div>
              <div>
                <dt className="muted">{t("committees.home.seats")}</dt>
                <dd style={{ margin: 0 }}>{t("committees.home.seatsValue", { seats: c.seats, min: c.minSeats })}</dd>
              </div>
              <div>
                <dt className="muted">{t("committees.home.electedAt")}</dt>
                <dd style={{ margin: 0 }}>{formatDateTime(c.electedAt, locale)}</dd>
              </div>
            </dl>
          </section>

          <HomeTasks tasks={d.tasks} reElectionFrom={d.reElectionFrom} />

          <section aria-labelledby="cm-members">
            <h2 id="cm-members">{t("committees.home.membersHeading")}</h2>
            <HomeMembersTable members={d.members} />
          </section>
          <HomeAlternates alternates={d.alternates} />
          <MembersPaymentsSection p={d.memberPayments} />
        </>
      ) : null}

      <section className="card" aria-labelledby="cm-links">
        <h2 id="cm-links">{t("committees.home.linksHeading")}</h2>
        <p className="actions">
          {c && !c.firstMeetingAt && d.can.act ? (
            <Link className="btn" to={`${base}/committee/meeting`}>
              {t("committees.home.firstMeetingLink")}
            </Link>
          ) : null}
          {c ? (
            <Link className="btn secondary" to={`${base}/committee/filings`}>
              {t("committees.home.filingsLink")}
            </Link>
          ) : null}
          <Link className="btn secondary" to={`${base}/decisions`}>
            {t("committees.home.decisionsLink")}
          </Link>
          {!c ? (
            <Link className="btn secondary" to={`${base}/elections`}>
              {t("committees.home.electionsLink")}
            </Link>
          ) : null}
        </p>
        {c && d.can.act ? (
          <Form method="post" style={{ marginTop: "1rem" }}>
            <input type="hidden" name="intent" value="publishList" />
            <p className="muted" id="cm-publish-hint">
              {t("committees.home.publishListHint")}
            </p>
            <FormError message={listErr?._form} />
            <button type="submit" className="btn" id="cm-publish" aria-describedby="cm-publish-hint">
              {t("committees.home.publishList")}
            </button>
          </Form>
        ) : null}
      </section>

      {c && d.can.members ? <HomeMembership d={d} errors={errors} /> : null}
    </>
  );
}
