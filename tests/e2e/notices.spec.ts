import { expect, test } from "./fixtures";

test.describe("notice board", () => {
  test("@registry a committee member posts a notice; the owner reads it on the compound home; the read is counted", async ({ asRole }) => {
    const staff = await asRole("committee_member");
    await staff.goto("/c/cp_hepingli1");
    await staff.getByRole("link", { name: "发布公告" }).click();
    await staff.getByRole("button", { name: "发布" }).click();
    await expect(staff.getByText("此项必填。").first()).toBeVisible();
    const title = `电梯检修通知 ${Date.now()}`;
    await staff.getByLabel("标题").fill(title);
    await staff.getByLabel("正文").fill("本周六上午 9 点至 12 点电梯停运检修。");
    // A script named like a photo is refused next to the field; a real PNG is attached.
    await staff.getByLabel("附件").setInputFiles({ name: "photo.png", mimeType: "image/png", buffer: Buffer.from("<script>alert(1)</script>") });
    await staff.getByRole("button", { name: "发布" }).click();
    await expect(staff.getByText("只接受 JPG、PNG、WebP 图片或 PDF 文件。")).toBeVisible();
    await staff.getByLabel("标题").fill(title);
    await staff.getByLabel("正文").fill("本周六上午 9 点至 12 点电梯停运检修。");
    const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");
    await staff.getByLabel("附件").setInputFiles({ name: "电梯.png", mimeType: "image/png", buffer: png });
    await staff.getByRole("button", { name: "发布" }).click();
    await expect(staff.getByRole("heading", { name: title })).toBeVisible();
    const owner = await asRole("owner");
    await owner.goto("/c/cp_hepingli1");
    await owner.getByRole("link", { name: title }).click();
    await expect(owner.getByText("电梯停运检修")).toBeVisible();
    const file = await owner.request.get(await owner.getByRole("link", { name: "电梯.png" }).getAttribute("href") ?? "");
    expect(file.status()).toBe(200);
    expect(file.headers()["content-type"]).toBe("image/png");
    expect(file.headers()["x-content-type-options"]).toBe("nosniff");
    await staff.reload();
    await expect(staff.getByText(/已读 [1-9]/)).toBeVisible();
    await staff.getByRole("button", { name: "撤下公告" }).click();
    await expect(staff.getByRole("button", { name: "撤下公告" })).toHaveCount(0);
    await owner.goto("/c/cp_hepingli1");
    await expect(owner.getByRole("link", { name: title })).toHaveCount(0);
    // Owners cannot post.
    expect((await owner.goto("/c/cp_hepingli1/notices/new"))?.status()).toBe(404);
  });
});
