/** SVG to PNG on the server, with resvg (its binary comes inside the npm package; no browser, no download). */
import { Resvg } from '@resvg/resvg-js';

/** Renders an SVG document to PNG bytes. */
export function svgToPng(svg: string): Buffer {
  return new Resvg(svg, { font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' }, background: '#ffffff' }).render().asPng();
}
