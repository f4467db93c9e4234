"""The ``journey`` command.

Errors the user can fix print one line and exit with status 2; other deliberate errors exit 1.
No traceback reaches the user unless ``JOURNEY_DEBUG=1``.
"""

from __future__ import annotations

import contextlib
import json
import os
import shlex
import sys
from pathlib import Path
from typing import Any, NoReturn

import click

from . import __version__
from .config import Settings
from .errors import JourneyError, missing_extra
from .safe import terminal as _t

FORMAT_NAMES = ["json", "csv", "tsv", "xlsx", "md", "mermaid", "html", "text"]


def _say(text: str, **options: Any) -> None:
    """Echo text that holds words from maps, documents or models: control characters (terminal
    escape sequences) are removed first."""
    click.echo(_t(text), **options)


def _write_map(journey: Any, out: Path, fmt: str | None, *, keep_formulas: bool = False) -> None:
    """Write a map to ``out`` (the format from ``fmt`` or the extension); ``-`` is stdout."""
    from .api import dump_map, save_map

    if str(out) == "-":
        content = dump_map(journey, fmt or "json", keep_formulas=keep_formulas)
        if isinstance(content, bytes):
            sys.stdout.buffer.write(content)
            sys.stdout.flush()
        else:
            _say(content, nl=False)
        return
    save_map(journey, out, format=fmt, keep_formulas=keep_formulas)


