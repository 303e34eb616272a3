// The one live region of the console: short messages ("Case routed to SNAP") appear as toasts and are read out by
// screen readers. Errors in forms are shown next to the form instead (see form-error.tsx).
import { createContext, useCallback, useContext, useRef, useState, type ReactNode } from 'react';

type Announce = (message: string) => void;
const AnnouncerContext = createContext<Announce>(() => {});

/** Provides announce() and renders the toast area. */
export function AnnouncerProvider({ children }: { children: ReactNode }) {
  const [messages, setMessages] = useState<{ id: number; text: string }[]>([]);
  const nextId = useRef(1);
  const announce = useCallback((text: string) => {
    const id = nextId.current++;
    // A message already showing is not shown (or read out) twice, e.g. when the same data arrives again.
    setMessages((list) => (list.some((m) => m.text === text) ? list : [...list.slice(-2), { id, text }]));
    setTimeout(() => setMessages((list) => list.filter((m) => m.id !== id)), 6000);
  }, []);
  return (
    <AnnouncerContext.Provider value={announce}>
      {children}
      <div className="toasts" role="status" aria-live="polite">
        {messages.map((m) => (
          <p key={m.id} className="toast">
            {m.text}
          </p>
        ))}
      </div>
    </AnnouncerContext.Provider>
  );
}

/** Returns announce(message): shows a toast and reads it out. */
export function useAnnounce(): Announce {
  return useContext(AnnouncerContext);
}
