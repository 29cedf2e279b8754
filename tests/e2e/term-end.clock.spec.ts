import { expect, test } from "./fixtures";
import { advanceClock, serverNow } from "./clock";

// The term of 和平里一区's committee ends on 2026-05-16 (75 days after the e2e clock's 2026-03-02). Past it, the
// chair's committee grant has lapsed with no job: the committee's pages answer 404 for him. Runs in the clock
// project after the other files, which move the clock too: the days to move are read from the server's clock.
const LAST_DAY = new Date("2026-05-16T24:00:00+08:00");

test("@elections a member whose term ended gets 404 on the committee's pages", async ({ login }) => {
  const admin = await login("13800000001");
  await admin.goto("/dev/clock");
  const now = await serverNow(admin);
  if (now.getTime() < LAST_DAY.getTime()) await advanceClock(admin, Math.ceil((LAST_DAY.getTime() - now.getTime()) / 86_400_000) + 1);
  expect((await serverNow(admin)).getTime()).toBeGreaterThan(LAST_DAY.getTime());

  const chair = await login("13800000006");
  for (const path of ["/c/cp_hepingli1/committee", "/c/cp_hepingli1/committee/filings", "/c/cp_hepingli1/committee/meeting"]) {
    expect((await chair.goto(path))?.status(), path).toBe(404);
  }
  // The street office now sees the term expired.
  const officer = await login("13800000002");
  await officer.goto("/c/cp_hepingli1/committee");
  await expect(officer.getByTestId("committee-status")).toHaveText("任期已届满");
});