class _Group(click.Group):
    """Turns JourneyError (and unexpected errors) into one line on stderr."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except JourneyError as exc:
            click.echo(f"Error: {_t(str(exc))}", err=True)
            sys.exit(exc.exit_code)
        except (click.ClickException, click.exceptions.Exit, click.Abort, SystemExit):
            raise
        except BrokenPipeError:  # output piped into `head` and closed: not an error
            sys.stderr.close()
            sys.exit(0)
        except Exception as exc:  # a bug: say so plainly, keep the trace for debugging
            if os.environ.get("JOURNEY_DEBUG"):
                raise
            missing = missing_extra(exc) if isinstance(exc, ModuleNotFoundError) else None
            if missing is not None:  # an optional extra that is not installed: name it
                click.echo(f"Error: {missing}", err=True)
                sys.exit(missing.exit_code)
            click.echo(
                f"Error: unexpected {type(exc).__name__}: {exc}. "
                "Run again with JOURNEY_DEBUG=1 and report the trace.",
                err=True,
            )
            sys.exit(1)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="journey")
@click.option(
    "--data-dir",
    type=click.Path(path_type=Path),
    default=None,
    help="Where maps, documents and indexes live [env JOURNEY_DATA_DIR].",
)
@click.pass_context
def cli(ctx: click.Context, data_dir: Path | None) -> None:
    """Journey Assistant: draft, critique and improve customer journey maps."""
    ctx.obj = Settings.from_env().with_overrides(data_dir=data_dir)


@cli.command()
@click.argument("source", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--format",
    "-f",
    "to_format",
    type=click.Choice(FORMAT_NAMES),
    default=None,
    help="Output format; default from --out's extension, else json.",
)
@click.option(
    "--out",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Output file; prints to stdout when omitted (not for xlsx).",
)
@click.option(
    "--from",
    "from_format",
    type=click.Choice(FORMAT_NAMES),
    default=None,
    help="Input format, when detection from extension and content is not wanted.",
)
@click.option(
    "--keep-formulas",
    is_flag=True,
    help="csv/tsv/xlsx: keep cells starting with = + - @ as they are (by default they are "
    "written as text, so a spreadsheet never runs them).",
)
def export(
    source: Path,
    to_format: str | None,
    out: Path | None,
    from_format: str | None,
    keep_formulas: bool,
) -> None:
    """Convert a map FILE between formats (json, csv, tsv, xlsx, md, mermaid, html, text), or
    draw it as a PNG picture (--out map.png).

    --out - writes to standard output (xlsx too, as bytes)."""
    from .api import dump_map, load_map
    from .errors import UserInputError
    from .formats import format_for_path

    journey = load_map(source, format=from_format)
    named = out is not None and str(out) != "-"
    if to_format is None and named and out is not None and out.suffix.lower() == ".png":
        from .files import write_atomic
        from .image import render_png

        write_atomic(out, render_png(journey))
        _say(f"Wrote {out} (PNG picture, {len(journey.stages)} stages).", err=True)
        return
    if to_format is None:
        fmt = format_for_path(out) if named and out is not None else None
        if named and out is not None and fmt is None and out.suffix:
            raise UserInputError(
                f"{out.name}: '{out.suffix}' is not a map format; use one of the extensions "
                "of json, csv, tsv, xlsx, md, mermaid, html, text or png, or choose --to."
            )
        to_format = fmt.name if fmt else "json"
    if out is None:
        content = dump_map(journey, to_format, keep_formulas=keep_formulas)
        if isinstance(content, bytes):
            raise UserInputError(
                "xlsx is binary; give an output file with --out map.xlsx (or --out - to pipe it)."
            )
        _say(content, nl=False)
        return
    _write_map(journey, out, to_format, keep_formulas=keep_formulas)
    if str(out) != "-":
        stages = len(journey.stages)
        _say(f"Wrote {out} ({to_format}, {stages} stage{'s' if stages != 1 else ''}).", err=True)


@cli.command()
@click.option(
    "--model",
    "which",
    type=click.Choice(["map", "persona", "critique"]),
    default="map",
    show_default=True,
    help="Which model's schema to print.",
)
def schema(which: str) -> None:
    """Print the JSON Schema of a journey map (or persona, or critique)."""
    from pydantic import BaseModel

    from .models import Critique, JourneyMap, Persona

    models: dict[str, type[BaseModel]] = {
        "map": JourneyMap,
        "persona": Persona,
        "critique": Critique,
    }
    model = models[which]
    click.echo(json.dumps(model.model_json_schema(), indent=2))


@cli.command()
@click.option("--host", default=None, help="Interface to listen on [env JOURNEY_HOST].")
@click.option("--port", type=int, default=None, help="Port [env JOURNEY_PORT].")
@click.option("--share", is_flag=True, help="Ask Gradio for a public share link (off by default).")
@click.pass_obj
def ui(settings: Settings, host: str | None, port: int | None, share: bool) -> None:
    """Start the web app on 127.0.0.1 (offline engine unless a model is configured)."""
    from .ui.app import launch

    launch(settings.with_overrides(host=host, port=port), share=share)


MODEL_HELP = "offline, openai:MODEL, ollama:MODEL, anthropic:MODEL... [env JOURNEY_MODEL]."
SEVERITY_COLOURS = {"critical": "red", "major": "yellow", "minor": "cyan", "info": "white"}
MAP_TYPES = [
    "customer_journey",
    "omnichannel",
    "customer_success",
    "retention",
    "conversion",
    "email",
    "product_experience",
    "service_blueprint",
    "b2b",
    "user_journey",
]


@cli.command()
@click.argument("source", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--type",
    "map_type",
    type=click.Choice(MAP_TYPES),
    default=None,
    help="Map type, instead of detecting it from the map.",
)
@click.option("--industry", default=None, help="Industry pack (e.g. hospitality, banking).")
@click.option("--json", "as_json", is_flag=True, help="Print the critique as JSON.")
@click.option(
    "--min-severity",
    type=click.Choice(["critical", "major", "minor", "info"]),
    default="info",
    show_default=True,
    help="Hide findings below this severity.",
)
@click.option("--from", "from_format", default=None, help="Input format, if not detected.")
def critique(
    source: Path,
    map_type: str | None,
    industry: str | None,
    as_json: bool,
    min_severity: str,
    from_format: str | None,
) -> None:
    """Critique a map FILE like a linter. Exits 1 when a finding is critical."""
    from .api import load_map
    from .critique import critique_map
    from .models import Severity

    journey = load_map(source, format=from_format)
    result = critique_map(journey, map_type=map_type, industry=industry)
    floor = Severity(min_severity).rank
    shown = [f for f in result.findings if f.severity.rank >= floor]
    if as_json:
        data = result.model_dump(mode="json")
        data["findings"] = [f.model_dump(mode="json") for f in shown]
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        _print_critique(journey.title, result, shown)
    if any(f.severity == Severity.critical for f in result.findings):
        sys.exit(1)


def _print_critique(title: str, result: Any, shown: list[Any]) -> None:
    stages: dict[str | None, list[Any]] = {}
    for finding in shown:
        stages.setdefault(finding.stage, []).append(finding)
    industry = f", industry {result.industry}" if result.industry else ""
    click.echo(click.style(_t(title), bold=True) + f"  ({result.map_type.value}{industry})")
    if result.stages:
        click.echo("\nHow I read the stages (set a stage's phase to override):")
        width = min(32, max(len(r.stage) for r in result.stages))
        for r in result.stages:
            phase = r.phase.value if r.phase else "?"
            _say(f"  {r.stage[:width]:<{width}}  {phase:<13} {r.why}")
    for stage, findings in stages.items():
        click.echo("")
        click.echo(click.style(_t(stage or "Whole map"), underline=True))
        for f in findings:
            sev = click.style(
                f"{f.severity.value:<8}", fg=SEVERITY_COLOURS[f.severity.value], bold=True
            )
            click.echo(f"  {sev} {f.rule_id}  {_t(f.message)}")
            if f.suggestion:
                _say(f"           → {f.suggestion}")
    if result.missing_stages:
        _say("\nMissing stages: " + ", ".join(result.missing_stages))
    if result.improvements:
        click.echo("\nTop improvements:")
        for n, imp in enumerate(result.improvements[:5], start=1):
            where = f" [{imp.stage}]" if imp.stage else ""
            _say(
                f"  {n}. {imp.action}{where} (impact {imp.impact.value}, effort {imp.effort.value})"
            )
    counts = {
        s: sum(1 for f in result.findings if f.severity.value == s)
        for s in ("critical", "major", "minor", "info")
    }
    summary = ", ".join(f"{n} {s}" for s, n in counts.items() if n) or "no findings"
    sub = " ".join(f"{c.value}={v}" for c, v in result.subscores.items() if v < 100)
    click.echo(f"\nScore {result.score}/100 — {summary}." + (f" Lowest: {sub}" if sub else ""))


@cli.command()
@click.argument("source", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--out",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="Where to write the improved (future-state) map; format from the extension.",
)
@click.option("--type", "map_type", type=click.Choice(MAP_TYPES), default=None)
@click.option("--industry", default=None, help="Industry pack (e.g. hospitality, banking).")
@click.option("--from", "from_format", default=None, help="Input format, if not detected.")
def improve(
    source: Path, out: Path, map_type: str | None, industry: str | None, from_format: str | None
) -> None:
    """Apply the fixes the offline engine can make and write the future-state map to --out."""
    from .api import load_map
    from .critique import critique_map
    from .critique.improve import improve_map, open_questions
    from .diff import diff_maps

    journey = load_map(source, format=from_format)
    before = critique_map(journey, map_type=map_type, industry=industry)
    improved, _ = improve_map(journey, map_type=map_type, industry=industry)
    after = critique_map(improved, map_type=map_type, industry=industry)
    _write_map(improved, out, None)
    if str(out) == "-":
        return
    for line in diff_maps(journey, improved).lines():
        colour = {"+": "green", "-": "red"}.get(line[0], "yellow")
        click.echo(click.style(_t(line), fg=colour))
    click.echo(
        f"\nWrote {out}: score {before.score} → {after.score}, findings "
        f"{len(before.findings)} → {len(after.findings)}. Added items are marked "
        "[inferred]; check them."
    )
    questions = open_questions(improved)
    if questions:
        click.echo("\nOnly you can answer these (the map cannot get better without them):")
        for question in questions:
            _say(f"  - {question}")


def _brief(brief: str | None, brief_file: Path | None) -> str:
    from .errors import UserInputError

    if brief_file is not None:
        try:
            return brief_file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise UserInputError(f"{brief_file}: cannot read the brief ({exc}).") from None
    if not brief:
        raise UserInputError("give a brief in quotes, or --brief-file FILE.")
    return brief


@cli.command()
@click.argument("brief", required=False)
@click.option(
    "--brief-file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Read the brief from a file.",
)
@click.option(
    "--type",
    "map_type",
    type=click.Choice(MAP_TYPES),
    default=None,
    help="Map type, instead of detecting it from the brief.",
)
@click.option("--model", default=None, help=MODEL_HELP)
@click.option("--json", "as_json", is_flag=True, help='Print {"map": …, "critique": …}.')
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMAT_NAMES),
    default=None,
    help="Format to print or write (default: text, or from --out's extension).",
)
@click.option(
    "--out",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the map to this file.",
)
@click.option(
    "--anyway",
    is_flag=True,
    help="Draft even when the brief is too thin to read (the map is then mostly guesses).",
)
@click.pass_obj
def draft(
    settings: Settings,
    brief: str | None,
    brief_file: Path | None,
    map_type: str | None,
    model: str | None,
    as_json: bool,
    fmt: str | None,
    out: Path | None,
    anyway: bool,
) -> None:
    """Draft a journey map from a BRIEF; says what it understood, and asks when the brief is
    too thin. The critique runs on the draft and its score is shown."""
    from .api import dump_map
    from .drafting import draft_map
    from .understanding import read_brief

    text = _brief(brief, brief_file)
    reading = read_brief(text, map_type=map_type)
    if reading.thin and not anyway:  # ask, do not guess
        if as_json:
            click.echo(
                json.dumps(
                    {
                        "map": None,
                        "reading": reading.model_dump(mode="json"),
                        "questions": reading.questions,
                    },
                    indent=2,
                    ensure_ascii=False,
                )
            )
            return
        _print_reading(reading, err=False)
        _say(
            "\nThat is too little to map this business without guessing. Add the answers to the "
            "brief and run again (or pass --anyway to draft from guesses)."
        )
        return
    result = draft_map(text, model=model, settings=settings, reading=reading)
    if not as_json:
        _print_reading(reading, err=True)
    if result.fallback_reason:
        click.echo(
            f"The model failed ({result.fallback_reason}); showing the offline draft.", err=True
        )
    for warning in result.warnings:
        _say(f"warning: {warning}", err=True)
    if as_json:
        click.echo(
            json.dumps(
                {
                    "map": result.map.model_dump(mode="json", exclude_none=True),
                    "critique": result.critique.model_dump(mode="json"),
                    "reading": reading.model_dump(mode="json"),
                    "questions": reading.questions,
                    "engine": result.engine,
                    "usage": result.usage,
                    "fallback_reason": result.fallback_reason,
                },
                indent=2,
                ensure_ascii=False,
            )
        )
        return
    if out is not None:
        _write_map(result.map, out, fmt)
        if str(out) != "-":
            click.echo(f"Wrote {out}.", err=True)
    else:
        content = dump_map(result.map, fmt or "text")
        if isinstance(content, bytes):
            from .errors import UserInputError

            raise UserInputError("xlsx is binary; give an output file with --out map.xlsx.")
        click.echo(content)
    c = result.critique
    saved = out is not None and str(out) != "-"
    details = (
        f"run `journey critique {_t(shlex.quote(str(out)))}` for details"
        if saved
        else "save the map with --out map.json and run `journey critique map.json` for details"
    )
    click.echo(
        f"Engine: {result.engine}. {len(result.map.stages)} stages. Critique score "
        f"{c.score}/100 with {len(c.findings)} finding(s); {details}.",
        err=True,
    )


def _print_reading(reading: Any, *, err: bool) -> None:
    """'What I understood' and, where the brief is silent, what to ask."""
    _say("What I understood:", err=err)
    for line in reading.summary():
        _say(f"  - {line}", err=err)
    if reading.questions:
        _say("To map it better, tell me:", err=err)
        for n, question in enumerate(reading.questions, start=1):
            _say(f"  {n}. {question}", err=err)
    _say("", err=err)


@cli.command()
@click.argument("brief", required=False)
@click.option("--brief-file", type=click.Path(dir_okay=False, path_type=Path), default=None)
@click.option("--count", "-n", default=2, show_default=True, help="How many personas (1-6).")
@click.option("--model", default=None, help=MODEL_HELP)
@click.option("--json", "as_json", is_flag=True, help="Print the personas as JSON.")
@click.pass_obj
def persona(
    settings: Settings,
    brief: str | None,
    brief_file: Path | None,
    count: int,
    model: str | None,
    as_json: bool,
) -> None:
    """Draft proto-personas for a BRIEF (assumptions to validate, with the research to do)."""
    from .personas import draft_personas

    result = draft_personas(
        _brief(brief, brief_file),
        count,
        model=model or settings.model,
        search=_document_search(settings),
    )
    if result.fallback_reason:
        _say(f"The model failed ({result.fallback_reason}); showing offline personas.", err=True)
    if as_json:
        click.echo(
            json.dumps(
                {
                    "personas": [
                        p.model_dump(mode="json", exclude_none=True) for p in result.personas
                    ],
                    "sources": [s.model_dump(mode="json") for s in result.sources],
                    "engine": result.engine,
                },
                indent=2,
                ensure_ascii=False,
            )
        )
        return
    for p in result.personas:
        click.echo(
            click.style(_t(p.name), bold=True) + f" — {_t(p.role or '')}  "
            f"[proto-persona: {p.evidence_level.value}]"
        )
        if p.segment:
            _say(f"  Segment: {p.segment}")
        for label, items in (
            ("Goals", p.goals),
            ("Needs", p.needs),
            ("Frustrations", p.frustrations),
            ("Behaviours", p.behaviours),
            ("Objections", p.objections),
        ):
            if items:
                _say(
                    f"  {label}: "
                    + "; ".join(
                        i.text + (f" [evidence: {', '.join(i.citations)}]" if i.citations else "")
                        for i in items
                    )
                )
        if p.preferred_channels:
            click.echo("  Channels: " + ", ".join(c.value for c in p.preferred_channels))
        if p.quote:
            _say(f'  "{p.quote}"')
        _say("  To validate: " + "; ".join(p.assumptions_to_validate))
        _say("  Research: " + "; ".join(p.validation_research) + "\n")
    click.echo(f"Engine: {result.engine}.", err=True)


def _document_search(settings: Settings) -> Any:
    """A search over company documents, only if some were ingested (else no model is loaded)."""
    from .knowledge.store import KnowledgeBase
    from .models import Source

    kb = KnowledgeBase(settings)
    if not kb.documents():
        return None

    def search(query: str, k: int) -> list[tuple[Source, str]]:
        return [
            (Source(id=s.id, title=s.title, location=s.source, excerpt=s.text[:240]), s.text)
            for s in kb.search(query, k=k, kinds=("document",))
        ]

    return search


@cli.command()
@click.argument("source", type=click.Path(dir_okay=False, path_type=Path))
def summary(source: Path) -> None:
    """Print a one-page executive summary of a map FILE (Markdown)."""
    from .api import load_map
    from .summary import executive_summary

    _say(executive_summary(load_map(source)), nl=False)


@cli.command()
@click.option("--markdown", is_flag=True, help="Print the rule reference as Markdown.")
def rules(markdown: bool) -> None:
    """List the critique rules."""
    from .critique import RULES
    from .critique.docs import rules_markdown

    if markdown:
        click.echo(rules_markdown(), nl=False)
        return
    for rule in sorted(RULES.values(), key=lambda r: r.id):
        click.echo(f"{rule.id}  {rule.severity.value:<8} {rule.category.value:<14} {rule.name}")


def _workspace(settings: Settings) -> Any:
    from .workspace import Workspace

    return Workspace(settings.data_dir)


@cli.command()
@click.argument("source", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--message", "-m", default="", help="A note for this version.")
@click.pass_obj
def save(settings: Settings, source: Path, message: str) -> None:
    """Save a map FILE (any format) to the workspace as a new version."""
    from .api import load_map

    version = _workspace(settings).save_map(load_map(source), message=message)
    _say(f"Saved '{version.title}' as {version.map_id} version {version.version}.")


@cli.command()
@click.option(
    "--all",
    "everyone",
    is_flag=True,
    help="Every user's maps, with their owners (the app's users are private to each other).",
)
@click.pass_obj
def maps(settings: Settings, everyone: bool) -> None:
    """List the maps saved from the command line (--all: everyone's)."""
    workspace = _workspace(settings)
    summaries = workspace.all_maps() if everyone else workspace.list_maps()
    if not summaries:
        click.echo("No saved maps yet: `journey save FILE` adds one.")
    for m in summaries:
        owner = f"  [{m.owner}]" if everyone else ""
        _say(f"{m.map_id}  v{m.latest_version} ({m.version_count} versions)  {m.title}{owner}")


@cli.command()
@click.argument("map_id")
@click.pass_obj
def versions(settings: Settings, map_id: str) -> None:
    """List the versions of a saved map."""
    for v in _workspace(settings).versions(map_id):
        note = f"  {v.message}" if v.message else ""
        _say(f"v{v.version}  {v.saved_at:%Y-%m-%d %H:%M}  {v.title}{note}")


@cli.command(name="open")
@click.argument("map_id")
@click.option("--version", "version", type=int, default=None, help="Version (default latest).")
@click.option(
    "--out",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="Where to write it; format from the extension.",
)
@click.pass_obj
def open_(settings: Settings, map_id: str, version: int | None, out: Path) -> None:
    """Write a saved map (latest or a given version) to a file."""
    _write_map(_workspace(settings).open_map(map_id, version), out, None)
    if str(out) != "-":
        click.echo(f"Wrote {out}.", err=True)


@cli.command()
@click.option(
    "--map",
    "map_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Start with this map loaded (any format).",
)
@click.option(
    "--script",
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    default=None,
    help="Play the messages in FILE (one per line; blank lines and # lines skipped; - reads "
    "standard input) instead of asking.",
)
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="Print the conversation as JSON: one object per turn with message, intent, slots, "
    "reply, pending and map.",
)
@click.option("--model", default=None, help=MODEL_HELP)
@click.pass_obj
def chat(
    settings: Settings, map_file: Path | None, script: Path | None, as_json: bool, model: str | None
) -> None:
    """Talk to the assistant in the terminal, as in the app's chat (maps are saved to the
    workspace as versions, like `journey save`)."""
    import json
    import uuid

    from .agent import Assistant, Session
    from .agent.script import play, script_lines
    from .llm import get_provider, resolve_model

    session = Session(id=uuid.uuid4().hex)
    if map_file is not None:
        from .api import load_map

        session.map = load_map(map_file, max_bytes=settings.max_upload_bytes)
    engine = resolve_model(model or settings.model)
    workspace = _workspace(settings)

    def save(journey: Any, message: str, new: bool = False) -> int:
        version = workspace.save_map(journey, message=message, new=new)
        journey.id, journey.version = version.map_id, version.version
        return int(version.version)

    provider = None if engine == "offline" else get_provider(engine)
    assistant = Assistant(
        session,
        save=save,
        search=_lazy_search(settings),
        model=engine,
        chat_model=getattr(provider, "chat_model", None),
    )
    if script is not None:
        text = sys.stdin.read() if str(script) == "-" else _read_text(script)
        turns = play(assistant, script_lines(text))
        if as_json:
            click.echo(json.dumps(list(turns), ensure_ascii=False, indent=2))
            return
        for record in turns:
            _say(f"> {record['message']}\n{record['reply']}\n")
        return
    _repl(assistant, settings, as_json)


