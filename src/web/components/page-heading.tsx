// The h1 of a screen. It names the browser tab, and when a screen opens after a navigation it takes focus, so that a
// screen-reader user hears where they are and the next Tab starts from the top of the new content.
import { useEffect, useLayoutEffect, useRef, type HTMLAttributes } from 'react';

let firstScreen = true;

/** The screen's heading. */
export function PageHeading(props: HTMLAttributes<HTMLHeadingElement>) {
  const ref = useRef<HTMLHeadingElement>(null);
  // A layout effect, so the focus moves in the same commit that shows the heading: a key pressed right after (such as
  // "/" for the search) is never overtaken by a late move to the heading.
  useLayoutEffect(() => {
    if (firstScreen) {
      firstScreen = false;
      return;
    }
    ref.current?.focus();
  }, []);
  useEffect(() => {
    document.title = `${ref.current?.textContent ?? ''} — civicdesk`;
  });
  return <h1 tabIndex={-1} ref={ref} {...props} />;
}
