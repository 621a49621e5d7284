/** Trend charts: articles per month as a bar chart, drawn as SVG with digits only (the Chinese goes in the caption). */

export interface MonthCount {
  month: string;
  count: number;
}

/** Counts dated items per month, with every month between the first and the last present (zeros included). */
export function monthlyCounts(dates: Array<string | null>): MonthCount[] {
  const counts = new Map<string, number>();
  for (const d of dates) if (d && /^\d{4}-\d{2}/.test(d)) counts.set(d.slice(0, 7), (counts.get(d.slice(0, 7)) ?? 0) + 1);
  if (counts.size === 0) return [];
  const months = [...counts.keys()].sort();
  const out: MonthCount[] = [];
  let [y, m] = months[0]!.split('-').map(Number) as [number, number];
  const last = months[months.length - 1]!;
  for (;;) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    out.push({ month: key, count: counts.get(key) ?? 0 });
    if (key >= last) break;
    m++;
    if (m > 12) [y, m] = [y + 1, 1];
  }
  return out;
}

/** The month with the most items (the latest one on a tie). */
export function peak(series: MonthCount[]): MonthCount | null {
  return series.reduce<MonthCount | null>((best, c) => (!best || c.count >= best.count ? c : best), null);
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A bar chart of the series as an SVG document, 960×480, labelled with digits and Latin only. */
export function trendSvg(series: MonthCount[], label: string): string {
  const W = 960;
  const H = 480;
  const pad = { left: 56, right: 24, top: 48, bottom: 72 };
  const plotW = W - pad.left - pad.right;
  const plotH = H - pad.top - pad.bottom;
  const max = Math.max(1, ...series.map((c) => c.count));
  const step = Math.max(1, Math.ceil(max / 5));
  const top = Math.ceil(max / step) * step;
  const slot = plotW / Math.max(1, series.length);
  const bar = Math.max(1, slot * 0.7);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">`,
    `<rect width="${W}" height="${H}" fill="#ffffff"/>`,
    `<text x="${pad.left}" y="30" font-family="DejaVu Sans, Arial, sans-serif" font-size="18" fill="#222">${esc(label)}</text>`,
  ];
  for (let v = 0; v <= top; v += step) {
    const y = pad.top + plotH - (v / top) * plotH;
    parts.push(`<line x1="${pad.left}" x2="${W - pad.right}" y1="${y.toFixed(1)}" y2="${y.toFixed(1)}" stroke="#e5e5e5"/>`);
    parts.push(`<text x="${pad.left - 8}" y="${(y + 5).toFixed(1)}" text-anchor="end" font-family="DejaVu Sans, Arial, sans-serif" font-size="13" fill="#555">${v}</text>`);
  }
  const every = Math.max(1, Math.ceil(series.length / 12));
  // Every `every`-th month is labelled, and the last; a label too close before the last one gives way.
  const shown = new Set<number>();
  for (let i = 0; i < series.length; i += every) shown.add(i);
  const last = series.length - 1;
  if (!shown.has(last)) {
    const before = last - (last % every);
    if (last - before < every / 2 && before > 0) shown.delete(before);
    shown.add(last);
  }
  series.forEach((c, i) => {
    const x = pad.left + i * slot + (slot - bar) / 2;
    const h = (c.count / top) * plotH;
    if (c.count > 0) parts.push(`<rect x="${x.toFixed(1)}" y="${(pad.top + plotH - h).toFixed(1)}" width="${bar.toFixed(1)}" height="${h.toFixed(1)}" fill="#c0392b"/>`);
    if (shown.has(i)) {
      const cx = (pad.left + i * slot + slot / 2).toFixed(1);
      parts.push(`<text x="${cx}" y="${H - pad.bottom + 20}" text-anchor="middle" font-family="DejaVu Sans, Arial, sans-serif" font-size="12" fill="#555">${c.month}</text>`);
    }
  });
  parts.push(`<line x1="${pad.left}" x2="${W - pad.right}" y1="${pad.top + plotH}" y2="${pad.top + plotH}" stroke="#333"/>`);
  parts.push('</svg>');
  return parts.join('');
}
