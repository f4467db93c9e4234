"""Reports of a run: the terminal summary and JUnit XML for CI (HTML is in :mod:`.html`)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable

from .compare import Comparison
from .results import CaseResult, RunResult, TrialResult
from .suite import KINDS


def num(value: float | None, digits: int = 2) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def _table(rows: list[list[str]]) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for n, row in enumerate(rows):
        cells = [
            c.ljust(w) if i == 0 else c.rjust(w)
            for i, (c, w) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  ".join(cells).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return lines


def _kind_rows(cases: list[CaseResult]) -> list[list[str]]:
    rows = [["kind", "cases", "passed", "failed", "not measured", "mean score"]]
    for kind in [*KINDS, "total"]:
        group = cases if kind == "total" else [c for c in cases if c.kind == kind]
        if not group:
            continue
        scores = [c.score for c in group if c.score is not None]
        rows.append(
            [
                kind,
                str(len(group)),
                str(sum(c.status == "passed" for c in group)),
                str(sum(c.status == "failed" for c in group)),
                str(sum(c.status == "not_measured" for c in group)),
                num(sum(scores) / len(scores) if scores else None),
            ]
        )
    return rows


def terminal(run: RunResult, comparison: Comparison | None = None, *, verbose: bool = False) -> str:
    """The summary printed at the end of ``journey eval``."""
    t = run.totals
    cost = "unknown (no price for this model)" if t.cost_usd is None else f"${t.cost_usd:.4f}"
    lines = [
        f"Suite {' + '.join(run.suites)} · engine {run.model} · {t.cases} cases · "
        f"{t.trials} trials · {run.seconds:.1f} s",
        "",
        *_table(_kind_rows(run.cases)),
        "",
        f"pass@1 {num(t.pass_at_1)}   pass^{run.repeat} {num(t.pass_hat_k)}   "
        f"model calls {t.model_calls} ({t.cached_calls} from cache)   "
        f"tokens {t.input_tokens} in / {t.output_tokens} out   cost {cost}   "
        f"latency p50 {num(t.latency_p50_ms, 0)} ms, p95 {num(t.latency_p95_ms, 0)} ms",
        "Scorer means: " + " · ".join(f"{name} {num(v)}" for name, v in run.scorer_means.items()),
    ]
    if run.repeat > 1:
        spread = [c for c in run.cases if c.score_std]
        lines.append(
            f"Spread over {run.repeat} repeats: {len(spread)} case(s) vary"
            + (
                f", widest {max(spread, key=lambda c: c.score_std or 0).key} "
                f"(std {max(c.score_std or 0 for c in spread):.3f})"
                if spread
                else ""
            )
        )
    if verbose:
        rows = [["case", "kind", "status", "score", "spread", "ms", "calls"]]
        rows += [
            [
                c.key,
                c.kind,
                c.status.replace("_", " "),
                num(c.score),
                "-" if c.score_min is None else f"{c.score_min:.2f}-{c.score_max:.2f}",
                f"{c.latency_ms:.0f}",
                str(c.model_calls),
            ]
            for c in run.cases
        ]
        lines += ["", *_table(rows)]
    failed = [c for c in run.cases if c.status == "failed"]
    if failed:
        lines += ["", f"Failed ({len(failed)}):"]
        lines += [f"  {c.key}: {c.reason or ', '.join(c.failed_scorers)}" for c in failed]
    unmeasured = [c for c in run.cases if c.status == "not_measured"]
    if unmeasured:
        lines += ["", f"Not measured ({len(unmeasured)}): the engine could not be used"]
        lines += [f"  {c.key}: {c.reason}" for c in unmeasured]
    if comparison is not None:
        lines += ["", *comparison_lines(comparison)]
    return "\n".join(lines)


def comparison_lines(comparison: Comparison) -> list[str]:
    regressions, better = comparison.regressions, comparison.improvements
    lines = [
        f"Compared with {comparison.baseline} ({comparison.baseline_model}, margin "
        f"{comparison.margin}): {len(regressions)} regression(s), {len(better)} improvement(s), "
        f"{len(comparison.new)} new, {len(comparison.missing)} missing"
    ]
    lines += [f"  note: {n}" for n in comparison.notes]
    lines += [f"  REGRESSION {d.key}: {'; '.join(d.reasons)}" for d in regressions]
    lines += [
        f"  improved {d.key}: {num(d.baseline_score)} -> {num(d.score)}"
        + (f" ({d.baseline_status} -> {d.status})" if d.baseline_status != d.status else "")
        for d in better
    ]
    return lines


def junit(run: RunResult, trials: Iterable[TrialResult]) -> str:
    """JUnit XML: one test case per case; failures carry the failing scorers, and cases that
    were not measured are skipped with the reason."""
    by_case: dict[str, list[TrialResult]] = {}
    for trial in trials:
        by_case.setdefault(trial.key, []).append(trial)
    root = ET.Element(
        "testsuites",
        name="journey eval",
        tests=str(run.totals.cases),
        failures=str(run.totals.failed),
        skipped=str(run.totals.not_measured),
        time=f"{run.seconds:.3f}",
    )
    for suite in run.suites:
        cases = [c for c in run.cases if c.suite == suite]
        node = ET.SubElement(
            root,
            "testsuite",
            name=suite,
            tests=str(len(cases)),
            failures=str(sum(c.status == "failed" for c in cases)),
            skipped=str(sum(c.status == "not_measured" for c in cases)),
            time=f"{sum(c.latency_ms * c.trials for c in cases) / 1000:.3f}",
        )
        for case in cases:
            item = ET.SubElement(
                node,
                "testcase",
                classname=f"{suite}.{case.kind}",
                name=case.case_id,
                time=f"{case.latency_ms / 1000:.3f}",
            )
            details = []
            for trial in by_case.get(case.key, []):
                for score in trial.scores:
                    mark = {True: "ok", False: "FAIL", None: "n/a"}[score.passed]
                    details.append(
                        f"r{trial.repeat} {score.name} {num(score.value)} "
                        f"(needs {score.threshold}) {mark} {score.detail}".rstrip()
                    )
            if case.status == "failed":
                failure = ET.SubElement(
                    item, "failure", message=case.reason or "a scorer missed its threshold"
                )
                failure.text = "\n".join(details)
            elif case.status == "not_measured":
                ET.SubElement(item, "skipped", message=f"not measured: {case.reason}")
            ET.SubElement(item, "system-out").text = (
                f"score {num(case.score)}; passed {case.passed}/{case.measured} measured "
                f"repeats\n" + "\n".join(details)
            )
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"
