// Exports the diagram(s) on screen as a standalone SVG (styles inlined, since Tailwind classes mean
// nothing outside the page) or as a PNG drawn from that SVG on a canvas, fit for a postmortem: a
// title block (Service, cluster/context, policy, time, trace inputs), the legend, and always the
// light theme whatever the page shows. Browser-only helpers.
import { LEGEND_SWATCHES, type LegendSwatch } from './diagram-style';

/** What the export's title block says. */
export interface ExportMeta {
  /** First line, e.g. `Service shop/web — external path`. */
  title: string;
  /** Further lines: cluster/context and time, the trace inputs when a trace is shown. */
  lines: string[];
}

/** Presentation properties copied from the computed style onto each exported element. */
const STYLE_PROPS = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-opacity',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'letter-spacing',
  'text-transform',
  'paint-order',
] as const;

/** Values equal to the SVG/CSS initial value are left out to keep the file small. */
const DEFAULTS: Record<string, string> = {
  'fill-opacity': '1',
  'stroke-opacity': '1',
  opacity: '1',
  'stroke-dasharray': 'none',
  'letter-spacing': 'normal',
  'text-transform': 'none',
  'paint-order': 'normal',
  'font-weight': '400',
};
/** Elements whose style does not matter (metadata). */
const NO_STYLE = new Set(['title', 'desc']);

const SVG_NS = 'http://www.w3.org/2000/svg';
const COLOUR_PROPS = new Set(['fill', 'stroke']);
const colourCache = new Map<string, string>();

/**
 * Converts a computed colour to `rgb()`/`rgba()`. Tailwind 4 colours compute to `lab()`/`oklch()`,
 * which many SVG viewers and editors do not understand; painting one pixel gives the sRGB value.
 */
function toRgb(colour: string): string {
  if (!/^(lab|lch|oklab|oklch|color)\(/.test(colour)) return colour;
  const hit = colourCache.get(colour);
  if (hit) return hit;
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 1;
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) return colour;
  ctx.fillStyle = colour;
  ctx.fillRect(0, 0, 1, 1);
  const [r, g, b, a] = ctx.getImageData(0, 0, 1, 1).data;
  const out = a === 255 ? `rgb(${r}, ${g}, ${b})` : `rgba(${r}, ${g}, ${b}, ${Math.round((a / 255) * 1000) / 1000})`;
  colourCache.set(colour, out);
  return out;
}
/** Room above each diagram for its caption in the export. */
const CAPTION_HEIGHT = 28;

/** Clones an on-screen SVG with computed styles inlined, classes and interaction attributes removed, zoom reset. */
function inlineClone(svg: SVGSVGElement): SVGSVGElement {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  // The font is set once on the diagram's root and left out where an element inherits it unchanged.
  const rootFont = getComputedStyle(svg).fontFamily;
  const src = [svg, ...svg.querySelectorAll('*')];
  const dst = [clone, ...clone.querySelectorAll('*')];
  src.forEach((el, i) => {
    const out = dst[i] as SVGElement;
    if (out !== clone && !NO_STYLE.has(el.localName)) {
      const cs = getComputedStyle(el);
      const style = STYLE_PROPS.map((p) => [p, cs.getPropertyValue(p)] as const)
        .filter(([p, v]) => v !== '' && DEFAULTS[p] !== v && !(p === 'font-family' && v === rootFont))
        .map(([p, v]) => `${p}:${COLOUR_PROPS.has(p) ? toRgb(v) : v}`)
        .join(';');
      if (style) out.setAttribute('style', style);
    }
    out.removeAttribute('class');
    for (const a of ['tabindex', 'role', 'aria-pressed', 'aria-describedby']) out.removeAttribute(a);
  });
  clone.setAttribute('style', `font-family:${rootFont}`);
  clone.querySelector('[data-zoom-layer]')?.removeAttribute('transform');
  return clone;
}

/** Runs `fn` with the light theme applied (the `dark` class off), restoring it before the next paint. */
function inLightTheme<T>(fn: () => T): T {
  const root = document.documentElement;
  const dark = root.classList.contains('dark');
  if (dark) root.classList.remove('dark');
  try {
    return fn();
  } finally {
    if (dark) root.classList.add('dark');
  }
}

const TEXT_COLOUR = 'rgb(15, 23, 42)';
const MUTED_COLOUR = 'rgb(71, 85, 105)';

function textEl(x: number, y: number, text: string, style: string): SVGTextElement {
  const t = document.createElementNS(SVG_NS, 'text');
  t.setAttribute('x', String(x));
  t.setAttribute('y', String(y));
  t.setAttribute('style', style);
  t.textContent = text;
  return t;
}

/** Width an entry of the legend takes: its mark, its words and the gap to the next. */
function swatchWidth(sw: LegendSwatch): number {
  const mark = sw.shape === 'glyph' ? (sw.glyph ?? '').length * 7 + 6 : 25;
  return mark + sw.text.length * 6.6 + 16;
}

/** The legend's entries placed left to right, wrapping onto a new row past `width`: x and row per entry. */
export function legendPlaces(width: number): { sw: LegendSwatch; x: number; row: number }[] {
  let x = 8;
  let row = 0;
  return (LEGEND_SWATCHES as LegendSwatch[]).map((sw) => {
    const w = swatchWidth(sw);
    if (x > 8 && x + w > width) {
      x = 8;
      row++;
    }
    const place = { sw, x, row };
    x += w;
    return place;
  });
}

/** Height of one legend row. */
const LEGEND_ROW = 18;

