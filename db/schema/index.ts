export * from "./platform";
export * from "./auth";
export * from "./audit";
export * from "./registry";
export * from "./files";
export * from "./decisions";
export * from "./elections";
export * from "./governance";
