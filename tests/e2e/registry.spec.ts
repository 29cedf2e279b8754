import fs from "node:fs";
import { expect, test } from "./fixtures";

test.describe("registry", () => {
  test("@registry a street officer browses the street's compounds, sorts, exports and drills down to a compound's totals", async ({ asRole }) => {
    const page = await asRole("street_officer");
    await page.goto("/area/st_heping");
    await page.getByRole("link", { name: "小区列表" }).click();
    await expect(page).toHaveURL(/\/area\/st_heping\/compounds$/);
    await expect(page.getByRole("link", { name: "和平里一区" })).toBeVisible();
    await expect(page.getByRole("link", { name: "松林苑" })).toHaveCount(0);
    await page.getByRole("link", { name: /房屋数/ }).click();
    await expect(page).toHaveURL(/sort=units&dir=asc/);
    await page.getByRole("link", { name: /房屋数/ }).click();
    await expect(page).toHaveURL(/sort=units&dir=desc/);
    // Other tests add units (the import e2e), so check the order rather than a name.
    const counts = (await page.locator("tbody tr td:nth-child(3)").allTextContents()).map((x) => Number(x.replace(/\D/g, "")));
    expect(counts.length).toBeGreaterThan(1);
    expect([...counts].sort((a, b) => b - a)).toEqual(counts);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "导出 Excel" }).click()]);
    expect(fs.statSync((await download.path())!).size).toBeGreaterThan(1000);
    await page.getByRole("link", { name: "和平里一区" }).click();
    await expect(page).toHaveURL(/\/c\/cp_hepingli1$/);
    await expect(page.getByText("业主人数（计票）")).toBeVisible();
    await page.getByRole("link", { name: "房屋与业主" }).last().click();
    await page.getByLabel("房号或业主姓名").fill("张桂兰");
    await page.getByRole("button", { name: "筛选" }).click();
    await expect(page.locator("tbody tr")).toHaveCount(2);
  });

  test("@registry an owner sees the compound's totals but not the unit list; another compound's owner gets 404", async ({ asRole }) => {
    const owner = await asRole("owner");
    await owner.goto("/c/cp_hepingli1");
    await expect(owner.getByText("计票专有面积")).toBeVisible();
    await expect(owner.getByRole("link", { name: "房屋与业主" })).toHaveCount(0);
    expect((await owner.goto("/c/cp_hepingli1/units"))?.status()).toBe(404);
    const other = await asRole("owner:other");
    expect((await other.goto("/c/cp_hepingli1"))?.status()).toBe(404);
  });
});

test.describe("registry maintenance", () => {
  test("@registry a community worker adds a unit (bad area refused next to the field), registers an owner and transfers it", async ({ asRole }) => {
    const page = await asRole("community_worker");
    await page.goto("/c/cp_hepingli2/units");
    await page.getByRole("link", { name: "新增房屋" }).click();
    await expect(page).toHaveURL(/\/units\/new$/);
    const number = `E${Date.now() % 100000}`;
    await page.getByLabel("楼栋", { exact: true }).selectOption({ label: "1号楼" });
    await page.getByLabel("房号", { exact: true }).fill(number);
    await page.getByLabel("面积（平方米）").fill("85.234");
    await page.getByRole("button", { name: "保存" }).click();
    await expect(page.getByText("面积最多两位小数。")).toBeVisible();
    await page.getByLabel("面积（平方米）").fill("85.23");
    await page.getByRole("button", { name: "保存" }).click();
    await expect(page.getByRole("heading", { name: `1号楼 ${number}` })).toBeVisible();
    await expect(page.getByText("85.23 m²")).toBeVisible();
    const ownerForm = page.locator("form", { has: page.getByRole("button", { name: "登记业主" }) });
    await ownerForm.getByLabel("姓名或单位名称").fill("测试新业主");
    await ownerForm.getByLabel("手机号").fill("13512345678");
    await ownerForm.getByLabel("产权起始日期").fill("2026-01-01");
    await page.getByRole("button", { name: "登记业主" }).click();
    await expect(page.locator("li strong", { hasText: "测试新业主" })).toBeVisible();
    await expect(page.getByText("135****5678")).toBeVisible();
    await page.getByLabel("结束日期").fill("2026-03-01");
    await page.getByRole("button", { name: "结束产权（过户）" }).click();
    await expect(page.getByText("2026-01-01 — 2026-03-01")).toBeVisible();
    const residentForm = page.locator("form", { has: page.getByRole("button", { name: "登记住户" }) });
    await residentForm.getByLabel("姓名").fill("租户小李");
    await residentForm.getByLabel("关系").selectOption("tenant");
    await residentForm.getByRole("button", { name: "登记住户" }).click();
    await expect(page.getByText("租户小李 · 租户")).toBeVisible();
    await page.getByRole("button", { name: "删除房屋" }).click();
    await expect(page.getByText("不能删除")).toBeVisible();
    // A worker of another community cannot open it.
    const other = await asRole("street_officer:other");
    expect((await other.goto("/c/cp_hepingli2/units/new"))?.status()).toBe(404);
  });
});

test.describe("areas and compounds", () => {
  test("@registry a street officer renames a community and adds a compound to it, then edits it", async ({ asRole }) => {
    const page = await asRole("street_officer");
    await page.goto("/area/com_qingnian");
    await page.getByRole("link", { name: "重命名" }).click();
    await page.getByLabel(/新的社区名称/).fill("青年路社区（新）");
    await page.getByRole("button", { name: "保存" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("青年路社区（新）");
    await page.getByRole("link", { name: "新增小区" }).click();
    await page.getByLabel("小区名称").fill("测试新小区");
    await page.getByLabel("建成年份").fill("18");
    await page.getByRole("button", { name: "保存" }).click();
    await expect(page.getByText("请输入有效年份。")).toBeVisible();
    await page.getByLabel("建成年份").fill("1994");
    await page.getByRole("button", { name: "保存" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("测试新小区");
    await page.getByRole("link", { name: "修改小区信息" }).click();
    await page.getByLabel("地址").fill("东湖区青年路 60 号");
    await page.getByRole("button", { name: "保存" }).click();
    await expect(page.getByText("东湖区青年路 60 号")).toBeVisible();
  });
});

test.describe("Party organisations", () => {
  test("@registry the city administrator adds a Party organisation that covers a community", async ({ asRole }) => {
    const page = await asRole("city_admin");
    await page.goto("/city/party-orgs");
    await page.getByRole("button", { name: "新增党组织" }).click();
    await expect(page.getByText("此项必填。").first()).toBeVisible();
    const name = `测试党支部${Date.now() % 10000}`;
    await page.getByLabel("名称").fill(name);
    await page.getByLabel("类型").selectOption("community");
    await page.getByLabel("覆盖范围").selectOption(["com_yuanlin"]);
    await page.getByRole("button", { name: "新增党组织" }).click();
    await expect(page.getByRole("cell", { name })).toBeVisible();
    const officer = await asRole("street_officer");
    expect((await officer.goto("/city/party-orgs"))?.status()).toBe(404);
  });
});
