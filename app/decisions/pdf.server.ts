/**
 * The printed documents of a meeting as A4 PDFs (issue 6): the notice, the roll extract per building and the
 * pre-filled paper ballots, for the notice board and for owners who do not use phones. pdfmake lays them out;
 * the vendored Noto Sans SC (./fonts, OFL) is read once per process and each PDF embeds only the glyphs it uses
 * (docs/decisions/006-pdf.md). The generators take plain data (./print.server.ts) and return the PDF bytes.
 */
import fs from "node:fs";
import pdfmake from "pdfmake";
import type { Content, TDocumentDefinitions } from "pdfmake/interfaces";
import { DEFAULT_LOCALE, type Locale } from "~/i18n/config";
import { formatArea, formatDate, formatDateTime } from "~/i18n/format";
import { i18nServer } from "~/i18n/i18n.server";
import { formatCode } from "./paper.server";
import { FONT_FILE, woffToSfnt } from "./pdf-font.server";
import type { BallotsData, NoticeData, RollData } from "./print.server";
import { thresholdFor } from "./rules";

const FAMILY = "NotoSansSC";

let fontLoads = 0;
let fontsReady = false;

/** How many times this process has read the font file (1 after the first PDF, ever after). */
export function pdfFontLoads(): number {
  return fontLoads;
}

/** Read and register the font once per process; documents refer to it by name in pdfmake's virtual file system. */
function ensureFonts() {
  if (fontsReady) return;
  const file = `${FAMILY}.ttf`;
  (pdfmake as unknown as { virtualfs: { writeFileSync(name: string, data: Buffer): void } }).virtualfs.writeFileSync(file, woffToSfnt(fs.readFileSync(FONT_FILE)));
  fontLoads += 1;
  // One weight only: "bold" text is set larger instead, never synthesised.
  pdfmake.addFonts({ [FAMILY]: { normal: file, bold: file, italics: file, bolditalics: file } });
  // Documents hold only our own text and shapes: no remote or local file is ever fetched.
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy(() => false);
  fontsReady = true;
}

type T = (key: string, options?: Record<string, unknown>) => string;

/** A PDF download; `no-store`, since ballots carry their codes. */
export function pdfResponse(pdf: Buffer, filename: string): Response {
  // pdfmake's buffer is Buffer.concat's, backed by a plain ArrayBuffer.
  return new Response(pdf as Buffer<ArrayBuffer>, {
    headers: { "Content-Type": "application/pdf", "Content-Disposition": `attachment; filename="${filename}"`, "Cache-Control": "private, no-store" },
  });
}

async function render(doc: TDocumentDefinitions): Promise<Buffer> {
  ensureFonts();
  return pdfmake.createPdf(doc).getBuffer();
}

const base = (title: string, content: Content, footer?: TDocumentDefinitions["footer"]): TDocumentDefinitions => ({
  pageSize: "A4",
  pageMargins: [56, 56, 56, 56],
  info: { title, creator: "Gongzhi" },
  defaultStyle: { font: FAMILY, fontSize: 11, lineHeight: 1.35 },
  styles: {
    org: { fontSize: 10, color: "#444444", alignment: "center" },
    h1: { fontSize: 18, alignment: "center", margin: [0, 4, 0, 12] },
    h2: { fontSize: 14, margin: [0, 12, 0, 6] },
    h3: { fontSize: 12, margin: [0, 8, 0, 2] },
    muted: { fontSize: 9.5, color: "#444444" },
    warn: { fontSize: 12, color: "#b00020", alignment: "center", margin: [0, 0, 0, 8] },
    th: { fontSize: 10 },
  },
  content,
  footer,
});

const pageFooter = (t: T) => (n: number, of: number): Content => ({ text: t("decisions.pdf.page", { n, of }), style: "muted", alignment: "center", margin: [0, 20, 0, 0] });

/** Minutes, in Asia/Shanghai. */
const when = (d: Date, locale: Locale) => formatDateTime(d, locale);
/** 0.01 m² as "1,234.56" (the unit is in the label). */
const m2 = (centi: number | bigint | string, locale: Locale) => formatArea(BigInt(centi), locale).replace(/ m²$/, "");