def _read_text(path: Path) -> str:
    from .errors import UserInputError

    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UserInputError(f"cannot read the script {path}: {exc}") from None


def _lazy_search(settings: Settings) -> Any:
    """Guidance and document search for how-to questions, built on first use (and none when
    the rag extra is not installed)."""
    found: list[Any] = []

    def search(query: str, k: int) -> list[Any]:
        try:
            if not found:
                found.append(_knowledge_base(settings))
            return list(found[0].search(query, k=k))
        except ModuleNotFoundError:  # the rag extra is not installed: no snippets to answer with
            return []

    return search


def _repl(assistant: Any, settings: Settings, as_json: bool) -> None:
    """Ask, answer, repeat, with line editing and a history kept in the data folder."""
    import json

    from .agent.script import turn

    history_file = settings.data_dir / "chat-history"
    try:
        import readline

        settings.data_dir.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(OSError):
            readline.read_history_file(history_file)
        readline.set_history_length(1000)
    except ImportError:  # pragma: no cover - readline is missing on some platforms
        readline = None  # type: ignore[assignment]
    click.echo("Journey Assistant. Describe your business to draft a map; 'quit' to leave.")
    while True:
        try:
            message = input("you> ").strip()
        except (EOFError, KeyboardInterrupt):
            click.echo()
            break
        if message.lower() in ("quit", "exit", ":q"):
            break
        if not message:
            continue
        record = turn(assistant, message)
        if as_json:
            click.echo(json.dumps(record, ensure_ascii=False))
        else:
            _say(record["reply"] + "\n")
        if readline is not None:
            with contextlib.suppress(OSError):
                readline.write_history_file(history_file)


