/**
 * The small set of Preact components every page builds on: a labelled field whose error is shown
 * beside it and tied to the control (aria-invalid, aria-describedby), a status line that screen
 * readers announce (aria-live), and the bookkeeping of field errors from bridge issues.
 */
import type { ComponentChildren, JSX } from 'preact';
import { useCallback, useState } from 'preact/hooks';
import type { Issue } from '../../bridge/contract';

/** The key of an issue path: ["demand", 2, "hours"] → "demand.2.hours". */
export function pathKey(path: readonly (string | number)[]): string {
  return path.join('.');
}

/** A DOM id for a field key (ids allow no spaces). */
export function fieldId(key: string): string {
  return `f-${key.replace(/[^\w-]+/g, '_')}`;
}

/** The attributes a control needs to be tied to its label, hint and error. */
export interface ControlProps {
  readonly id: string;
  readonly 'aria-invalid': 'true' | undefined;
  readonly 'aria-describedby': string | undefined;
}

export interface FieldProps {
  /** The field's key (an issue path joined with dots); its DOM id derives from it. */
  readonly name: string;
  readonly label: ComponentChildren;
  readonly hint?: ComponentChildren;
  readonly error?: string | undefined;
  readonly class?: string;
  /** The control, given the attributes that tie it to the label, hint and error. */
  readonly children: (props: ControlProps) => JSX.Element;
}

/** A label, the control, an optional hint and the field's error right under it. */
export function Field(p: FieldProps): JSX.Element {
  const id = fieldId(p.name);
  const described = [p.error ? `${id}-error` : '', p.hint ? `${id}-hint` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div class={`form-group ${p.class ?? ''}`}>
      <label for={id}>{p.label}</label>
      {p.children({
        id,
        'aria-invalid': p.error ? 'true' : undefined,
        'aria-describedby': described || undefined,
      })}
      {p.error ? (
        <div id={`${id}-error`} class="field-error">
          {p.error}
        </div>
      ) : null}
      {p.hint ? (
        <div id={`${id}-hint`} class="hint">
          {p.hint}
        </div>
      ) : null}
    </div>
  );
}

export type StatusKind = 'ok' | 'error' | 'info' | 'warn';

export interface StatusMessage {
  readonly kind: StatusKind;
  readonly text: string;
}

/** The page's status line: announced politely by screen readers; hidden when empty. */
export function Status(p: {
  readonly message: StatusMessage | null;
  readonly id?: string;
}): JSX.Element {
  return (
    <div
      id={p.id ?? 'status'}
      class={`status ${p.message?.kind ?? ''}`}
      role="status"
      aria-live="polite"
      aria-atomic="true"
    >
      {p.message?.text ?? ''}
    </div>
  );
}

export interface FieldErrors {
  readonly get: (key: string) => string | undefined;
  readonly count: number;
  readonly set: (issues: readonly Issue[]) => void;
  readonly clear: (key?: string) => void;
}

/** Field errors by key; the first message per field wins. */
export function useFieldErrors(): FieldErrors {
  const [errors, setErrors] = useState<ReadonlyMap<string, string>>(new Map());
  const set = useCallback((issues: readonly Issue[]) => {
    const m = new Map<string, string>();
    for (const i of issues) {
      const k = pathKey(i.path);
      if (!m.has(k)) m.set(k, i.message);
    }
    setErrors(m);
  }, []);
  const clear = useCallback((key?: string) => {
    setErrors((prev) => {
      if (key === undefined) return new Map();
      if (!prev.has(key)) return prev;
      const m = new Map(prev);
      m.delete(key);
      return m;
    });
  }, []);
  return { get: (k) => errors.get(k), count: errors.size, set, clear };
}

/** Moves the keyboard focus to the first control marked invalid (after the next render). */
export function focusFirstInvalid(root: ParentNode = document): void {
  requestAnimationFrame(() => {
    const el = root.querySelector<HTMLElement>('[aria-invalid="true"]');
    el?.focus();
  });
}

/** "1,234,567" in the workbook's style (en-US grouping, no decimals above 100). */
export function formatNumber(n: number | null | undefined, digits = 0): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

/** 0.123 → "12.3%". */
export function formatPercent(x: number | null | undefined, digits = 1): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  return `${(x * 100).toFixed(digits)}%`;
}

/** A number typed in a field: '' → null, otherwise Number (NaN for text, which zod rejects). */
export function numberOrNull(s: string): number | null {
  const t = s.trim().replace(/,/g, '');
  return t === '' ? null : Number(t);
}

/** The value of the input or select an event came from. */
export function valueOf(e: Event): string {
  return (e.currentTarget as HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement).value;
}

declare const google: { script: { host: { close(): void } } } | undefined;

/** Closes the dialog (google.script.host.close); does nothing outside Apps Script (tests). */
export function closeDialog(): void {
  if (typeof google !== 'undefined') google.script.host.close();
}

/** A dialog before its data arrives: the error if loading failed, else `loading`; and Close. */
export function DialogLoading(p: {
  readonly status: StatusMessage | null;
  readonly loading: string;
}): JSX.Element {
  return (
    <>
      <Status message={p.status} />
      {p.status ? null : <p class="gray">{p.loading}</p>}
      <div class="actions">
        <button type="button" onClick={closeDialog}>
          Close
        </button>
      </div>
    </>
  );
}
