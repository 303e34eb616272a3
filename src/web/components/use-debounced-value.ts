// A value that follows another once it has stopped changing for a moment: a preview or a type-ahead asks the server
// once per pause in typing, not once per key.
import { useEffect, useState } from 'react';

/** `value`, `delayMs` after its last change. */
export function useDebouncedValue<T>(value: T, delayMs = 300): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}