export async function noticePdf(n: NoticeData, locale: Locale = DEFAULT_LOCALE): Promise<Buffer> {
  const t: T = await i18nServer.getFixedT(locale);
  const scope = n.building ? t("decisions.scopeBuilding", { name: n.building }) : t("decisions.scopeCompound");
  const content: Content[] = [
    { text: n.compound, style: "org" },
    { text: t("decisions.noticeTitle", { title: n.title }), style: "h1" },
    n.status === "draft" ? { text: t("decisions.pdf.draft"), style: "warn" } : "",
    { text: t("decisions.noticeIntro", { scope, form: t(`decisions.forms.${n.form}`), opens: when(n.opensAt, locale), closes: when(n.closesAt, locale) }), margin: [0, 0, 0, 6] },
    { text: t("decisions.quorumWords") + (locale === "en" ? "." : "。"), margin: [0, 0, 0, 6] },
    { text: t("decisions.agenda"), style: "h2" },
    ...n.motions.flatMap((m, i): Content[] => [
      { text: `${i + 1}. ${m.title}`, style: "h3" },
      {
        text: `${t("decisions.pdf.category", { category: t(`decisions.categories.${m.category}`) })}；${t(thresholdFor(m.category) === "special" ? "decisions.thresholdSpecial" : "decisions.thresholdOrdinary")}`,
        style: "muted",
      },
      { text: m.text, margin: [0, 2, 0, 4] },
    ]),
    { text: t("decisions.noticeRoll"), margin: [0, 12, 0, 0] },
    {
      stack: [t("decisions.pdf.noticeBy", { compound: n.compound }), n.noticedAt ? t("decisions.pdf.noticedOn", { date: formatDate(n.noticedAt, locale) }) : ""],
      alignment: "right",
      margin: [0, 24, 0, 0],
    },
  ];
  return render(base(t("decisions.noticeTitle", { title: n.title }), content, pageFooter(t)));
}

export async function rollExtractPdf(r: RollData, locale: Locale = DEFAULT_LOCALE): Promise<Buffer> {
  const t: T = await i18nServer.getFixedT(locale);
  const sections = r.buildings.flatMap((b, i): Content[] => {
    const units = b.rows.length;
    const area = b.rows.reduce((s, x) => s + BigInt(x.area), 0n);
    return [
      { text: b.name, style: "h2", pageBreak: i > 0 ? "before" : undefined },
      units === 0
        ? { text: t("decisions.pdf.noEntries"), style: "muted" }
        : {
            table: {
              headerRows: 1,
              dontBreakRows: true,
              widths: ["auto", "auto", "*", "auto"],
              body: [
                [t("decisions.unit"), t("decisions.pdf.areaM2"), t("decisions.owners"), t("decisions.voterNo")].map((h) => ({ text: h, style: "th", fillColor: "#eeeeee" })),
                ...b.rows.map((x) => [
                  x.unit,
                  { text: m2(x.area, locale), alignment: "right" as const },
                  x.developer ? t("decisions.developer") : x.owners.join("、"),
                  { text: x.voter === null ? "—" : String(x.voter), alignment: "right" as const },
                ]),
              ],
            },
            fontSize: 10,
            layout: { hLineWidth: () => 0.5, vLineWidth: () => 0.5, hLineColor: () => "#999999", vLineColor: () => "#999999", paddingTop: () => 1, paddingBottom: () => 1 },
          },
      { text: t("decisions.pdf.buildingTotals", { units, area: m2(area, locale) }), margin: [0, 6, 0, 0] },
    ];
  });
  const content: Content[] = [
    { text: r.compound, style: "org" },
    { text: t("decisions.pdf.rollTitle", { title: r.title }), style: "h1" },
    { text: r.frozen ? t("decisions.rollFrozen") : `${t("decisions.rollDraft")} · ${t("decisions.pdf.rollAsOf", { day: r.day })}`, style: "muted" },
    { text: t("decisions.rollTotals", { heads: r.total.heads, area: formatArea(BigInt(r.total.area), locale) }), margin: [0, 2, 0, 0] },
    { text: t("decisions.pdf.rollPrivacy"), style: "muted", margin: [0, 2, 0, 0] },
    ...sections,
  ];
  return render(base(t("decisions.pdf.rollTitle", { title: r.title }), content, pageFooter(t)));
}