@cli.command()
@click.pass_obj
def recover(settings: Settings) -> None:
    """Copy everything readable from a damaged workspace into a new one (the damaged file is
    kept beside it)."""
    from .workspace import recover as recover_workspace

    result = recover_workspace(settings.data_dir)
    kept = ", ".join(f"{n} {table}" for table, n in result.copied.items() if n) or "nothing"
    _say(f"Recovered {kept}.")
    if result.lost:
        _say("Lost (unreadable): " + ", ".join(f"{n} {t}" for t, n in result.lost.items()) + ".")
    _say(f"The damaged file is kept as {result.damaged_copy}.")


def _knowledge_base(settings: Settings) -> Any:
    from .knowledge.store import KnowledgeBase

    return KnowledgeBase(settings)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.pass_obj
def ingest(settings: Settings, paths: tuple[Path, ...]) -> None:
    """Add company documents (files or folders: md, txt, pdf, docx, html, csv)."""
    kb = _knowledge_base(settings)
    with click.progressbar(length=1, label="Ingesting", file=sys.stderr, show_pos=True) as bar:

        def progress(done: int, total: int, name: str) -> None:
            bar.length = total
            bar.label = f"Ingesting {_t(name, one_line=True)[:30]:<30}"
            bar.update(done - bar.pos)

        report = kb.ingest(list(paths), progress=progress)
    for path, reason in report.skipped:
        _say(f"skipped {path}: {reason}", err=True)
    click.echo(
        f"{len(report.added)} added, {len(report.updated)} updated, "
        f"{len(report.unchanged)} unchanged, {len(report.skipped)} skipped; "
        f"{report.texts_embedded} chunks embedded."
    )


