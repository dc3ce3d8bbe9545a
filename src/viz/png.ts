import { createRequire } from 'node:module';
import { Resvg } from '@resvg/resvg-js';

const require = createRequire(import.meta.url);

/**
 * The DejaVu Sans font file shipped in the `dejavu-fonts-ttf` package: PNGs do not depend on the
 * fonts of the machine (with none, resvg would silently drop every text).
 *
 * @example
 * ```ts
 * DEJAVU_SANS.endsWith('DejaVuSans.ttf'); // true
 * ```
 */
export const DEJAVU_SANS: string = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');

/**
 * Renders an SVG chart to PNG bytes with resvg and the shipped DejaVu Sans (system fonts are not
 * loaded, so the same SVG gives the same PNG on every machine). `scale` enlarges the image
 * (2 gives a sharp picture on high-density screens).
 *
 * @example
 * ```ts
 * writeFileSync('utilization.png', svgToPng(utilizationChart(data)));
 * ```
 */
export function svgToPng(svg: string, scale = 1): Buffer {
  const resvg = new Resvg(svg, {
    font: {
      loadSystemFonts: false,
      fontFiles: [DEJAVU_SANS],
      defaultFontFamily: 'DejaVu Sans',
      sansSerifFamily: 'DejaVu Sans',
    },
    fitTo: scale === 1 ? { mode: 'original' } : { mode: 'zoom', value: scale },
    background: '#ffffff',
  });
  return resvg.render().asPng();
}
