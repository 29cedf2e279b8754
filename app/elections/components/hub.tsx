import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { electionHub } from "~/elections/hub.server";
import { formatDate, formatDateTime, shanghaiIso } from "~/i18n/format";
import type { Locale } from "~/i18n/config";
import { Field, FormError, SelectField, TextAreaField } from "~/ui/field";

/** The hub's data as the page receives it (electionHub returns JSON-safe values only). */
export type HubView = Awaited<ReturnType<typeof electionHub>> & { node: { id: string; name: string } };
/** The last action's errors, with the intent and row they belong to, so each shows next to its own form. */
export type HubErrors = { intent?: string; id?: string; errors?: Record<string, string> } | null;

const CHECK = { width: "auto", minHeight: 0 } as const;
const DD = { margin: 0 } as const;

/** One owner's objection (never naming the owner): what it is about, when, its status and text, and the recorded reply. */
function ObjectionEntry({ about, createdAt, status, text, reply, repliedAt }: { about?: string; createdAt: string | Date; status: string; text: string; reply: string | null; repliedAt: string | Date | null }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  return (
    <>
      <p>
        <strong>{t("elections.hub.anOwner")}</strong>
        {about ? ` · ${about}` : null} · {formatDateTime(createdAt, locale)} · <span className="tag">{t(`elections.hub.objectionStatus.${status}`)}</span>
        <br />
        <span style={{ whiteSpace: "pre-wrap" }}>{text}</span>
      </p>
      {reply ? (
        <p style={{ whiteSpace: "pre-wrap" }}>
          {reply}
          {repliedAt ? <span className="muted"> · {formatDateTime(repliedAt, locale)}</span> : null}
        </p>
      ) : null}
    </>
  );
}

function errorsFor(e: HubErrors, intent: string, id?: string): Record<string, string> {
  if (!e || e.intent !== intent || (id !== undefined && e.id !== id)) return {};
  return e.errors ?? {};
}


/** A titled block inside a card: heading, hint, then its form. */
function Block({ id, title, hint, children }: { id: string; title: string; hint?: ReactNode; children: ReactNode }) {
  return (
    <div style={{ marginTop: "1.25rem" }}>
      <h3 id={id} style={{ margin: "0 0 .25rem" }}>
        {title}
      </h3>
      {hint ? (
        <p className="muted" id={`${id}-hint`} style={{ margin: "0 0 .5rem" }}>
          {hint}
        </p>
      ) : null}
      {children}
    </div>
  );
}

/** The last day of a window that closes at 24:00 (00:00 of the next day). */
export const lastDay = (closesAt: string) => new Date(new Date(closesAt).getTime() - 1);

// ————————————————————————————————————————————————————————— the preparatory group

