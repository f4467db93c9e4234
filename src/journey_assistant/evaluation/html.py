"""The HTML report of a run: one self-contained page, no scripts.

Totals, the comparison with the baseline, score distributions drawn in SVG, and one drill-down
per case (scorers per repeat, warnings, the map or personas rendered). Every piece of text from
cases, maps and model output is escaped.
"""

from __future__ import annotations

from html import escape

from ..models import JourneyMap, Persona
from .compare import Comparison
from .report import num
from .results import CaseResult, RunResult, TrialResult

_CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;padding:24px;
color:#1f2937;background:#f8fafc}h1{margin:0 0 4px}h2{margin:28px 0 10px;font-size:19px}
.sub{color:#6b7280;margin-bottom:14px}.chips span{display:inline-block;background:#fff;
border:1px solid #e5e7eb;border-radius:10px;padding:6px 12px;margin:0 8px 8px 0}
.chips b{display:block;font-size:20px}.badge{display:inline-block;border-radius:6px;
padding:1px 8px;font-size:12px;font-weight:600}.passed{background:#dcfce7;color:#166534}
.failed{background:#fee2e2;color:#991b1b}.not_measured{background:#e5e7eb;color:#374151}
.regression{background:#fee2e2;color:#991b1b}.improvement{background:#dbeafe;color:#1e40af}
table.t{border-collapse:collapse;background:#fff;font-size:13px}.t th,.t td{border:1px solid
#e5e7eb;padding:4px 8px;text-align:left;vertical-align:top}.t th{background:#f1f5f9}
.hists{display:flex;flex-wrap:wrap;gap:12px}.hist{background:#fff;border:1px solid #e5e7eb;
border-radius:8px;padding:8px}.hist div{font-size:13px;font-weight:600}
details.case{background:#fff;border:1px solid #e5e7eb;border-radius:8px;margin:6px 0;
padding:6px 10px}details.case summary{cursor:pointer}details.case .body{margin-top:10px}
.meta{color:#6b7280;font-size:12px}.tag{display:inline-block;background:#f1f5f9;
border-radius:8px;padding:0 6px;margin-left:4px;font-size:11px;color:#475569}
.fail{color:#991b1b;font-weight:600}.ok{color:#166534}.na{color:#6b7280}
"""


def _badge(status: str) -> str:
    return f'<span class="badge {escape(status)}">{escape(status.replace("_", " "))}</span>'


def histogram(values: list[float], *, threshold: float | None = None, bins: int = 10) -> str:
    """An SVG histogram of values in 0..1, with the pass threshold as a dashed line."""
    width, height, pad = 220, 90, 14
    counts = [0] * bins
    for value in values:
        counts[min(bins - 1, int(value * bins))] += 1
    top = max(counts) or 1
    bar = (width - 2 * pad) / bins
    out = [f'<svg width="{width}" height="{height + 18}" role="img">']
    for n, count in enumerate(counts):
        h = (height - pad) * count / top
        x = pad + n * bar
        out.append(
            f'<rect x="{x:.1f}" y="{height - h:.1f}" width="{bar - 2:.1f}" height="{h:.1f}" '
            f'fill="#60a5fa"><title>{n / bins:.1f}–{(n + 1) / bins:.1f}: {count}</title></rect>'
        )
        if count:
            out.append(
                f'<text x="{x + bar / 2 - 1:.1f}" y="{height - h - 2:.1f}" font-size="9" '
                f'text-anchor="middle">{count}</text>'
            )
    out.append(
        f'<line x1="{pad}" y1="{height}" x2="{width - pad}" y2="{height}" stroke="#9ca3af"/>'
    )
    for tick in (0, 0.5, 1):
        x = pad + tick * (width - 2 * pad)
        out.append(
            f'<text x="{x:.1f}" y="{height + 12}" font-size="9" text-anchor="middle">{tick}</text>'
        )
    if threshold is not None:
        x = pad + threshold * (width - 2 * pad)
        out.append(
            f'<line x1="{x:.1f}" y1="4" x2="{x:.1f}" y2="{height}" stroke="#dc2626" '
            f'stroke-dasharray="3,2"><title>threshold {threshold}</title></line>'
        )
    out.append("</svg>")
    return "".join(out)


def _distributions(run: RunResult, trials: list[TrialResult]) -> str:
    parts = ['<div class="hists">']
    scores = [c.score for c in run.cases if c.score is not None]
    parts.append(f'<div class="hist"><div>case score</div>{histogram(scores)}</div>')
    thresholds: dict[str, float] = {}
    for trial in trials:
        for score in trial.scores:
            thresholds.setdefault(score.name, score.threshold)
    for name in run.scorer_means:
        values = [v for c in run.cases if (v := c.scorers.get(name)) is not None]
        if values:
            parts.append(
                f'<div class="hist"><div>{escape(name)} <span class="meta">n={len(values)}, '
                f"mean {num(run.scorer_means[name])}</span></div>"
                f"{histogram(values, threshold=thresholds.get(name))}</div>"
            )
    parts.append("</div>")
    return "".join(parts)


def _comparison(comparison: Comparison) -> str:
    e = escape
    rows = [
        f'<tr><td><span class="badge {"regression" if d.regression else "improvement"}">'
        f"{'regression' if d.regression else 'improved'}</span></td><td>{e(d.key)}</td>"
        f"<td>{e(d.baseline_status)} → {e(d.status)}</td><td>{num(d.baseline_score)} → "
        f"{num(d.score)}</td><td>{e('; '.join(d.reasons))}</td></tr>"
        for d in comparison.regressions + comparison.improvements
    ]
    head = (
        f"<p>Baseline <b>{e(comparison.baseline)}</b> ({e(comparison.baseline_model)}), margin "
        f"{comparison.margin}: {len(comparison.regressions)} regression(s), "
        f"{len(comparison.improvements)} improvement(s), {len(comparison.new)} new, "
        f"{len(comparison.missing)} missing.</p>"
    )
    notes = "".join(f'<p class="meta">{e(n)}</p>' for n in comparison.notes)
    table = (
        '<table class="t"><tr><th></th><th>case</th><th>status</th><th>score</th><th>why</th></tr>'
        + "".join(rows)
        + "</table>"
        if rows
        else ""
    )
    return head + notes + table


def _scorer_table(trials: list[TrialResult]) -> str:
    e = escape
    rows = []
    for trial in trials:
        for score in trial.scores:
            mark = {True: ("ok", "pass"), False: ("fail", "FAIL"), None: ("na", "not measured")}
            css, word = mark[score.passed]
            rows.append(
                f"<tr><td>r{trial.repeat}</td><td>{e(score.name)}</td><td>{num(score.value)}</td>"
                f'<td>{score.threshold}</td><td class="{css}">{word}</td>'
                f"<td>{e(score.detail)}</td></tr>"
            )
    if not rows:
        return ""
    return (
        '<table class="t"><tr><th>repeat</th><th>scorer</th><th>value</th><th>needs</th>'
        "<th></th><th>detail</th></tr>" + "".join(rows) + "</table>"
    )


def _output(trial: TrialResult) -> str:
    from ..formats.html import fragment, persona_cards

    e = escape
    out = trial.output
    parts = []
    critique = out.get("critique") or {}
    if critique.get("findings") is not None:
        before = f" (before: {critique['before']})" if "before" in critique else ""
        parts.append(f"<p><b>Critique score {critique.get('score')}</b>{before}</p>")
        missing = critique.get("missing_stages") or []
        if missing:
            parts.append(f"<p>Missing stages: {e(', '.join(missing))}</p>")
        findings = critique["findings"]
        if findings:
            parts.append(
                '<table class="t"><tr><th>rule</th><th>severity</th><th>stage</th><th>message'
                "</th></tr>"
                + "".join(
                    f"<tr><td>{e(f['rule_id'])}</td><td>{e(f['severity'])}</td>"
                    f"<td>{e(f.get('stage') or '')}</td><td>{e(f['message'])}</td></tr>"
                    for f in findings
                )
                + "</table>"
            )
    if out.get("map"):
        try:
            parts.append(fragment(JourneyMap.model_validate(out["map"])))
        except ValueError:
            parts.append("<p>The output is not a valid map; its JSON is in the trial file.</p>")
    if out.get("personas"):
        personas = [Persona.model_validate(p) for p in out["personas"]]
        parts.append(persona_cards(personas))
    return "".join(parts)


def _case(case: CaseResult, trials: list[TrialResult]) -> str:
    e = escape
    tags = "".join(f'<span class="tag">{e(t)}</span>' for t in case.tags)
    spread = f" · spread {num(case.score_min)}–{num(case.score_max)}" if case.trials > 1 else ""
    summary = (
        f'{_badge(case.status)} <b>{e(case.key)}</b> <span class="meta">{e(case.kind)} · '
        f"score {num(case.score)}{spread} · {case.passed}/{case.measured} passed · "
        f"{case.latency_ms:.0f} ms · {e(case.model)}</span>{tags}"
    )
    body = []
    if case.description:
        body.append(f"<p>{e(case.description)}</p>")
    if case.reason:
        body.append(
            f'<p class="{"fail" if case.status == "failed" else "meta"}">{e(case.reason)}</p>'
        )
    body.append(_scorer_table(trials))
    warnings = sorted({w for t in trials for w in t.warnings})
    if warnings:
        body.append(
            "<p><b>Warnings</b></p><ul>" + "".join(f"<li>{e(w)}</li>" for w in warnings) + "</ul>"
        )
    body.append(
        f'<p class="meta">model calls {case.model_calls} ({case.cached_calls} cached) · tokens '
        f"{case.input_tokens} in / {case.output_tokens} out · cost "
        f"{'unknown' if case.cost_usd is None else f'${case.cost_usd:.4f}'}</p>"
    )
    if trials:
        body.append(_output(trials[-1]))
    anchor = e(case.key.replace("/", "--"))
    return (
        f'<details class="case" id="{anchor}"><summary>{summary}</summary>'
        f'<div class="body">{"".join(body)}</div></details>'
    )


def report(run: RunResult, trials: list[TrialResult], comparison: Comparison | None = None) -> str:
    """The whole report as one HTML document."""
    e = escape
    t = run.totals
    chips = [
        ("cases", str(t.cases)),
        ("passed", str(t.passed)),
        ("failed", str(t.failed)),
        ("not measured", str(t.not_measured)),
        ("pass@1", num(t.pass_at_1)),
        (f"pass^{run.repeat}", num(t.pass_hat_k)),
        ("mean score", num(t.mean_score)),
        ("model calls", f"{t.model_calls} (+{t.cached_calls} cached)"),
        ("tokens in/out", f"{t.input_tokens}/{t.output_tokens}"),
        ("cost", "unknown" if t.cost_usd is None else f"${t.cost_usd:.4f}"),
        ("latency p50/p95", f"{num(t.latency_p50_ms, 0)}/{num(t.latency_p95_ms, 0)} ms"),
    ]
    by_case: dict[str, list[TrialResult]] = {}
    for trial in trials:
        by_case.setdefault(trial.key, []).append(trial)
    order = {"failed": 0, "not_measured": 1, "passed": 2}
    cases = sorted(run.cases, key=lambda c: (order[c.status], c.key))
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>Evaluation: {e(' + '.join(run.suites))}</title><style>{_CSS}</style></head><body>",
        f"<h1>Evaluation: {e(' + '.join(run.suites))}</h1>",
        f'<div class="sub">engine {e(run.model)} · {run.repeat} repeat(s) · concurrency '
        f"{run.concurrency} · {run.seconds:.1f} s · started {e(run.started)} · journey "
        f"{e(run.version)}{' · judge ' + e(run.judge) if run.judge else ''}</div>",
        '<div class="chips">'
        + "".join(f"<span>{e(label)}<b>{e(value)}</b></span>" for label, value in chips)
        + "</div>",
    ]
    if comparison is not None:
        parts += ["<h2>Compared with the baseline</h2>", _comparison(comparison)]
    parts += ["<h2>Score distributions</h2>", _distributions(run, trials)]
    parts += [
        "<h2>Cases</h2>",
        '<p class="meta">Failures first. Open a case for its scorers, warnings and output.</p>',
    ]
    parts += [_case(c, by_case.get(c.key, [])) for c in cases]
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
