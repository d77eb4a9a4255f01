/**
 * Scoring model: the board's workshop for the scoring model. Weights (inputs and sliders) and
 * directions per criterion, or weights derived from pairwise judgements (AHP, with the
 * consistency ratio and the most inconsistent judgement highlighted with the value that fixes
 * it); or another framework (RICE, ICE, WSJF) with its inputs mapped to Projects columns. The
 * top of the ranking is recomputed in the browser on every change, with each project's move
 * against the model as it was loaded. Apply writes the model (and re-scores) as one undoable
 * action.
 */
import { render, type JSX } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import {
  analyseAhp,
  mostInconsistentJudgement,
  type InconsistentJudgement,
} from '../../../core/ahp';
import type { Direction } from '../../../core/direction';
import {
  FRAMEWORK_INPUTS,
  FRAMEWORK_NAMES,
  FRAMEWORKS,
  scorePortfolio,
  type FrameworkKind,
  type ScoredProject,
} from '../../../core/framework-score';
import { BridgeError, connect, errorText } from '../../kit/client/bridge';
import {
  Status,
  fieldId,
  focusFirstInvalid,
  formatNumber,
  formatPercent,
  numberOrNull,
  pathKey,
  useFieldErrors,
  valueOf,
  type StatusMessage,
} from '../../kit/client/ui';
import { scoringContract, type ApplyInput, type ScoringModel } from '../contract';

const api = connect('scoring-model', scoringContract);

/** Saaty's words for 1–9 (2, 4, 6, 8 lie between their neighbours). */
const STRENGTH: Readonly<Record<number, string>> = {
  2: 'slightly',
  3: 'moderately',
  4: 'moderately to strongly',
  5: 'strongly',
  6: 'strongly to very strongly',
  7: 'very strongly',
  8: 'very to extremely',
  9: 'extremely',
};

/** Saaty's scale as the selects offer it, strongest for the first criterion first. */
const SCALE: readonly { value: number; text: string; strength: string }[] = [
  9,
  8,
  7,
  6,
  5,
  4,
  3,
  2,
  1,
  1 / 2,
  1 / 3,
  1 / 4,
  1 / 5,
  1 / 6,
  1 / 7,
  1 / 8,
  1 / 9,
].map((value) => {
  const k = value >= 1 ? value : Math.round(1 / value);
  const strength = STRENGTH[k] ?? '';
  return { value, text: value >= 1 ? String(value) : `1/${k}`, strength };
});

/** "3", "1/3", or the number for a value off the scale. */
function judgementText(x: number): string {
  const hit = SCALE.find((s) => Math.abs(s.value - x) < 1e-6);
  return hit ? hit.text : String(Math.round(x * 1000) / 1000);
}

/**
 * A judgement in words, shown under its select (whose options stay short enough for 300 px):
 * "Customer reach is extremely more important than Strategic fit."
 */
function judgementMeaning(x: number, a: string, b: string): string {
  const hit = SCALE.find((s) => Math.abs(s.value - x) < 1e-6);
  if (!hit) return `${a} is ${judgementText(x)} times as important as ${b} (from the sheet).`;
  if (hit.value === 1) return `${a} and ${b} are equally important.`;
  return hit.value > 1
    ? `${a} is ${hit.strength} more important than ${b}.`
    : `${b} is ${hit.strength} more important than ${a}.`;
}

/** A sensible first guess of each framework input's column, by name. */
function guessColumns(
  kind: Exclude<FrameworkKind, 'weighted'>,
  columns: readonly string[],
): Record<string, string> {
  const words: Record<string, string[]> = {
    reach: ['reach'],
    impact: ['impact', 'revenue impact'],
    confidence: ['confidence'],
    effort: ['effort', 'person-weeks', 'size'],
    ease: ['ease'],
    businessValue: ['business value', 'revenue impact', 'value'],
    timeCriticality: ['time criticality', 'urgency', 'time to value'],
    riskReduction: ['risk reduction', 'strategic fit'],
    jobSize: ['job size', 'effort', 'size'],
  };
  const out: Record<string, string> = {};
  for (const input of FRAMEWORK_INPUTS[kind]) {
    const hit = (words[input.key] ?? [])
      .map((w) => columns.find((c) => c.toLowerCase().includes(w)))
      .find(Boolean);
    if (hit) out[input.key] = hit;
  }
  return out;
}

interface Preview {
  readonly rows: readonly {
    id: string;
    name: string;
    rank: number;
    score: number;
    move: number | null;
  }[];
  readonly moved: number;
  readonly problem: string | null;
}

