"""Run suites: plan the trials, run them with bounded concurrency, save each as it finishes.

Each finished trial is written to ``OUT/trials/`` at once (atomically), and ``OUT/run.json``
says whether the run completed. Running the same command again after a crash or Ctrl-C finds
the unfinished run and only runs the trials that are missing; a completed run starts afresh.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import queue
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

from .. import __version__
from ..errors import JourneyError
from ..files import write_atomic
from .cache import ResponseCache
from .results import RunResult, TrialResult, roll_up, totals
from .suite import DraftCase, Suite
from .tasks import Context, ProviderFactory, run_trial


class Interrupted(JourneyError):
    """The run was stopped; what finished is saved and the same command resumes it."""

    exit_code = 130


@dataclass
class RunOptions:
    out: Path
    model: str | None = None  # wins over the suite's model; a case's own model wins over it
    concurrency: int = 4
    repeat: int = 1
    cache_path: Path | None = None  # None: no response cache
    judge: str | None = None
    tags: tuple[str, ...] = ()
    fresh: bool = False
    provider_factory: ProviderFactory | None = None
    stream: TextIO | None = field(default=None, repr=False)  # progress; None: stderr


@dataclass(frozen=True)
class Trial:
    suite: Suite
    case: Any
    model: str
    repeat: int

    @property
    def file(self) -> str:
        return f"{self.suite.name}__{self.case.id}__r{self.repeat}.json"

    @property
    def fingerprint(self) -> str:
        return self.suite.case_fingerprint(self.case)


def plan(suites: list[Suite], options: RunOptions) -> list[Trial]:
    """Every (case, repeat) to run, in suite order, with the engine each one uses."""
    from ..llm import resolve_model

    trials = []
    names = [s.name for s in suites]
    if len(set(names)) != len(names):
        raise JourneyError("two suites share a name; give each suite its own 'name'.")
    for suite in suites:
        for case in suite.cases:
            if options.tags and not set(options.tags) & set(case.tags):
                continue
            model = case.model or options.model or suite.model or resolve_model(None)
            trials += [Trial(suite, case, model, k) for k in range(options.repeat)]
    if not trials:
        raise JourneyError("no case matches the tags given; check --tag.")
    return trials


def _plan_fingerprint(trials: list[Trial], judge: str | None) -> str:
    parts = sorted(f"{t.file}:{t.fingerprint}:{t.model}" for t in trials)
    return hashlib.sha256(json.dumps([parts, judge]).encode()).hexdigest()[:16]


class Progress:
    """A one-line progress bar on a terminal; a line per tenth of the run elsewhere."""

    def __init__(self, total: int, stream: TextIO, done: int = 0) -> None:
        self.total, self.stream, self.done = total, stream, done
        self.failed = self.not_measured = 0
        self.started = time.monotonic()
        self.tty = stream.isatty()
        self._last_tenth = -1

    def add(self, result: TrialResult) -> None:
        self.done += 1
        self.failed += result.status == "failed"
        self.not_measured += result.status == "not_measured"
        self.draw()

    def draw(self) -> None:
        width = 30
        filled = int(width * self.done / self.total) if self.total else width
        elapsed = time.monotonic() - self.started
        line = (
            f"[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} trials"
            f"  {self.failed} failed  {self.not_measured} not measured  {elapsed:.0f}s"
        )
        if self.tty:
            self.stream.write("\r" + line + ("\n" if self.done == self.total else ""))
            self.stream.flush()
            return
        tenth = int(10 * self.done / self.total) if self.total else 10
        if tenth != self._last_tenth:
            self._last_tenth = tenth
            self.stream.write(line + "\n")
            self.stream.flush()


def _retriever(trials: list[Trial]) -> Callable[[str, int], list[Any]] | None:
    """One shared knowledge base when some LLM draft needs retrieval; warmed before threads."""
    needs = any(
        t.model != "offline" and isinstance(t.case, DraftCase) and t.suite.retrieval == "knowledge"
        for t in trials
    )
    if not needs:
        return None
    from ..config import Settings
    from ..knowledge.store import KnowledgeBase

    kb = KnowledgeBase(Settings.from_env())
    kb.search("customer journey map", 1)
    lock = threading.Lock()

    def search(query: str, k: int) -> list[Any]:
        with lock:
            return kb.search(query, k)

    return search


def run(suites: list[Suite], options: RunOptions) -> tuple[RunResult, list[TrialResult]]:
    """Run (or resume) the suites; returns the summary and every trial's result."""
    from ..knowledge.catalog import get_catalog
    from ..knowledge.guidance import guide_ids

    stream = options.stream or sys.stderr
    trials = plan(suites, options)
    if options.provider_factory is None:  # a bad model string or a missing key: one clear error
        from ..llm import get_provider

        for name in sorted(
            {t.model for t in trials} | ({options.judge} if options.judge else set())
        ):
            get_provider(name)
    out = options.out
    folder = out / "trials"
    folder.mkdir(parents=True, exist_ok=True)
    fingerprint = _plan_fingerprint(trials, options.judge)
    manifest_path = out / "run.json"
    manifest = _read_manifest(manifest_path)
    done: dict[str, TrialResult] = {}
    if (
        not options.fresh
        and manifest.get("fingerprint") == fingerprint
        and not manifest.get("complete")
    ):
        done = _finished(folder, trials)
        if done:
            stream.write(
                f"Resuming the unfinished run in {out}: {len(done)} of {len(trials)} "
                "trials already done.\n"
            )
    else:
        for old in folder.glob("*.json"):
            old.unlink()
    started = datetime.now(UTC).isoformat(timespec="seconds")
    write_atomic(
        manifest_path,
        json.dumps({"fingerprint": fingerprint, "complete": False, "started": started}),
    )
    get_catalog()  # load shared, cached state once, before threads race to fill it
    guide_ids()
    cache = ResponseCache(options.cache_path) if options.cache_path else None
    ctx = Context(
        cache=cache,
        retriever=_retriever([t for t in trials if t.file not in done]),
        judge=options.judge,
        provider_factory=options.provider_factory,
    )
    clock = time.monotonic()
    progress = Progress(len(trials), stream, done=len(done))
    pending = [t for t in trials if t.file not in done]
    results = dict(done)
    finished: queue.Queue[tuple[Trial, TrialResult]] = queue.Queue()
    todo: queue.Queue[Trial] = queue.Queue()
    for trial in pending:
        todo.put(trial)

    def worker() -> None:  # daemon threads: Ctrl-C does not wait for calls in flight
        while True:
            try:
                trial = todo.get_nowait()
            except queue.Empty:
                return
            finished.put(
                (trial, run_trial(trial.suite, trial.case, trial.model, trial.repeat, ctx))
            )

    workers = [
        threading.Thread(target=worker, daemon=True, name=f"eval-{n}")
        for n in range(min(max(1, options.concurrency), len(pending)))
    ]
    for thread in workers:
        thread.start()
    try:
        for _ in pending:
            while True:
                try:
                    trial, result = finished.get(timeout=0.5)
                    break
                except queue.Empty:
                    continue
            write_atomic(folder / trial.file, result.model_dump_json())
            results[trial.file] = result
            progress.add(result)
    except KeyboardInterrupt:
        while not todo.empty():  # workers take nothing new
            with contextlib.suppress(queue.Empty):
                todo.get_nowait()
        raise Interrupted(
            f"stopped after {len(results)} of {len(trials)} trials; they are saved in {out}. "
            "Run the same command again to resume."
        ) from None
    finally:
        if cache is not None and not any(t.is_alive() for t in workers):
            cache.close()
    ordered = [results[t.file] for t in trials]
    if any(s.distinct for s in suites):
        mark_duplicates(ordered)
    summary = summarise(suites, trials, ordered, options, time.monotonic() - clock, started)
    write_atomic(out / "summary.json", summary.model_dump_json(indent=1))
    write_atomic(
        manifest_path,
        json.dumps({"fingerprint": fingerprint, "complete": True, "started": started}),
    )
    return summary, ordered


