/**
 * Record decision: move the selected project along the stage flow, with a reason. Every move the
 * stage flow allows from the project's status is a choice; one line names the statuses it cannot
 * go to from there. The server checks again under the document lock, writes Status and appends the
 * decision to the Decisions sheet; its answer (or why it refused) is announced.
 */
import { render, type JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { BridgeError, connect, errorText } from '../../kit/client/bridge';
import {
  closeDialog,
  DialogLoading,
  Field,
  Status,
  focusFirstInvalid,
  useFieldErrors,
  valueOf,
  type StatusMessage,
} from '../../kit/client/ui';
import type { Decision } from '../../../core/stage-flow';
import { decisionContract, REASON_MAX, type DecisionView } from '../contract';

const api = connect('record-decision', decisionContract);

function App(): JSX.Element {
  const [v, setView] = useState<DecisionView | null>(null);
  const [decision, setDecision] = useState<Decision | null>(null);
  const [reason, setReason] = useState('');
  const [status, setStatus] = useState<StatusMessage | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const errors = useFieldErrors();

  const load = async (id: string | null): Promise<void> => {
    try {
      setView(await api.load(id === null ? null : { id }));
    } catch (e) {
      setStatus({ kind: 'error', text: errorText(e) });
    }
  };
  useEffect(() => {
    void load(null);
  }, []);

  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    if (!v) return;
    errors.clear();
    setBusy(true);
    setStatus({ kind: 'info', text: `Recording the decision on ${v.id}…` });
    try {
      // No decision picked: the contract refuses it with "Pick a decision." beside the field.
      const out = await api.decide({
        id: v.id,
        status: v.status,
        decision: decision as Decision,
        reason,
      });
      setStatus({ kind: 'ok', text: out.message });
      setDone(true);
      setReason('');
      setDecision(null);
      await load(v.id);
    } catch (err) {
      if (err instanceof BridgeError && err.kind === 'invalid') {
        errors.set(err.issues);
        focusFirstInvalid();
      }
      setStatus({ kind: 'error', text: errorText(err) });
    } finally {
      setBusy(false);
    }
  };

  if (!v) return <DialogLoading status={status} loading="Loading the project…" />;
  // Every move the stage flow allows is a choice; the rest are named in one line.
  const allowed = v.options.filter((o) => o.allowed);
  const others = v.options.filter((o) => !o.allowed && o.to !== v.status);
  return (
    <form onSubmit={(e) => void submit(e)}>
      <h2>
        {v.id} — {v.name}
      </h2>
      <p class="lead">
        Owner {v.owner || 'none'} · status <strong>{v.status || 'blank'}</strong>
      </p>
      <p class="secondary">{v.who}</p>
      <fieldset aria-invalid={errors.get('decision') ? 'true' : undefined}>
        <legend>Decision</legend>
        {allowed.map((o) => (
          <label key={o.decision} class="option">
            <input
              type="radio"
              name="decision"
              value={o.decision}
              disabled={busy || !v.canDecide}
              checked={decision === o.decision}
              onChange={() => {
                setDecision(o.decision);
                errors.clear('decision');
              }}
            />{' '}
            {o.label} → {o.to}
          </label>
        ))}
        {errors.get('decision') ? <div class="field-error">{errors.get('decision')}</div> : null}
      </fieldset>
      {others.length ? (
        <p class="secondary" id="not-allowed">
          The stage flow does not go from {v.status || 'a blank status'} to{' '}
          {orList(others.map((o) => o.to))}.
        </p>
      ) : null}
      <Field
        name="reason"
        label="Reason"
        hint="The board and later reviews read it."
        error={errors.get('reason')}
      >
        {(props) => (
          <textarea
            {...props}
            maxLength={REASON_MAX}
            value={reason}
            disabled={busy || !v.canDecide}
            onInput={(e) => {
              setReason(valueOf(e));
              errors.clear('reason');
            }}
          />
        )}
      </Field>
      <Status message={status} />
      <div class="actions">
        <button type="submit" class="action" disabled={busy || !v.canDecide}>
          Record decision
        </button>
        <button type="button" onClick={closeDialog}>
          {done ? 'Close' : 'Cancel'}
        </button>
      </div>
      {v.recent.length ? (
        <>
          <p class="secondary">Earlier decisions on {v.id}:</p>
          <ul class="recent">
            {v.recent.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </>
      ) : null}
    </form>
  );
}

/** "A", "A or B", "A, B or C". */
function orList(items: readonly string[]): string {
  return items.length < 2
    ? items.join('')
    : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1] ?? ''}`;
}

const root = document.getElementById('app');
if (root) {
  root.textContent = '';
  render(<App />, root);
}
