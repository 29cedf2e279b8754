import { useTranslation } from "react-i18next";

type Share = { numerator: number; denominator: number; percent: number | null };

/** "n/d（p%）", or a dash when there is no one to count. */
export function OverviewShare({ share }: { share: Share | null | undefined }) {
  const { t } = useTranslation();
  if (!share || share.denominator === 0 || share.percent === null) return <span className="muted">{t("elections.overview.shareNone")}</span>;
  return <>{t("elections.overview.share", { n: share.numerator, d: share.denominator, pct: share.percent })}</>;
}

/** One share figure among the nominees and among the cleared candidates, on two lines. */
export function OverviewShares({ nominees, cleared }: { nominees: Share | null | undefined; cleared: Share | null | undefined }) {
  const { t } = useTranslation();
  if (!nominees && !cleared) return <span className="muted">{t("elections.overview.shareNone")}</span>;
  return (
    <>
      <div>
        {t("elections.overview.amongNominees")} <OverviewShare share={nominees} />
      </div>
      <div>
        {t("elections.overview.amongCleared")} <OverviewShare share={cleared} />
      </div>
    </>
  );
}
