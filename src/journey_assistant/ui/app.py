"""A minimal Gradio page: import a map (upload or paste) and see it as a grid with its curve.

Thin by design: every action calls the Python API; this module only wires components.
"""

from __future__ import annotations

import tempfile
from html import escape
from pathlib import Path
from typing import Any

from ..api import dump_map, parse_map
from ..config import Settings
from ..errors import JourneyError
from ..formats import FORMATS
from ..formats import html as html_format
from ..models import JourneyMap

ALLOWED_UPLOADS = sorted({ext for f in FORMATS.values() for ext in f.extensions})
EXAMPLE = """Weekend hotel stay
1. Discover: Maria sees a friend's Instagram post about the hotel.
2. Book: She compares prices on Booking.com and our website. \
The resort fee only appears at the last step, which annoys her.
3. Check-in: She waits 20 minutes at the front desk and feels frustrated.
4. Stay: She loves the spa. "Best sleep in months!"
5. Review: She posts a review on Tripadvisor.
"""


def render(journey: JourneyMap | None) -> str:
    """HTML for the map panel (escaped by the HTML exporter)."""
    if journey is None:
        return "<p>Upload a map file or paste one, then press <b>Show map</b>.</p>"
    return html_format.fragment(journey)


def import_map(upload: str | None, pasted: str, settings: Settings) -> tuple[Any, str, str]:
    """Read an uploaded file (preferred) or pasted text; return state, HTML and a status line."""
    try:
        if upload:
            path = Path(upload)
            if path.suffix.lower() not in ALLOWED_UPLOADS:
                raise JourneyError(
                    f"{path.suffix or 'this file type'} is not accepted; upload "
                    f"one of {', '.join(ALLOWED_UPLOADS)}."
                )
            if path.stat().st_size > settings.max_upload_bytes:
                raise JourneyError(f"the file is over the {settings.max_upload_mb:g} MB limit.")
            from ..api import load_map

            journey = load_map(path, max_bytes=settings.max_upload_bytes)
        elif pasted.strip():
            journey = parse_map(pasted)
        else:
            return None, render(None), "Nothing to import yet."
    except JourneyError as exc:
        return None, render(None), f"⚠️ {escape(str(exc))}"
    status = f"Imported “{escape(journey.title)}”: {len(journey.stages)} stages."
    return journey.model_dump(mode="json"), render(journey), status


def export(state: dict[str, Any] | None, fmt: str) -> str | None:
    """Write the current map to a temporary file for download."""
    if not state:
        return None
    journey = JourneyMap.model_validate(state)
    content = dump_map(journey, fmt)
    ext = FORMATS[fmt].extensions[0]
    folder = Path(tempfile.mkdtemp(prefix="journey-"))
    target = folder / f"{journey.id or 'journey-map'}{ext}"
    target.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return str(target)


def build(settings: Settings) -> Any:
    """The Gradio Blocks app."""
    import gradio as gr

    with gr.Blocks(title="Journey Assistant") as demo:
        gr.Markdown(
            "# Journey Assistant\nImport a journey map and see it as a grid with its "
            "emotion curve. Engine: **offline** (built in, no key, no network)."
        )
        state = gr.State(None)
        with gr.Row():
            with gr.Column(scale=1):
                upload = gr.File(label="Map file", file_types=ALLOWED_UPLOADS, type="filepath")
                pasted = gr.Textbox(
                    label="…or paste a map (CSV, Markdown, Mermaid, JSON, text)",
                    lines=10,
                    value=EXAMPLE,
                )
                show = gr.Button("Show map", variant="primary")
                status = gr.Markdown("")
                fmt = gr.Dropdown(list(FORMATS), value="html", label="Download as")
                download = gr.DownloadButton("Download")
            with gr.Column(scale=3):
                view = gr.HTML(render(None), elem_id="map-view")

        def _import(file: str | None, text: str) -> tuple[Any, str, str]:
            return import_map(file, text, settings)

        show.click(_import, [upload, pasted], [state, view, status], api_name="import_map")
        upload.upload(_import, [upload, pasted], [state, view, status], api_visibility="private")
        download.click(export, [state, fmt], download, api_name="export_map")
    return demo


def launch(settings: Settings, *, share: bool = False, block: bool = True) -> Any:
    """Start the app on ``settings.host:settings.port`` (127.0.0.1 by default)."""
    demo = build(settings)
    auth = None
    if settings.auth:
        user, _, password = settings.auth.partition(":")
        if not user or not password:
            raise JourneyError("JOURNEY_AUTH must look like user:password.")
        auth = (user, password)
    return demo.launch(
        server_name=settings.host,
        server_port=settings.port,
        share=share,
        auth=auth,
        max_file_size=settings.max_upload_bytes,
        prevent_thread_lock=not block,
        quiet=not block,
    )
