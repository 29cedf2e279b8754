import { expect, test } from "./fixtures";

// Moving the shared demo clock would disturb time windows of tests running beside it (login throttling,
// re-authentication), so this file runs in its own Playwright project after all the others.
test.describe("demo clock", () => {
  test("@platform the city administrator moves the demo clock forward", async ({ asRole }) => {
    const page = await asRole("city_admin");
    await page.goto("/dev/clock");
    const before = await page.locator(".demo-banner").textContent();
    await page.getByLabel("向前拨动天数").fill("0");
    await page.getByLabel("向前拨动小时数").fill("0");
    await page.getByRole("button", { name: "拨动时钟" }).click();
    await expect(page.getByText("时钟只能向前拨动。")).toBeVisible();
    await page.getByLabel("向前拨动天数").fill("0");
    await page.getByLabel("向前拨动小时数").fill("1");
    await page.getByRole("button", { name: "拨动时钟" }).click();
    await expect(page.locator(".demo-banner")).not.toHaveText(before!);
    const owner = await asRole("owner");
    expect((await owner.goto("/dev/clock"))?.status()).toBe(404);
  });
});
