import path from "node:path";

// Every integration worker uses the test data directory (for demo secrets) and demo mode.
process.env.GONGZHI_DATA_DIR ??= path.resolve("tests/.tmp/int-data");
process.env.GONGZHI_MODE = "demo";
process.env.NODE_ENV = "test";
