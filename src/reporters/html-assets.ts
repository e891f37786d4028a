/**
 * The HTML report's inline stylesheet and script. Both are constants (no event text ever
 * reaches them), so the report needs no network and its Content-Security-Policy can forbid it.
 */

export const HTML_STYLE = `
:root { --pass: #1a7f37; --fail: #cf222e; --skip: #6e7781; --err: #9a6700; --bg: #fff; --fg: #1f2328; --muted: #656d76; --line: #d0d7de; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; color: var(--fg); background: var(--bg); }
header { padding: 16px 24px; border-bottom: 1px solid var(--line); position: sticky; top: 0; background: var(--bg); z-index: 1; }
h1 { font-size: 18px; margin: 0 0 8px; }
main { padding: 16px 24px; }
.counts span { margin-right: 12px; }
.toolbar { margin-top: 8px; display: flex; gap: 6px; flex-wrap: wrap; align-items: center; }
.toolbar button { border: 1px solid var(--line); background: #f6f8fa; border-radius: 6px; padding: 3px 10px; cursor: pointer; }
.toolbar button[aria-pressed="true"] { background: var(--fg); color: var(--bg); }
.toolbar input { border: 1px solid var(--line); border-radius: 6px; padding: 3px 8px; min-width: 260px; }
details.run { border: 1px solid var(--line); border-radius: 8px; margin-bottom: 12px; }
details.run > summary { padding: 8px 12px; font-weight: 600; cursor: pointer; }
details.run > .body { padding: 0 12px 12px; }
details.step { border-left: 4px solid var(--line); margin: 6px 0; padding: 2px 8px; }
details.step > summary { cursor: pointer; }
.s-passed { border-left-color: var(--pass) !important; } .s-failed { border-left-color: var(--fail) !important; background: #fff5f5; }
.s-errored, .s-interrupted { border-left-color: var(--err) !important; background: #fffbea; } .s-skipped { border-left-color: var(--skip) !important; }
.badge { display: inline-block; font-size: 12px; padding: 0 6px; border-radius: 10px; color: #fff; margin-right: 6px; }
.b-passed, .b-completed, .b-done { background: var(--pass); } .b-failed, .b-incomplete { background: var(--fail); }
.b-errored, .b-interrupted { background: var(--err); } .b-skipped, .b-gone, .b-superseded, .b-kept { background: var(--skip); }
.muted { color: var(--muted); }
table { border-collapse: collapse; margin: 6px 0; }
th, td { text-align: left; vertical-align: top; padding: 2px 10px 2px 0; }
th { color: var(--muted); font-weight: 500; white-space: nowrap; }
pre { background: #f6f8fa; padding: 8px; border-radius: 6px; overflow: auto; max-height: 360px; margin: 4px 0; white-space: pre-wrap; word-break: break-word; }
.miss td { color: var(--fail); }
details.diagram { margin: 6px 0; } details.diagram > summary { cursor: pointer; color: var(--muted); }
svg.sequence { font: 12px system-ui, sans-serif; max-width: 100%; height: auto; }
[hidden] { display: none !important; }
`

/** Filter by status and search by text; expands nothing it was not asked to. */
export const HTML_SCRIPT = `
(function () {
  var current = 'all';
  var buttons = Array.prototype.slice.call(document.querySelectorAll('[data-filter]'));
  var search = document.getElementById('search');
  function apply() {
    var q = (search.value || '').toLowerCase();
    Array.prototype.forEach.call(document.querySelectorAll('details.run'), function (run) {
      var shown = 0;
      Array.prototype.forEach.call(run.querySelectorAll('details.step'), function (step) {
        var ok = (current === 'all' || step.getAttribute('data-status') === current) &&
          (q === '' || step.textContent.toLowerCase().indexOf(q) >= 0 || run.querySelector('summary').textContent.toLowerCase().indexOf(q) >= 0);
        step.hidden = !ok;
        if (ok) shown++;
      });
      run.hidden = shown === 0 && (current !== 'all' || q !== '');
    });
  }
  buttons.forEach(function (b) {
    b.addEventListener('click', function () {
      current = b.getAttribute('data-filter');
      buttons.forEach(function (o) { o.setAttribute('aria-pressed', String(o === b)); });
      apply();
    });
  });
  search.addEventListener('input', apply);
})();
`
