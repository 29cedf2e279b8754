import type { Locator, Page } from "@playwright/test";
import { creditCheckCharacter } from "~/governance/rules";
import { expect, test } from "./fixtures";

// Management models and property service (seeds/demo-governance.ts): the company register, the residents' service
// page with its quarterly rating, a model change backed by an owners' decision with its handover, contracts.
// Demo clock: 2026-03-02. 和平里一区's contract with 江安物业 ends 2026-04-30; 松林苑's with 松林物业 2026-05-15.
const PHONES = {
  li: "13800000002", // 李秀英, street officer 和平街道
  huang: "13800000011", // 黄伟, street officer 松林街道
  chen: "13800000006", // 陈德明, committee member 和平里一区
  zhang: "13800000008", // 张桂兰, owner 和平里一区
  zheng: "13800000010", // 郑海燕, owner 松林苑
  // Not 钱玉珍 (13800000012): the password-reset test in auth.spec changes her password.
  ma: "13800000016", // 马文华, owner in 和平里二区
  feng: "13800000018", // 冯建华, committee member 松林苑
  deng: "13800000019", // 邓磊, staff of 松林物业 (company grant)
} as const;


/** Choose the option of a select whose text contains `text` (decision options carry the meeting, motion and result). */
async function chooseContaining(select: Locator, text: string) {
  const option = select.locator("option", { hasText: text });
  await expect(option).toHaveCount(1);
  await select.selectOption((await option.getAttribute("value"))!);
}

test.describe("property companies", () => {
  test("@models a street officer registers a property company; a wrong credit code is refused next to the field", async ({ login }) => {
    const li = await login(PHONES.li);
    const name = "青云谱物业服务有限公司";
    const first17 = "91360103MA3E2K5P4";
    const check = creditCheckCharacter(first17);
    const wrong = check === "1" ? "2" : "1";

    await li.goto("/companies");
    await expect(li.getByRole("heading", { level: 1 })).toHaveText("物业企业");
    await expect(li.getByRole("link", { name: "江安物业服务有限公司" })).toBeVisible();
    await li.getByRole("link", { name: "登记物业企业" }).click();
    await expect(li).toHaveURL(/\/companies\/new$/);

    await li.getByLabel("企业名称").fill(name);
    // Lower case and a space are accepted; the check character (position 18) is wrong.
    await li.getByLabel("统一社会信用代码").fill(`${first17.toLowerCase().slice(0, 8)} ${first17.slice(8)}${wrong}`);
    await li.getByLabel("联系人").fill("熊国庆");
    await li.getByLabel("联系电话").fill("0791-8826 1234");
    await li.getByLabel("地址").fill("江安市东湖区青云路 12 号");
    await li.getByLabel("资质说明").fill("新设立企业，承接老旧小区物业服务。");
    await li.getByRole("button", { name: "登记物业企业" }).click();
    const code = li.getByLabel("统一社会信用代码");
    await expect(code).toHaveAttribute("aria-invalid", "true");
    await expect(code).toHaveAccessibleDescription(/统一社会信用代码校验位不正确，请核对。/);
    await expect(li.getByRole("alert").filter({ hasText: "校验位不正确" })).toBeVisible();
    await expect(li).toHaveURL(/\/companies\/new$/);
    // Nothing registered.
    await li.goto(`/companies?q=${encodeURIComponent("青云谱")}`);
    await expect(li.getByRole("link", { name })).toHaveCount(0);

    // Again with the right check character and a landline: registered.
    await li.goto("/companies/new");
    await li.getByLabel("企业名称").fill(name);
    await li.getByLabel("统一社会信用代码").fill(first17 + check);
    await li.getByLabel("联系人").fill("熊国庆");
    await li.getByLabel("联系电话").fill("0791-8826 1234");
    await li.getByLabel("地址").fill("江安市东湖区青云路 12 号");
    await li.getByRole("checkbox", { name: "企业建有党组织（红色管家）" }).check();
    await li.getByRole("button", { name: "登记物业企业" }).click();
    await expect(li).toHaveURL(/\/companies\/[^/]+\?registered=1$/);
    await expect(li.getByRole("status")).toHaveText("物业企业已登记。");
    await expect(li.getByRole("heading", { level: 1 })).toHaveText(name);
    await expect(li.getByText(first17 + check, { exact: true })).toBeVisible();

    // The register lists it (found by part of its credit code too).
    await li.goto("/companies");
    await li.getByLabel("名称或信用代码").fill(first17.slice(8, 14));
    await li.getByRole("button", { name: "筛选" }).click();
    await expect(li).toHaveURL(/q=/);
    await expect(li.getByRole("link", { name })).toBeVisible();
    await expect(li.getByRole("link", { name: "江安物业服务有限公司" })).toHaveCount(0);
  });
});

