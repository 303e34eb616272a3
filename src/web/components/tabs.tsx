// Tabs in the WAI-ARIA pattern: a tablist of buttons (arrow keys, Home and End move between them) and one panel.
import { useId, useRef, type KeyboardEvent, type ReactNode } from 'react';

/** Tabs whose selection is owned by the caller (so it can live in the URL). */
export function Tabs(props: {
  label: string;
  tabs: { id: string; label: string }[];
  selected: string;
  onSelect(id: string): void;
  children: ReactNode;
}) {
  const base = useId();
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const index = Math.max(
    0,
    props.tabs.findIndex((t) => t.id === props.selected),
  );
  const move = (event: KeyboardEvent, to: number) => {
    event.preventDefault();
    const target = (to + props.tabs.length) % props.tabs.length;
    props.onSelect(props.tabs[target]!.id);
    refs.current[target]?.focus();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowRight' || event.key === 'ArrowDown') move(event, index + 1);
    else if (event.key === 'ArrowLeft' || event.key === 'ArrowUp') move(event, index - 1);
    else if (event.key === 'Home') move(event, 0);
    else if (event.key === 'End') move(event, props.tabs.length - 1);
  };
  return (
    <div className="tabs">
      <div role="tablist" aria-label={props.label} className="tablist" onKeyDown={onKeyDown}>
        {props.tabs.map((tab, i) => (
          <button
            key={tab.id}
            ref={(el) => {
              refs.current[i] = el;
            }}
            type="button"
            role="tab"
            id={`${base}-tab-${tab.id}`}
            aria-selected={i === index}
            aria-controls={`${base}-panel`}
            tabIndex={i === index ? 0 : -1}
            onClick={() => props.onSelect(tab.id)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      <div
        role="tabpanel"
        id={`${base}-panel`}
        aria-labelledby={`${base}-tab-${props.tabs[index]?.id}`}
        className="tabpanel"
      >
        {props.children}
      </div>
    </div>
  );
}
