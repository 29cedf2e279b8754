import { createCookie } from "@remix-run/node";
import { RemixI18Next } from "remix-i18next/server";
import { DEFAULT_LOCALE, SUPPORTED_LOCALES, i18nOptions, type Locale } from "./config";

const YEAR = 365 * 24 * 3600;
/** The language chosen before login (and set from the user's saved choice at login). Not personal data. */
export const localeCookie = createCookie("gz_lng", { path: "/", sameSite: "lax", httpOnly: true, maxAge: YEAR });
/** Large-text mode, remembered the same way. */
export const largeTextCookie = createCookie("gz_lt", { path: "/", sameSite: "lax", httpOnly: true, maxAge: YEAR });

export const i18nServer = new RemixI18Next({
  detection: {
    supportedLanguages: [...SUPPORTED_LOCALES],
    fallbackLanguage: DEFAULT_LOCALE,
    cookie: localeCookie,
    order: ["cookie", "header"],
  },
  i18next: i18nOptions,
});

export async function getLocale(request: Request): Promise<Locale> {
  const l = await i18nServer.getLocale(request);
  return l === "en" ? "en" : "zh-CN";
}

export async function getLargeText(request: Request): Promise<boolean> {
  return (await largeTextCookie.parse(request.headers.get("Cookie"))) === "1";
}

export async function prefsCookieHeaders(request: Request, prefs: { locale?: Locale; largeText?: boolean }): Promise<string[]> {
  const secure = new URL(request.url).protocol === "https:";
  const out: string[] = [];
  if (prefs.locale) out.push(await localeCookie.serialize(prefs.locale, { secure }));
  if (prefs.largeText !== undefined) out.push(await largeTextCookie.serialize(prefs.largeText ? "1" : "0", { secure }));
  return out;
}

/** The preferences this device chose before login (cookies), if any. */
export async function chosenPrefs(request: Request): Promise<{ locale?: Locale; largeText?: boolean }> {
  const header = request.headers.get("Cookie");
  const l = await localeCookie.parse(header);
  const lt = await largeTextCookie.parse(header);
  return {
    locale: l === "en" || l === "zh-CN" ? l : undefined,
    largeText: lt === "1" ? true : lt === "0" ? false : undefined,
  };
}
