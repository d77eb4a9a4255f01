/**
 * New project request: the form a requester fills in. It loads the workbook's criteria (with
 * their rubrics), skills and months, checks the request with the contract's schema and rules
 * before sending (the server checks again), shows each problem beside its field and announces
 * the outcome. Submitting appends the request to the Intake sheet under a new ID.
 */
import { render, type JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { PROJECT_TYPES } from '../../../core/model';
import { toIssues, type Issue } from '../../bridge/contract';
import { BridgeError, connect, errorText } from '../../kit/client/bridge';
import {
  Field,
  Status,
  focusFirstInvalid,
  numberOrNull,
  useFieldErrors,
  valueOf,
  type ControlProps,
  type StatusMessage,
} from '../../kit/client/ui';
import {
  intakeContract,
  ratingScale,
  requestIssues,
  requestSchema,
  type IntakeModel,
  type IntakeRequest,
} from '../contract';

const api = connect('intake', intakeContract);

interface DemandDraft {
  readonly key: number;
  readonly skill: string;
  readonly period: string;
  readonly hours: string;
}

interface Draft {
  readonly name: string;
  readonly description: string;
  readonly type: string;
  readonly owner: string;
  readonly objective: string;
  readonly segment: string;
  readonly region: string;
  readonly start: string;
  readonly end: string;
  readonly cost: string;
  readonly expectedRevenue: string;
  readonly confidence: string;
  readonly ratings: Readonly<Record<string, string>>;
  readonly dependsOn: string;
  readonly demand: readonly DemandDraft[];
}

function emptyDraft(owner: string): Draft {
  return {
    name: '',
    description: '',
    type: '',
    owner,
    objective: '',
    segment: '',
    region: '',
    start: '',
    end: '',
    cost: '',
    expectedRevenue: '',
    confidence: '',
    ratings: {},
    dependsOn: '',
    demand: [],
  };
}

/** The draft as the contract's request: numbers parsed, blanks made null, IDs split. */
function toRequest(d: Draft, model: IntakeModel): IntakeRequest {
  const ratings: Record<string, number | null> = {};
  for (const c of model.criteria) ratings[c.name] = numberOrNull(d.ratings[c.name] ?? '');
  return {
    name: d.name,
    description: d.description,
    type: d.type as IntakeRequest['type'],
    owner: d.owner,
    objective: d.objective,
    segment: d.segment,
    region: d.region,
    start: d.start,
    end: d.end,
    cost: numberOrNull(d.cost) ?? Number.NaN,
    expectedRevenue: numberOrNull(d.expectedRevenue),
    confidence: numberOrNull(d.confidence),
    ratings,
    dependsOn: d.dependsOn
      .split(/[,;\s]+/)
      .map((s) => s.trim())
      .filter(Boolean),
    demand: d.demand.map((l) => ({
      skill: l.skill,
      period: l.period,
      hours: numberOrNull(l.hours) ?? Number.NaN,
    })),
  };
}

/** Every problem with the request: the schema's, then the workbook rules'. */
function check(req: IntakeRequest, model: IntakeModel): Issue[] {
  const parsed = requestSchema().safeParse(req);
  if (!parsed.success) return toIssues(parsed.error.issues);
  return requestIssues(parsed.data, model);
}

function App(): JSX.Element {
  const [model, setModel] = useState<IntakeModel | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [draft, setDraft] = useState<Draft>(emptyDraft(''));
  const [status, setStatus] = useState<StatusMessage | null>(null);
  const [busy, setBusy] = useState(false);
  const errors = useFieldErrors();
  const nextKey = useRef(1);
  const form = useRef<HTMLFormElement>(null);

  useEffect(() => {
    api
      .load(null)
      .then((m) => {
        setModel(m);
        setDraft(emptyDraft(m.user));
      })
      .catch((e: unknown) => {
        setLoadError(errorText(e));
      });
  }, []);

  if (loadError) return <Status message={{ kind: 'error', text: loadError }} />;
  if (!model) return <p class="gray">Loading the form…</p>;

  const set = <K extends keyof Draft>(key: K, value: Draft[K]): void => {
    setDraft((d) => ({ ...d, [key]: value }));
    errors.clear(key);
  };
  const setLine = (i: number, patch: Partial<DemandDraft>): void => {
    setDraft((d) => ({
      ...d,
      demand: d.demand.map((l, j) => (j === i ? { ...l, ...patch } : l)),
    }));
    for (const k of Object.keys(patch)) errors.clear(`demand.${i}.${k}`);
  };
  const addLine = (): void => {
    const key = nextKey.current++;
    const index = draft.demand.length;
    setDraft((d) => ({
      ...d,
      demand: [
        ...d.demand,
        {
          key,
          skill: model.skills[0] ?? '',
          period: d.start.slice(0, 7) || (model.periods[0] ?? ''),
          hours: '',
        },
      ],
    }));
    requestAnimationFrame(() => document.getElementById(`f-demand_${index}_skill`)?.focus());
  };
  const removeLine = (i: number): void => {
    setDraft((d) => ({ ...d, demand: d.demand.filter((_, j) => j !== i) }));
    errors.clear();
  };

  const onSubmit = async (e: Event): Promise<void> => {
    e.preventDefault();
    if (busy) return;
    const req = toRequest(draft, model);
    const issues = check(req, model);
    if (issues.length) {
      errors.set(issues);
      setStatus({
        kind: 'error',
        text: `${issues.length === 1 ? 'One field needs' : `${issues.length} fields need`} attention: see the messages in red.`,
      });
      focusFirstInvalid(form.current ?? document);
      return;
    }
    errors.clear();
    setBusy(true);
    setStatus({ kind: 'info', text: 'Submitting…' });
    try {
      const r = await api.submit(req);
      setStatus({
        kind: 'ok',
        text: `Request ${r.id} "${req.name}" is in the Intake sheet (row ${r.row}). The board will review it.`,
      });
      setDraft(emptyDraft(draft.owner));
      form.current?.querySelector<HTMLElement>('#f-name')?.focus();
    } catch (err) {
      if (err instanceof BridgeError && err.kind === 'invalid' && err.issues.length) {
        errors.set(err.issues);
        focusFirstInvalid(form.current ?? document);
      }
      setStatus({ kind: 'error', text: errorText(err) });
    } finally {
      setBusy(false);
    }
  };

  const text = (
    key: 'name' | 'owner' | 'objective' | 'segment' | 'region',
    label: string,
    opts: { hint?: string; list?: string; required?: boolean } = {},
  ): JSX.Element => (
    <Field name={key} label={label} hint={opts.hint} error={errors.get(key)}>
      {(a) => (
        <input
          {...a}
          type="text"
          value={draft[key]}
          list={opts.list}
          aria-required={opts.required ? 'true' : undefined}
          onInput={(e) => {
            set(key, valueOf(e));
          }}
        />
      )}
    </Field>
  );
  const num = (
    key: 'cost' | 'expectedRevenue' | 'confidence',
    label: string,
    hint?: string,
  ): JSX.Element => (
    <Field name={key} label={label} hint={hint} error={errors.get(key)}>
      {(a) => (
        <input
          {...a}
          type="text"
          inputMode="decimal"
          value={draft[key]}
          onInput={(e) => {
            set(key, valueOf(e));
          }}
        />
      )}
    </Field>
  );

  return (
    <form ref={form} onSubmit={(e) => void onSubmit(e)} noValidate aria-label="New project request">
      <p class="secondary">Fields marked * are required. The board scores and decides.</p>
      {model.notes.map((n) => (
        <p class="status warn" key={n}>
          {n}
        </p>
      ))}
      {text('name', 'Project name *', { required: true })}
      <Field name="description" label="What and why" error={errors.get('description')}>
        {(a) => (
          <textarea
            {...a}
            rows={3}
            value={draft.description}
            onInput={(e) => {
              set('description', valueOf(e));
            }}
          />
        )}
      </Field>
      <Field name="type" label="Type *" error={errors.get('type')}>
        {(a) => (
          <select
            {...a}
            value={draft.type}
            aria-required="true"
            onChange={(e) => {
              set('type', valueOf(e));
            }}
          >
            <option value="">Choose a type…</option>
            {PROJECT_TYPES.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        )}
      </Field>
      {text('owner', 'Owner *', { required: true, hint: 'Who runs the project.' })}
      {text('objective', 'Objective', { list: 'objectives' })}
      <datalist id="objectives">
        {model.objectives.map((o) => (
          <option key={o} value={o} />
        ))}
      </datalist>
      <div class="row">
        {text('segment', 'Segment')}
        {text('region', 'Region')}
      </div>
      <div class="row">
        <Field name="start" label="Start *" error={errors.get('start')}>
          {(a) => (
            <input
              {...a}
              type="date"
              value={draft.start}
              onInput={(e) => {
                set('start', valueOf(e));
              }}
            />
          )}
        </Field>
        <Field name="end" label="End *" error={errors.get('end')}>
          {(a) => (
            <input
              {...a}
              type="date"
              value={draft.end}
              onInput={(e) => {
                set('end', valueOf(e));
              }}
            />
          )}
        </Field>
      </div>
      {num('cost', 'Cost *', 'Total cost in the workbook’s currency.')}
      <div class="row">
        {num('expectedRevenue', 'Expected revenue')}
        {num('confidence', 'Confidence (%)')}
      </div>

      {model.criteria.length > 0 && (
        <fieldset>
          <legend>Ratings *</legend>
          {model.criteria.map((c) => {
            const { lo, hi } = ratingScale(c);
            const key = `ratings.${c.name}`;
            return (
              <Field
                key={c.name}
                name={key}
                class="rating"
                label={`${c.name} (${hi === Infinity ? `${lo} or more` : `${lo}–${hi}`}${c.direction === 'lower' ? ', lower is better' : ''})`}
                hint={c.rubric || undefined}
                error={errors.get(key)}
              >
                {(a) => (
                  <input
                    {...a}
                    type="text"
                    inputMode="decimal"
                    value={draft.ratings[c.name] ?? ''}
                    onInput={(e) => {
                      const v = valueOf(e);
                      setDraft((d) => ({ ...d, ratings: { ...d.ratings, [c.name]: v } }));
                      errors.clear(key);
                    }}
                  />
                )}
              </Field>
            );
          })}
        </fieldset>
      )}

      <Field
        name="dependsOn"
        label="Depends on"
        hint="IDs of projects this one needs, separated by commas (e.g. P04, P09)."
        error={errors.get('dependsOn')}
      >
        {(a) => (
          <input
            {...a}
            type="text"
            value={draft.dependsOn}
            onInput={(e) => {
              set('dependsOn', valueOf(e));
            }}
          />
        )}
      </Field>

      <fieldset>
        <legend>Demand (hours per skill and month)</legend>
        {model.skills.length === 0 ? (
          <p class="gray">The Capacity sheet lists no skills yet.</p>
        ) : (
          <>
            {draft.demand.length > 0 && (
              <div class="demand-head" aria-hidden="true">
                <span>Skill</span>
                <span>Month</span>
                <span>Hours</span>
                <span />
              </div>
            )}
            {draft.demand.map((l, i) => (
              <DemandRow
                key={l.key}
                index={i}
                line={l}
                model={model}
                errors={errors}
                onChange={(p) => {
                  setLine(i, p);
                }}
                onRemove={() => {
                  removeLine(i);
                }}
              />
            ))}
            <div class="actions">
              <button type="button" onClick={addLine}>
                Add demand line
              </button>
            </div>
          </>
        )}
      </fieldset>

      <Status message={status} />
      <div class="actions">
        <button type="submit" class="action" disabled={busy}>
          {busy ? 'Submitting…' : 'Submit request'}
        </button>
      </div>
    </form>
  );
}

function DemandRow(p: {
  readonly index: number;
  readonly line: DemandDraft;
  readonly model: IntakeModel;
  readonly errors: ReturnType<typeof useFieldErrors>;
  readonly onChange: (patch: Partial<DemandDraft>) => void;
  readonly onRemove: () => void;
}): JSX.Element {
  const n = p.index + 1;
  const err = (k: string): string | undefined => p.errors.get(`demand.${p.index}.${k}`);
  const id = (k: string): string => `f-demand_${p.index}_${k}`;
  const messages = ['skill', 'period', 'hours'].map((k) => err(k)).filter(Boolean);
  const errorId = `demand-${p.index}-error`;
  const a = (k: string): ControlProps => ({
    id: id(k),
    'aria-invalid': err(k) ? 'true' : undefined,
    'aria-describedby': err(k) ? errorId : undefined,
  });
  return (
    <div class="demand-line" role="group" aria-label={`Demand line ${n}`}>
      <label class="visually-hidden" for={id('skill')}>{`Skill, line ${n}`}</label>
      <select
        {...a('skill')}
        value={p.line.skill}
        onChange={(e) => {
          p.onChange({ skill: valueOf(e) });
        }}
      >
        {p.model.skills.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </select>
      <label class="visually-hidden" for={id('period')}>{`Month, line ${n}`}</label>
      <select
        {...a('period')}
        value={p.line.period}
        onChange={(e) => {
          p.onChange({ period: valueOf(e) });
        }}
      >
        {p.model.periods.map((m) => (
          <option key={m} value={m}>
            {m}
          </option>
        ))}
      </select>
      <label class="visually-hidden" for={id('hours')}>{`Hours, line ${n}`}</label>
      <input
        {...a('hours')}
        type="text"
        inputMode="decimal"
        value={p.line.hours}
        onInput={(e) => {
          p.onChange({ hours: valueOf(e) });
        }}
      />
      <button
        type="button"
        class="icon"
        aria-label={`Remove demand line ${n}`}
        title="Remove"
        onClick={p.onRemove}
      >
        ✕
      </button>
      {messages.length > 0 && (
        <div id={errorId} class="field-error">
          {messages.join(' ')}
        </div>
      )}
    </div>
  );
}

const root = document.getElementById('app');
if (root) {
  root.textContent = '';
  render(<App />, root);
}
