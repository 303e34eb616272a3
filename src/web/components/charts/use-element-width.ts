// The width of an element in CSS pixels, kept current as the window or layout changes, so a chart draws at its
// real size (text stays readable on a phone instead of being scaled down with the drawing).
import { useEffect, useRef, useState } from 'react';

/** A ref to put on the element and its current width (`fallback` until measured). */
export function useElementWidth<T extends HTMLElement>(fallback = 600) {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(fallback);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => setWidth(Math.max(200, Math.floor(element.getBoundingClientRect().width)));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return { ref, width };
}