test.describe("the residents' service page", () => {
  test("@models residents see who manages their compound", async ({ login }) => {
    // 张桂兰, on her phone, from her compound's home page.
    const zhang = await login(PHONES.zhang, true);
    await zhang.goto("/c/cp_hepingli1");
    await zhang.getByRole("link", { name: "物业服务", exact: true }).click();
    await expect(zhang).toHaveURL(/\/c\/cp_hepingli1\/service$/);
    await expect(zhang.getByRole("heading", { level: 1 })).toHaveText("物业服务 · 和平里一区");
    const who = zhang.getByRole("region", { name: "谁在管理本小区" });
    await expect(who).toContainText("现行管理模式：物业企业管理");
    await expect(who).toContainText("江安物业服务有限公司");
    await expect(who.getByRole("link", { name: "服务电话：0791-86123456" })).toHaveAttribute("href", "tel:079186123456");
    await expect(zhang.getByRole("heading", { name: "服务标准" })).toBeVisible();
    await expect(zhang.getByRole("region", { name: "服务标准" })).toContainText("合同将于 2026/04/30 到期（90 日内到期）");
    // The fee schedule of the contract in force.
    await expect(zhang.getByRole("heading", { name: "收费标准" })).toBeVisible();
    const fees = zhang.getByRole("region", { name: "收费标准" }).getByRole("row");
    await expect(fees.filter({ hasText: "住宅" })).toContainText("¥1.50");
    await expect(fees.filter({ hasText: "住宅" })).toContainText("元/平方米·月");
    await expect(fees.filter({ hasText: "车位" })).toContainText("¥150.00");
    await expect(zhang.getByRole("heading", { name: "居民评价" })).toBeVisible();
    await expect(zhang.getByTestId("rating-all-time")).toContainText("4.1 分");
    await expect(zhang.getByTestId("rating-all-time")).toContainText("11 条评价");
    await expect(zhang.getByTestId("rating-this-quarter")).toContainText("暂无评价");
    expect(await zhang.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

    // A second tab, opened before she rates, still shows the form.
    const again = await zhang.context().newPage();
    await again.goto("/c/cp_hepingli1/service");

    await expect(zhang.getByRole("heading", { name: "评价服务" })).toBeVisible();
    const stars = zhang.getByRole("group", { name: "评分（1 至 5 星）" });
    await expect(stars.getByRole("radio")).toHaveCount(5);
    await stars.getByRole("radio", { name: "4 星：满意" }).check();
    await zhang.getByLabel("意见和建议（选填）").fill("保洁很及时，希望夜间多巡逻几次。");
    await zhang.getByRole("button", { name: "提交评价" }).click();
    await expect(zhang.getByRole("status")).toHaveText("谢谢！您本季度的评价已记录。");
    await expect(zhang.getByText("您本季度已评价：4 星")).toBeVisible();
    await expect(zhang.getByText("您的意见：保洁很及时，希望夜间多巡逻几次。")).toBeVisible();
    await expect(zhang.getByRole("button", { name: "提交评价" })).toHaveCount(0);
    await expect(zhang.getByTestId("rating-this-quarter")).toContainText("4.0 分");
    await expect(zhang.getByTestId("rating-this-quarter")).toContainText("1 条评价");
    await expect(zhang.getByTestId("rating-all-time")).toContainText("12 条评价");

    // The second rating this quarter is refused.
    await again.getByRole("radio", { name: "1 星：很不满意" }).check();
    await again.getByRole("button", { name: "提交评价" }).click();
    await expect(again.getByRole("alert")).toHaveText("您本季度已经评价过了，下个季度可以再评。");
    await again.reload();
    await expect(again.getByText("您本季度已评价：4 星")).toBeVisible();
    await expect(again.getByTestId("rating-this-quarter")).toContainText("1 条评价");

    // 郑海燕 of 松林苑: 松林物业 serves her compound.
    const zheng = await login(PHONES.zheng);
    await zheng.goto("/c/cp_songlin/service");
    const songlin = zheng.getByRole("region", { name: "谁在管理本小区" });
    await expect(songlin).toContainText("松林物业服务有限公司");
    await expect(songlin.getByRole("link", { name: "服务电话：0791-88654321" })).toBeVisible();
    await expect(songlin).not.toContainText("江安物业");

    // 马文华, an owner in 和平里二区: the community provides quasi-property service.
    const qian = await login(PHONES.ma);
    await qian.goto("/c/cp_hepingli2/service");
    const hpl2 = qian.getByRole("region", { name: "谁在管理本小区" });
    await expect(hpl2).toContainText("现行管理模式：社区准物业");
    await expect(hpl2).toContainText("和平里社区（社区准物业服务）");
    await expect(qian.getByRole("region", { name: "服务标准" })).toContainText("没有在期的物业服务合同");
    await expect(qian.getByRole("region", { name: "收费标准" }).getByRole("row").filter({ hasText: "全部房屋" })).toContainText("¥0.50");
    await expect(qian.getByText("社区准物业服务费，由社区按此标准收取。")).toBeVisible();
    await expect(qian.getByRole("group", { name: "评分（1 至 5 星）" })).toBeVisible();
  });
});

test.describe("a model change and its handover", () => {
  // One change of 松林苑 and its checklist, confirmed by both sides.
  test.describe.configure({ mode: "serial" });

  test("@models a committee member records a model change backed by a decision, and the handover is confirmed by both sides", async ({ login }) => {
    const feng = await login(PHONES.feng);
    await feng.goto("/c/cp_songlin/management");
    await expect(feng.getByTestId("current-model")).toHaveText("物业企业管理");
    await expect(feng.getByTestId("responsible-billing")).toHaveText("物业企业：松林物业服务有限公司");
    await expect(feng.getByTestId("model-entry")).toHaveCount(1);
    await feng.getByRole("link", { name: "记录管理模式变更" }).click();
    await expect(feng).toHaveURL(/\/c\/cp_songlin\/management\/change$/);
    await expect(feng.getByRole("heading", { level: 1 })).toHaveText("记录管理模式变更");

    // Only the street office may assign interim service: a committee member has the owners' decision alone.
    await expect(feng.getByRole("radio", { name: "业主共同决定" })).toBeChecked();
    await expect(feng.getByRole("radio", { name: "街道临时指定" })).toHaveCount(0);

    await feng.getByLabel("新的管理模式").selectOption({ label: "业主自治" });
    await feng.getByLabel("生效日期").fill("2026-05-16");
    await feng.getByLabel("管理主体").selectOption({ label: "业主委员会" });
    await feng.getByLabel("资金由谁保管").fill("业主委员会共管账户，由财务委员冯建华经手");
    await feng.getByLabel("报修由谁受理").selectOption({ label: "管理主体自行负责" });
    // No decision chosen: refused next to the decision select.
    await feng.getByRole("button", { name: "记录变更" }).click();
    const decision = feng.getByLabel("作为依据的表决议题");
    await expect(decision).toHaveAccessibleDescription("请选择作为依据的业主共同决定。");
    await expect(feng).toHaveURL(/\/management\/change$/);

    await chooseContaining(decision, "关于不再续聘松林物业、实行业主自治的决定");
    await feng.getByRole("button", { name: "记录变更" }).click();
    await expect(feng).toHaveURL(/\/c\/cp_songlin\/management\/handover\/[^/?]+\?done=created$/);
    await expect(feng.getByRole("status")).toHaveText("管理模式变更已记录，交接清单已生成。");
    await expect(feng.getByRole("heading", { name: "松林物业服务有限公司 → 业主委员会" })).toBeVisible();
    const handoverUrl = feng.url().replace(/\?.*$/, "");
    const items = feng.getByTestId("handover-item");
    await expect(items).toHaveCount(6);
    // The committee member may confirm the committee's side only.
    await expect(feng.getByRole("button", { name: /（松林物业服务有限公司）$/ })).toHaveCount(0);
    await expect(feng.getByRole("button", { name: /（业主委员会）$/ })).toHaveCount(6);

    // 邓磊 of 松林物业 confirms the company's side of every item.
    const deng = await login(PHONES.deng);
    await deng.goto(handoverUrl);
    await expect(deng.getByRole("heading", { level: 1 })).toHaveText("交接清单 · 松林苑");
    const dengItems = deng.getByTestId("handover-item");
    await expect(dengItems).toHaveCount(6);
    await expect(deng.getByRole("button", { name: /（业主委员会）$/ })).toHaveCount(0);
    const first = dengItems.first().getByRole("button", { name: "移交方确认：钥匙（松林物业服务有限公司）" });
    await expect(first).toHaveText("移交方确认");
    for (let i = 0; i < 6; i++) {
      const row = dengItems.nth(i);
      await row.getByRole("button", { name: /^移交方确认：.*（松林物业服务有限公司）$/ }).click();
      await expect(row.getByTestId("confirmed-outgoing")).toContainText("邓磊");
      await expect(deng.getByRole("status")).toHaveText("已确认。");
    }
    await expect(deng.getByRole("button", { name: /^(移交方|接收方)确认：/ })).toHaveCount(0);
    await expect(deng.getByTestId("handover-complete")).toHaveCount(0);

    // 冯建华 confirms the committee's side; the last confirmation completes the handover.
    await feng.goto(handoverUrl);
    await expect(feng.getByTestId("confirmed-outgoing")).toHaveCount(6);
    for (let i = 0; i < 6; i++) {
      const row = items.nth(i);
      const button = row.getByRole("button", { name: /^接收方确认：.*（业主委员会）$/ });
      await expect(button).toHaveText("接收方确认");
      await button.click();
      await expect(row.getByTestId("confirmed-incoming")).toContainText("冯建华");
      await expect(feng.getByRole("status")).toHaveText(i < 5 ? "已确认。" : "已确认，全部事项交接完成。");
    }
    await expect(feng.getByTestId("handover-complete")).toBeVisible();

    // The history shows the scheduled change with its basis; 松林物业 still serves today.
    await feng.goto("/c/cp_songlin/management");
    await expect(feng.getByTestId("current-model")).toHaveText("物业企业管理");
    await expect(feng.getByTestId("responsible-billing")).toHaveText("物业企业：松林物业服务有限公司");
    const entries = feng.getByTestId("model-entry");
    await expect(entries).toHaveCount(2);
    await expect(entries.first()).toContainText("业主自治 · 自 2026-05-16 起");
    await expect(entries.first()).toContainText("已排期");
    await expect(entries.first()).toContainText("关于不再续聘松林物业、实行业主自治的决定");
    await expect(entries.first()).toContainText("记录人：冯建华");
    await expect(feng.getByText("已记录一项将来生效的变更，见下方沿革。")).toBeVisible();
    await expect(feng.getByRole("link", { name: "松林物业服务有限公司 → 业主委员会" })).toBeVisible();
    await expect(feng.getByText("已完成", { exact: true })).toBeVisible();

    // The residents' page: 松林物业 today, and the change to come.
    const zheng = await login(PHONES.zheng);
    await zheng.goto("/c/cp_songlin/service");
    const who = zheng.getByRole("region", { name: "谁在管理本小区" });
    await expect(who).toContainText("现行管理模式：物业企业管理");
    await expect(who).toContainText("松林物业服务有限公司");
    await expect(who.getByRole("note")).toHaveText("已确定的变更：自 2026/05/16 起改为业主自治。");
  });
});

test.describe("scope", () => {
  test("@models a staff member acting on a compound their company does not serve gets 404", async ({ login }) => {
    const deng = await login(PHONES.deng);
    const req = deng.context().request;
    expect((await req.get("/c/cp_hepingli1/management", { maxRedirects: 0 })).status()).toBe(404);
    expect((await req.get("/c/cp_hepingli1/service", { maxRedirects: 0 })).status()).toBe(404);
    const home = await req.get("/c/cp_hepingli1", { maxRedirects: 0 });
    expect(home.status()).toBe(404);
    expect(await home.text()).not.toContain("和平里一区");
    expect((await req.get("/c/cp_songlin", { maxRedirects: 0 })).status()).toBe(200);
    await deng.goto("/c/cp_songlin");
    await expect(deng.getByRole("heading", { level: 1 })).toContainText("松林苑");
  });
});

test.describe("contracts", () => {
  test("@models the street office sees contracts about to expire", async ({ login }) => {
    const li = await login(PHONES.li);
    await li.goto("/area/st_heping/contracts");
    await expect(li.getByRole("heading", { level: 1 })).toHaveText("即将到期的服务合同 · 和平街道");
    const hpl1 = li.getByRole("row").filter({ has: li.getByRole("link", { name: "和平里一区" }) });
    await expect(hpl1).toHaveCount(1);
    await expect(hpl1).toContainText("江安物业服务有限公司");
    await expect(hpl1).toContainText("2026-04-30");
    await expect(hpl1).toContainText("90 日内到期");
    // Another street's compound is not listed.
    await expect(li.getByRole("link", { name: "松林苑" })).toHaveCount(0);

    const huang = await login(PHONES.huang);
    await huang.goto("/area/st_songlin/contracts");
    const songlin = huang.getByRole("row").filter({ has: huang.getByRole("link", { name: "松林苑" }) });
    await expect(songlin).toHaveCount(1);
    await expect(songlin).toContainText("松林物业服务有限公司");
    await expect(songlin).toContainText("2026-05-15");
    await expect(songlin).toContainText("90 日内到期");
    await expect(huang.getByRole("link", { name: "和平里一区" })).toHaveCount(0);
  });

  test("@models an overlapping contract is refused", async ({ login }) => {
    const chen = await login(PHONES.chen);
    await chen.goto("/c/cp_hepingli1/management");
    // The section and its table are both named 服务合同: the table's rows.
    const contracts = chen.getByRole("region", { name: "服务合同" }).last().getByRole("row");
    await expect(contracts).toHaveCount(3); // header + two contracts
    // The contract in force warns that it ends within 90 days.
    const current = contracts.filter({ hasText: "2023-07-01 至 2026-04-30" });
    await expect(current).toContainText("90 日内到期");
    await current.getByRole("link", { name: "江安物业服务有限公司" }).click();
    await expect(chen.getByTestId("expiry-warning")).toHaveText("合同将于 2026-04-30 到期（90 日内），请及早通过业主共同决定续聘或另行选聘。");
    await chen.getByRole("link", { name: "← 管理模式与合同" }).click();
    await chen.getByRole("link", { name: "登记服务合同" }).click();
    await expect(chen).toHaveURL(/\/c\/cp_hepingli1\/management\/contracts\/new$/);

    // A renewal that starts before the current contract ends: refused.
    await chen.getByLabel("物业企业", { exact: true }).selectOption({ label: "江安物业服务有限公司" });
    await chen.getByLabel("开始日期").fill("2026-04-01");
    await chen.getByLabel("结束日期").fill("2027-03-31");
    await chen.getByLabel("收费方式").selectOption({ label: "包干制" });
    await chen.getByLabel("住宅 · 物业费（元/平方米·月）").fill("1.50");
    await chen.getByRole("button", { name: "保存合同" }).click();
    const start = chen.getByLabel("开始日期");
    await expect(start).toHaveAccessibleDescription("合同期限与本小区另一份合同重叠。");
    await expect(chen).toHaveURL(/\/contracts\/new$/);
    await chen.goto("/c/cp_hepingli1/management");
    await expect(contracts).toHaveCount(3);
    await expect(chen.getByText("2026-04-01 至 2027-03-31")).toHaveCount(0);

    // From the day after the current contract's end, citing the owners' renewal decision: saved.
    await chen.goto("/c/cp_hepingli1/management/contracts/new");
    await chen.getByLabel("物业企业", { exact: true }).selectOption({ label: "江安物业服务有限公司" });
    await chen.getByLabel("开始日期").fill("2026-05-01");
    await chen.getByLabel("结束日期").fill("2029-04-30");
    await chen.getByLabel("解聘提前通知天数").fill("90");
    await chen.getByLabel("公共区域保洁（次/周）").fill("7");
    await chen.getByLabel("住宅 · 物业费（元/平方米·月）").fill("1.50");
    await chen.getByLabel("车位 · 停车费（元/个·月）").fill("150");
    await chooseContaining(chen.getByLabel("依据的业主共同决定"), "关于续聘江安物业服务有限公司的决定");
    await chen.getByRole("button", { name: "保存合同" }).click();
    await expect(chen).toHaveURL(/\/c\/cp_hepingli1\/management\/contracts\/[^/?]+\?done=created$/);
    await expect(chen.getByRole("status")).toHaveText("服务合同已登记。");
    await expect(chen.getByRole("region", { name: "合同条款" })).toContainText("2026-05-01 至 2029-04-30");
    await expect(chen.getByRole("region", { name: "合同条款" })).toContainText("尚未开始");
    await expect(chen.getByRole("link", { name: "2026年第一次业主大会会议：续聘物业与门禁更换" })).toBeVisible();

    await chen.goto("/c/cp_hepingli1/management");
    await expect(contracts).toHaveCount(4);
    const renewal = contracts.filter({ hasText: "2026-05-01 至 2029-04-30" });
    await expect(renewal).toContainText("江安物业服务有限公司");
    await expect(renewal).toContainText("尚未开始");
  });
});