def mark_duplicates(results: list[TrialResult]) -> None:
    """Across the drafts of one run: two drafts with the same stage list and pain points fail
    ``distinct_map`` (two different businesses never get the same map)."""
    from .results import mean_score, trial_status
    from .scorers import map_signature, verdict

    drafts = [r for r in results if r.kind == "draft" and (r.output or {}).get("map")]
    seen: dict[tuple[str, ...], list[TrialResult]] = {}
    for result in drafts:
        seen.setdefault(map_signature(result.output["map"]), []).append(result)
    for result in drafts:
        twins = [r.case_id for r in seen[map_signature(result.output["map"])] if r is not result]
        twins = [t for t in twins if t != result.case_id]  # repeats of one case are no twins
        detail = f"same map as {', '.join(sorted(set(twins)))}" if twins else "no twin"
        result.scores = [s for s in result.scores if s.name != "distinct_map"]
        result.scores.append(verdict("distinct_map", 0.0 if twins else 1.0, detail, {}))
        result.score = mean_score(result.scores)
        result.status = trial_status(result.scores)


def summarise(
    suites: list[Suite],
    trials: list[Trial],
    results: list[TrialResult],
    options: RunOptions,
    seconds: float,
    started: str,
) -> RunResult:
    by_case: dict[str, list[TrialResult]] = {}
    for result in results:
        by_case.setdefault(result.key, []).append(result)
    cases = [roll_up(group) for group in by_case.values()]
    total, means = totals(cases, results)
    models = sorted({t.model for t in trials})
    return RunResult(
        suites=[s.name for s in suites],
        model=options.model or (models[0] if len(models) == 1 else ", ".join(models)),
        repeat=options.repeat,
        concurrency=options.concurrency,
        judge=options.judge,
        version=__version__,
        started=started,
        seconds=round(seconds, 2),
        totals=total,
        scorer_means=means,
        cases=cases,
    )


def _read_manifest(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _finished(folder: Path, trials: list[Trial]) -> dict[str, TrialResult]:
    """Saved trials of this plan that measured something (not-measured ones run again)."""
    found: dict[str, TrialResult] = {}
    for trial in trials:
        path = folder / trial.file
        try:
            result = TrialResult.model_validate_json(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if result.fingerprint == trial.fingerprint and result.status != "not_measured":
            found[trial.file] = result
    return found
