/**
 * Explain score: the selected project's score audited criterion by criterion — raw value,
 * normalised value (0–1, 1 best), weight and points (the points add up to the score) — how its
 * rank follows from its neighbours, and whether the optimiser put it in or out, and why.
 */
import { render, type JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { connect, errorText } from '../../kit/client/bridge';
import { closeDialog, DialogLoading, type StatusMessage } from '../../kit/client/ui';
import { explainContract, type ExplainView } from '../contract';

const api = connect('explain-score', explainContract);

function App(): JSX.Element {
  const [v, setView] = useState<ExplainView | null>(null);
  const [status, setStatus] = useState<StatusMessage | null>(null);
  useEffect(() => {
    api.load(null).then(setView, (e: unknown) => {
      setStatus({ kind: 'error', text: errorText(e) });
    });
  }, []);
  if (!v) return <DialogLoading status={status} loading="Explaining the score…" />;
  return (
    <div>
      <h2>
        {v.id} — {v.name}
      </h2>
      <p class="lead">
        Status {v.status} · score <strong>{v.score}</strong> · {v.rank}
      </p>
      {v.sentences.map((s) => (
        <p key={s}>{s}</p>
      ))}
      <table class="data" id="criteria">
        <thead>
          <tr>
            <th>Criterion</th>
            <th class="num">Raw value</th>
            <th class="num">Normalised (0–1)</th>
            <th class="num">Weight</th>
            <th class="num">Points</th>
            <th>How</th>
          </tr>
        </thead>
        <tbody>
          {v.criteria.map((c) => (
            <tr key={c.name}>
              <td>{c.name}</td>
              <td class="num">{c.raw}</td>
              <td class="num">{c.normalised}</td>
              <td class="num">{c.weight}</td>
              <td class="num">{c.points}</td>
              <td class="how">{c.how}</td>
            </tr>
          ))}
          <tr class="total">
            <td>Score</td>
            <td />
            <td />
            <td class="num">100%</td>
            <td class="num">{v.total}</td>
            <td class="how">score = Σ points = 100 × Σ weight × normalised</td>
          </tr>
        </tbody>
      </table>
      <p>
        <strong>Selection.</strong> {v.selection}
      </p>
      <p class="secondary">
        {v.weightsFrom} Normalised = (value − lowest) ÷ (highest − lowest), on the fixed scale or
        the range entered, reversed when lower is better; a blank value counts as the worst (0).
      </p>
      <div class="actions">
        <button type="button" onClick={closeDialog}>
          Close
        </button>
      </div>
    </div>
  );
}

const root = document.getElementById('app');
if (root) {
  root.textContent = '';
  render(<App />, root);
}
