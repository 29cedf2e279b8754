import { describe, expect, it } from "vitest";
import { ServicePhone } from "~/governance/company-schema";

describe("a company's service phone", () => {
  it.each([
    ["13800000001", "13800000001"],
    ["0791-86123456", "0791-86123456"],
    ["079186123456", "0791-86123456"],
    ["(0791) 8612 3456", "0791-86123456"],
    ["010-1234567", "010-1234567"],
    ["400-123-4567", "400-123-4567"],
    ["95598", "95598"],
  ])("%s is accepted as %s", (input, stored) => {
    expect(ServicePhone.safeParse(input)).toEqual({ success: true, data: stored });
  });
  it.each(["", "12345", "0791-123", "86123456", "abc"])("%j is refused", (input) => {
    expect(ServicePhone.safeParse(input).success).toBe(false);
  });
});
