// Exports the diagram(s) on screen as a standalone SVG (styles inlined, since Tailwind classes mean
// nothing outside the page) or as a PNG drawn from that SVG on a canvas. Browser-only helpers.

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

/** Serialises the given diagrams side by side into one standalone SVG document. */
export function diagramsToSvg(svgs: SVGSVGElement[]): { text: string; width: number; height: number } {
  const gap = 24;
  const sizes = svgs.map((s) => s.viewBox.baseVal);
  const width = sizes.reduce((w, v) => w + v.width, 0) + gap * Math.max(0, svgs.length - 1);
  const height = Math.max(...sizes.map((v) => v.height)) + CAPTION_HEIGHT;
  const root = document.createElementNS(SVG_NS, 'svg');
  root.setAttribute('xmlns', SVG_NS);
  root.setAttribute('viewBox', `0 0 ${width} ${height}`);
  root.setAttribute('width', String(width));
  root.setAttribute('height', String(height));
  const background = toRgb(getComputedStyle(svgs[0].querySelector('rect') ?? svgs[0]).fill || 'white');
  const bg = document.createElementNS(SVG_NS, 'rect');
  bg.setAttribute('width', String(width));
  bg.setAttribute('height', String(height));
  bg.setAttribute('style', `fill:${background}`);
  root.appendChild(bg);
  let x = 0;
  svgs.forEach((svg, i) => {
    // Caption: which policy this is and whether it is the actual one (the card header on screen).
    const caption = document.createElementNS(SVG_NS, 'text');
    caption.setAttribute('x', String(x + 8));
    caption.setAttribute('y', '19');
    const title = svg.querySelector('title');
    caption.setAttribute(
      'style',
      `font-family:${getComputedStyle(svg).fontFamily};font-size:15px;font-weight:600;fill:${toRgb(getComputedStyle(svg).color || '#0f172a')}`,
    );
    caption.textContent = svg.getAttribute('aria-label') ?? title?.textContent ?? '';
    root.appendChild(caption);
    const clone = inlineClone(svg);
    clone.setAttribute('x', String(x));
    clone.setAttribute('y', String(CAPTION_HEIGHT));
    clone.setAttribute('width', String(sizes[i].width));
    clone.setAttribute('height', String(sizes[i].height));
    root.appendChild(clone);
    x += sizes[i].width + gap;
  });
  const text = `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(root)}`;
  return { text, width, height };
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
export function exportSvg(svgs: SVGSVGElement[], fileName: string): void {
  const { text } = diagramsToSvg(svgs);
  downloadBlob(new Blob([text], { type: 'image/svg+xml;charset=utf-8' }), fileName);
}

/** Downloads the diagrams as a PNG (2× scale) rendered from the exported SVG. */
export async function exportPng(svgs: SVGSVGElement[], fileName: string): Promise<void> {
  const { text, width, height } = diagramsToSvg(svgs);
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
