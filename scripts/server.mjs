// The custom server (stack.md "Stopping the server"): express 4 + @remix-run/express. It sets the security
// headers (security.md items 5, 7, 8), checks the origin of every state-changing request, closes the database on
// SIGTERM and SIGINT, and honours PORT. `node scripts/server.mjs` serves the production build; `--dev` runs Vite.
import crypto from "node:crypto";
import path from "node:path";
import { pathToFileURL } from "node:url";
import express from "express";
import compression from "compression";
import { createRequestHandler } from "@remix-run/express";

const dev = process.argv.includes("--dev");
// The production build runs React and Remix in production mode unless told otherwise.
if (!dev) process.env.NODE_ENV ??= "production";

/** Paths exempt from the browser origin check: machine callbacks verified by their own signature instead
 *  (security.md item 7). The payment provider's callback: HMAC-signed, stale timestamps refused (app/fees/provider.server.ts). */
export const ORIGIN_CHECK_EXEMPT = ["/api/pay/sandbox/callback"];

let viteDevServer;
let build;
if (dev) {
  const vite = await import("vite");
  viteDevServer = await vite.createServer({ server: { middlewareMode: true } });
  build = () => viteDevServer.ssrLoadModule("virtual:remix/server-build");
} else {
  build = await import(pathToFileURL(path.resolve("build/server/index.js")).href);
}
const entry = dev ? (await build()).entry.module : build.entry.module;

try {
  await entry.startup();
} catch (e) {
  // Configuration problems and a locked data directory are the operator's to fix: say so plainly, no stack.
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
}
const info = entry.serverInfo();

const app = express();
app.disable("x-powered-by");
if (info.trustProxy) app.set("trust proxy", true);
app.use(compression());

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

app.use((req, res, next) => {
  const nonce = crypto.randomBytes(16).toString("base64");
  res.locals.nonce = nonce;
  res.locals.requestId = crypto.randomBytes(6).toString("hex");
  // The app reads the client address from this header only; whatever a client sent under that name is dropped.
  req.headers["x-gongzhi-client-ip"] = req.ip ?? "";
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
  res.setHeader("X-Frame-Options", "DENY");
  res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
  if (!dev) {
    res.setHeader(
      "Content-Security-Policy",
      [
        "default-src 'self'",
        `script-src 'nonce-${nonce}' 'strict-dynamic'`,
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self'",
        "connect-src 'self'",
      ].join("; "),
    );
  }
  if (info.mode === "production") res.setHeader("Strict-Transport-Security", "max-age=31536000");
  next();
});

// CSRF (security.md item 7): a state-changing request must come from our own pages.
app.use((req, res, next) => {
  if (SAFE.has(req.method) || ORIGIN_CHECK_EXEMPT.includes(req.path)) return next();
  const site = req.get("sec-fetch-site");
  const origin = req.get("origin");
  const expected = info.publicOrigin ?? `${req.protocol}://${req.get("host")}`;
  if (site === "same-origin" || (origin && origin === expected)) return next();
  res
    .status(403)
    .type("text/plain; charset=utf-8")
    .send("请求来源不被接受（跨站请求）。\nThis request came from another site and was refused.");
});

if (viteDevServer) {
  app.use(viteDevServer.middlewares);
} else {
  app.use("/assets", express.static("build/client/assets", { immutable: true, maxAge: "1y" }));
  app.use(express.static("build/client", { maxAge: "1h" }));
}

app.use((req, res, next) => {
  // Dynamic pages may carry personal data: never cached unless a route says otherwise (security.md item 16).
  res.setHeader("Cache-Control", "no-store");
  next();
});

app.all(
  "*",
  createRequestHandler({
    build,
    getLoadContext: (_req, res) => ({ nonce: res.locals.nonce, requestId: res.locals.requestId }),
  }),
);

const port = Number(process.env.PORT ?? 3000);
const server = app.listen(port, () => {
  console.log(`Gongzhi (${info.mode}) listening on http://localhost:${port}`);
});

let stopping = false;
async function stop(signal) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: stopping`);
  server.close();
  server.closeAllConnections?.();
  try {
    await entry.shutdown();
    if (viteDevServer) await viteDevServer.close();
  } finally {
    process.exit(0);
  }
}
process.on("SIGTERM", () => void stop("SIGTERM"));
process.on("SIGINT", () => void stop("SIGINT"));
