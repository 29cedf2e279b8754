import path from "node:path";
import { expect, test } from "./fixtures";
import { serverNow } from "./clock";

// Fees (issue 10) on the demo city at the e2e clock (2026-03-02): 和平里一区 is billed by the quarter by 江安物业
// (刘强, property staff); 张桂兰 (owner of two flats there) owes her last quarter and pays it online through the
// sandbox provider; the provider's callback replayed (or forged) records nothing.
const CP = "/c/cp_hepingli1";

/** A sandbox callback signed as the sandbox provider signs it: the e2e server's demo secret lives in its data directory. */
async function signedCallback(body: { intentId: string; amountFen: number; providerRef: string }, at: Date) {
  process.env.GONGZHI_MODE = "demo";
  process.env.GONGZHI_DATA_DIR = path.resolve("tests/.tmp/e2e-data");
  const { signSandboxCallback } = await import("~/fees/provider.server");
  return signSandboxCallback(body, at);
}

test.describe("fees", () => {
  test.describe.configure({ mode: "serial" });

  test("@fees an owner on a phone sees what is due, pays online in the sandbox, gets a receipt; a replayed or forged callback records nothing", async ({ login }) => {
    const page = await login("13800000008", true);
    await page.goto(`${CP}/bills`);
    await expect(page.getByRole("heading", { name: "我的物业费" })).toBeVisible();
    await expect(page.getByText(/已过缴费期限 \d+ 天/).first()).toBeVisible();
    const receiptsBefore = await page.getByRole("link", { name: "查看收据" }).count();
    await page.getByRole("link", { name: "在线缴费" }).first().click();
    await expect(page.getByText("沙箱支付（演示，不会真实扣款）").first()).toBeVisible();
    await page.getByRole("button", { name: "下一步：去付款" }).click();
    await expect(page).toHaveURL(/\/pay\/sandbox\/[^/]+$/);
    const intentId = new URL(page.url()).pathname.split("/").pop()!;
    await expect(page.getByText("这是演示用的沙箱支付页面", { exact: false })).toBeVisible();
    const amountFen = Number(await page.getByTestId("sandbox-amount").getAttribute("data-fen"));
    expect(amountFen).toBeGreaterThan(0);
    await page.getByRole("button", { name: "确认付款" }).click();
    await expect(page).toHaveURL(/\/bills\?done=paid/);
    await expect(page.getByText("付款成功，谢谢您！", { exact: false })).toBeVisible();
    await expect(page.getByRole("link", { name: "查看收据" })).toHaveCount(receiptsBefore + 1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

    // The receipt, on screen and as a PDF, with the amount in words.
    await page.getByRole("link", { name: "查看收据" }).first().click();
    await expect(page.getByText(/人民币（大写）/)).toBeVisible();
    const pdfHref = await page.getByRole("link", { name: "下载 PDF" }).getAttribute("href");
    const pdf = await page.request.get(pdfHref!);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()["content-type"]).toContain("application/pdf");

    // The provider sends its callback again: answered, nothing recorded.
    // Signed at the server's (demo) time: a callback out of its freshness window is refused as stale.
    const { rawBody, headers } = await signedCallback({ intentId, amountFen, providerRef: "replay" }, await serverNow(page));
    const replay = await page.request.post("/api/pay/sandbox/callback", { data: rawBody, headers: { ...headers, "content-type": "application/json" } });
    expect(replay.status()).toBe(200);
    expect(await replay.text()).toContain("already recorded");
    const forged = await page.request.post("/api/pay/sandbox/callback", { data: rawBody, headers: { ...headers, "x-sandbox-signature": "v1=" + "0".repeat(64), "content-type": "application/json" } });
    expect(forged.status()).toBeGreaterThanOrEqual(400);
    await page.goto(`${CP}/bills`);
    await expect(page.getByRole("link", { name: "查看收据" })).toHaveCount(receiptsBefore + 1);
  });

  test("@fees the property company bills a month with preview and progress; running it again bills nothing; it records a cash payment with a numbered receipt", async ({ asRole }) => {
    const page = await asRole("property_staff");
    await page.goto(`${CP}/fees/runs`);
    await page.getByLabel("收费项目").selectOption("parking");
    await page.getByLabel("计费周期").selectOption("month");
    await page.getByLabel("起始月份").fill("2026-04");
    await page.getByRole("button", { name: "预览" }).click();
    await expect(page.getByText("将开出账单")).toBeVisible();
    await page.getByRole("button", { name: "开始计费" }).click();
    await expect(page).toHaveURL(/\/fees\/runs\/[^/]+$/);
    await expect(page.getByText(/计费完成：开出账单 \d+ 张/)).toBeVisible({ timeout: 20_000 });
    // The same month again: nothing new, and the page says so.
    await page.goto(`${CP}/fees/runs?itemCode=parking&periodKind=month&periodFrom=2026-04`);
    await expect(page.getByText("这个期间的每套房屋都已计费：再次计费不会开出新账单。")).toBeVisible();
    // A quarter past the contract's end is refused with the reason.
    await page.getByLabel("收费项目").selectOption("property");
    await page.getByLabel("计费周期").selectOption("quarter");
    await page.getByLabel("起始月份").fill("2026-04");
    await page.getByRole("button", { name: "预览" }).click();
    await expect(page.getByText(/收费主体在 2026-05 变更|没有收费主体/)).toBeVisible();

    // A cash payment at the counter: find the flat, take the money, print the receipt.
    await page.goto(`${CP}/fees/payments`);
    await page.getByLabel("楼栋").selectOption({ index: 1 });
    await page.getByLabel("房号").fill("1单元101");
    await page.getByRole("button", { name: "查找" }).click();
    await page.getByLabel("收到金额（元）").fill("12.5x");
    await page.getByRole("button", { name: "登记收款并开收据" }).click();
    await expect(page.getByText("金额只能填数字，例如 127.85。")).toBeVisible();
    await page.getByLabel("收到金额（元）").fill("200");
    await page.getByLabel("收款方式").selectOption("cash");
    await page.getByRole("button", { name: "登记收款并开收据" }).click();
    await expect(page.getByText("收款已登记，收据已生成。", { exact: false })).toBeVisible();
    await expect(page.getByText(/收据号：W-JIANGAN-2026-\d{6}/)).toBeVisible();
    await expect(page.getByText("人民币（大写）贰佰元整")).toBeVisible();
  });

  test("@fees arrears by age: the collector reminds a household politely, the letter prints, a second reminder the same day is refused; the street office sees every compound", async ({ asRole }) => {
    const page = await asRole("property_staff");
    await page.goto(`${CP}/fees`);
    await expect(page.getByText("江安物业服务有限公司").first()).toBeVisible();
    await page.goto(`${CP}/fees/arrears?bucket=181%2B`);
    await expect(page.getByRole("heading", { name: "欠费账龄汇总" })).toBeVisible();
    const remind = page.getByRole("button", { name: /^向 .+ 发送提醒$/ }).first();
    const label = (await remind.getAttribute("aria-label"))!;
    await remind.click();
    await expect(page.getByText("已发送提醒。")).toBeVisible();
    const letter = await page.getByRole("link", { name: "提醒函" }).first().getAttribute("href");
    const pdf = await page.request.get(letter!);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()["content-type"]).toContain("application/pdf");
    await page.getByRole("button", { name: label }).click();
    await expect(page.getByText("今天已经向这一户发送过提醒，同一天不再重复发送。")).toBeVisible();

    const officer = await asRole("street_officer");
    await officer.goto("/area/st_heping/fees");
    await expect(officer.getByRole("row", { name: /和平里一区/ })).toBeVisible();
    await expect(officer.getByRole("row", { name: /和平里二区/ })).toBeVisible();
  });
});