export function GroupSection({ d, errors }: { d: HubView; errors: HubErrors }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const g = d.group;
  const active = g?.status === "active";
  const objectErr = errorsFor(errors, "objectGroup");
  const dissolveErr = errorsFor(errors, "dissolve");
  return (
    <section className="card" aria-labelledby="prep-group">
      <h2 id="prep-group">{t("elections.group.heading")}</h2>
      {!g || !active ? (
        <>
          {g ? <p>{t("elections.hub.groupDissolved", { at: formatDate(g.dissolvedAt ?? g.formedAt, locale) })}</p> : null}
          {d.can.formGroup ? (
            <p className="actions">
              <Link className="btn" to={`/c/${d.node.id}/elections/group`}>
                {t("elections.group.title")}
              </Link>
            </p>
          ) : (
            <p className="muted">{t("elections.hub.noGroup")}</p>
          )}
        </>
      ) : null}
      {g && active ? (
        <>
          <p>
            {t("elections.hub.formedAt", { at: formatDate(g.formedAt, locale) })}
            {g.noticeId ? (
              <>
                {" · "}
                <Link to={`/c/${d.node.id}/notices/${g.noticeId}`}>{t("elections.hub.viewGroupNotice")}</Link>
              </>
            ) : null}
          </p>
          <div className="table-wrap" role="region" aria-label={t("elections.group.members")} tabIndex={0}>
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">{t("elections.group.name")}</th>
                  <th scope="col">{t("elections.group.role")}</th>
                </tr>
              </thead>
              <tbody>
                {g.members.map((m, i) => (
                  <tr key={i}>
                    <td>
                      {m.name} {m.leader ? <span className="tag">{t("elections.group.leaderTag")}</span> : null}
                    </td>
                    <td>{t(`elections.roles.${m.role}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}

      {g ? (
        <>
          <h3>{t("elections.hub.groupObjections")}</h3>
          {d.groupObjections.length === 0 ? <p className="muted">{t("elections.hub.noObjections")}</p> : null}
          <ul className="plain">
            {d.groupObjections.map((o) => {
              const e = errorsFor(errors, "settle", o.id);
              return (
                <li key={o.id}>
                  <ObjectionEntry createdAt={o.createdAt} status={o.status} text={o.text} reply={o.settlement ? t("elections.hub.settlementLine", { text: o.settlement }) : null} repliedAt={o.settledAt} />
                  {d.can.supervise && o.status === "open" ? (
                    <Form method="post" className="stack" aria-label={t("elections.hub.settle")}>
                      <input type="hidden" name="intent" value="settle" />
                      <input type="hidden" name="objectionId" value={o.id} />
                      <FormError message={e._form} />
                      <SelectField
                        id={`outcome-${o.id}`}
                        label={t("elections.hub.outcome")}
                        name="outcome"
                        error={e.outcome}
                        options={(["dismissed", "upheld"] as const).map((k) => ({ value: k, label: t(`elections.hub.objectionStatus.${k}`) }))}
                      />
                      <TextAreaField rows={3} id={`settlement-${o.id}`} name="settlement" label={t("elections.hub.settlement")} error={e.settlement} />
                      <div>
                        <button type="submit" className="btn small">
                          {t("elections.hub.settle")}
                        </button>
                      </div>
                    </Form>
                  ) : null}
                </li>
              );
            })}
          </ul>
        </>
      ) : null}

      {d.can.objectGroup ? (
        <Block id="object-group" title={t("elections.hub.objectGroup")} hint={t("elections.hub.objectGroupHint")}>
          <Form method="post" className="stack" aria-labelledby="object-group">
            <input type="hidden" name="intent" value="objectGroup" />
            <FormError message={objectErr._form} />
            <TextAreaField rows={3} id="group-objection" name="text" label={t("elections.hub.objectionText")} error={objectErr.text} />
            <div>
              <button type="submit" className="btn secondary">
                {t("elections.hub.objectGroup")}
              </button>
            </div>
          </Form>
        </Block>
      ) : null}

      {d.can.supervise ? (
        <Block id="dissolve-group" title={t("elections.hub.dissolve")} hint={t("elections.hub.dissolveHint")}>
          <Form method="post" className="stack" aria-labelledby="dissolve-group">
            <input type="hidden" name="intent" value="dissolve" />
            <FormError message={dissolveErr._form} />
            <div className="field">
              <label>
                <input type="checkbox" name="confirm" value="yes" style={CHECK} aria-describedby={dissolveErr.confirm ? "dissolve-confirm-error" : undefined} /> {t("elections.hub.dissolveConfirm")}
              </label>
              {dissolveErr.confirm ? (
                <span className="error" id="dissolve-confirm-error" role="alert">
                  {t(dissolveErr.confirm)}
                </span>
              ) : null}
            </div>
            <div>
              <button type="submit" className="btn secondary">
                {t("elections.hub.dissolve")}
              </button>
            </div>
          </Form>
        </Block>
      ) : null}
    </section>
  );
}

// ————————————————————————————————————————————————————————— the election

export function ElectionSection({ d, errors }: { d: HubView; errors: HubErrors }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const e = d.election;
  if (!e) {
    if (d.group?.status !== "active") return null;
    return (
      <section className="card" aria-labelledby="election">
        <h2 id="election">{t("elections.hub.election")}</h2>
        <p className="muted">{t("elections.hub.noElection")}</p>
        {d.can.setUp ? (
          <p className="actions">
            <Link className="btn" to={`/c/${d.node.id}/elections/setup`}>
              {t("elections.setup.title")}
            </Link>
          </p>
        ) : null}
      </section>
    );
  }
  const dateErr = errorsFor(errors, "votingDate");
  const publishErr = errorsFor(errors, "publish");
  return (
    <section className="card" aria-labelledby="election">
      <h2 id="election">{t("elections.hub.election")}</h2>
      <dl style={{ display: "grid", gridTemplateColumns: "max-content 1fr", gap: ".25rem 1rem", margin: 0 }}>
        <dt>{t("elections.setup.seats")}</dt>
        <dd data-testid="election-seats" style={DD}>{e.seats}</dd>
        <dt>{t("elections.setup.minSeats")}</dt>
        <dd style={DD}>{e.minSeats}</dd>
        <dt>{t("elections.setup.alternates")}</dt>
        <dd style={DD}>{e.alternates}</dd>
        <dt>{t("elections.hub.nominationWindow")}</dt>
        <dd style={DD}>
          {t("elections.hub.windowDays", { from: formatDate(e.nominationOpensAt, locale), to: formatDate(lastDay(e.nominationClosesAt), locale) })}
          {e.nominationsOpen ? <span className="tag">{t("elections.hub.nominationsOpen")}</span> : null}
        </dd>
        <dt>{t("elections.setup.votingOpensAt")}</dt>
        <dd data-testid="election-voting" style={DD}>{e.votingOpensAt ? formatDateTime(e.votingOpensAt, locale) : t("elections.hub.notSet")}</dd>
        <dt>{t("elections.setup.reviewers")}</dt>
        <dd style={DD}>{e.requiredReviewers.map((k) => t(`elections.reviewerKinds.${k}`)).join("、")}</dd>
        {e.publishedAt ? (
          <>
            <dt>{t("elections.hub.publishedAt")}</dt>
            <dd style={DD}>
              {formatDateTime(e.publishedAt, locale)}
              {e.noticeId ? (
                <>
                  {" · "}
                  <Link to={`/c/${d.node.id}/notices/${e.noticeId}`}>{t("elections.hub.viewListNotice")}</Link>
                </>
              ) : null}
            </dd>
          </>
        ) : null}
      </dl>
      <h3>{t("elections.setup.method")}</h3>
      <p style={{ whiteSpace: "pre-wrap" }}>{e.method}</p>
      {d.can.organise && e.publishedAt ? (
        <p className="actions">
          <Link className="btn" to={`/c/${d.node.id}/elections/${e.id}/decision`}>
            {t("decisions.election.openTitle")}
          </Link>
        </p>
      ) : null}

      {d.can.organise ? (
        <Block id="voting-date" title={t("elections.hub.changeVotingDate")}>
          <Form method="post" className="stack" aria-labelledby="voting-date">
            <input type="hidden" name="intent" value="votingDate" />
            <FormError message={dateErr._form} />
            <Field
              id="votingOpensAt"
              label={t("elections.setup.votingOpensAt")}
              name="votingOpensAt"
              type="datetime-local"
              defaultValue={e.votingOpensAt ? shanghaiIso(new Date(e.votingOpensAt)).slice(0, 16) : undefined}
              hint={e.earliestVoting ? t(e.publishedAt ? "elections.hub.votingFromPublished" : "elections.hub.votingFromNow", { at: formatDateTime(e.earliestVoting, locale) }) : undefined}
              error={dateErr.votingOpensAt}
            />
            <div>
              <button type="submit" className="btn secondary">
                {t("elections.hub.changeVotingDate")}
              </button>
            </div>
          </Form>
        </Block>
      ) : null}

      {d.can.publish ? (
        <Block
          id="publish-list"
          title={t("elections.hub.publish")}
          hint={
            <>
              {t("elections.hub.publishHint")}
              {e.earliestVoting ? ` ${t("elections.hub.votingFromNow", { at: formatDateTime(e.earliestVoting, locale) })}` : null}
            </>
          }
        >
          <Form method="post" className="stack" aria-labelledby="publish-list">
            <input type="hidden" name="intent" value="publish" />
            <FormError message={publishErr._form ?? publishErr.votingOpensAt} />
            <div>
              <button type="submit" className="btn" aria-describedby="publish-list-hint">
                {t("elections.hub.publish")}
              </button>
            </div>
          </Form>
        </Block>
      ) : null}
    </section>
  );
}

// ————————————————————————————————————————————————————————— candidates

export function CandidatesSection({ d, errors }: { d: HubView; errors: HubErrors }) {
  const { t } = useTranslation();
  const e = d.election!;
  const published = e.status === "published";
  const base = `/c/${d.node.id}/elections/${e.id}/candidates`;
  const signCol = d.owner && d.candidates.some((c) => c.canSign || c.signed);
  return (
    <section className="card" aria-labelledby="candidates">
      <h2 id="candidates">{published && !d.seesPhases ? t("elections.hub.publishedList") : t("elections.hub.candidates")}</h2>
      {!d.seesPhases && !published ? <p className="muted">{t("elections.hub.nomineesHint")}</p> : null}
      <FormError message={errorsFor(errors, "endorse")._form} />
      {d.candidates.length === 0 ? (
        <p className="muted">{t("elections.hub.noCandidates")}</p>
      ) : (
        <div className="table-wrap" role="region" aria-label={t("elections.hub.candidates")} tabIndex={0}>
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{t("elections.hub.candidateName")}</th>
                <th scope="col">{t("elections.nominate.kind")}</th>
                <th scope="col" className="num">
                  {t("elections.hub.signatures")}
                </th>
                {d.seesPhases ? <th scope="col">{t("elections.hub.phase")}</th> : null}
                {signCol ? <th scope="col">{t("elections.hub.sign")}</th> : null}
              </tr>
            </thead>
            <tbody>
              {d.candidates.map((c) => {
                return (
                  <tr key={c.id}>
                    <td>
                      <Link to={`${base}/${c.id}`}>{c.name}</Link>
                    </td>
                    <td>{t(`elections.kinds.${c.nominatedBy}`)}</td>
                    <td className="num">{c.signatures ?? "—"}</td>
                    {d.seesPhases ? <td>{c.phase ? <span className="tag">{t(`elections.phases.${c.phase}`)}</span> : null}</td> : null}
                    {signCol ? (
                      <td>
                        {c.canSign ? (
                          <Form method="post">
                            <input type="hidden" name="intent" value="endorse" />
                            <input type="hidden" name="candidateId" value={c.id} />
                            <button type="submit" className="btn small" aria-label={t("elections.hub.signFor", { name: c.name })}>
                              {t("elections.hub.sign")}
                            </button>
                          </Form>
                        ) : c.signed ? (
                          <span className="muted">{t("elections.hub.signed")}</span>
                        ) : null}
                      </td>
                    ) : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

// ————————————————————————————————————————————————————————— objections to the published list

export function ListObjectionsSection({ d, errors }: { d: HubView; errors: HubErrors }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  const objectErr = errorsFor(errors, "objectList");
  return (
    <section className="card" aria-labelledby="list-objections">
      <h2 id="list-objections">{t("elections.hub.listObjections")}</h2>
      {d.listObjections.length === 0 ? <p className="muted">{t("elections.hub.noObjections")}</p> : null}
      <ul className="plain">
        {d.listObjections.map((o) => {
          const e = errorsFor(errors, "answer", o.id);
          return (
            <li key={o.id}>
              <ObjectionEntry
                about={o.candidateName ? t("elections.hub.about", { name: o.candidateName }) : t("elections.hub.aboutList")}
                createdAt={o.createdAt}
                status={o.status}
                text={o.text}
                reply={o.answer ? t("elections.hub.answerLine", { text: o.answer }) : null}
                repliedAt={o.answeredAt}
              />
              {d.can.answer && o.status === "open" ? (
                <Form method="post" className="stack" aria-label={t("elections.hub.sendAnswer")}>
                  <input type="hidden" name="intent" value="answer" />
                  <input type="hidden" name="objectionId" value={o.id} />
                  <FormError message={e._form} />
                  <TextAreaField rows={3} id={`answer-${o.id}`} name="answer" label={t("elections.hub.answer")} error={e.answer} />
                  <div>
                    <button type="submit" className="btn small">
                      {t("elections.hub.sendAnswer")}
                    </button>
                  </div>
                </Form>
              ) : null}
            </li>
          );
        })}
      </ul>
      {d.can.objectList ? (
        <Block id="object-list" title={t("elections.hub.objectList")}>
          <Form method="post" className="stack" aria-labelledby="object-list">
            <input type="hidden" name="intent" value="objectList" />
            <FormError message={objectErr._form} />
            <SelectField
              id="objection-candidate"
              label={t("elections.hub.objectionAbout")}
              name="candidateId"
              error={objectErr.candidateId}
              options={[{ value: "", label: t("elections.hub.aboutList") }, ...d.objectable.map((c) => ({ value: c.id, label: c.name }))]}
            />
            <TextAreaField rows={3} id="list-objection" name="text" label={t("elections.hub.objectionText")} error={objectErr.text} />
            <div>
              <button type="submit" className="btn secondary">
                {t("elections.hub.objectList")}
              </button>
            </div>
          </Form>
        </Block>
      ) : null}
    </section>
  );
}
