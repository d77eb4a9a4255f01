/**
 * The Explain score dialog (an HtmlService template; `v` is an ExplainView). Self-contained: no
 * script or style from elsewhere.
 */
export const EXPLAIN_TEMPLATE = `<!DOCTYPE html>
<html>
<head>
<base target="_top">
<meta charset="utf-8">
<style>
body { font: 13px/1.4 Arial, sans-serif; color: #202124; margin: 12px; }
h2 { font-size: 16px; margin: 0 0 4px; }
.lead { margin: 0 0 10px; color: #5f6368; }
table { border-collapse: collapse; width: 100%; margin: 10px 0; }
th, td { border-bottom: 1px solid #dadce0; padding: 4px 6px; text-align: left; vertical-align: top; }
th { background: #e8f0fe; }
td.num, th.num { text-align: right; white-space: nowrap; }
tr.total td { font-weight: bold; border-top: 2px solid #5f6368; }
.how { color: #5f6368; font-size: 12px; }
.muted { color: #5f6368; font-size: 12px; }
button { margin-top: 8px; padding: 6px 16px; }
</style>
</head>
<body>
<h2><?= v.id ?> — <?= v.name ?></h2>
<p class="lead">Status <?= v.status ?> · score <b><?= v.score ?></b> · <?= v.rank ?></p>
<? for (var i = 0; i < v.sentences.length; i++) { ?><p><?= v.sentences[i] ?></p>
<? } ?>
<table id="criteria">
<tr><th>Criterion</th><th class="num">Raw value</th><th class="num">Normalised (0–1)</th><th class="num">Weight</th><th class="num">Points</th><th>How</th></tr>
<? for (var j = 0; j < v.criteria.length; j++) { var c = v.criteria[j]; ?><tr><td><?= c.name ?></td><td class="num"><?= c.raw ?></td><td class="num"><?= c.normalised ?></td><td class="num"><?= c.weight ?></td><td class="num"><?= c.points ?></td><td class="how"><?= c.how ?></td></tr>
<? } ?>
<tr class="total"><td>Score</td><td></td><td></td><td class="num">100%</td><td class="num"><?= v.total ?></td><td class="how">score = Σ points = 100 × Σ weight × normalised</td></tr>
</table>
<p><b>Selection.</b> <span id="selection"><?= v.selection ?></span></p>
<p class="muted"><?= v.weightsFrom ?> Normalised: (value − lowest) ÷ (highest − lowest) on the fixed scale or the range entered, reversed when lower is better; a blank value counts as the worst (0).</p>
<button onclick="google.script.host.close()">Close</button>
</body>
</html>
`;
