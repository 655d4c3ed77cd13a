'use client';
// Zoom and pan for the diagram: d3-zoom owns only the gesture handling on the <svg>; the transform
// lives in React state and React applies it to a <g> (Hubble UI useMapZoom.ts; visx README).
// Wheel zoom needs Ctrl/⌘ so the page still scrolls over the diagram. Touch is left to the browser: d3-zoom
// would take every one-finger swipe that starts on the diagram (it cancels the touchmove), so on a phone a
// diagram taller than the screen held the page still; one finger now scrolls the page, and the diagram's
// scroller sideways, and two fingers zoom the page, as on any other page (e2e/service.spec.ts, "on a phone").
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { select, zoom, zoomIdentity, type ZoomBehavior, type ZoomTransform } from 'd3';

/** The current transform as an SVG `transform` attribute value. */
export function transformAttr(t: { x: number; y: number; k: number }): string {
  return `translate(${t.x},${t.y}) scale(${t.k})`;
}

/** Attaches d3-zoom to `svgRef`; returns the transform and a reset function. */
export function useDiagramZoom(svgRef: RefObject<SVGSVGElement | null>): {
  transform: ZoomTransform;
  reset: () => void;
  zoomed: boolean;
} {
  const [transform, setTransform] = useState<ZoomTransform>(zoomIdentity);
  const behaviour = useRef<ZoomBehavior<SVGSVGElement, unknown> | null>(null);

  useEffect(() => {
    const svg = svgRef.current;
    if (!svg) return;
    const z = zoom<SVGSVGElement, unknown>()
      .scaleExtent([0.4, 5])
      .filter((event: MouseEvent | WheelEvent | TouchEvent) => {
        if (event.type.startsWith('touch')) return false;
        if (event.type === 'wheel') return event.ctrlKey || event.metaKey;
        return !event.ctrlKey && !(event as MouseEvent).button;
      })
      .on('zoom', (event: { transform: ZoomTransform }) => setTransform(event.transform));
    behaviour.current = z;
    const selection = select(svg);
    selection.call(z).on('dblclick.zoom', null);
    return () => {
      selection.on('.zoom', null);
      behaviour.current = null;
    };
  }, [svgRef]);

  const reset = useCallback(() => {
    const svg = svgRef.current;
    if (svg && behaviour.current) select(svg).call(behaviour.current.transform, zoomIdentity);
  }, [svgRef]);

  return { transform, reset, zoomed: transform.k !== 1 || transform.x !== 0 || transform.y !== 0 };
}
