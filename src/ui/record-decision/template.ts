/**
 * The Record decision dialog (an HtmlService template; `v` is a DecisionView). Self-contained: its
 * only script is inline and calls the server through google.script.run.recordDecision. Values
 * reach the script through escaped attributes, never printed inside <script>.
 */
export const DECISION_TEMPLATE = `<!DOCTYPE html>
<html>
<head>
<base target="_top">
<meta charset="utf-8">
<style>
body { font: 13px/1.4 Arial, sans-serif; color: #202124; margin: 12px; }
h2 { font-size: 16px; margin: 0 0 4px; }
.lead, .muted { color: #5f6368; }
.muted { font-size: 12px; }
label.option { display: block; margin: 4px 0; }
label.off { color: #9aa0a6; }
textarea { width: 100%; box-sizing: border-box; height: 90px; font: inherit; }
#message { margin-top: 8px; min-height: 1.4em; }
#message.error { color: #c5221f; }
#message.ok { color: #188038; }
button { margin-top: 8px; padding: 6px 16px; }
ul { padding-left: 18px; margin: 4px 0; }
</style>
</head>
<body>
<h2><?= v.id ?> — <?= v.name ?></h2>
<p class="lead">Owner <?= v.owner || 'none' ?> · status <b><?= v.status || 'blank' ?></b></p>
<form id="decision" data-id="<?= v.id ?>" data-status="<?= v.status ?>" onsubmit="return submitDecision(event)">
<? for (var i = 0; i < v.options.length; i++) { var o = v.options[i]; ?><label class="option<?= o.allowed ? '' : ' off' ?>" title="<?= o.why ?>"><input type="radio" name="decision" value="<?= o.decision ?>"<?= o.allowed ? '' : ' disabled' ?>> <?= o.label ?> → <?= o.to ?><? if (!o.allowed) { ?> <span class="muted">(<?= o.why ?>)</span><? } ?></label>
<? } ?>
<p class="muted"><?= v.nextSteps ?></p>
<p><label for="reason"><b>Reason</b> (the board and later reviews read it)</label><br>
<textarea id="reason" name="reason" maxlength="<?= v.reasonMax ?>" required></textarea></p>
<button type="submit" id="submit">Record decision</button>
<button type="button" id="close" onclick="google.script.host.close()">Cancel</button>
</form>
<div id="message" role="status"></div>
<? if (v.recent.length) { ?><p class="muted">Earlier decisions on <?= v.id ?>:</p><ul class="muted">
<? for (var k = 0; k < v.recent.length; k++) { ?><li><?= v.recent[k] ?></li>
<? } ?></ul><? } ?>
<script>
function say(text, kind) {
  var m = document.getElementById('message');
  m.textContent = text;
  m.className = kind;
}
function submitDecision(event) {
  event.preventDefault();
  var form = document.getElementById('decision');
  var picked = form.querySelector('input[name="decision"]:checked');
  var reason = document.getElementById('reason').value.trim();
  if (!picked) { say('Pick a decision.', 'error'); return false; }
  if (!reason) { say('Write a reason.', 'error'); return false; }
  var button = document.getElementById('submit');
  button.disabled = true;
  say('Recording…', '');
  google.script.run
    .withSuccessHandler(function (r) {
      say(r.message, 'ok');
      button.style.display = 'none';
      document.getElementById('close').textContent = 'Close';
    })
    .withFailureHandler(function (e) {
      button.disabled = false;
      say(e && e.message ? e.message : String(e), 'error');
    })
    .recordDecision({
      id: form.getAttribute('data-id'),
      status: form.getAttribute('data-status'),
      decision: picked.value,
      reason: reason
    });
  return false;
}
</script>
</body>
</html>
`;
