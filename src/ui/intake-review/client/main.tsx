/**
 * Review intake: the pending requests, oldest first, each with Accept (it becomes a Projects row
 * with Status Proposed) and Reject (with a reason the requester can read). Decisions are logged
 * and undoable; when Settings names board members, only they may decide.
 */
import { render, type JSX } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { connect, errorText } from '../../kit/client/bridge';
import {
  Field,
  Status,
  formatNumber,
  formatPercent,
  valueOf,
  type StatusMessage,
} from '../../kit/client/ui';
import { reviewContract, type PendingRequest } from '../../intake/contract';

const api = connect('intake-review', reviewContract);

interface Loaded {
  readonly pending: readonly PendingRequest[];
  readonly canDecide: boolean;
  readonly why: string;
}

function App(): JSX.Element {
  const [data, setData] = useState<Loaded | null>(null);
  const [status, setStatus] = useState<StatusMessage | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const reload = useCallback(async (): Promise<void> => {
    try {
      setData(await api.load(null));
    } catch (e) {
      setStatus({ kind: 'error', text: errorText(e) });
    }
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);

  const decide = async (r: PendingRequest, run: () => Promise<string>): Promise<boolean> => {
    setBusy(r.id);
    setStatus({ kind: 'info', text: `Recording the decision on ${r.id}…` });
    try {
      setStatus({ kind: 'ok', text: await run() });
      await reload();
      return true;
    } catch (e) {
      setStatus({ kind: 'error', text: errorText(e) });
      return false;
    } finally {
      setBusy(null);
    }
  };

  if (!data)
    return (
      <>
        <Status message={status} />
        <p class="gray">Loading the requests…</p>
      </>
    );
  return (
    <div>
      <p class="secondary">{data.why}</p>
      <Status message={status} />
      {data.pending.length === 0 ? (
        <p>No pending requests. New ones arrive through “New project request…”.</p>
      ) : (
        data.pending.map((r) => (
          <RequestCard
            key={r.id}
            r={r}
            canDecide={data.canDecide && busy === null}
            onAccept={() =>
              decide(r, async () => {
                const out = await api.accept({ id: r.id });
                return `Accepted ${r.id}: project ${out.projectId} “${r.name}” is in Projects with Status Proposed.`;
              })
            }
            onReject={(reason) =>
              decide(r, async () => {
                await api.reject({ id: r.id, reason });
                return `Rejected ${r.id} “${r.name}”.`;
              })
            }
          />
        ))
      )}
      <div class="actions">
        <button type="button" onClick={() => void reload()}>
          Refresh
        </button>
      </div>
    </div>
  );
}

function RequestCard(p: {
  readonly r: PendingRequest;
  readonly canDecide: boolean;
  readonly onAccept: () => Promise<boolean>;
  readonly onReject: (reason: string) => Promise<boolean>;
}): JSX.Element {
  const { r } = p;
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const headingId = `req-${r.id}`;
  const submitReject = async (e: Event): Promise<void> => {
    e.preventDefault();
    const parsed = reviewContract.reject.input().safeParse({ id: r.id, reason });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message);
      document.getElementById(`f-reason-${r.id}`)?.focus();
      return;
    }
    setError(undefined);
    if (await p.onReject(reason)) setRejecting(false);
  };
  return (
    <section class="card request" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {r.id} · {r.name}
      </h2>
      <div class="secondary">
        {r.type || 'No type'} · from {r.submittedBy || 'unknown'} · {r.submitted.slice(0, 10)}
      </div>
      <dl>
        <dt>Owner</dt>
        <dd>{r.owner || '—'}</dd>
        {r.objective && (
          <>
            <dt>Objective</dt>
            <dd>{r.objective}</dd>
          </>
        )}
        <dt>Dates</dt>
        <dd>
          {r.start || '?'} → {r.end || '?'}
        </dd>
        <dt>Cost</dt>
        <dd>{formatNumber(r.cost)}</dd>
        <dt>Revenue</dt>
        <dd>
          {formatNumber(r.expectedRevenue)}
          {r.confidence !== null ? ` at ${formatPercent(r.confidence, 0)}` : ''}
        </dd>
        <dt>Ratings</dt>
        <dd>{r.ratings || '—'}</dd>
        {r.dependsOn && (
          <>
            <dt>Needs</dt>
            <dd>{r.dependsOn}</dd>
          </>
        )}
        <dt>Demand</dt>
        <dd>{r.demand || '—'}</dd>
      </dl>
      {r.description && <p>{r.description}</p>}
      {rejecting ? (
        <form onSubmit={(e) => void submitReject(e)} noValidate>
          <Field name={`reason-${r.id}`} label="Reason for rejecting" error={error}>
            {(a) => (
              <textarea
                {...a}
                rows={3}
                value={reason}
                onInput={(e) => {
                  setReason(valueOf(e));
                  setError(undefined);
                }}
              />
            )}
          </Field>
          <div class="actions">
            <button type="submit" class="share" disabled={!p.canDecide}>
              Reject {r.id}
            </button>
            <button
              type="button"
              onClick={() => {
                setRejecting(false);
              }}
            >
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <div class="actions">
          <button
            type="button"
            class="create"
            disabled={!p.canDecide}
            onClick={() => void p.onAccept()}
          >
            Accept
          </button>
          <button
            type="button"
            disabled={!p.canDecide}
            onClick={() => {
              setRejecting(true);
              requestAnimationFrame(() => document.getElementById(`f-reason-${r.id}`)?.focus());
            }}
          >
            Reject…
          </button>
        </div>
      )}
    </section>
  );
}

const root = document.getElementById('app');
if (root) {
  root.textContent = '';
  render(<App />, root);
}
