// An area of the console laid out as a side list of its sections beside the chosen one: administration, reports,
// quality and community share it, so their navigation looks and reads the same.
import type { ReactNode } from 'react';
import { Link } from '@tanstack/react-router';

/** One entry of the side list: the slug in the address and the title shown. */
export interface Section {
  slug: string;
  title: string;
}

/** The side navigation of an area's sections (a landmark named by `label`) and the content beside it. */
export function SectionLayout(props: {
  label: string;
  to: '/admin/$section' | '/reports/$section' | '/quality/$section' | '/community/$section';
  sections: readonly Section[];
  children: ReactNode;
}) {
  return (
    <div className="section-layout">
      <nav aria-label={props.label} className="section-nav">
        <ul>
          {props.sections.map((s) => (
            <li key={s.slug}>
              <Link to={props.to} params={{ section: s.slug }} activeProps={{ 'aria-current': 'page' }}>
                {s.title}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <div className="section-content">{props.children}</div>
    </div>
  );
}
