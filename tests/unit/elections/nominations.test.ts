import { describe, expect, it } from "vitest";
import { nominationKindsFor, type NominationKindCode } from "~/elections/rules";
import { NOMINATION_KINDS } from "~db/schema/elections";

describe("nominationKindsFor", () => {
  it.each<[string, { organiser: boolean; owner: boolean }, NominationKindCode[]]>([
    ["an organiser who owns nothing here", { organiser: true, owner: false }, ["community_party", "residents_committee", "owners_joint"]],
    ["an owner", { organiser: false, owner: true }, ["owners_joint", "self"]],
    ["an organiser who is also an owner", { organiser: true, owner: true }, ["community_party", "residents_committee", "owners_joint", "self"]],
    ["a resident who is neither", { organiser: false, owner: false }, []],
  ])("%s", (_name, viewer, kinds) => {
    expect(nominationKindsFor(viewer)).toEqual(kinds);
  });

  it("never offers a kind twice, and only kinds the table stores", () => {
    for (const organiser of [true, false])
      for (const owner of [true, false]) {
        const kinds = nominationKindsFor({ organiser, owner });
        expect(new Set(kinds).size).toBe(kinds.length);
        for (const k of kinds) expect(NOMINATION_KINDS).toContain(k);
      }
  });

  it("self-nomination is an owner's alone; organisations' recommendations are the organisers' alone", () => {
    expect(nominationKindsFor({ organiser: true, owner: false })).not.toContain("self");
    expect(nominationKindsFor({ organiser: false, owner: true })).not.toContain("community_party");
    expect(nominationKindsFor({ organiser: false, owner: true })).not.toContain("residents_committee");
  });
});
