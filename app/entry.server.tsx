import type { ActionFunctionArgs, AppLoadContext, EntryContext, LoaderFunctionArgs } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { createInstance } from "i18next";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { i18nOptions } from "~/i18n/config";
import { getLocale } from "~/i18n/i18n.server";
import { NonceContext } from "~/ui/nonce";
import { log } from "~/platform/log.server";
import { htmlBodyStream } from "~/platform/html-stream.server";

export { startup, shutdown, serverInfo } from "~/platform/startup.server";

const ABORT_DELAY = 5_000;

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = typeof loadContext.nonce === "string" ? loadContext.nonce : "";
  const lng = await getLocale(request);
  const i18n = createInstance();
  await i18n.use(initReactI18next).init({ ...i18nOptions, lng });
  const callback = isbot(request.headers.get("user-agent") ?? "") ? "onAllReady" : "onShellReady";

  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <I18nextProvider i18n={i18n}>
          <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
        </I18nextProvider>
      </NonceContext.Provider>,
      {
        nonce,
        [callback]: () => {
          shellRendered = true;
          const body = htmlBodyStream();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) log.error({ err: error }, "render error");
        },
      },
    );
    setTimeout(abort, ABORT_DELAY + 1000);
  });
}

/** Unexpected errors are logged with the request's reference id; the page shows the id, never a stack. */
export function handleError(error: unknown, { request, context }: LoaderFunctionArgs | ActionFunctionArgs) {
  if (request.signal.aborted) return;
  const ref = (context as AppLoadContext | undefined)?.requestId;
  log.error({ ref, path: new URL(request.url).pathname, err: error instanceof Error ? { message: error.message, stack: error.stack } : String(error) }, "unexpected error");
}
