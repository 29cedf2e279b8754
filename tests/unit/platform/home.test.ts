import { describe, expect, it } from "vitest";
import type { ActiveGrant } from "~/auth/permissions";
import { homeTargets, type HomeTarget } from "~/platform/home";
import type { Role } from "~db/schema/auth";

function g(role: Role, nodeId: string | null, nodeKind: string | null, nodeName: string | null = null): ActiveGrant {
  return {
    id: `grt_${role}_${nodeId}`,
    role,
    scopeKind: nodeId ? "node" : "company",
    nodeId,
    nodePath: nodeId ? `/${nodeId}/` : null,
    nodeKind,
    nodeName,
    validTo: null,
  };
}

describe("homeTargets @platform", () => {
  it.each<[string, ActiveGrant[], HomeTarget[]]>([
    ["no grants", [], []],
    [
      "city grant → /city",
      [g("city_admin", "city_a", "city", "示范市")],
      [{ href: "/city", nodeKind: "city", nodeName: "示范市", roles: ["city_admin"] }],
    ],
    [
      "district grant → /area/<id>",
      [g("street_officer", "dist_1", "district", "东区")],
      [{ href: "/area/dist_1", nodeKind: "district", nodeName: "东区", roles: ["street_officer"] }],
    ],
    [
      "street grant → /area/<id>",
      [g("street_officer", "st_1", "street", "一街")],
      [{ href: "/area/st_1", nodeKind: "street", nodeName: "一街", roles: ["street_officer"] }],
    ],
    [
      "community grant → /area/<id>",
      [g("community_worker", "cm_1", "community", "花园社区")],
      [{ href: "/area/cm_1", nodeKind: "community", nodeName: "花园社区", roles: ["community_worker"] }],
    ],
    [
      "compound grant → /c/<id>",
      [g("owner", "cp_1", "compound", "幸福小区")],
      [{ href: "/c/cp_1", nodeKind: "compound", nodeName: "幸福小区", roles: ["owner"] }],
    ],
    [
      "two roles at one node merge into one target with both roles",
      [g("owner", "cp_1", "compound", "幸福小区"), g("committee_member", "cp_1", "compound", "幸福小区")],
      [{ href: "/c/cp_1", nodeKind: "compound", nodeName: "幸福小区", roles: ["owner", "committee_member"] }],
    ],
    [
      "the same role twice at one node is listed once",
      [g("owner", "cp_1", "compound", "幸福小区"), g("owner", "cp_1", "compound", "幸福小区")],
      [{ href: "/c/cp_1", nodeKind: "compound", nodeName: "幸福小区", roles: ["owner"] }],
    ],
    [
      "grants without a node are skipped",
      [g("property_staff", null, null), g("owner", "cp_1", "compound", "幸福小区")],
      [{ href: "/c/cp_1", nodeKind: "compound", nodeName: "幸福小区", roles: ["owner"] }],
    ],
    ["a grant with a node id but no kind is skipped", [g("owner", "cp_1", null, "幸福小区")], []],
    [
      "missing node name falls back to the id",
      [g("owner", "cp_9", "compound", null)],
      [{ href: "/c/cp_9", nodeKind: "compound", nodeName: "cp_9", roles: ["owner"] }],
    ],
    [
      "several scopes keep the order of the grants",
      [g("owner", "cp_2", "compound", "B"), g("street_officer", "st_1", "street", "S"), g("owner", "cp_1", "compound", "A"), g("resident", "cp_2", "compound", "B")],
      [
        { href: "/c/cp_2", nodeKind: "compound", nodeName: "B", roles: ["owner", "resident"] },
        { href: "/area/st_1", nodeKind: "street", nodeName: "S", roles: ["street_officer"] },
        { href: "/c/cp_1", nodeKind: "compound", nodeName: "A", roles: ["owner"] },
      ],
    ],
  ])("%s", (_label, grants, expected) => {
    expect(homeTargets(grants)).toEqual(expected);
  });
});
