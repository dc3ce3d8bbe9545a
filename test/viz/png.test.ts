import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { DEJAVU_SANS, svgToPng, utilizationChart } from '../../src/viz/index.ts';
import { existsSync } from 'node:fs';

/** Decodes a PNG (by rendering it back through resvg as an <image>) into RGBA pixels. */
function pixelsOf(png: Buffer, width: number, height: number): Buffer {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><image href="data:image/png;base64,${png.toString('base64')}" width="${width}" height="${height}"/></svg>`;
  return new Resvg(svg, { font: { loadSystemFonts: false } }).render().pixels;
}

/** Variance of the grey level over all pixels (0 for a blank image). */
function greyVariance(rgba: Buffer): number {
  let sum = 0;
  let sq = 0;
  const n = rgba.length / 4;
  for (let i = 0; i < rgba.length; i += 4) {
    const g = ((rgba[i] as number) + (rgba[i + 1] as number) + (rgba[i + 2] as number)) / 3;
    sum += g;
    sq += g * g;
  }
  return sq / n - (sum / n) ** 2;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('svgToPng', () => {
  it('uses the DejaVu Sans file of the installed dejavu-fonts-ttf package', () => {
    expect(DEJAVU_SANS).toMatch(/node_modules\/dejavu-fonts-ttf\/ttf\/DejaVuSans\.ttf$/);
    expect(existsSync(DEJAVU_SANS)).toBe(true);
  });

  it('renders a chart to a PNG that is not blank', () => {
    const svg = utilizationChart({
      resource: 'cpus',
      stepSeconds: 600,
      allocated: { a: [0.2, 0.6, 0.4], b: [0.3, 0.1, 0.2] },
      used: { a: [0.1, 0.5, 0.3], b: [0.2, 0.1, 0.1] },
    });
    const png = svgToPng(svg);
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    const rgba = pixelsOf(png, 760, 470);
    expect(rgba.length).toBe(760 * 470 * 4);
    // A white page has variance 0; coloured areas, axes and text give far more.
    expect(greyVariance(rgba)).toBeGreaterThan(500);
  });

  it('draws text with the shipped font (without a font, resvg drops text silently)', () => {
    const text =
      '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40" font-family="DejaVu Sans, sans-serif"><rect width="200" height="40" fill="#fff"/><text x="10" y="28" font-size="20">Utilization</text></svg>';
    const empty =
      '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40"><rect width="200" height="40" fill="#fff"/></svg>';
    expect(greyVariance(pixelsOf(svgToPng(empty), 200, 40))).toBe(0);
    expect(greyVariance(pixelsOf(svgToPng(text), 200, 40))).toBeGreaterThan(100);
  });

  it('scales: a factor of 2 doubles both sides', () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50"><rect width="50" height="50" fill="#000"/></svg>';
    const png = svgToPng(svg, 2);
    // Width and height are the first fields of the IHDR chunk, big-endian, at bytes 16 and 20.
    expect(png.readUInt32BE(16)).toBe(200);
    expect(png.readUInt32BE(20)).toBe(100);
  });

  it('is deterministic: the same SVG gives the same bytes', () => {
    const svg = utilizationChart({ resource: 'cpus', stepSeconds: 60, allocated: { a: [0.5] }, used: { a: [0.25] } });
    expect(svgToPng(svg).equals(svgToPng(svg))).toBe(true);
  });
});
