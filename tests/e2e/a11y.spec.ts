import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "./fixtures";

// axe once per page type (WCAG 2.1 A/AA rules).
const PAGES: { role?: string; url: string }[] = [
  { url: "/login" },
  { url: "/forgot" },
  { url: "/reset" },
  { url: "/dev/outbox" },
  { url: "/no/such/page" },
  { role: "city_admin", url: "/city" },
  { role: "street_officer", url: "/area/st_heping" },
  { role: "street_officer", url: "/area/st_heping/audit" },
  { role: "street_officer", url: "/admin/users" },
  { role: "street_officer", url: "/admin/users/new" },
  { role: "street_officer", url: "/admin/users/usr_demo08" },
  { role: "owner", url: "/c/cp_hepingli1" },
  { role: "owner", url: "/account" },
  { role: "owner", url: "/account/password" },
  { role: "city_admin", url: "/dev/clock" },
  { role: "party_reviewer", url: "/area/com_hepingli" },
  { role: "street_officer", url: "/area/st_heping/compounds" },
  { role: "committee_member", url: "/c/cp_hepingli1/units" },
  { role: "city_admin", url: "/city/calendar" },
  { role: "city_admin", url: "/city/party-orgs" },
  { role: "community_worker", url: "/c/cp_hepingli2/import" },
  { role: "community_worker", url: "/c/cp_hepingli2/owners" },
  { role: "community_worker", url: "/c/cp_hepingli2/buildings" },
  { role: "street_officer", url: "/area/com_hepingli/edit" },
  { role: "committee_member", url: "/c/cp_hepingli1/notices/new" },
  { url: "/signup" },
  { role: "owner", url: "/claims" },
  { role: "owner", url: "/c/cp_hepingli1/mine" },
  { role: "community_worker", url: "/c/cp_hepingli2/claims" },
  { role: "community_worker", url: "/c/cp_hepingli2/units/unt_cp_hepingli2_3" },
  { role: "owner", url: "/c/cp_hepingli1/decisions" },
  { role: "owner", url: "/c/cp_hepingli1/decisions/dec_demo_closed" },
  { role: "owner", url: "/c/cp_hepingli1/decisions/dec_demo_open/vote" },
  { role: "committee_member", url: "/c/cp_hepingli1/decisions/new" },
  { role: "committee_member", url: "/c/cp_hepingli1/decisions/dec_demo_open" },
  { role: "committee_member", url: "/c/cp_hepingli1/decisions/dec_demo_open/roll" },
  { role: "committee_member", url: "/c/cp_hepingli1/decisions/dec_demo_open/proxies" },
  { role: "committee_member", url: "/c/cp_hepingli1/decisions/dec_demo_open/turnout" },
  { role: "committee_member", url: "/c/cp_hepingli1/decisions/dec_demo_open/paper" },
  { role: "owner", url: "/c/cp_hepingli1/petitions" },
  { role: "prep_group_member", url: "/c/cp_hepingli2/elections" },
  { role: "party_reviewer", url: "/c/cp_hepingli2/elections/elc_demo_hpl2/candidates/cnd_demo_hpl2_3" },
  { role: "party_reviewer", url: "/vetting" },
  { role: "street_officer", url: "/area/st_heping/elections" },
  { role: "street_officer", url: "/c/cp_fangzhi/elections/group" },
  { role: "prep_group_member", url: "/c/cp_hepingli2/elections/roll" },
  { role: "street_officer", url: "/companies" },
  { role: "committee_member", url: "/c/cp_hepingli1/management" },
  { role: "owner", url: "/c/cp_hepingli1/service" },
  { role: "street_officer", url: "/area/st_heping/contracts" },
  { role: "committee_member", url: "/c/cp_hepingli1/committee" },
  { role: "committee_member", url: "/c/cp_hepingli1/committee/filings" },
  { role: "street_officer", url: "/area/st_heping/committees" },
  { role: "owner", url: "/c/cp_hepingli1/bills" },
  { role: "property_staff", url: "/c/cp_hepingli1/fees" },
  { role: "property_staff", url: "/c/cp_hepingli1/fees/arrears" },
  { role: "property_staff", url: "/c/cp_hepingli1/fees/runs" },
  { role: "property_staff", url: "/c/cp_hepingli1/fees/payments" },
  { role: "property_staff", url: "/c/cp_hepingli1/fees/schedules" },
  { role: "street_officer", url: "/area/st_heping/fees" },
];

// One test per role: its pages in one signed-in context (measured: 190 s of test time for 58 pages with a context
// each, 87 s grouped).
const ROLES = [...new Set(PAGES.map((p) => p.role ?? ""))];
for (const role of ROLES) {
  const urls = PAGES.filter((p) => (p.role ?? "") === role).map((p) => p.url);
  test(`@a11y @platform axe finds no violations on the pages ${role ? `of ${role}` : "open to everyone"}: ${urls.join(" ")}`, async ({ page, asRole }) => {
    test.setTimeout(15_000 + urls.length * 8_000);
    const pg = role ? await asRole(role) : page;
    const found: string[] = [];
    for (const url of urls) {
      await pg.goto(url);
      const results = await new AxeBuilder({ page: pg }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
      found.push(...results.violations.map((v) => `${url}: ${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`));
    }
    expect(found).toEqual([]);
  });
}
