import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { titled } from "~/ui/meta";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { getDb } from "~db/client.server";
import { now } from "~/clock.server";
import { requireCity } from "~/auth/guard.server";
import { moveClock, requireDemoMode } from "~/platform/demo.server";
import { badRequest, parseForm } from "~/ui/form.server";
import { Field } from "~/ui/field";
import { formatDateTime } from "~/i18n/format";
import type { Locale } from "~/i18n/config";

export const meta = titled("demo.clockTitle");

const MoveClockSchema = z
  .object({
    days: z.coerce.number({ error: "errors.wholeNumber" }).int("errors.wholeNumber").min(0, "errors.wholeNumber").max(400, "errors.tooLarge"),
    hours: z.coerce.number({ error: "errors.wholeNumber" }).int("errors.wholeNumber").min(0, "errors.wholeNumber").max(23, "errors.tooLarge"),
  })
  .refine((v) => v.days + v.hours > 0, { path: ["days"], message: "errors.clockForwardOnly" });

// Demo mode only, city administrators only: move the server clock forward for multi-day flows.
export async function loader({ request }: LoaderFunctionArgs) {
  requireDemoMode();
  await requireCity(request, "clock:advance");
  return { now: now().toISOString() };
}

export async function action({ request }: ActionFunctionArgs) {
  requireDemoMode();
  const { actor } = await requireCity(request, "clock:advance");
  const parsed = await parseForm(request, MoveClockSchema);
  if (!parsed.ok) return badRequest(parsed.errors);
  await moveClock(await getDb(), actor, parsed.data);
  throw redirect("/dev/clock", { status: 303 });
}

export default function DemoClock() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  return (
    <div className="card narrow">
      <h1>{t("demo.clockTitle")}</h1>
      <p>{t("demo.clock", { time: formatDateTime(d.now, i18n.language as Locale) })}</p>
      <Form method="post" className="stack" noValidate>
        <Field label={t("demo.days")} name="days" type="number" min={0} max={400} defaultValue="1" error={actionData?.errors?.days} />
        <Field label={t("demo.hours")} name="hours" type="number" min={0} max={23} defaultValue="0" error={actionData?.errors?.hours} />
        <button type="submit" className="btn">
          {t("demo.advance")}
        </button>
      </Form>
    </div>
  );
}
