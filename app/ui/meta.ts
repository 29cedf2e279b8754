import type { MetaFunction } from "@remix-run/node";
import { resources, type Locale } from "~/i18n/config";

function lookup(locale: Locale, key: string): string {
  let o: unknown = resources[locale].common;
  for (const k of key.split(".")) o = (o as Record<string, unknown> | undefined)?.[k];
  return typeof o === "string" ? o : key;
}

function rootLocale(matches: { id: string; data: unknown }[]): Locale {
  const l = (matches.find((m) => m.id === "root")?.data as { locale?: Locale } | undefined)?.locale;
  return l === "en" ? "en" : "zh-CN";
}

/** A page title in the reader's language: "<title> · 共治" / "<title> · Gongzhi". */
export function titled(key: string): MetaFunction {
  return ({ matches }) => {
    const l = rootLocale(matches);
    return [{ title: `${lookup(l, key)} · ${lookup(l, "app.name")}` }];
  };
}

/** A title taken from the page's own data (a compound's or a notice's name). */
export function titledBy<T>(pick: (data: T | undefined) => string | undefined): MetaFunction {
  return ({ matches, data }) => {
    const l = rootLocale(matches);
    const name = pick(data as T | undefined);
    return [{ title: name ? `${name} · ${lookup(l, "app.name")}` : lookup(l, "app.name") }];
  };
}
