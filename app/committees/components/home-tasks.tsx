import { useTranslation } from "react-i18next";
import { formatDateTime } from "~/i18n/format";
import type { Locale } from "~/i18n/config";
import type { CommitteeHome } from "../pages.server";

/** An overdue duty stands out (text and border in the error colour). */
const OVERDUE = { borderColor: "var(--err)", color: "var(--err)", background: "#fff" } as const;

/**
 * The duties with legal deadlines after the election: the first meeting (7 days), the member list (3 days),
 * the filing (30 days), each with its last day and whether it is done, done late, overdue or still to do; then
 * the day the re-election starts.
 */
export function HomeTasks({ tasks, reElectionFrom }: { tasks: CommitteeHome["tasks"]; reElectionFrom: string | null }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language as Locale;
  return (
    <section className="card" aria-labelledby="cm-tasks">
      <h2 id="cm-tasks">{t("committees.home.tasksHeading")}</h2>
      <ul className="plain">
        {tasks.map((task) => (
          <li key={task.key} data-task={task.key} data-state={task.state}>
            <strong>{t(`committees.home.tasks.${task.key}`)}</strong>
            <br />
            <span className="tag" style={task.state === "overdue" ? OVERDUE : undefined}>
              {t(`committees.home.states.${task.state}`)}
            </span>{" "}
            {t("committees.home.deadline", { day: task.lastDay })}
            {task.doneAt ? <> · {t("committees.home.doneAt", { at: formatDateTime(task.doneAt, locale) })}</> : null}
            {task.extended ? <span className="muted"> · {t("committees.home.extended")}</span> : null}
          </li>
        ))}
        {reElectionFrom ? (
          <li data-task="reElection">
            <strong>{t("committees.home.reElectionFrom", { day: reElectionFrom })}</strong>
          </li>
        ) : null}
      </ul>
    </section>
  );
}
