/**
 * Scenario planner: set a budget, a capacity factor, forced projects and an objective; Run calls
 * the optimiser and shows value, cost, count, status and gap, the most loaded skill-periods and
 * the efficient frontier; Save keeps the run as a scenario. The Scenarios tab compares two saved
 * scenarios (what enters, what leaves, the deltas) and commits one after confirmation.
 */
import { render, type JSX } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { BridgeError, connect, errorText } from '../../kit/client/bridge';
import {
  Field,
  Status,
  focusFirstInvalid,
  formatNumber,
  formatPercent,
  numberOrNull,
  useFieldErrors,
  valueOf,
  type StatusMessage,
} from '../../kit/client/ui';
import {
  OBJECTIVE_NAMES,
  OBJECTIVES,
  compareScenarios,
  plannerContract,
  type Objective,
  type PlanParams,
  type PlanResult,
  type PlannerModel,
  type SavedScenario,
} from '../contract';
import { FrontierChart, formatShort } from './chart';
import { ForcePicker, type ForceMap } from './force';

const api = connect('scenarios', plannerContract);

type Tab = 'plan' | 'saved';

function App(): JSX.Element {
  const [model, setModel] = useState<PlannerModel | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tab, setTab] = useState<Tab>('plan');
  const [saved, setSaved] = useState<SavedScenario[]>([]);
  useEffect(() => {
    api
      .load(null)
      .then((m) => {
        setModel(m);
        setSaved(m.saved);
      })
      .catch((e: unknown) => {
        setError(errorText(e));
      });
  }, []);
  if (error) return <Status message={{ kind: 'error', text: error }} />;
  if (!model) return <p class="gray">Loading the portfolio…</p>;
  const tabs: [Tab, string][] = [
    ['plan', 'Plan'],
    ['saved', `Scenarios (${saved.length})`],
  ];
  const onKey = (e: KeyboardEvent): void => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    const next: Tab = tab === 'plan' ? 'saved' : 'plan';
    setTab(next);
    requestAnimationFrame(() => document.getElementById(`tab-${next}`)?.focus());
  };
  return (
    <div>
      <div class="tabs" role="tablist" aria-label="Scenario planner">
        {tabs.map(([id, label]) => (
          <button
            key={id}
            type="button"
            role="tab"
            id={`tab-${id}`}
            aria-selected={tab === id ? 'true' : 'false'}
            aria-controls={`panel-${id}`}
            tabIndex={tab === id ? 0 : -1}
            onClick={() => {
              setTab(id);
            }}
            onKeyDown={onKey}
          >
            {label}
          </button>
        ))}
      </div>
      <div id="panel-plan" role="tabpanel" aria-labelledby="tab-plan" hidden={tab !== 'plan'}>
        <Plan
          model={model}
          onSaved={(s) => {
            setSaved(s);
          }}
        />
      </div>
      <div id="panel-saved" role="tabpanel" aria-labelledby="tab-saved" hidden={tab !== 'saved'}>
        <Saved model={model} saved={saved} onSaved={setSaved} />
      </div>
    </div>
  );
}

