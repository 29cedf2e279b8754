import fs from "node:fs";
import { expect, test } from "./fixtures";

const HUB = "/c/cp_hepingli1/decisions/dec_demo_open";

test.describe("printed documents", () => {
  test("@decisions the organiser downloads the notice, the roll and the paper ballots as PDFs from the hub", async ({ asRole }) => {
    test.setTimeout(60_000);
    const page = await asRole("committee_member");
    await page.goto(HUB);
    const docs: { link: string; file: RegExp; min: number }[] = [
      { link: "打印公告 PDF", file: /^notice-dec_demo_open\.pdf$/, min: 10_000 },
      { link: "打印名册 PDF", file: /^roll-dec_demo_open\.pdf$/, min: 20_000 },
      { link: "打印纸质选票 PDF", file: /^ballots-dec_demo_open\.pdf$/, min: 20_000 },
    ];
    for (const doc of docs) {
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: doc.link }).click()]);
      expect(download.suggestedFilename()).toMatch(doc.file);
      const bytes = fs.readFileSync((await download.path())!);
      expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
      expect(bytes.length).toBeGreaterThan(doc.min);
      expect(bytes.length).toBeLessThan(10_000_000);
    }
    // One building's paper ballots, for the canvasser of that building.
    await page.getByLabel("楼栋").selectOption({ index: 0 });
    const [one] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "打印纸质选票 PDF" }).click()]);
    expect(fs.readFileSync((await one.path())!).subarray(0, 5).toString("latin1")).toBe("%PDF-");
  });

  test("@decisions an owner sees no print links and cannot fetch the PDFs", async ({ asRole }) => {
    const page = await asRole("owner");
    await page.goto(HUB);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("停车管理规约");
    await expect(page.getByRole("link", { name: /PDF/ })).toHaveCount(0);
    for (const doc of ["notice.pdf", "roll.pdf", "ballots.pdf"]) expect((await page.request.get(`${HUB}/${doc}`)).status()).toBe(404);
  });
});
