import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~db/client.server";
import { now } from "~/clock.server";
import { auditActor, requireAnywhere } from "~/auth/guard.server";
import { UserListSchema } from "~/auth/schema";
import { listUsers } from "~/auth/users.server";
import { writeAudit } from "~/audit/audit.server";
import { exportResponse } from "~/ui/export.server";

// Export of the user list: phones stay masked in exports too.
export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireAnywhere(request, "user:manage");
  const p = UserListSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const db = await getDb();
  const { rows } = await listUsers(db, actor, p, now(), { all: true });
  await writeAudit(db, now(), { actor: auditActor(actor), action: "user.export", ip: actor.ip, detail: { rows: rows.length } });
  return exportResponse(p.format ?? "csv", "users", [
    { header: "id", value: (r) => r.id },
    { header: "name", value: (r) => r.name },
    { header: "phone", value: (r) => r.phone },
    { header: "account_no", value: (r) => r.accountNo },
    { header: "roles", value: (r) => r.roles.join(" ") },
    { header: "disabled", value: (r) => (r.disabled ? "yes" : "no") },
    { header: "created_at", value: (r) => r.createdAt },
  ], rows);
}
