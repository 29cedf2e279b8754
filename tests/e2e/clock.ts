import { expect, type Page } from "@playwright/test";

/** The server's clock, from the demo banner ("系统时间：2026/03/02 09:00", Asia/Shanghai). */
export async function serverNow(page: Page): Promise<Date> {
  const text = (await page.locator(".demo-banner").textContent()) ?? "";
  const m = /系统时间：(\d{4})\/(\d{2})\/(\d{2}) (\d{2}):(\d{2})/.exec(text);
  if (!m) throw new Error(`no clock in the demo banner: ${text}`);
  return new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:00+08:00`);
}

/** Move the shared demo clock `days` forward from the city administrator's page (a signed-in city_admin). */
export async function advanceClock(admin: Page, days: number): Promise<void> {
  await admin.goto("/dev/clock");
  const before = await admin.locator(".demo-banner").textContent();
  await admin.getByLabel("向前拨动天数").fill(String(days));
  await admin.getByLabel("向前拨动小时数").fill("0");
  await admin.getByRole("button", { name: "拨动时钟" }).click();
  // Done when the banner shows the new time (not merely when the click was sent).
  await expect(admin.locator(".demo-banner")).not.toHaveText(before ?? "");
  await expect(admin.getByText("时钟只能向前拨动。")).toHaveCount(0);
}
