/**
 * Force in / out as a searchable list: the forced projects are chips (each with In / Out and a
 * remove button), and a search box finds the others by ID or name, showing at most a few matches.
 * Its height depends on how many projects are forced, never on how many there are: 500 open
 * projects take no more room than 5.
 */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { valueOf } from '../../kit/client/ui';

export type Force = 'in' | 'out';
export type ForceMap = Readonly<Record<string, Force | ''>>;

interface ForceProject {
  readonly id: string;
  readonly name: string;
}

/** The most matches the search lists at once; typing more narrows them. */
export const MATCHES_SHOWN = 8;

/** The projects whose ID or name contains every word of `query` (case-insensitive). */
export function findProjects<P extends ForceProject>(projects: readonly P[], query: string): P[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  return projects.filter((x) => {
    const text = `${x.id} ${x.name}`.toLowerCase();
    return words.every((w) => text.includes(w));
  });
}

/** In and Out as two toggle buttons; pressing the pressed one does nothing. */
function InOut(p: {
  readonly id: string;
  readonly value: Force | '';
  readonly onPick: (v: Force) => void;
}): JSX.Element {
  return (
    <span class="inout" role="group" aria-label={`Force ${p.id}`}>
      {(['in', 'out'] as const).map((v) => (
        <button
          key={v}
          type="button"
          class={v}
          aria-pressed={p.value === v ? 'true' : 'false'}
          aria-label={`Force ${p.id} ${v}`}
          onClick={() => {
            p.onPick(v);
          }}
        >
          {v === 'in' ? 'In' : 'Out'}
        </button>
      ))}
    </span>
  );
}

export function ForcePicker(p: {
  readonly projects: readonly ForceProject[];
  readonly force: ForceMap;
  readonly onChange: (id: string, v: Force | '') => void;
  readonly error?: string | undefined;
}): JSX.Element {
  const [query, setQuery] = useState('');
  const forced = p.projects.filter((x) => p.force[x.id]);
  const matches = findProjects(
    p.projects.filter((x) => !p.force[x.id]),
    query,
  );
  const pick = (id: string, v: Force): void => {
    p.onChange(id, v);
    setQuery('');
    document.getElementById('f-force-find')?.focus();
  };
  return (
    <fieldset class="force" aria-invalid={p.error ? 'true' : undefined}>
      <legend>Force in / out ({forced.length})</legend>
      <p class="hint">
        The optimiser decides the rest (it keeps Active projects in). Find a project to force it in
        or out.
      </p>
      {forced.length > 0 && (
        <ul class="chips" aria-label="Forced projects">
          {forced.map((x) => (
            <li key={x.id} class={`chip ${p.force[x.id] ?? ''}`}>
              <span class="chip-name" title={`${x.id} ${x.name}`}>
                <span class="pid">{x.id}</span> {x.name}
              </span>
              <InOut
                id={x.id}
                value={p.force[x.id] ?? ''}
                onPick={(v) => {
                  p.onChange(x.id, v);
                }}
              />
              <button
                type="button"
                class="icon remove"
                aria-label={`Stop forcing ${x.id}`}
                title="Back to Auto: the optimiser decides"
                onClick={() => {
                  p.onChange(x.id, '');
                }}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      {p.error && <div class="field-error">{p.error}</div>}
      <label for="f-force-find" class="find-label">
        Find a project
      </label>
      <input
        id="f-force-find"
        type="search"
        autocomplete="off"
        placeholder="ID or name, e.g. webinar"
        aria-controls="force-matches"
        value={query}
        onInput={(e) => {
          setQuery(valueOf(e));
        }}
        onKeyDown={(e) => {
          // Enter searches; it does not run the plan. Escape clears the search.
          if (e.key === 'Enter') e.preventDefault();
          if (e.key === 'Escape') setQuery('');
        }}
      />
      <ul id="force-matches" class="matches" aria-live="polite" aria-label="Matching projects">
        {matches.slice(0, MATCHES_SHOWN).map((x) => (
          <li key={x.id}>
            <span class="match-name" title={`${x.id} ${x.name}`}>
              <span class="pid">{x.id}</span> {x.name}
            </span>
            <InOut
              id={x.id}
              value=""
              onPick={(v) => {
                pick(x.id, v);
              }}
            />
          </li>
        ))}
        {matches.length > MATCHES_SHOWN && (
          <li class="hint more">
            {matches.length - MATCHES_SHOWN} more not shown: type more of the name or ID.
          </li>
        )}
        {query.trim() !== '' && matches.length === 0 && (
          <li class="hint">No other open project matches “{query.trim()}”.</li>
        )}
      </ul>
    </fieldset>
  );
}
