"""The ``journey`` command.

Errors the user can fix print one line and exit with status 2; other deliberate errors exit 1.
No traceback reaches the user unless ``JOURNEY_DEBUG=1``.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import click

from . import __version__
from .config import Settings
from .errors import JourneyError

FORMAT_NAMES = ["json", "csv", "tsv", "xlsx", "md", "mermaid", "html", "text"]


class _Group(click.Group):
    """Turns JourneyError (and unexpected errors) into one line on stderr."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except JourneyError as exc:
            click.echo(f"Error: {exc}", err=True)
            sys.exit(exc.exit_code)
        except (click.ClickException, click.exceptions.Exit, click.Abort, SystemExit):
            raise
        except Exception as exc:  # a bug: say so plainly, keep the trace for debugging
            if os.environ.get("JOURNEY_DEBUG"):
                raise
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
def export(source: Path, to_format: str | None, out: Path | None, from_format: str | None) -> None:
    """Convert a map FILE between formats (json, csv, tsv, xlsx, md, mermaid, html, text)."""
    from .api import dump_map, load_map, save_map
    from .errors import UserInputError
    from .formats import format_for_path

    journey = load_map(source, format=from_format)
    if to_format is None:
        fmt = format_for_path(out) if out else None
        to_format = fmt.name if fmt else "json"
    if out is None:
        content = dump_map(journey, to_format)
        if isinstance(content, bytes):
            raise UserInputError("xlsx is binary; give an output file with --out map.xlsx.")
        click.echo(content, nl=False)
        return
    save_map(journey, out, format=to_format)
    stages = len(journey.stages)
    click.echo(f"Wrote {out} ({to_format}, {stages} stage{'s' if stages != 1 else ''}).", err=True)


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
            bar.label = f"Ingesting {name[:30]:<30}"
            bar.update(done - bar.pos)

        report = kb.ingest(list(paths), progress=progress)
    for path, reason in report.skipped:
        click.echo(f"skipped {path}: {reason}", err=True)
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
        click.echo(f"{r.id}  {r.name}  ({r.chunks} chunk{'s' if r.chunks != 1 else ''})  {r.title}")


@docs.command("remove")
@click.argument("doc_id")
@click.pass_obj
def docs_remove(settings: Settings, doc_id: str) -> None:
    """Remove a document (by the id `journey docs list` shows, or its first characters)."""
    record = _knowledge_base(settings).remove(doc_id)
    plural = "s" if record.chunks != 1 else ""
    click.echo(f"Removed {record.name} ({record.chunks} chunk{plural}).")


@cli.command()
@click.argument("question")
@click.option("-k", "--top", "k", default=5, show_default=True, help="How many snippets.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_obj
def ask(settings: Settings, question: str, k: int, as_json: bool) -> None:
    """Show the guidance and document snippets that answer QUESTION, with sources."""
    from dataclasses import asdict

    kb = _knowledge_base(settings)
    snippets = kb.search(question, k=k)
    if as_json:
        click.echo(json.dumps([asdict(s) for s in snippets], indent=2))
        return
    for n, s in enumerate(snippets, start=1):
        where = f"{s.source} > {s.heading}" if s.heading else s.source
        click.echo(
            click.style(f"[{n}] {where}", bold=True) + f"  ({s.kind}, score {s.score:.2f},"
            f" id {s.id})"
        )
        text = s.text if len(s.text) <= 600 else s.text[:600].rsplit(" ", 1)[0] + " …"
        click.echo("    " + text.replace("\n", "\n    ") + "\n")


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="journey")


if __name__ == "__main__":
    main()
