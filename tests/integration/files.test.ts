import { describe, expect, it } from "vitest";
import sharp from "sharp";
import { checkFile, getFile, storeFiles, type CheckedFile } from "~/platform/files.server";
import { useTestDb } from "../support/test-db";

const h = useTestDb();
const T0 = new Date("2026-03-02T01:00:00Z");

describe("uploads @platform", () => {
  it("re-encodes photos without EXIF location, refuses a script with an image name, stores by compound", async () => {
    const withGps = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#c00" } })
      .jpeg()
      .withExif({ IFD0: { Copyright: "someone" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "39/1 54/1 0/1" } })
      .toBuffer();
    expect((await sharp(withGps).metadata()).exif).toBeDefined();
    const ok = await checkFile(new File([new Uint8Array(withGps)], "漏水.jpg"));
    expect("error" in ok).toBe(false);
    const clean = ok as CheckedFile;
    expect(clean.mime).toBe("image/jpeg");
    expect((await sharp(clean.data).metadata()).exif).toBeUndefined();
    const fake = await checkFile(new File(["<script>alert(1)</script>"], "photo.jpg"));
    expect(fake).toEqual({ error: "errors.uploadType" });
    const [row] = await storeFiles(h.db, { compoundId: "cp_hepingli1", ownerKind: "notice", ownerId: "ntc_x", createdBy: null }, [clean], T0);
    expect((await getFile(h.db, "cp_hepingli1", row.id))?.data.equals(clean.data)).toBe(true);
    expect(await getFile(h.db, "cp_songlin", row.id)).toBeNull();
  });
});