@cli.group()
def docs() -> None:
    """List or remove ingested company documents."""


@docs.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
def docs_list(settings: Settings, as_json: bool) -> None:
    """List ingested documents with their ids."""
    from dataclasses import asdict

    records = _knowledge_base(settings).documents()
    if as_json:
        click.echo(json.dumps([asdict(r) for r in records], indent=2))
        return
    if not records:
        click.echo("No documents yet: add some with `journey ingest PATH`.")
    for r in records:
        _say(f"{r.id}  {r.name}  ({r.chunks} chunk{'s' if r.chunks != 1 else ''})  {r.title}")


@docs.command("remove")
@click.argument("doc_id")
@click.pass_obj
def docs_remove(settings: Settings, doc_id: str) -> None:
    """Remove a document (by the id `journey docs list` shows, or its first characters)."""
    record = _knowledge_base(settings).remove(doc_id)
    plural = "s" if record.chunks != 1 else ""
    _say(f"Removed {record.name} ({record.chunks} chunk{plural}).")


@cli.command()
@click.argument("question")
@click.option("-k", "--top", "k", default=5, show_default=True, help="How many snippets.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
def ask(settings: Settings, question: str, k: int, as_json: bool) -> None:
    """Show the guidance and document snippets that answer QUESTION, with sources."""
    from dataclasses import asdict

    kb = _knowledge_base(settings)
    if not kb.guidance_current():  # the first question indexes the guides: show how far it is
        label = "Indexing the guidance (once)"
        with click.progressbar(length=1, label=label, file=sys.stderr, show_pos=True) as bar:

            def progress(done: int, total: int, name: str) -> None:
                bar.length = total
                bar.update(done - bar.pos)

            kb.ensure_guidance(progress=progress)
    snippets = kb.search(question, k=k)
    if as_json:
        click.echo(json.dumps([asdict(s) for s in snippets], indent=2))
        return
    for n, s in enumerate(snippets, start=1):
        where = f"{s.source} > {s.heading}" if s.heading else s.source
        click.echo(
            click.style(_t(f"[{n}] {where}", one_line=True), bold=True)
            + _t(f"  ({s.kind}, score {s.score:.2f}, id {s.id})")
        )
        text = s.text if len(s.text) <= 600 else s.text[:600].rsplit(" ", 1)[0] + " …"
        _say("    " + text.replace("\n", "\n    ") + "\n")


@cli.command(name="eval")
@click.argument("suites", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--model", "-m", default=None, help="Engine for cases that do not name one.")
@click.option(
    "--concurrency",
    "-j",
    default=4,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Cases run at once; all back off together on a rate limit.",
)
@click.option(
    "--repeat",
    "-k",
    default=1,
    show_default=True,
    type=click.IntRange(1, 20),
    help="Run every case K times; reports pass^K and the spread.",
)
@click.option(
    "--cache/--no-cache",
    default=True,
    show_default=True,
    help="Answer repeated model requests from the response cache.",
)
@click.option(
    "--baseline",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Baseline to compare with [default: evals/baselines/<suite>.json].",
)
@click.option("--fail-on-regression", is_flag=True, help="Exit 1 when a case regresses.")
@click.option(
    "--margin",
    default=0.02,
    show_default=True,
    type=click.FloatRange(0, 1),
    help="Score drop tolerated before a case counts as regressed.",
)
@click.option("--bless", is_flag=True, help="Store this run as the baseline.")
@click.option(
    "--out",
    "-o",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Run folder [default: evals/runs/<suite>]; an unfinished run there resumes.",
)
@click.option("--fresh", is_flag=True, help="Start over even if the run folder is unfinished.")
@click.option("--tag", "tags", multiple=True, help="Only cases with this tag (repeatable).")
@click.option("--judge", default=None, help="Add the LLM-judge scorer with this model (off).")
@click.option("--verbose", "-v", is_flag=True, help="List every case in the summary.")
@click.pass_obj
def eval_(
    settings: Settings,
    suites: tuple[Path, ...],
    model: str | None,
    concurrency: int,
    repeat: int,
    cache: bool,
    baseline: Path | None,
    fail_on_regression: bool,
    margin: float,
    bless: bool,
    out: Path | None,
    fresh: bool,
    tags: tuple[str, ...],
    judge: str | None,
    verbose: bool,
) -> None:
    """Run evaluation SUITES (YAML) and report; exit 1 on a regression with
    --fail-on-regression."""
    from .evaluation import RunOptions, evaluate
    from .evaluation.report import terminal

    name = "+".join(p.stem for p in suites)
    options = RunOptions(
        out=out or Path("evals") / "runs" / name,
        model=model,
        concurrency=concurrency,
        repeat=repeat,
        cache_path=settings.data_dir / "eval-cache.sqlite" if cache else None,
        judge=judge,
        tags=tags,
        fresh=fresh,
    )
    outcome = evaluate(
        list(suites),
        options,
        baseline=baseline,
        bless=bless,
        margin=margin,
        require_baseline=fail_on_regression,
    )
    click.echo(terminal(outcome.run, outcome.comparison, verbose=verbose))
    click.echo(f"\nReport: {outcome.files['html']}  JUnit: {outcome.files['junit']}")
    if outcome.blessed:
        click.echo(f"Blessed: {outcome.blessed} is the new baseline.")
    if fail_on_regression and outcome.regressed:
        sys.exit(1)


def main() -> None:
    """Console-script entry point."""
    # pydantic looks for plugins in every installed package's metadata when the first model is
    # built (about 20 ms of a 0.5 s command); the command uses none. Setting the variable
    # yourself keeps yours.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    try:
        cli(prog_name="journey")
    except SystemExit as exc:
        _leave(exc.code)
    _leave(0)


def _leave(code: object) -> NoReturn:
    """End the process once the command is done, without tearing the interpreter down.

    Freeing every module and object at exit takes 80-100 ms after a draft, a fifth of the
    command. The exit handlers still run (log files, temporary folders, servers) and the output
    is flushed; only the teardown is skipped. With another thread still running (the app, a
    model server's reader), or no way to run the handlers, the normal exit happens instead.
    """
    import atexit
    import threading

    run_handlers = getattr(atexit, "_run_exitfuncs", None)
    if run_handlers is None or threading.active_count() > 1:
        raise SystemExit(code)
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:  # sys.exit("message"): said on stderr, status 1, as Python does
        print(code, file=sys.stderr)
        status = 1
    run_handlers()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe (`| head`)
            stream.flush()
    os._exit(status)


if __name__ == "__main__":
    main()