/** The legend as SVG rows: a swatch (bar, dashed line or glyphs) and words per entry. */
function legendRows(root: SVGSVGElement, top: number, width: number, font: string): void {
  const g = document.createElementNS(SVG_NS, 'g');
  g.setAttribute('data-export', 'legend');
  for (const { sw, x, row } of legendPlaces(width)) {
    const y = top + row * LEGEND_ROW;
    const words = `font-family:${font};font-size:12px;fill:${TEXT_COLOUR}`;
    if (sw.shape === 'glyph') {
      g.appendChild(
        textEl(x, y, sw.glyph ?? '', `font-family:${font};font-size:12px;font-weight:600;fill:${sw.colour}`),
      );
      g.appendChild(textEl(x + (sw.glyph ?? '').length * 7 + 6, y, sw.text, words));
      continue;
    }
    const mark =
      sw.shape === 'bar' ? document.createElementNS(SVG_NS, 'rect') : document.createElementNS(SVG_NS, 'line');
    if (sw.shape === 'bar') {
      mark.setAttribute('x', String(x));
      mark.setAttribute('y', String(y - 9));
      mark.setAttribute('width', '20');
      mark.setAttribute('height', '8');
      mark.setAttribute('style', `fill:${sw.colour}`);
    } else {
      mark.setAttribute('x1', String(x));
      mark.setAttribute('x2', String(x + 20));
      mark.setAttribute('y1', String(y - 5));
      mark.setAttribute('y2', String(y - 5));
      mark.setAttribute('style', `stroke:${sw.colour};stroke-width:2;stroke-dasharray:${sw.dash ?? 'none'}`);
    }
    g.appendChild(mark);
    g.appendChild(textEl(x + 25, y, sw.text, words));
  }
  root.appendChild(g);
}

/** Serialises the given diagrams, stacked, under a title block and legend into one standalone SVG. */
export function diagramsToSvg(
  svgs: SVGSVGElement[],
  meta: ExportMeta = { title: '', lines: [] },
): { text: string; width: number; height: number } {
  return inLightTheme(() => {
    const gap = 24;
    const font = getComputedStyle(svgs[0]).fontFamily;
    const sizes = svgs.map((s) => s.viewBox.baseVal);
    const width = Math.max(900, ...sizes.map((v) => v.width));
    const legendExtra = (legendPlaces(width).at(-1)?.row ?? 0) * LEGEND_ROW;
    const header = 16 + 24 + meta.lines.length * 18 + 30 + legendExtra;
    const height =
      header + sizes.reduce((h, v) => h + v.height + CAPTION_HEIGHT, 0) + gap * Math.max(0, svgs.length - 1);
    const root = document.createElementNS(SVG_NS, 'svg') as SVGSVGElement;
    root.setAttribute('xmlns', SVG_NS);
    root.setAttribute('viewBox', `0 0 ${width} ${height}`);
    root.setAttribute('width', String(width));
    root.setAttribute('height', String(height));
    const bg = document.createElementNS(SVG_NS, 'rect');
    bg.setAttribute('width', String(width));
    bg.setAttribute('height', String(height));
    bg.setAttribute('style', 'fill:rgb(255, 255, 255)');
    root.appendChild(bg);
    const docTitle = document.createElementNS(SVG_NS, 'title');
    docTitle.textContent = meta.title;
    root.appendChild(docTitle);
    root.appendChild(
      textEl(8, 30, meta.title, `font-family:${font};font-size:18px;font-weight:700;fill:${TEXT_COLOUR}`),
    );
    meta.lines.forEach((line, i) =>
      root.appendChild(textEl(8, 52 + i * 18, line, `font-family:${font};font-size:13px;fill:${MUTED_COLOUR}`)),
    );
    legendRows(root, header - 10 - legendExtra, width, font);
    let y = header;
    svgs.forEach((svg, i) => {
      // Caption: which policy this is and whether it is the actual one (the card header on screen).
      const title = svg.querySelector('title');
      root.appendChild(
        textEl(
          8,
          y + 19,
          svg.getAttribute('aria-label') ?? title?.textContent ?? '',
          `font-family:${font};font-size:15px;font-weight:600;fill:${TEXT_COLOUR}`,
        ),
      );
      const clone = inlineClone(svg);
      clone.setAttribute('x', '0');
      clone.setAttribute('y', String(y + CAPTION_HEIGHT));
      clone.setAttribute('width', String(sizes[i].width));
      clone.setAttribute('height', String(sizes[i].height));
      root.appendChild(clone);
      y += sizes[i].height + CAPTION_HEIGHT + gap;
    });
    const text = `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(root)}`;
    return { text, width, height };
  });
}

/** Offers a Blob as a download under `fileName`. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Give the browser time to start the download before revoking.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Downloads the diagrams as an SVG file. */
export function exportSvg(svgs: SVGSVGElement[], fileName: string, meta: ExportMeta): void {
  const { text } = diagramsToSvg(svgs, meta);
  downloadBlob(new Blob([text], { type: 'image/svg+xml;charset=utf-8' }), fileName);
}

/** Downloads the diagrams as a PNG (2× scale) rendered from the exported SVG. */
export async function exportPng(svgs: SVGSVGElement[], fileName: string, meta: ExportMeta): Promise<void> {
  const { text, width, height } = diagramsToSvg(svgs, meta);
  const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml;charset=utf-8' }));
  try {
    const img = new Image();
    img.decoding = 'async';
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error('the browser could not render the SVG'));
      img.src = url;
    });
    const scale = 2;
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(width * scale);
    canvas.height = Math.ceil(height * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2D canvas');
    ctx.scale(scale, scale);
    ctx.drawImage(img, 0, 0, width, height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!blob) throw new Error('the canvas produced no PNG');
    downloadBlob(blob, fileName);
  } finally {
    URL.revokeObjectURL(url);
  }
}
