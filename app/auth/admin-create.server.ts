import { eq } from "drizzle-orm";
import type { Db } from "~db/client.server";
import { roleGrants, users } from "~db/schema";
import { writeAudit } from "~/audit/audit.server";
import { newId } from "~/ids";
import { cityRoot, createAreaNode } from "~/platform/area.server";
import { maskRecord } from "./mask";
import { hashPassword } from "./password.server";
import { checkPassword } from "./rules";

/**
 * The first city administrator of a deployment (`npm run admin:create`). Creates the city root node if the
 * tree is empty; refuses an existing phone or a weak password. Audited like every write.
 */
export async function createCityAdmin(
  db: Db,
  input: { phone: string; name: string; password: string; cityName?: string },
  now: Date,
): Promise<{ ok: true; userId: string; cityId: string } | { ok: false; reason: string }> {
  const problem = checkPassword(input.password);
  if (problem) return { ok: false, reason: `password: ${problem}` };
  if ((await db.select({ id: users.id }).from(users).where(eq(users.phone, input.phone))).length) {
    return { ok: false, reason: "a user with this phone already exists" };
  }
  const hash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    let city = await cityRoot(tx);
    if (!city) city = await createAreaNode(tx, { id: newId("city"), kind: "city", parentId: null, name: input.cityName ?? "City" }, now);
    const userId = newId("usr");
    const user = { id: userId, phone: input.phone, name: input.name, passwordHash: hash, createdAt: now };
    await tx.insert(users).values(user);
    await tx.insert(roleGrants).values({
      id: newId("grt"),
      userId,
      role: "city_admin",
      scopeKind: "node",
      nodeId: city.id,
      validFrom: now,
      createdAt: now,
    });
    await writeAudit(tx, now, {
      actor: null,
      action: "admin.create",
      target: { kind: "user", id: userId },
      scopePath: city.path,
      after: maskRecord({ ...user, role: "city_admin" }),
      detail: { via: "cli" },
    });
    return { ok: true as const, userId, cityId: city.id };
  });
}