function Plan(p: {
  readonly model: PlannerModel;
  readonly onSaved: (s: SavedScenario[]) => void;
}): JSX.Element {
  const { model } = p;
  const [budget, setBudget] = useState(String(model.budget));
  const [capacity, setCapacity] = useState('100');
  const [objective, setObjective] = useState<Objective>(model.objective);
  const [force, setForce] = useState<ForceMap>(
    Object.fromEntries(model.projects.map((x) => [x.id, x.force])),
  );
  const [result, setResult] = useState<{ params: PlanParams; r: PlanResult } | null>(null);
  const [status, setStatus] = useState<StatusMessage | null>(
    model.notes.length ? { kind: 'warn', text: model.notes.join(' ') } : null,
  );
  const [busy, setBusy] = useState(false);
  const [name, setName] = useState('');
  const [saveStatus, setSaveStatus] = useState<StatusMessage | null>(null);
  const errors = useFieldErrors();

  const params = (): PlanParams => {
    const cap = numberOrNull(capacity);
    return {
      budget: numberOrNull(budget) ?? Number.NaN,
      capacityFactor: cap === null ? Number.NaN : cap / 100,
      objective,
      forceIn: Object.keys(force).filter((id) => force[id] === 'in'),
      forceOut: Object.keys(force).filter((id) => force[id] === 'out'),
    };
  };

  const run = async (e: Event): Promise<void> => {
    e.preventDefault();
    if (busy) return;
    const input = params();
    setBusy(true);
    setStatus({ kind: 'info', text: 'Running the optimiser…' });
    try {
      const r = await api.run(input);
      errors.clear();
      setResult({ params: input, r });
      setSaveStatus(null);
      setStatus(
        r.feasible
          ? {
              kind: 'ok',
              text: `${r.status === 'optimal' ? 'Optimal' : 'Best found within the time limit'}: ${r.count} projects, value ${formatNumber(r.value, 1)}, cost ${formatNumber(r.cost)}.`,
            }
          : { kind: 'error', text: r.conflict ?? 'No selection satisfies the constraints.' },
      );
    } catch (err) {
      if (err instanceof BridgeError && err.kind === 'invalid') {
        errors.set(
          err.issues.map((i) =>
            i.path[0] === 'capacityFactor' ? { ...i, path: ['capacity'] } : i,
          ),
        );
        focusFirstInvalid();
      }
      setStatus({ kind: 'error', text: errorText(err) });
    } finally {
      setBusy(false);
    }
  };

  const save = async (e: Event): Promise<void> => {
    e.preventDefault();
    if (!result || busy) return;
    setBusy(true);
    try {
      const out = await api.save({
        name,
        params: result.params,
        selectedIds: result.r.selected,
        status: result.r.status,
        gap: result.r.gap,
        seconds: result.r.seconds,
        plannedStarts: result.r.moved,
      });
      p.onSaved(out.saved);
      errors.clear('name');
      setSaveStatus({ kind: 'ok', text: out.message });
      setName('');
    } catch (err) {
      if (err instanceof BridgeError && err.kind === 'invalid') {
        errors.set(err.issues);
        focusFirstInvalid();
      }
      setSaveStatus({ kind: 'error', text: errorText(err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <form onSubmit={(e) => void run(e)} noValidate aria-label="Plan parameters">
        <Field
          name="budget"
          label="Budget"
          hint={`Open projects cost ${formatNumber(model.totalCost)} in total.`}
          error={errors.get('budget')}
        >
          {(a) => (
            <input
              {...a}
              type="text"
              inputMode="decimal"
              value={budget}
              onInput={(e) => {
                setBudget(valueOf(e));
                errors.clear('budget');
              }}
            />
          )}
        </Field>
        <div class="row">
          <Field
            name="capacity"
            label="Capacity (%)"
            hint="Of the Capacity sheet."
            error={errors.get('capacity')}
          >
            {(a) => (
              <input
                {...a}
                type="text"
                inputMode="decimal"
                value={capacity}
                onInput={(e) => {
                  setCapacity(valueOf(e));
                  errors.clear('capacity');
                }}
              />
            )}
          </Field>
          <Field name="objective" label="Maximise">
            {(a) => (
              <select
                {...a}
                value={objective}
                onChange={(e) => {
                  setObjective(valueOf(e) as Objective);
                }}
              >
                {OBJECTIVES.map((o) => (
                  <option key={o} value={o}>
                    {OBJECTIVE_NAMES[o]}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <ForcePicker
          projects={model.projects}
          force={force}
          error={errors.get('forceOut')}
          onChange={(id, v) => {
            setForce((f) => ({ ...f, [id]: v }));
            errors.clear('forceOut');
          }}
        />
        <div class="actions">
          <button type="submit" class="action" disabled={busy}>
            {busy ? 'Running…' : 'Run'}
          </button>
        </div>
      </form>
      <Status message={status} />
      {result && <Result result={result.r} />}
      {result?.r.feasible && (
        <form
          class="save"
          onSubmit={(e) => void save(e)}
          noValidate
          aria-label="Save this scenario"
        >
          <Field name="name" label="Save as scenario" error={errors.get('name')}>
            {(a) => (
              <input
                {...a}
                type="text"
                value={name}
                placeholder="e.g. Plan A"
                onInput={(e) => {
                  setName(valueOf(e));
                  errors.clear('name');
                }}
              />
            )}
          </Field>
          <div class="actions">
            <button type="submit" class="create" disabled={busy}>
              Save
            </button>
          </div>
          <Status id="save-status" message={saveStatus} />
        </form>
      )}
    </>
  );
}

function Result({ result: r }: { readonly result: PlanResult }): JSX.Element {
  const chosen = r.projects.filter((x) => x.selected);
  return (
    <section class="result" aria-labelledby="result-h">
      <h2 id="result-h">Result</h2>
      <dl class="kpis">
        <div>
          <dt>Status</dt>
          <dd>
            <span
              class={`badge ${r.status === 'optimal' ? 'ok' : r.status === 'infeasible' ? 'bad' : 'warn'}`}
            >
              {r.status}
            </span>
          </dd>
        </div>
        <div>
          <dt>Value</dt>
          <dd>{formatNumber(r.value, 1)}</dd>
        </div>
        <div>
          <dt>Cost</dt>
          <dd>
            {formatNumber(r.cost)}
            <div class="of">of {formatShort(r.budget)}</div>
          </dd>
        </div>
        <div>
          <dt>Projects</dt>
          <dd>{r.count}</dd>
        </div>
        <div>
          <dt>Gap</dt>
          <dd>{r.gap === null ? '—' : formatPercent(r.gap, 2)}</dd>
        </div>
        <div>
          <dt>Time</dt>
          <dd>{r.seconds.toFixed(1)} s</dd>
        </div>
      </dl>
      {r.loads.length > 0 && (
        <>
          <h2>Most loaded skill-months</h2>
          <table class="data loads">
            <thead>
              <tr>
                <th scope="col">Skill</th>
                <th scope="col">Month</th>
                <th scope="col" class="num">
                  Hours
                </th>
                <th scope="col" class="num">
                  Load
                </th>
              </tr>
            </thead>
            <tbody>
              {r.loads.map((l) => (
                <tr key={`${l.skill}|${l.period}`}>
                  <td>{l.skill}</td>
                  <td>{l.period}</td>
                  <td class="num">
                    {formatNumber(l.used)}/{formatNumber(l.capacity)}
                  </td>
                  <td class={`num ${l.share > 0.999 ? 'down' : ''}`}>
                    {formatPercent(l.share, 0)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <h2>Efficient frontier</h2>
      {r.frontier.length > 0 ? (
        <FrontierChart
          points={r.frontier}
          current={r.feasible ? { budget: r.budget, value: r.value } : null}
        />
      ) : (
        <p class="gray" id="no-frontier">
          {r.projects.length === 0
            ? 'No open project to plan: there is no frontier to draw.'
            : `No budget from 0 to the open projects' total cost gives a plan that meets every
          constraint, so there is no frontier to draw. Change a force, the capacity, or Settings'
          Budget per month or Balance rules.`}
        </p>
      )}
      {r.moved.length > 0 && (
        <>
          <h2>Starts moved ({r.moved.length})</h2>
          <ul class="ids moved">
            {r.moved.map((m) => {
              const why = r.projects.find((x) => x.id === m.split(' ')[0])?.why ?? '';
              return (
                <li key={m}>
                  <span class="pid">{m.split(' ')[0]}</span> {why.split(';')[0]}
                </li>
              );
            })}
          </ul>
        </>
      )}
      <details>
        <summary>Selected projects ({chosen.length})</summary>
        <table class="data">
          <tbody>
            {chosen.map((x) => (
              <tr key={x.id}>
                <td>
                  <span class="pid">{x.id}</span> {x.name}
                  {x.plannedStart && (
                    <div class="planned-start">Planned start {x.plannedStart.slice(0, 7)}</div>
                  )}
                  <div class="hint">{x.why}</div>
                </td>
                <td class="num">{formatShort(x.cost)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
      {r.warnings.length > 0 && (
        <details>
          <summary>Notes ({r.warnings.length})</summary>
          <ul class="notes">
            {r.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

function Saved(p: {
  readonly model: PlannerModel;
  readonly saved: readonly SavedScenario[];
  readonly onSaved: (s: SavedScenario[]) => void;
}): JSX.Element {
  const names = useMemo(() => new Map(p.model.projects.map((x) => [x.id, x.name])), [p.model]);
  const [a, setA] = useState('');
  const [b, setB] = useState('');
  const [commitName, setCommitName] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [status, setStatus] = useState<StatusMessage | null>(null);
  const [busy, setBusy] = useState(false);
  const find = (n: string): SavedScenario | undefined => p.saved.find((s) => s.name === n);
  const A = find(a) ?? p.saved[p.saved.length - 2];
  const B = find(b) ?? p.saved[p.saved.length - 1];
  const cmp = A && B && A !== B ? compareScenarios(A, B, names) : null;
  const toCommit = find(commitName) ?? p.saved[p.saved.length - 1];

  if (p.saved.length === 0)
    return <p>No saved scenarios yet. Run a plan and save it, then compare and commit here.</p>;

  const commit = async (): Promise<void> => {
    if (!toCommit || busy) return;
    setBusy(true);
    setStatus({ kind: 'info', text: `Committing "${toCommit.name}"…` });
    try {
      const r = await api.commit({ name: toCommit.name });
      p.onSaved(r.saved);
      setStatus({
        kind: r.warnings.length ? 'warn' : 'ok',
        text: [r.message, ...r.warnings].join(' '),
      });
      setConfirming(false);
    } catch (err) {
      setStatus({ kind: 'error', text: errorText(err) });
    } finally {
      setBusy(false);
    }
  };

  const option = (s: SavedScenario): JSX.Element => (
    <option key={s.name} value={s.name}>
      {s.name}
    </option>
  );
  return (
    <>
      <table class="data saved">
        <thead>
          <tr>
            <th scope="col">Scenario</th>
            <th scope="col" class="num">
              Value
            </th>
            <th scope="col" class="num">
              Cost
            </th>
            <th scope="col" class="num">
              #
            </th>
          </tr>
        </thead>
        <tbody>
          {p.saved.map((s) => (
            <tr key={s.name}>
              <td>
                {s.name}
                <div class="hint">
                  {s.objective}
                  {s.budget === null ? '' : ` · budget ${formatShort(s.budget)}`}
                  {s.capacityFactor === null || s.capacityFactor === 1
                    ? ''
                    : ` · capacity ${formatPercent(s.capacityFactor, 0)}`}{' '}
                  · {s.when}
                  {s.committed ? ` · committed ${s.committed}` : ''}
                </div>
                {rulesText(s) && <div class="hint">{rulesText(s)}</div>}
              </td>
              <td class="num">{formatNumber(s.value, 1)}</td>
              <td class="num">{s.cost === null ? '—' : formatShort(s.cost)}</td>
              <td class="num">{s.count ?? s.selectedIds.length}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>Compare</h2>
      {p.saved.length < 2 ? (
        <p class="gray">Save a second scenario to compare.</p>
      ) : (
        <>
          <div class="row">
            <div class="form-group">
              <label for="f-cmp-a">From</label>
              <select
                id="f-cmp-a"
                value={A?.name}
                onChange={(e) => {
                  setA(valueOf(e));
                }}
              >
                {p.saved.map(option)}
              </select>
            </div>
            <div class="form-group">
              <label for="f-cmp-b">To</label>
              <select
                id="f-cmp-b"
                value={B?.name}
                onChange={(e) => {
                  setB(valueOf(e));
                }}
              >
                {p.saved.map(option)}
              </select>
            </div>
          </div>
          {cmp ? (
            <div class="compare" aria-live="polite">
              <p>
                Value <Delta d={cmp.valueDelta} digits={1} better="up" />, cost{' '}
                <Delta d={cmp.costDelta} short better="down" />, projects{' '}
                <Delta d={cmp.countDelta} />.
              </p>
              <h3>Enters ({cmp.enter.length})</h3>
              <ul class="ids enter">
                {cmp.enter.length === 0 ? (
                  <li class="gray">none</li>
                ) : (
                  cmp.enter.map((x) => (
                    <li key={x.id}>
                      <span class="pid">{x.id}</span> {x.name}
                    </li>
                  ))
                )}
              </ul>
              {cmp.moved.length > 0 && (
                <>
                  <h3>Starts moved ({cmp.moved.length})</h3>
                  <ul class="ids moved">
                    {cmp.moved.map((x) => (
                      <li key={x.id}>
                        <span class="pid">{x.id}</span> {x.name}: {x.from} → {x.to}
                      </li>
                    ))}
                  </ul>
                </>
              )}
              <h3>Leaves ({cmp.leave.length})</h3>
              <ul class="ids leave">
                {cmp.leave.length === 0 ? (
                  <li class="gray">none</li>
                ) : (
                  cmp.leave.map((x) => (
                    <li key={x.id}>
                      <span class="pid">{x.id}</span> {x.name}
                    </li>
                  ))
                )}
              </ul>
            </div>
          ) : (
            <p class="gray">Pick two different scenarios.</p>
          )}
        </>
      )}

      <h2>Commit</h2>
      <div class="form-group">
        <label for="f-commit">Scenario to commit</label>
        <select
          id="f-commit"
          value={toCommit?.name}
          onChange={(e) => {
            setCommitName(valueOf(e));
            setConfirming(false);
          }}
        >
          {p.saved.map(option)}
        </select>
        <div class="hint">
          Writes Selected in Projects and sets its Proposed, In review and On hold projects to
          Approved. Undo last action reverts it.
        </div>
      </div>
      {confirming && toCommit ? (
        <div
          class="confirm"
          role="alertdialog"
          aria-labelledby="confirm-h"
          aria-describedby="confirm-d"
        >
          <h3 id="confirm-h">Commit “{toCommit.name}”?</h3>
          <p id="confirm-d">
            {toCommit.selectedIds.length} projects become Selected (all others not); those not yet
            approved become Approved.
          </p>
          <div class="actions">
            <button
              type="button"
              class="action"
              id="confirm-commit"
              disabled={busy}
              onClick={() => void commit()}
            >
              Commit
            </button>
            <button
              type="button"
              onClick={() => {
                setConfirming(false);
              }}
            >
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <div class="actions">
          <button
            type="button"
            onClick={() => {
              setConfirming(true);
              requestAnimationFrame(() => document.getElementById('confirm-commit')?.focus());
            }}
          >
            Commit…
          </button>
        </div>
      )}
      <Status id="commit-status" message={status} />
    </>
  );
}

/** The Settings rules a scenario was saved under ('' when none or not recorded). */
function rulesText(s: SavedScenario): string {
  const set = (t: string): boolean => t.trim() !== '' && t.trim().toLowerCase() !== 'none';
  return [
    set(s.budgetPerMonth) ? `Budget per month ${s.budgetPerMonth}` : '',
    set(s.balanceRules) ? `Balance: ${s.balanceRules}` : '',
  ]
    .filter(Boolean)
    .join('; ');
}

/** A signed change, green when it is good news (`better`: up or down) and red when not. */
function Delta(p: {
  readonly d: number | null;
  readonly digits?: number;
  readonly short?: boolean;
  readonly better?: 'up' | 'down';
}): JSX.Element {
  if (p.d === null) return <span>—</span>;
  const text = p.short ? formatShort(Math.abs(p.d)) : formatNumber(Math.abs(p.d), p.digits ?? 0);
  if (p.d === 0) return <span class="gray">±0</span>;
  const good = p.better === undefined ? null : p.d > 0 === (p.better === 'up');
  return (
    <span class={good === null ? '' : good ? 'up' : 'down'}>
      {p.d > 0 ? `+${text}` : `−${text}`}
    </span>
  );
}

const root = document.getElementById('app');
if (root) {
  root.textContent = '';
  render(<App />, root);
}
