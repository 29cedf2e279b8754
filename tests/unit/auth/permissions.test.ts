import { describe, expect, it } from "vitest";
import { can, PERMISSIONS, roleHas, scopesWith, type ActiveGrant, type Permission } from "~/auth/permissions";
import { ROLES, type Role } from "~db/schema/auth";

function grant(role: Role, nodePath: string | null, extra: Partial<ActiveGrant> = {}): ActiveGrant {
  return {
    id: `grt_${role}_${nodePath ?? "none"}`,
    role,
    scopeKind: nodePath === null ? "company" : "node",
    nodeId: nodePath === null ? null : nodePath.split("/").filter(Boolean).at(-1)!,
    nodePath,
    nodeKind: null,
    nodeName: null,
    validTo: null,
    ...extra,
  };
}

/** The permission table, written out independently of the app's PERMISSIONS constant. */
const EXPECTED: Record<Permission, Role[]> = {
  "area:view": ["city_admin", "street_officer", "community_worker", "party_reviewer"],
  "compound:view": [...ROLES],
  "audit:read": ["city_admin", "street_officer"],
  "user:manage": ["city_admin", "street_officer", "community_worker"],
  "grant:manage": ["city_admin", "street_officer", "community_worker"],
  "person:reveal": ["city_admin", "street_officer", "community_worker"],
  "party:manage": ["city_admin"],
  "calendar:manage": ["city_admin"],
  "registry:manage": ["city_admin", "street_officer", "community_worker"],
  "registry:view": ["city_admin", "street_officer", "community_worker", "committee_member", "prep_group_member"],
  "notice:post": ["city_admin", "street_officer", "community_worker", "committee_member", "prep_group_member", "property_staff"],
  "claim:verify": ["city_admin", "street_officer", "community_worker", "committee_member"],
  "decision:view": [...ROLES],
  "decision:organise": ["street_officer", "committee_member", "prep_group_member"],
  "decision:vote": [...ROLES],
  "decision:record": ["street_officer", "committee_member", "prep_group_member", "owner"],
  "decision:labels": ["street_officer", "committee_member", "prep_group_member"],
  "election:view": [...ROLES],
  "election:supervise": ["city_admin", "street_officer"],
  "election:organise": ["street_officer", "community_worker", "prep_group_member"],
  "election:review": ["party_reviewer"],
  "election:configure": ["city_admin", "street_officer"],
  "company:view": ["city_admin", "street_officer", "community_worker"],
  "company:manage": ["city_admin", "street_officer"],
  "service:view": [...ROLES],
  "model:manage": ["street_officer", "committee_member"],
  "model:assign_interim": ["street_officer"],
  "handover:confirm": ["street_officer", "community_worker", "committee_member", "property_staff"],
  "contract:view": ["city_admin", "street_officer", "community_worker", "committee_member", "property_staff"],
  "committee:view": ["city_admin", "street_officer", "community_worker", "committee_member"],
  "committee:act": ["committee_member"],
  "committee:members": ["street_officer", "committee_member"],
  "committee:supervise": ["city_admin", "street_officer"],
  "fees:view": ["city_admin", "street_officer", "community_worker", "committee_member", "property_staff"],
  "fees:collect": ["community_worker", "committee_member", "property_staff"],
  "fees:pay": ["owner", "resident"],
  "fees:supervise": ["city_admin", "street_officer"],
  "clock:advance": ["city_admin"],
};
const PERMS = Object.keys(EXPECTED) as Permission[];

describe("PERMISSIONS table @platform", () => {
  it("lists exactly the expected permissions", () => {
    expect(Object.keys(PERMISSIONS).sort()).toEqual([...PERMS].sort());
  });

  it.each(PERMS)("%s names only known roles", (perm) => {
    for (const r of PERMISSIONS[perm]) expect(ROLES).toContain(r);
  });
});

