// Who wrote, picked from the people on file as the caseworker types (the people search, by name, email or phone), or
// entered as someone new. A WAI-ARIA combobox: arrows move through the suggestions, Enter picks, Escape closes the
// list (and, pressed again, clears the text); the last option always offers a new person with the typed name.
import { useId, useState, type KeyboardEvent } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, queryString } from '../../api/client.ts';
import type { Person } from '../../api/types.ts';
import { useDebouncedValue } from '../../components/use-debounced-value.ts';
import { humanize, languageName } from '../../format.ts';

interface PeoplePage {
  items: Person[];
  total: number;
}

const SUGGESTIONS = 8;
const MIN_CHARACTERS = 2;

/** One person as a suggestion reads: name, then how to reach them and what they are. */
export function personSummary(person: Person): string {
  const name = `${person.firstName} ${person.lastName}`.trim() || 'No name';
  const contact = [person.emails[0]?.value, person.phones[0]?.value].filter(Boolean).join(' · ');
  const extra = [person.organisation, person.kind !== 'constituent' ? humanize(person.kind) : null]
    .filter(Boolean)
    .join(', ');
  return [name, contact, extra].filter(Boolean).join(' — ');
}

/** The query the typed text makes: an email address exactly, anything else as words, digits or a phone number. */
function searchOf(text: string): Record<string, string | number> {
  return text.includes('@') ? { email: text, limit: SUGGESTIONS } : { q: text, limit: SUGGESTIONS };
}

export interface PersonPickerProps {
  /** A person on file was picked. */
  onPick(person: Person): void;
  /** "New person" was chosen: the typed text, to start the new person's name with. */
  onNew(typed: string): void;
}

/** The type-ahead over the people on file. */
export function PersonPicker({ onPick, onNew }: PersonPickerProps) {
  const id = useId();
  const listId = `${id}-list`;
  const hintId = `${id}-hint`;
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const typed = text.trim();
  const settled = useDebouncedValue(typed, 250);
  const people = useQuery({
    queryKey: ['people', 'type-ahead', settled],
    queryFn: () => api<PeoplePage>('GET', `/people${queryString(searchOf(settled))}`),
    enabled: settled.length >= MIN_CHARACTERS,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  const searching = typed.length >= MIN_CHARACTERS;
  const found = searching && settled.length >= MIN_CHARACTERS ? (people.data?.items ?? []) : [];
  // The options: the people found, then "new person".
  const count = found.length + 1;
  const expanded = open && searching;
  const optionId = (index: number) => `${id}-option-${index}`;

  const choose = (index: number) => {
    setOpen(false);
    setActive(-1);
    const person = found[index];
    if (person) {
      setText('');
      onPick(person);
    } else {
      onNew(typed);
    }
  };

  const keyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (!searching) return;
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setOpen(true);
      setActive((current) => (current < 0 ? (step > 0 ? 0 : count - 1) : (current + step + count) % count));
    } else if (event.key === 'Enter') {
      if (expanded && active >= 0) {
        event.preventDefault();
        choose(active);
      } else if (expanded) {
        event.preventDefault(); // Enter in the search box never submits the case half entered.
      }
    } else if (event.key === 'Escape') {
      if (expanded) {
        event.preventDefault();
        setOpen(false);
        setActive(-1);
      } else if (text) {
        event.preventDefault();
        setText('');
      }
    }
  };

  let status = '';
  if (searching && settled === typed && people.data && !people.isFetching) {
    status =
      found.length === 0
        ? `No one on file matches "${typed}".`
        : `${found.length === 1 ? '1 person' : `${found.length} people`} on file${people.data.total > found.length ? ` of ${people.data.total}` : ''}; arrow keys to choose.`;
  }

  return (
    <div className="field person-picker">
      <label htmlFor={id}>Find a person on file</label>
      <p className="hint" id={hintId}>
        Type a name, email or phone number of someone who wrote before. Leave it empty to enter a new person below.
      </p>
      <div className="combobox">
        <input
          id={id}
          type="text"
          role="combobox"
          autoComplete="off"
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listId}
          aria-describedby={hintId}
          aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setOpen(true);
            setActive(-1);
          }}
          onKeyDown={keyDown}
          onFocus={() => setOpen(true)}
          onBlur={() => setOpen(false)}
        />
        <ul id={listId} role="listbox" aria-label="People on file" className="combobox-list" hidden={!expanded}>
          {found.map((person, index) => (
            <li
              key={person.id}
              id={optionId(index)}
              role="option"
              aria-selected={index === active}
              // Picked on mouse down, before the input's blur closes the list.
              onMouseDown={(e) => {
                e.preventDefault();
                choose(index);
              }}
            >
              <span className="option-name">{`${person.firstName} ${person.lastName}`.trim() || 'No name'}</span>{' '}
              <span className="option-detail">
                {personSummary(person).split(' — ').slice(1).join(' — ')}
                {person.preferredLanguage !== 'en' ? ` (${languageName(person.preferredLanguage)})` : ''}
              </span>
            </li>
          ))}
          <li
            id={optionId(found.length)}
            role="option"
            aria-selected={active === found.length}
            className="option-new"
            onMouseDown={(e) => {
              e.preventDefault();
              choose(found.length);
            }}
          >
            New person{typed ? `: ${typed}` : ''}
          </li>
        </ul>
      </div>
      <p role="status" className="visually-hidden">
        {status}
      </p>
    </div>
  );
}

/** The writer picked from the file, with a way back to entering someone new. */
export function PickedPerson(props: { person: Person; onClear(): void }) {
  return (
    <div className="picked-person" role="group" aria-label="Who wrote">
      <p>
        <strong>{`${props.person.firstName} ${props.person.lastName}`.trim() || 'No name'}</strong>
        <br />
        <span className="muted">
          {personSummary(props.person).split(' — ').slice(1).join(' — ') || 'No email or phone on file'} · writes in{' '}
          {languageName(props.person.preferredLanguage)}
        </span>
      </p>
      <button type="button" onClick={props.onClear}>
        Choose someone else
      </button>
    </div>
  );
}
