/**
 * Plain SVG bar charts for the district view, drawn with presentation attributes only (no CSS),
 * so the same SVG renders alike on screen and when saved as a PNG for a briefing: the SVG is
 * serialised, loaded as an image from a data URL, drawn on a canvas and saved by the backend (files.saveImage) where the user chose.
 */
import { forwardRef } from 'react';

export interface BarSeries {
  label: string;
  color: string;
  values: number[];
}

interface Props {
  title: string;
  categories: string[];
  series: BarSeries[];
  width?: number;
  testId?: string;
}

const FONT = 'Microsoft YaHei, PingFang SC, Noto Sans CJK SC, WenQuanYi Micro Hei, sans-serif';

/** Horizontal grouped bars: one row per category, one bar per series, values written at the bar's end. */
export const BarChart = forwardRef<SVGSVGElement, Props>(function BarChart({ title, categories, series, width = 640, testId }, ref) {
  const labelW = 170;
  const barH = 14;
  const gap = 4;
  const groupGap = 12;
  const top = 40;
  const legendH = 24;
  const groupH = series.length * (barH + gap) - gap;
  const height = top + categories.length * (groupH + groupGap) + legendH + 10;
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  const plotW = width - labelW - 60;
  return (
    <svg ref={ref} xmlns="http://www.w3.org/2000/svg" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title} data-testid={testId} className="rv-chart">
      <rect x="0" y="0" width={width} height={height} fill="#ffffff" />
      <text x="12" y="24" fontFamily={FONT} fontSize="16" fontWeight="bold" fill="#0d2b4e">
        {title}
      </text>
      {categories.map((c, ci) => {
        const y0 = top + ci * (groupH + groupGap);
        return (
          <g key={c}>
            <text x={labelW - 8} y={y0 + groupH / 2 + 5} textAnchor="end" fontFamily={FONT} fontSize="13" fill="#1f2933">
              {c}
            </text>
            {series.map((s, si) => {
              const v = s.values[ci] ?? 0;
              const w = Math.round((v / max) * plotW);
              const y = y0 + si * (barH + gap);
              return (
                <g key={s.label}>
                  <rect x={labelW} y={y} width={Math.max(w, v > 0 ? 2 : 0)} height={barH} fill={s.color} />
                  <text x={labelW + w + 6} y={y + barH - 2} fontFamily={FONT} fontSize="12" fill="#3e4c59">
                    {v}
                  </text>
                </g>
              );
            })}
          </g>
        );
      })}
      <line x1={labelW} y1={top - 6} x2={labelW} y2={height - legendH - 10} stroke="#9aa5b1" strokeWidth="1" />
      {series.map((s, si) => (
        <g key={s.label}>
          <rect x={labelW + si * 160} y={height - legendH} width="12" height="12" fill={s.color} />
          <text x={labelW + si * 160 + 18} y={height - legendH + 11} fontFamily={FONT} fontSize="12" fill="#1f2933">
            {s.label}
          </text>
        </g>
      ))}
    </svg>
  );
});

/** The SVG as a PNG data URL (twice the size, for a sharp picture in a document). */
export function svgToPng(svg: SVGSVGElement): Promise<string> {
  const xml = new XMLSerializer().serializeToString(svg);
  const src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(xml)}`;
  const w = Number(svg.getAttribute('width')) || 640;
  const h = Number(svg.getAttribute('height')) || 400;
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => {
      const canvas = document.createElement('canvas');
      canvas.width = w * 2;
      canvas.height = h * 2;
      const ctx = canvas.getContext('2d');
      if (!ctx) return reject(new Error('no canvas'));
      ctx.scale(2, 2);
      ctx.drawImage(img, 0, 0, w, h);
      resolve(canvas.toDataURL('image/png'));
    };
    img.onerror = () => reject(new Error('svg image failed to load'));
    img.src = src;
  });
}
