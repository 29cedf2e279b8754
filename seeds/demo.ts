import { sql } from "drizzle-orm";
import type { Db } from "~db/client.server";
import { areaNodes, roleGrants, users } from "~db/schema";
import type { Role } from "~db/schema/auth";
import { createAreaNode } from "~/platform/area.server";
import { hashPassword } from "~/auth/password.server";
import { writeAudit } from "~/audit/audit.server";
import { DEMO_TREE, flattenTree } from "./demo-tree";
import { seedDemoDecisions, seedDemoPetition } from "./demo-decisions";
import { seedDemoElections } from "./demo-elections";
import { seedDemoGovernance } from "./demo-governance";
import { seedDemoCommittees } from "./demo-committees";
import { seedDemoFees } from "./demo-fees";
import accounts from "./demo-accounts.json";
import { seedDemoRegistry } from "./demo-registry";
import { seedHolidays } from "./holidays";

export type DemoAccount = {
  role: Role;
  phone: string;
  password: string;
  name: string;
  scope: { kind: string; id: string };
  compoundId?: string;
};

export const DEMO_ACCOUNTS = accounts as DemoAccount[];

/** Seeds the demo city once (deterministic ids; nothing happens if the tree already exists). */
export async function seedDemo(db: Db, now: Date): Promise<{ seeded: boolean }> {
  const existing = await db.select({ n: sql<number>`count(*)::int` }).from(areaNodes);
  if (Number(existing[0]?.n ?? 0) > 0) return { seeded: false };

  // Each distinct demo password is hashed once (argon2id is deliberately slow).
  const hashes = new Map<string, string>();
  for (const a of DEMO_ACCOUNTS) if (!hashes.has(a.password)) hashes.set(a.password, await hashPassword(a.password));

  await db.transaction(async (tx) => {
    for (const n of flattenTree(DEMO_TREE)) await createAreaNode(tx, n, now);
    let i = 0;
    for (const a of DEMO_ACCOUNTS) {
      i++;
      const id = `usr_demo${String(i).padStart(2, "0")}`;
      await tx.insert(users).values({ id, phone: a.phone, name: a.name, passwordHash: hashes.get(a.password)!, createdAt: now });
      const party = a.scope.kind === "party_org";
      // A property company's staff: the grant is scoped to the company (it counts where the company serves).
      const company = a.scope.kind === "company";
      await tx.insert(roleGrants).values({
        id: `grt_demo${String(i).padStart(2, "0")}`,
        userId: id,
        role: a.role,
        scopeKind: party ? "party_org" : company ? "company" : "node",
        nodeId: party || company ? null : a.scope.id,
        partyOrgId: party ? a.scope.id : null,
        companyId: company ? a.scope.id : null,
        validFrom: new Date(now.getTime() - 365 * 24 * 3600_000),
        createdAt: now,
      });
    }
    await seedDemoRegistry(tx, now);
    await seedHolidays(tx, now);
    await seedDemoDecisions(tx, now);
    await seedDemoPetition(tx, now);
    await seedDemoElections(tx, now);
    await seedDemoGovernance(tx, now);
    await seedDemoCommittees(tx, now);
    await seedDemoFees(tx, now);
    await writeAudit(tx, now, { actor: null, action: "demo.seed", detail: { accounts: DEMO_ACCOUNTS.length } });
  });
  return { seeded: true };
}
