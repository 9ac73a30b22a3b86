/**
 * webob's `Accept.acceptable_offers` (1.8, the version Aodh 15 runs on): each offer takes the
 * q of the most specific media range that matches it (`type/subtype` over `type/*` over
 * `*\/*`); offers with q > 0 are acceptable, best q first, ties in the caller's order.
 * Aodh's error bodies (pecan and webob) and the healthcheck choose their format this way.
 */
export function acceptableOffers(header: string, offers: readonly string[]): string[] {
  const ranges = header
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const [range = '', ...params] = part.split(';').map((piece) => piece.trim());
      const qParam = params.find((param) => /^q=/i.test(param));
      const q = qParam === undefined ? 1 : Number(qParam.slice(2));
      return { range: range.toLowerCase(), q: Number.isFinite(q) ? q : 0 };
    });
  const scored = offers.map((offer, index) => {
    const [type] = offer.split('/');
    let best: { specificity: number; q: number } | undefined;
    for (const { range, q } of ranges) {
      const specificity = range === offer ? 3 : range === `${type}/*` ? 2 : range === '*/*' ? 1 : 0;
      if (specificity > 0 && (best === undefined || specificity > best.specificity)) best = { specificity, q };
    }
    return { offer, index, q: best?.q ?? 0 };
  });
  return scored
    .filter(({ q }) => q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .map(({ offer }) => offer);
}