describe("roleHas @platform", () => {
  const cases = PERMS.flatMap((perm) => ROLES.map((role) => [perm, role, EXPECTED[perm].includes(role)] as const));
  it.each(cases)("%s for %s → %s", (perm, role, expected) => {
    expect(roleHas(role, perm)).toBe(expected);
  });
});

describe("can @platform", () => {
  const D1 = "/city_a/dist_1/";
  it.each<[string, ActiveGrant[], Permission, string, boolean]>([
    ["grant at the node itself", [grant("street_officer", D1)], "area:view", D1, true],
    ["grant covers a child", [grant("street_officer", D1)], "area:view", "/city_a/dist_1/st_1/", true],
    ["grant covers a deep descendant", [grant("street_officer", D1)], "area:view", "/city_a/dist_1/st_1/cm_1/cp_9/", true],
    ["grant does not cover a sibling", [grant("street_officer", D1)], "area:view", "/city_a/dist_2/", false],
    ["grant does not cover a sibling sharing a name prefix", [grant("street_officer", D1)], "area:view", "/city_a/dist_10/", false],
    ["grant does not cover a child of a prefix-sharing sibling", [grant("street_officer", D1)], "area:view", "/city_a/dist_10/st_1/", false],
    ["grant does not cover the parent", [grant("street_officer", D1)], "area:view", "/city_a/", false],
    ["grant does not cover another city", [grant("city_admin", "/city_a/")], "area:view", "/city_b/dist_1/", false],
    ["city grant covers everything under the city", [grant("city_admin", "/city_a/")], "audit:read", "/city_a/dist_9/st_3/", true],
    ["role lacks the permission", [grant("owner", D1)], "area:view", D1, false],
    ["role lacks the permission (party_reviewer, audit:read)", [grant("party_reviewer", D1)], "audit:read", D1, false],
    ["clock:advance only for city_admin", [grant("street_officer", "/city_a/")], "clock:advance", "/city_a/", false],
    ["owner may view their compound", [grant("owner", "/city_a/d/s/c/cp_1/")], "compound:view", "/city_a/d/s/c/cp_1/", true],
    ["owner may not view a neighbouring compound", [grant("owner", "/city_a/d/s/c/cp_1/")], "compound:view", "/city_a/d/s/c/cp_2/", false],
    ["no grants", [], "compound:view", D1, false],
    ["grant without a node path (company scope)", [grant("city_admin", null)], "area:view", D1, false],
    ["grant without a node path and empty target", [grant("city_admin", null)], "area:view", "", false],
    [
      "one of several grants suffices",
      [grant("owner", "/city_a/dist_2/"), grant("community_worker", D1)],
      "user:manage",
      "/city_a/dist_1/st_1/",
      true,
    ],
    [
      "right place wrong role + right role wrong place → false",
      [grant("owner", D1), grant("street_officer", "/city_a/dist_2/")],
      "area:view",
      "/city_a/dist_1/st_1/",
      false,
    ],
  ])("%s", (_label, grants, perm, target, expected) => {
    expect(can(grants, perm, target)).toBe(expected);
  });
});

describe("scopesWith @platform", () => {
  const grants = [
    grant("street_officer", "/city_a/dist_1/"),
    grant("owner", "/city_a/dist_1/st_1/cm_1/cp_1/"),
    grant("community_worker", "/city_a/dist_2/st_1/cm_1/"),
    grant("city_admin", null),
  ];
  it.each<[Permission, string[]]>([
    ["audit:read", ["/city_a/dist_1/"]],
    ["user:manage", ["/city_a/dist_1/", "/city_a/dist_2/st_1/cm_1/"]],
    ["compound:view", ["/city_a/dist_1/", "/city_a/dist_1/st_1/cm_1/cp_1/", "/city_a/dist_2/st_1/cm_1/"]],
    ["clock:advance", []],
  ])("%s → %j", (perm, expected) => {
    expect(scopesWith(grants, perm)).toEqual(expected);
  });

  it("no grants → no scopes", () => {
    expect(scopesWith([], "compound:view")).toEqual([]);
  });
});