function App(): JSX.Element {
  const [model, setModel] = useState<ScoringModel | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  useEffect(() => {
    api
      .load(null)
      .then(setModel)
      .catch((e: unknown) => {
        setLoadError(errorText(e));
      });
  }, []);
  if (loadError) return <Status message={{ kind: 'error', text: loadError }} />;
  if (!model) return <p class="gray">Loading the scoring model…</p>;
  return <Workshop model={model} />;
}

function initialMatrix(model: ScoringModel): number[][] {
  const n = model.criteria.length;
  return model.pairwise ?? Array.from({ length: n }, () => new Array<number>(n).fill(1));
}

function Workshop({ model }: { readonly model: ScoringModel }): JSX.Element {
  const n = model.criteria.length;
  const [weights, setWeights] = useState<string[]>(model.criteria.map((c) => String(c.weight)));
  const [directions, setDirections] = useState<Direction[]>(model.criteria.map((c) => c.direction));
  const [source, setSource] = useState(model.weightsFrom);
  const [matrix, setMatrix] = useState<number[][]>(() => initialMatrix(model));
  const [framework, setFramework] = useState<FrameworkKind>(model.framework);
  const [columns, setColumns] = useState<Record<string, string>>(model.frameworkColumns);
  const [rescore, setRescore] = useState(true);
  const [status, setStatus] = useState<StatusMessage | null>(
    model.notes.length ? { kind: 'warn', text: model.notes.join(' ') } : null,
  );
  const [busy, setBusy] = useState(false);
  const errors = useFieldErrors();

  const ahp = useMemo(() => (n > 0 ? analyseAhp(matrix) : null), [matrix, n]);
  const worst = useMemo(() => (n > 2 ? mostInconsistentJudgement(matrix) : null), [matrix, n]);
  const slidersMax = useMemo(
    () => Math.max(1, ...model.criteria.map((c) => c.weight * 2)),
    [model],
  );

  const projectsFor = (
    kind: FrameworkKind,
    cols: Readonly<Record<string, string>>,
  ): ScoredProject[] =>
    model.projects.map((p) => {
      const inputs: Record<string, number | null> = {};
      if (kind !== 'weighted')
        for (const i of FRAMEWORK_INPUTS[kind]) {
          const at = model.columns.indexOf(cols[i.key] ?? '');
          inputs[i.key] = at >= 0 ? (p.cells[at] ?? null) : null;
        }
      return { values: p.values, inputs, open: p.open };
    });
  const rank = (
    kind: FrameworkKind,
    w: readonly number[],
    d: readonly Direction[],
    cols: Readonly<Record<string, string>>,
  ) =>
    scorePortfolio(
      kind,
      projectsFor(kind, cols),
      model.criteria.map((c, i) => ({
        weight: w[i] ?? 0,
        direction: d[i] ?? 'higher',
        scaleMin: c.scaleMin ?? undefined,
        scaleMax: c.scaleMax ?? undefined,
      })),
    );

  // The ranking as loaded: what the moves are measured against.
  const baseline = useMemo(() => {
    try {
      const w =
        model.weightsFrom === 'ahp' && model.pairwise
          ? analyseAhp(model.pairwise).weights
          : model.criteria.map((c) => c.weight);
      return rank(
        model.framework,
        w,
        model.criteria.map((c) => c.direction),
        model.frameworkColumns,
      ).ranks;
    } catch {
      return model.projects.map(() => null);
    }
  }, [model]);

  const effective: number[] =
    source === 'ahp' && ahp ? ahp.weights : weights.map((w) => numberOrNull(w) ?? Number.NaN);
  const total = effective.reduce((s, w) => s + (Number.isFinite(w) && w > 0 ? w : 0), 0);

  const preview: Preview = useMemo(() => {
    if (
      framework === 'weighted' &&
      (effective.some((w) => !Number.isFinite(w) || w < 0) || total <= 0)
    )
      return {
        rows: [],
        moved: 0,
        problem: 'Give every criterion a weight of 0 or more, at least one above 0.',
      };
    if (framework !== 'weighted') {
      const unset = FRAMEWORK_INPUTS[framework].filter((i) => !columns[i.key]);
      if (unset.length)
        return {
          rows: [],
          moved: 0,
          problem: `Choose the column of ${unset.map((i) => i.label).join(', ')}.`,
        };
    }
    const { scores, ranks } = rank(framework, effective, directions, columns);
    const order = model.projects
      .map((p, i) => ({ p, i, r: ranks[i] }))
      .filter((x): x is typeof x & { r: number } => x.r !== null && x.r !== undefined)
      .sort((a, b) => a.r - b.r);
    const moved = order.filter((x) => baseline[x.i] !== x.r).length;
    return {
      rows: order.slice(0, 10).map((x) => {
        const before = baseline[x.i];
        return {
          id: x.p.id,
          name: x.p.name,
          rank: x.r,
          score: scores[x.i] ?? 0,
          move: before === null || before === undefined ? null : before - x.r,
        };
      }),
      moved,
      problem: null,
    };
  }, [framework, effective.join(','), directions.join(','), JSON.stringify(columns), baseline]);

  const setJudgement = (i: number, j: number, x: number): void => {
    setMatrix((m) =>
      m.map((row, r) =>
        row.map((v, c) => (r === i && c === j ? x : r === j && c === i ? 1 / x : v)),
      ),
    );
  };

  const apply = async (): Promise<void> => {
    if (busy) return;
    const input: ApplyInput = {
      criteria: model.criteria.map((c, i) => ({
        name: c.name,
        weight: source === 'typed' ? (numberOrNull(weights[i] ?? '') ?? Number.NaN) : c.weight,
        direction: directions[i] ?? c.direction,
      })),
      weightsFrom: framework === 'weighted' ? source : model.weightsFrom,
      pairwise: (framework === 'weighted' ? source : model.weightsFrom) === 'ahp' ? matrix : null,
      framework,
      frameworkColumns: framework === 'weighted' ? {} : columns,
      rescore,
    };
    setBusy(true);
    setStatus({ kind: 'info', text: 'Applying the scoring model…' });
    try {
      const r = await api.apply(input);
      errors.clear();
      setStatus({
        kind: r.warnings.length ? 'warn' : 'ok',
        text: [r.message, ...r.warnings].join(' '),
      });
    } catch (e) {
      if (e instanceof BridgeError && e.issues.length) {
        errors.set(e.issues);
        focusFirstInvalid();
      }
      setStatus({ kind: 'error', text: errorText(e) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="workshop">
      <p class="secondary">Changes preview at once; nothing is written until you apply.</p>
      <div class="form-group">
        <label for="f-framework">Framework</label>
        <select
          id="f-framework"
          value={framework}
          onChange={(e) => {
            const kind = valueOf(e) as FrameworkKind;
            setFramework(kind);
            if (kind !== 'weighted' && Object.keys(columns).length === 0)
              setColumns(guessColumns(kind, model.columns));
          }}
        >
          {FRAMEWORKS.map((k) => (
            <option key={k} value={k}>
              {k === 'weighted' ? 'Weighted criteria' : FRAMEWORK_NAMES[k]}
            </option>
          ))}
        </select>
      </div>

      {framework === 'weighted' ? (
        <>
          <fieldset class="source">
            <legend>Weights from</legend>
            <div class="check">
              <input
                type="radio"
                id="src-typed"
                name="source"
                checked={source === 'typed'}
                onChange={() => {
                  setSource('typed');
                }}
              />
              <label for="src-typed">the weights below</label>
            </div>
            <div class="check">
              <input
                type="radio"
                id="src-ahp"
                name="source"
                checked={source === 'ahp'}
                onChange={() => {
                  setSource('ahp');
                }}
              />
              <label for="src-ahp">the pairwise workshop (AHP)</label>
            </div>
          </fieldset>
          <section aria-labelledby="criteria-h">
            <h2 id="criteria-h">Criteria</h2>
            {model.criteria.map((c, i) => {
              const key = pathKey(['criteria', i, 'weight']);
              const err = errors.get(key);
              const w = effective[i] ?? 0;
              return (
                <div class="criterion" key={c.name}>
                  <div class="criterion-head">
                    <label for={fieldId(key)}>{c.name}</label>
                    <span class="share" aria-label={`${c.name} share of the score`}>
                      {total > 0 && Number.isFinite(w) ? formatPercent(w / total, 0) : '—'}
                    </span>
                  </div>
                  <div class="weight">
                    <input
                      type="range"
                      min={0}
                      max={slidersMax}
                      step={slidersMax / 100}
                      aria-label={`${c.name} weight (slider)`}
                      disabled={source === 'ahp'}
                      value={Number.isFinite(w) ? Math.min(w, slidersMax) : 0}
                      onInput={(e) => {
                        const v = valueOf(e);
                        setWeights((ws) =>
                          ws.map((x, j) =>
                            j === i ? String(Math.round(Number(v) * 1000) / 1000) : x,
                          ),
                        );
                        errors.clear(key);
                      }}
                    />
                    <input
                      id={fieldId(key)}
                      type="text"
                      inputMode="decimal"
                      class="weight-input"
                      readOnly={source === 'ahp'}
                      aria-invalid={err ? 'true' : undefined}
                      aria-describedby={err ? `${fieldId(key)}-error` : undefined}
                      value={
                        source === 'ahp'
                          ? (Math.round(w * 1000) / 1000).toString()
                          : (weights[i] ?? '')
                      }
                      onInput={(e) => {
                        const v = valueOf(e);
                        setWeights((ws) => ws.map((x, j) => (j === i ? v : x)));
                        errors.clear(key);
                      }}
                    />
                  </div>
                  <label
                    class="visually-hidden"
                    for={`f-dir-${i}`}
                  >{`Direction of ${c.name}`}</label>
                  <select
                    id={`f-dir-${i}`}
                    class="direction"
                    value={directions[i]}
                    onChange={(e) => {
                      const v = valueOf(e) as Direction;
                      setDirections((ds) => ds.map((x, j) => (j === i ? v : x)));
                    }}
                  >
                    <option value="higher">Higher is better</option>
                    <option value="lower">Lower is better</option>
                  </select>
                  {err && (
                    <div id={`${fieldId(key)}-error`} class="field-error">
                      {err}
                    </div>
                  )}
                </div>
              );
            })}
            {errors.get('criteria') && <div class="field-error">{errors.get('criteria')}</div>}
          </section>
          {source === 'ahp' && (
            <Pairwise
              model={model}
              matrix={matrix}
              ahp={ahp}
              worst={worst}
              onChange={setJudgement}
              error={errors.get('pairwise')}
            />
          )}
        </>
      ) : (
        <fieldset>
          <legend>{FRAMEWORK_NAMES[framework]} inputs</legend>
          <p class="hint">
            {framework === 'rice'
              ? 'RICE = reach × impact × confidence ÷ effort'
              : framework === 'ice'
                ? 'ICE = impact × confidence × ease'
                : 'WSJF = (business value + time criticality + risk reduction) ÷ job size'}
          </p>
          {FRAMEWORK_INPUTS[framework].map((input) => (
            <div class="form-group" key={input.key}>
              <label for={`f-input-${input.key}`}>{input.label}</label>
              <select
                id={`f-input-${input.key}`}
                value={columns[input.key] ?? ''}
                aria-invalid={
                  errors.get('frameworkColumns') && !columns[input.key] ? 'true' : undefined
                }
                onChange={(e) => {
                  const v = valueOf(e);
                  setColumns((c) => ({ ...c, [input.key]: v }));
                  errors.clear('frameworkColumns');
                }}
              >
                <option value="">Choose a Projects column…</option>
                {model.columns.map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </select>
            </div>
          ))}
          {errors.get('frameworkColumns') && (
            <div class="field-error">{errors.get('frameworkColumns')}</div>
          )}
        </fieldset>
      )}

      <section aria-labelledby="preview-h" class="preview">
        <h2 id="preview-h">Top projects (live preview)</h2>
        {preview.problem ? (
          <p class="status warn">{preview.problem}</p>
        ) : (
          <>
            <table class="data" id="preview">
              <thead>
                <tr>
                  <th scope="col" class="num">
                    #
                  </th>
                  <th scope="col">Project</th>
                  <th scope="col" class="num">
                    Score
                  </th>
                  <th scope="col" class="num">
                    Move
                  </th>
                </tr>
              </thead>
              <tbody>
                {preview.rows.map((r) => (
                  <tr key={r.id} data-id={r.id}>
                    <td class="num">{r.rank}</td>
                    <td>
                      <span class="pid">{r.id}</span> {r.name}
                    </td>
                    <td class="num">{formatNumber(r.score, framework === 'weighted' ? 1 : 2)}</td>
                    <td class="num">
                      <Move move={r.move} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p class="hint" role="status" aria-live="polite">
              {preview.moved === 0
                ? 'The ranking is as it was loaded.'
                : `${preview.moved} project${preview.moved === 1 ? '' : 's'} change rank against the model as it was loaded.`}
            </p>
          </>
        )}
      </section>

      <div class="footer">
        <div class="check">
          <input
            type="checkbox"
            id="f-rescore"
            checked={rescore}
            onChange={(e) => {
              setRescore(e.currentTarget.checked);
            }}
          />
          <label for="f-rescore">Score &amp; rank after applying</label>
        </div>
        <Status message={status} />
        <div class="actions">
          <button type="button" class="action" disabled={busy} onClick={() => void apply()}>
            {busy ? 'Applying…' : 'Apply'}
          </button>
        </div>
      </div>
    </div>
  );
}

function Move({ move }: { readonly move: number | null }): JSX.Element {
  if (move === null) return <span class="gray">new</span>;
  if (move === 0)
    return (
      <span class="gray" aria-label="no change">
        =
      </span>
    );
  return move > 0 ? (
    <span class="up" aria-label={`up ${move}`}>
      ▲{move}
    </span>
  ) : (
    <span class="down" aria-label={`down ${-move}`}>
      ▼{-move}
    </span>
  );
}

function Pairwise(p: {
  readonly model: ScoringModel;
  readonly matrix: number[][];
  readonly ahp: ReturnType<typeof analyseAhp> | null;
  readonly worst: InconsistentJudgement | null;
  readonly onChange: (i: number, j: number, x: number) => void;
  readonly error: string | undefined;
}): JSX.Element {
  const names = p.model.criteria.map((c) => c.name);
  const cr = p.ahp?.consistencyRatio ?? 0;
  const bad = cr > 0.1;
  const pairs: [number, number][] = [];
  for (let i = 0; i < names.length; i++)
    for (let j = i + 1; j < names.length; j++) pairs.push([i, j]);
  return (
    <section aria-labelledby="pairwise-h" class="pairwise">
      <h2 id="pairwise-h">Pairwise workshop</h2>
      <p class="hint">
        For each pair: how much more important is the first than the second? 1 equal, 3 moderately,
        5 strongly, 7 very strongly, 9 extremely; 1/3 … the reverse.
      </p>
      <div class={`status ${bad ? 'warn' : 'ok'}`} role="status" aria-live="polite" id="cr">
        Consistency ratio {cr.toFixed(3)}{' '}
        {bad
          ? '— above 0.1: the judgements contradict each other.'
          : '— consistent enough (0.1 or less).'}
      </div>
      {p.worst && (
        <div class={`status ${bad ? 'warn' : 'info'} worst-fix`} id="worst">
          Most inconsistent:{' '}
          <b>
            {names[p.worst.row]} vs {names[p.worst.col]}
          </b>{' '}
          is {judgementText(p.worst.current)}; {judgementText(p.worst.suggested)} would bring the
          ratio to {p.worst.crAfter.toFixed(3)}.{' '}
          {Math.abs(p.worst.suggested - p.worst.current) > 1e-9 && (
            <button
              type="button"
              class="link"
              onClick={() => {
                if (p.worst) p.onChange(p.worst.row, p.worst.col, p.worst.suggested);
              }}
            >
              Use {judgementText(p.worst.suggested)}
            </button>
          )}
        </div>
      )}
      {pairs.map(([i, j]) => {
        const x = p.matrix[i]?.[j] ?? 1;
        const isWorst = p.worst?.row === i && p.worst.col === j;
        const onScale = SCALE.some((s) => Math.abs(s.value - x) < 1e-6);
        const id = `f-pair-${i}-${j}`;
        return (
          <div class={`pair form-group${isWorst ? ' worst' : ''}`} key={id}>
            <label for={id}>
              {names[i]} <span class="gray">vs</span> {names[j]}
            </label>
            <select
              id={id}
              aria-describedby={isWorst ? `${id}-means worst` : `${id}-means`}
              value={judgementText(x)}
              onChange={(e) => {
                const t = valueOf(e);
                const hit = SCALE.find((s) => s.text === t);
                if (hit) p.onChange(i, j, hit.value);
              }}
            >
              {!onScale && (
                <option value={judgementText(x)}>{judgementText(x)} (from the sheet)</option>
              )}
              {SCALE.map((s) => (
                <option key={s.text} value={s.text}>
                  {s.text} — {s.value === 1 ? 'equal' : s.value > 1 ? names[i] : names[j]}
                </option>
              ))}
            </select>
            <div class="hint" id={`${id}-means`}>
              {judgementMeaning(x, names[i] ?? '', names[j] ?? '')}
            </div>
          </div>
        );
      })}
      {p.ahp && (
        <table class="data" aria-label="AHP weights">
          <thead>
            <tr>
              <th scope="col">Criterion</th>
              <th scope="col" class="num">
                AHP weight
              </th>
            </tr>
          </thead>
          <tbody>
            {names.map((name, i) => (
              <tr key={name}>
                <td>{name}</td>
                <td class="num">{formatPercent(p.ahp?.weights[i] ?? 0)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {p.error && <div class="field-error">{p.error}</div>}
    </section>
  );
}

const root = document.getElementById('app');
if (root) {
  root.textContent = '';
  render(<App />, root);
}
