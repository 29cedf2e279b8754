import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Form,
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useChangeLanguage } from "remix-i18next/react";
import stylesHref from "~/styles/app.css?url";
import { useNonce } from "~/ui/nonce";
import { getLargeText, getLocale } from "~/i18n/i18n.server";
import { getActor } from "~/auth/guard.server";
import { config } from "~/config.server";
import { now } from "~/clock.server";
import { homeTargets } from "~/platform/home";
import { roleHas } from "~/auth/permissions";
import { formatDateTime } from "~/i18n/format";
import type { Locale } from "~/i18n/config";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesHref },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "共治 Gongzhi" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await getActor(request);
  const locale: Locale = actor ? actor.user.locale : await getLocale(request);
  const largeText = actor ? actor.user.largeText : await getLargeText(request);
  const c = config();
  const roles = actor ? [...new Set(actor.grants.map((g) => g.role))] : [];
  return {
    locale,
    largeText,
    requestId: context.requestId,
    demo: c.mode === "demo",
    clock: c.mode === "demo" ? now().toISOString() : null,
    user: actor
      ? {
          name: actor.user.name,
          homes: homeTargets(actor.grants).length,
          canAudit: roles.some((r) => roleHas(r, "audit:read")),
          canManageUsers: roles.some((r) => roleHas(r, "user:manage")),
          canMoveClock: c.mode === "demo" && roles.some((r) => roleHas(r, "clock:advance")),
          canManageCalendar: roles.some((r) => roleHas(r, "calendar:manage")),
          canReview: roles.some((r) => roleHas(r, "election:review")),
          canViewCompanies: roles.some((r) => roleHas(r, "company:view")),
        }
      : null,
  };
}

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const nonce = useNonce();
  const locale = data?.locale ?? "zh-CN";
  return (
    <html lang={locale} className={data?.largeText ? "large-text" : undefined}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

function Header() {
  const data = useRouteLoaderData<typeof loader>("root");
  const { t } = useTranslation();
  const location = useLocation();
  const next = location.pathname + location.search;
  const user = data?.user;
  const locale = data?.locale ?? "zh-CN";
  return (
    <>
      <a className="skip-link" href="#main">
        {t("nav.skip")}
      </a>
      {data?.demo ? (
        <div className="demo-banner" role="note">
          <div className="bar">
            <strong>{t("demo.banner")}</strong>
            {data.clock ? <span>{t("demo.clock", { time: formatDateTime(data.clock, locale) })}</span> : null}
            <Link to="/dev/outbox">{t("demo.outbox")}</Link>
            {user?.canMoveClock ? <Link to="/dev/clock">{t("demo.moveClock")}</Link> : null}
          </div>
        </div>
      ) : null}
      <header className="site-header">
        <div className="bar">
          <Link to="/" className="brand">
            {t("app.name")}
          </Link>
          {user ? (
            <nav className="site-nav" aria-label={t("nav.main")}>
              <ul>
                <li>
                  <NavLink to="/" end>
                    {t("nav.home")}
                  </NavLink>
                </li>
                {user.canManageUsers ? (
                  <li>
                    <NavLink to="/admin/users">{t("nav.users")}</NavLink>
                  </li>
                ) : null}
                {user.canAudit ? (
                  <li>
                    <NavLink to="/audit">{t("nav.audit")}</NavLink>
                  </li>
                ) : null}
                {user.canReview ? (
                  <li>
                    <NavLink to="/vetting">{t("elections.queue.title")}</NavLink>
                  </li>
                ) : null}
                {user.canViewCompanies ? (
                  <li>
                    <NavLink to="/companies">{t("governance.companies.title")}</NavLink>
                  </li>
                ) : null}
                {user.canManageCalendar ? (
                  <li>
                    <NavLink to="/city/calendar">{t("calendar.title")}</NavLink>
                  </li>
                ) : null}
                <li>
                  <NavLink to="/account">{t("nav.account")}</NavLink>
                </li>
              </ul>
            </nav>
          ) : null}
          <div className="prefs">
            <Form method="post" action="/prefs">
              <input type="hidden" name="locale" value={locale === "en" ? "zh-CN" : "en"} />
              <input type="hidden" name="next" value={next} />
              <button type="submit" lang={locale === "en" ? "zh-CN" : "en"}>
                {locale === "en" ? "中文" : "English"}
              </button>
            </Form>
            <Form method="post" action="/prefs">
              <input type="hidden" name="largeText" value={data?.largeText ? "off" : "on"} />
              <input type="hidden" name="next" value={next} />
              <button type="submit" aria-pressed={data?.largeText ? true : false}>
                {t("prefs.largeText")}
              </button>
            </Form>
            {user ? (
              <Form method="post" action="/logout">
                <button type="submit">{t("nav.logout", { name: user.name })}</button>
              </Form>
            ) : null}
          </div>
        </div>
      </header>
    </>
  );
}

export default function App() {
  const data = useRouteLoaderData<typeof loader>("root");
  useChangeLanguage(data?.locale ?? "zh-CN");
  return (
    <>
      <Header />
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const data = useRouteLoaderData<typeof loader>("root");
  const { t } = useTranslation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  return (
    <>
      <Header />
      <main id="main" tabIndex={-1}>
        <div className="card narrow">
          {status === 404 ? (
            <>
              <h1>{t("errors.notFoundTitle")}</h1>
              <p>{t("errors.notFoundBody")}</p>
            </>
          ) : status === 405 || status === 400 ? (
            <>
              <h1>{t("errors.badRequestTitle")}</h1>
              <p>{t("errors.badRequestBody")}</p>
            </>
          ) : (
            <>
              <h1>{t("errors.unexpectedTitle")}</h1>
              <p>{t("errors.unexpectedBody")}</p>
              {data?.requestId ? <p>{t("errors.reference", { ref: data.requestId })}</p> : null}
            </>
          )}
          <p>
            <Link to="/">{t("errors.backHome")}</Link>
          </p>
        </div>
      </main>
    </>
  );
}