/** An empty square to tick, drawn (not a glyph, so no font needs a ballot-box character). */
const grid = { hLineWidth: () => 0.5, vLineWidth: () => 0.5, hLineColor: () => "#999999", vLineColor: () => "#999999", paddingTop: () => 8, paddingBottom: () => 8 };

/** Cells two to a row (a blank cell fills the last row). */
function pairs(cells: Content[]): Content[][] {
  const rows: Content[][] = [];
  for (let i = 0; i < cells.length; i += 2) rows.push([cells[i], cells[i + 1] ?? { text: "" }]);
  return rows;
}

const box = (label: string): Content => ({
  columns: [
    { width: 16, canvas: [{ type: "rect", x: 0, y: 1, w: 13, h: 13, lineWidth: 1 }] },
    { width: "auto", text: label },
  ],
  columnGap: 4,
});

export async function ballotsPdf(b: BallotsData, locale: Locale = DEFAULT_LOCALE): Promise<Buffer> {
  const t: T = await i18nServer.getFixedT(locale);
  const closes = when(b.decision.closesAt, locale);
  const pages = b.voters.map((v, i): Content => ({
    pageBreak: i > 0 ? "before" : undefined,
    stack: [
      { text: b.decision.compound, style: "org" },
      { text: t("decisions.pdf.ballotTitle"), style: "h1", margin: [0, 4, 0, 2] },
      { text: b.decision.title, alignment: "center", fontSize: 13, margin: [0, 0, 0, 12] },
      {
        columns: [
          {
            width: "*",
            stack: [
              t("decisions.pdf.ballotVoter", { owners: v.ownersMasked }),
              t("decisions.pdf.ballotUnits", { units: v.units.join("、") }),
              t("decisions.pdf.ballotArea", { area: m2(v.area, locale) }),
            ],
          },
          {
            width: "auto",
            table: { body: [[{ stack: [{ text: t("decisions.pdf.ballotCode"), style: "muted" }, { text: formatCode(v.code), fontSize: 22, characterSpacing: 1 }], margin: [8, 4, 8, 4] }]] },
          },
        ],
        columnGap: 12,
        margin: [0, 0, 0, 12],
      },
      ...(b.motions.some((m) => m.kind !== "election")
        ? [
            {
              table: {
                headerRows: 1,
                dontBreakRows: true,
                widths: ["*", 62, 62, 62],
                body: [
                  [t("decisions.motion"), t("decisions.choice.yes"), t("decisions.choice.no"), t("decisions.choice.abstain")].map((h) => ({ text: h, style: "th", fillColor: "#eeeeee" })),
                  ...b.motions.flatMap((m, k) => (m.kind === "election" ? [] : [[`${k + 1}. ${m.title}`, box(t("decisions.choice.yes")), box(t("decisions.choice.no")), box(t("decisions.choice.abstain"))]])),
                ],
              },
              layout: grid,
            } as Content,
          ]
        : []),
      // An election: one box per candidate, "choose up to N", and an abstain box.
      ...b.motions.flatMap((m, k): Content[] =>
        m.kind !== "election"
          ? []
          : [
              { text: `${k + 1}. ${m.title}（${t("decisions.election.chooseUpTo", { n: m.seats ?? 0 })}）`, style: "h3", margin: [0, 10, 0, 4] },
              {
                table: {
                  dontBreakRows: true,
                  widths: ["*", "*"],
                  body: pairs([...m.candidates.map((name) => box(name)), box(t("decisions.election.abstain"))]),
                },
                layout: grid,
              },
            ],
      ),
      { text: t("decisions.pdf.ballotHow"), style: "h3", margin: [0, 14, 0, 2] },
      {
        ul: [t("decisions.pdf.ballotMark"), t("decisions.pdf.ballotReturn", { closes }), t("decisions.pdf.ballotOnce")],
        fontSize: 10,
      },
      {
        columns: [
          { width: "*", text: `${t("decisions.pdf.signature")} ______________________` },
          { width: "auto", text: `${t("decisions.pdf.signedOn")} ______________` },
        ],
        margin: [0, 36, 0, 0],
      },
    ],
  }));
  const content: Content[] = pages.length ? pages : [{ text: t("decisions.pdf.noVoters"), margin: [0, 40, 0, 0] }];
  return render(base(`${t("decisions.pdf.ballotTitle")}：${b.decision.title}`, content));
}
