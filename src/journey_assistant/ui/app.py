"""The Gradio app: chat on one side, the current map on the other. A thin layer over the API.

Each browser gets its own :class:`Session` (in ``gr.State``): two browsers never share a map
or a conversation. A session belongs to an owner: the signed-in user when ``JOURNEY_AUTH`` is
set, else the browser (its id kept in the browser's local storage). An owner sees only its own
maps. Maps are saved as versions in the workspace; the conversation, the open map, the pending
proposal and the personas are kept there too, so neither a reload nor a restart loses them.
"""

from __future__ import annotations

import atexit
import contextlib
import importlib.util
import os
import re
import secrets
import shutil
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from html import escape
from pathlib import Path
from typing import Any

from gradio import Request, skip, update  # Request: handlers that name it get the signed-in user

from ..agent import EXAMPLES, Assistant, Session
from ..agent.assistant import intents_ready, warm_intents
from ..api import dump_map, load_map, parse_map
from ..config import Settings
from ..errors import JourneyError
from ..files import write_atomic
from ..formats import FORMATS
from ..llm import resolve_model
from ..models import JourneyMap, MapType
from ..safe import inside, md, safe_name
from ..workspace import Workspace
from . import views

MESSAGE_PLACEHOLDER = "e.g. " + EXAMPLES[0]

MAP_TYPE_CHOICES = [t.value for t in MapType]
DETECT = "detect from the brief"
EXPORT_MAX_AGE = 3600.0  # seconds an exported file is kept for its download
CACHE_SWEEP_SECONDS = 3600  # Gradio's cache: files older than this are removed this often
CONCURRENCY = 8  # events handled at once: one user's slow upload does not hold up another
ALLOWED_UPLOADS = sorted({ext for f in FORMATS.values() for ext in f.extensions})
DOC_UPLOADS = [".md", ".txt", ".pdf", ".docx", ".html", ".htm", ".csv"]
Chat = list[dict[str, str]]
WORKING = "_Working on it…_"
WARMING = (
    "_Working on it… The app is still getting ready after its start (the sentence model, the "
    "example messages and the guidance index; up to half a minute on a new data folder, a "
    "second after a restart), so this answer may wait for it._"
)
READY = "Ready."
_SESSION_ID = re.compile(r"[0-9a-f]{32}")


class ExportFolder:
    """One private folder (mode 0700) in the system temp directory for this app's downloads.

    Each download gets its own subfolder; subfolders older than :data:`EXPORT_MAX_AGE` are
    removed at every download, and the folder itself when the process exits. Folders that an
    earlier process left behind are removed at start.
    """

    PREFIX = "journey-exports-"

    def __init__(self) -> None:
        self._sweep_leftovers()
        self.root = Path(tempfile.mkdtemp(prefix=self.PREFIX))
        atexit.register(shutil.rmtree, self.root, True)

    def new_folder(self) -> Path:
        self.sweep()
        return Path(tempfile.mkdtemp(dir=self.root))

    def sweep(self, max_age: float = EXPORT_MAX_AGE) -> None:
        cutoff = time.time() - max_age
        for child in self.root.iterdir():
            with contextlib.suppress(OSError):
                if child.stat().st_mtime < cutoff:
                    shutil.rmtree(child, ignore_errors=True)

    def _sweep_leftovers(self) -> None:
        cutoff = time.time() - EXPORT_MAX_AGE
        base = Path(tempfile.gettempdir())
        for old in base.glob(self.PREFIX + "*"):
            with contextlib.suppress(OSError):  # another user's folder: not ours to remove
                if (
                    old.is_dir()
                    and old.stat().st_uid == os.getuid()
                    and (old.stat().st_mtime < cutoff)
                ):
                    shutil.rmtree(old, ignore_errors=True)


class App:
    """State shared by all sessions (workspace, knowledge base) and the event handlers."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.workspace = Workspace(settings.data_dir)
        self.model = resolve_model(settings.model)
        self.models: dict[str, str] = {}  # session id -> the engine it chose
        self.exports = ExportFolder()
        self._kb: Any = None
        self._kb_lock = threading.Lock()
        self.status = ""  # what the app is getting ready, while it warms up after a start

    # --- helpers -----------------------------------------------------------------------------

    def kb(self) -> Any:
        with self._kb_lock:
            if self._kb is None:
                from ..knowledge.store import KnowledgeBase

                self._kb = KnowledgeBase(self.settings)
        return self._kb

    def warm(self) -> None:
        """After a start, in the background: the sentence model and the example messages, then
        the guidance index, so that no answer waits for them. ``status`` says which."""
        from ..knowledge.embeddings import local_model_installed

        self.status = "Getting ready: loading the sentence model and the example messages…"
        warm_intents()
        if local_model_installed() and importlib.util.find_spec("chromadb") is not None:
            self.status = "Getting ready: indexing the guidance (once for a new data folder)…"
            with contextlib.suppress(Exception):  # a broken index shows when a question needs it
                self.kb().ensure_guidance()
        self.status = READY

    def status_line(self) -> tuple[str, Any]:
        """The status under the title, and whether its timer keeps polling."""
        from gradio import Timer

        done = self.status in ("", READY)
        return (f"_{self.status}_" if self.status else ""), Timer(active=not done)

    def search(self, query: str, k: int) -> list[Any]:
        return list(self.kb().search(query, k=k))

    def new_session(self, user: str | None, session_id: str | None = None) -> Session:
        """A session for the signed-in ``user`` (or, with no login, for this browser), claimed
        in the workspace; an id someone else holds is never reused."""
        session_id = session_id or uuid.uuid4().hex
        owner = f"user:{user}" if user else f"browser:{session_id}"
        if not self.workspace.claim_session(session_id, owner):
            return self.new_session(user)
        return Session(id=session_id, owner=owner)

    def restore(self, browser_id: str | None, request: Request | None = None) -> tuple[Any, ...]:
        """On page load: the browser's earlier session (conversation, map, pending proposal,
        personas), or a new one."""
        if not (isinstance(browser_id, str) and _SESSION_ID.fullmatch(browser_id)):
            browser_id = None  # only an id this app made (the browser's storage can be edited)
        session = self.new_session(_user(request), browser_id)
        history: Chat = []
        if session.id == browser_id:
            history = self.workspace.conversation(session.id)
            session.resume(self.workspace.session_state(session.id))
            map_id = self.workspace.session_map(session.id)
            if map_id:
                try:
                    session.map = self.workspace.open_map(map_id, owner=session.owner)
                except JourneyError:
                    session.map, session.pending = None, []
        return (
            session.id,
            session,
            history,
            *self.panels(session),
            self.maps_table(session),
            update(interactive=True, placeholder=MESSAGE_PLACEHOLDER),
        )

    def keep(self, session: Session) -> None:
        """Write the session's working state to the workspace (after every turn)."""
        self.workspace.set_session_state(session.id, session.working_state())

    def allowed_models(self) -> list[str]:
        """The engines a browser may choose: ``JOURNEY_MODELS``, else this server's engine and
        the offline one. Each uses the server's endpoint and key; a browser never names a URL."""
        if self.settings.models:
            listed = [m.strip() for m in self.settings.models.split(",") if m.strip()]
        else:
            listed = [self.model]
        return list(dict.fromkeys([*listed, "offline"]))

    def configure(
        self, model: str, map_type: str, state: Session | None, request: Request | None = None
    ) -> tuple[Session, str]:
        """Settings for this browser's session: the engine (one the server allows) and the type
        of new drafts."""
        session = self.session(state, request)
        chosen = (model or "").strip() or "offline"
        if chosen not in self.allowed_models():
            return session, (
                f"⚠️ This server offers {', '.join(f'`{md(m)}`' for m in self.allowed_models())}; "
                "choose one of them (the server's operator sets the list with JOURNEY_MODELS)."
            )
        if map_type not in (DETECT, *MAP_TYPE_CHOICES):
            return session, f"⚠️ Choose a map type from the list, or “{DETECT}”."
        self.models[session.id] = chosen
        session.map_type = None if map_type == DETECT else map_type
        self.keep(session)
        engine = "the offline engine" if chosen == "offline" else f"`{md(chosen)}`"
        return session, f"This session now uses {engine}; new drafts: `{map_type}`."

    def saver(self, session: Session) -> Any:
        """How the session saves a map: as the owner's, remembered as the one it has open."""

        def save(journey: JourneyMap, message: str, new: bool = False) -> int:
            version = self.workspace.save_map(
                journey, message=message, owner=session.owner, new=new
            )
            # the id it was saved under (a new one when the title's id was taken) and its number
            journey.id, journey.version = version.map_id, version.version
            self.workspace.set_session_map(session.id, version.map_id, owner=session.owner)
            return version.version

        return save

    def assistant(self, session: Session) -> Assistant:
        model = self.models.get(session.id, self.model)
        return Assistant(
            session,
            save=self.saver(session),
            search=self.search,
            model=model,
            chat_model=self.chat_model(model),
            history=self.workspace.conversation(session.id),
        )

    def chat_model(self, model: str) -> Any:
        """The LangChain chat model behind the agent (on the server's endpoint), or None for
        the offline router."""
        if model == "offline":
            return None
        from ..llm import get_provider

        return getattr(get_provider(model), "chat_model", None)

    def session(self, state: Session | None, request: Request | None = None) -> Session:
        """This connection's session; an API client that skipped the page load gets a new
        one, owned by its signed-in user or by nobody else."""
        return state if state is not None else self.new_session(_user(request))

    def panels(self, session: Session) -> tuple[str, str, str]:
        return (
            views.map_view(session.map),
            views.findings_view(session.map),
            views.personas_view(session.personas),
        )

    # --- chat --------------------------------------------------------------------------------

    def chat(
        self,
        message: str,
        history: Chat | None,
        state: Session | None,
        request: Request | None = None,
    ) -> Iterator[tuple[Any, ...]]:
        session = self.session(state, request)
        history = list(history or [])
        history.append({"role": "user", "content": message})
        # the message shows at once, with a sign of work, while the answer is made
        note = WORKING if intents_ready() and self.status in ("", READY) else WARMING
        working = [*history, {"role": "assistant", "content": note}]
        yield (working, session, "", skip(), skip(), skip())  # the panels stay as they are
        assistant = self.assistant(session)  # its history is the conversation before this message
        self.workspace.append_message(session.id, "user", message)
        reply = assistant.respond(message)
        shown = reply.rich or reply.text  # long proposals come folded, one change a fold
        self.workspace.append_message(session.id, "assistant", shown)
        self.keep(session)
        history.append({"role": "assistant", "content": ""})
        words = shown.split(" ")
        step = max(1, len(words) // 6)
        panels = self.panels(session)  # rendered (and critiqued) once, not per streamed piece
        for end in range(step, len(words) + step, step):  # stream the reply in a few pieces
            history[-1] = {"role": "assistant", "content": " ".join(words[:end])}
            # the box was emptied when the message was sent: what the user types meanwhile is
            # theirs, never wiped by a later piece of the reply
            yield (history, session, skip(), *panels)

    def upload_map(
        self,
        file: str | None,
        history: Chat | None,
        state: Session | None,
        request: Request | None = None,
    ) -> tuple[Any, ...]:
        session = self.session(state, request)
        history = list(history or [])
        if not file:
            return (history, session, *self.panels(session))
        path = Path(file)
        try:
            if path.suffix.lower() not in ALLOWED_UPLOADS:
                raise JourneyError(
                    f"{path.suffix or 'this type'} is not a map format; upload "
                    f"one of {', '.join(ALLOWED_UPLOADS)}."
                )
            journey = load_map(path, max_bytes=self.settings.max_upload_bytes)
        except JourneyError as exc:
            history.append({"role": "assistant", "content": f"⚠️ {md(str(exc))}"})
            return (history, session, *self.panels(session))
        session.map, session.pending = journey, []
        number = self.saver(session)(journey, f"uploaded {path.name}")
        note = f"Uploaded **{md(journey.title)}** (version {number})."
        history.append({"role": "user", "content": f"📎 {md(path.name)}"})
        reply = self.assistant(session).respond("critique the map")
        history.append({"role": "assistant", "content": note + "\n\n" + reply.text})
        self.keep(session)
        return (history, session, *self.panels(session))

    def download(self, state: Session | None, fmt: str) -> str | None:
        """The current map as a file to download, written inside this app's export folder under
        a safe name (never a path taken from the map)."""
        if state is None or state.map is None:
            return None
        journey = state.map
        folder = self.exports.new_folder()
        stem = safe_name(journey.id)
        if fmt == "png":
            from ..image import render_png

            return str(write_atomic(inside(folder, f"{stem}.png"), render_png(journey)))
        if fmt == "summary":
            from ..summary import executive_summary

            target = inside(folder, f"{stem}-summary.md")
            return str(write_atomic(target, executive_summary(journey)))
        content = dump_map(journey, fmt)
        target = inside(folder, f"{stem}{FORMATS[fmt].extensions[0]}")
        return str(write_atomic(target, content))

    # --- maps tab ----------------------------------------------------------------------------

    def maps_table(self, state: Session | None) -> list[list[Any]]:
        """The session owner's maps and those shared with it."""
        if state is None:
            return []
        return [
            [
                m.map_id,
                m.title,
                m.latest_version,
                m.updated_at.strftime("%Y-%m-%d %H:%M"),
                "" if m.owner == state.owner else "shared by " + m.owner.partition(":")[2],
            ]
            for m in self.workspace.list_maps(state.owner)
        ]

    def open_saved(
        self,
        map_id: str,
        version: float | None,
        history: Chat | None,
        state: Session | None,
        request: Request | None = None,
    ) -> tuple[Any, ...]:
        session = self.session(state, request)
        history = list(history or [])
        try:
            session.map = self.workspace.open_map(
                map_id.strip(), int(version) if version else None, owner=session.owner
            )
            session.pending = []
            self.workspace.set_session_map(session.id, session.map.id, owner=session.owner)
            self.keep(session)
            history.append(
                {
                    "role": "assistant",
                    "content": f"Opened **{md(session.map.title)}** "
                    f"(version {session.map.version}).",
                }
            )
        except JourneyError as exc:
            history.append({"role": "assistant", "content": f"⚠️ {md(str(exc))}"})
        return (history, session, *self.panels(session))

    def compare(
        self,
        map_id: str,
        old: float,
        new: float,
        state: Session | None,
        request: Request | None = None,
    ) -> str:
        session = self.session(state, request)
        try:
            diff = self.workspace.compare(map_id.strip(), int(old), int(new), owner=session.owner)
        except JourneyError as exc:
            return f"<p>⚠️ {escape(str(exc))}</p>"
        lines = diff.lines() or ["(no differences in stages or lanes)"]
        return "<pre>" + escape("\n".join(lines)) + "</pre>"

    def share(
        self, map_id: str, user: str, state: Session | None, request: Request | None = None
    ) -> str:
        """Share one of this user's maps with another signed-in user (read only)."""
        session = self.session(state, request)
        if not session.owner.startswith("user:"):
            return "<p>⚠️ Sharing needs sign-in: the operator sets JOURNEY_AUTH.</p>"
        try:
            self.workspace.share_map(map_id.strip(), f"user:{user.strip()}", owner=session.owner)
        except JourneyError as exc:
            return f"<p>⚠️ {escape(str(exc))}</p>"
        return f"<p>Shared {escape(map_id.strip())} with {escape(user.strip())} (read only).</p>"

    # --- knowledge tab -----------------------------------------------------------------------

    def ingest(self, files: list[str] | None, progress: Any = None) -> tuple[str, str]:
        if not files:
            return "Choose files to add.", self.docs_html()
        paths = [Path(f) for f in files]

        def report(done: int, total: int, name: str) -> None:
            if progress is not None:
                progress((done, total), desc=f"Reading {name}")

        result = self.kb().ingest(paths, progress=report)
        skipped = "".join(
            f"<li>{escape(Path(p).name)}: {escape(r)}</li>" for p, r in result.skipped
        )
        summary = (
            f"<p>{len(result.added)} added, {len(result.updated)} updated, "
            f"{len(result.unchanged)} unchanged, {len(result.skipped)} skipped.</p>"
            + (f"<ul>{skipped}</ul>" if skipped else "")
        )
        return summary, self.docs_html()

    def docs_html(self) -> str:
        records = self.kb().documents()  # reads the registry only: no model, no Chroma
        if not records:
            return "<p>No company documents yet.</p>"
        rows = "".join(
            f"<tr><td><code>{escape(r.id)}</code></td><td>{escape(r.name)}</td>"
            f"<td>{r.chunks}</td><td>{escape(r.title)}</td></tr>"
            for r in records
        )
        return (
            f"<table><tr><th>id</th><th>file</th><th>chunks</th><th>title</th></tr>{rows}</table>"
        )

    def remove_doc(self, doc_id: str) -> tuple[str, str]:
        try:
            record = self.kb().remove(doc_id.strip())
            message = f"<p>Removed {escape(record.name)}.</p>"
        except JourneyError as exc:
            message = f"<p>⚠️ {escape(str(exc))}</p>"
        return message, self.docs_html()


def import_map(upload: str | None, pasted: str, settings: Settings) -> tuple[Any, str, str]:
    """Read an uploaded file or pasted text (used by API clients); state, HTML and status."""
    try:
        if upload:
            journey = load_map(Path(upload), max_bytes=settings.max_upload_bytes)
        elif pasted.strip():
            journey = parse_map(pasted)
        else:
            return None, views.map_view(None), "Nothing to import yet."
    except JourneyError as exc:
        return None, views.map_view(None), f"⚠️ {md(str(exc))}"
    status = f"Imported “{md(journey.title)}”: {len(journey.stages)} stages."
    return journey.model_dump(mode="json"), views.map_view(journey), status


def build(settings: Settings, app: App | None = None) -> Any:
    """The Gradio Blocks app."""
    import os

    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")  # no calls home
    import gradio as gr

    app = app or App(settings)
    engine = (
        "offline engine (built in, deterministic, no network)"
        if app.model == "offline"
        else f"model {md(app.model)}"
    )
    with gr.Blocks(
        title="Journey Assistant",
        analytics_enabled=False,
        delete_cache=(CACHE_SWEEP_SECONDS, CACHE_SWEEP_SECONDS),  # uploads and downloads
    ) as demo:
        state = gr.State(None)
        browser_id = gr.BrowserState(
            None, storage_key="journey-assistant-session", secret=app_secret(settings)
        )
        gr.Markdown(
            f"## Journey Assistant\nDraft, critique and improve customer journey maps. "
            f"Answering: **{engine}**."
        )
        # what the app is still loading after a start, polled until it is ready
        status = gr.Markdown(elem_id="status")
        status_timer = gr.Timer(2.0)
        status_timer.tick(
            app.status_line, None, [status, status_timer], api_name="status", queue=False
        )
        with gr.Tab("Assistant"), gr.Row():
            with gr.Column(scale=2, min_width=360):
                chatbot = gr.Chatbot(
                    height=520,
                    elem_id="chat",
                    placeholder="Describe your business to draft a map, "
                    "or upload a map to critique.",
                )
                # Typing waits for the page load to restore (or start) this browser's session:
                # a message sent before it would start a second session the browser never keeps.
                message = gr.Textbox(
                    placeholder="Opening your session…",
                    show_label=False,
                    elem_id="message",
                    submit_btn=True,
                    interactive=False,
                )
                gr.Examples(EXAMPLES, inputs=message, label="Try")
                upload = gr.File(
                    label="Upload a map to critique",
                    file_types=ALLOWED_UPLOADS,
                    type="filepath",
                    elem_id="upload",
                )
            with gr.Column(scale=3):
                map_html = gr.HTML(views.map_view(None), elem_id="map-view")
                with gr.Row():
                    fmt = gr.Dropdown(
                        [*FORMATS, "png", "summary"],
                        value="html",
                        label="Download as",
                        elem_id="format",
                    )
                    download = gr.DownloadButton("Download", elem_id="download")
                findings_html = gr.HTML("", elem_id="findings")
        with gr.Tab("Personas"):
            personas_html = gr.HTML(views.personas_view([]), elem_id="personas")
        with gr.Tab("Maps"):
            maps = gr.Dataframe(
                headers=["id", "title", "version", "saved", "shared"],
                value=[],  # filled for this session's owner when the page loads
                interactive=False,
                elem_id="maps",
            )
            with gr.Row():
                map_id = gr.Textbox(label="Map id", elem_id="map-id")
                version = gr.Number(label="Version (empty: latest)", precision=0)
                open_button = gr.Button("Open", elem_id="open-map")
            with gr.Row():
                old = gr.Number(label="Compare version", value=1, precision=0)
                new = gr.Number(label="with version", value=2, precision=0)
                compare_button = gr.Button("Compare")
            diff_html = gr.HTML()
            refresh = gr.Button("Refresh list")
            with gr.Row():
                share_with = gr.Textbox(
                    label="Share the map above with (user name; read only, needs sign-in)"
                )
                share_button = gr.Button("Share")
            share_status = gr.HTML()
        with gr.Tab("Knowledge"):
            docs = gr.File(
                label="Company documents (md, txt, pdf, docx, html, csv)",
                file_count="multiple",
                file_types=DOC_UPLOADS,
                type="filepath",
            )
            add_docs = gr.Button("Add to the knowledge base")
            ingest_status = gr.HTML()
            docs_html = gr.HTML(app.docs_html)
            with gr.Row():
                doc_id = gr.Textbox(label="Document id to remove")
                remove = gr.Button("Remove")
        with gr.Tab("Settings"):
            gr.Markdown(
                f"Started with: **{engine}**. Data directory: "
                f"`{escape(str(settings.data_dir))}`. Uploads up to "
                f"{settings.max_upload_mb:g} MB. These settings apply to this browser's "
                "session."
            )
            model_box = gr.Dropdown(
                app.allowed_models(),
                value=app.model,
                allow_custom_value=True,  # checked by App.configure, with a clear message
                label="Engine (the server's operator chooses which are offered)",
            )
            map_type_box = gr.Dropdown(
                [DETECT, *MAP_TYPE_CHOICES],
                value=DETECT,
                label="Map type for new drafts",
            )
            apply_settings = gr.Button("Apply")
            settings_status = gr.Markdown()
        panels = [map_html, findings_html, personas_html]
        demo.load(
            app.restore,
            browser_id,
            [browser_id, state, chatbot, *panels, maps, message],
            api_visibility="private",
        )
        apply_settings.click(
            app.configure,
            [model_box, map_type_box, state],
            [state, settings_status],
            api_name="configure",
        )
        message.submit(  # a message sent while a reply still arrives goes once it is done
            app.chat,
            [message, chatbot, state],
            [chatbot, state, message, *panels],
            api_name="chat",
            trigger_mode="always_last",
        )
        upload.upload(
            app.upload_map,
            [upload, chatbot, state],
            [chatbot, state, *panels],
            api_name="upload_map",
        )
        # the button downloads its current value: keep it pointing at the current map
        map_html.change(app.download, [state, fmt], download, api_name="export_map")
        fmt.change(app.download, [state, fmt], download, api_visibility="private")
        open_button.click(
            app.open_saved,
            [map_id, version, chatbot, state],
            [chatbot, state, *panels],
            api_name="open_map",
        )
        compare_button.click(app.compare, [map_id, old, new, state], diff_html, api_name="compare")
        refresh.click(app.maps_table, state, maps, api_visibility="private")
        share_button.click(
            app.share, [map_id, share_with, state], share_status, api_visibility="private"
        )

        def _ingest(  # Gradio injects the progress tracker through this default
            files: list[str] | None,
            progress: Any = gr.Progress(),  # noqa: B008
        ) -> tuple[str, str]:
            return app.ingest(files, progress)

        add_docs.click(_ingest, docs, [ingest_status, docs_html], api_name="ingest")
        remove.click(app.remove_doc, doc_id, [ingest_status, docs_html], api_visibility="private")

        def _import(file: str | None, text: str) -> tuple[Any, str, str]:
            return import_map(file, text, settings)

        hidden_file = gr.File(visible=False)
        hidden_text = gr.Textbox(visible=False)
        hidden_status = gr.Markdown(visible=False)
        hidden_button = gr.Button(visible=False)
        hidden_button.click(
            _import,
            [hidden_file, hidden_text],
            [gr.State(None), map_html, hidden_status],
            api_name="import_map",
        )
    demo.queue(default_concurrency_limit=CONCURRENCY)
    return demo


def launch(settings: Settings, *, share: bool = False, block: bool = True) -> Any:
    """Start the app on ``settings.host:settings.port`` (127.0.0.1 by default)."""
    from starlette.middleware import Middleware

    from .guards import Guards, allowed_hosts

    _private_gradio_cache(settings)
    app = App(settings)
    demo = build(settings, app)
    auth = accounts(settings.auth) if settings.auth else None
    hosts = allowed_hosts(settings.host, (settings.allowed_hosts or "").split(","))
    if share:
        hosts.add("*.gradio.live")
    guards = Middleware(
        Guards,
        hosts=hosts,
        upload_extensions=[*ALLOWED_UPLOADS, *DOC_UPLOADS],
        max_upload_bytes=settings.max_upload_bytes,
    )
    if block:  # a real run: no answer waits for the model or the guidance index
        threading.Thread(target=app.warm, name="warm-up", daemon=True).start()
    return demo.launch(
        server_name=settings.host,
        server_port=settings.port,
        share=share,
        auth=auth,
        max_file_size=settings.max_upload_bytes,
        prevent_thread_lock=not block,
        quiet=not block,
        app_kwargs={"middleware": [guards]},
    )


def accounts(spec: str) -> list[tuple[str, str]]:
    """``JOURNEY_AUTH``: ``user:password``, several separated by commas; each user has a
    private workspace."""
    found: list[tuple[str, str]] = []
    for part in spec.split(","):
        user, _, password = part.strip().partition(":")
        if not user or not password:
            raise JourneyError(
                "JOURNEY_AUTH must look like user:password (several: alice:pw1,bob:pw2)."
            )
        found.append((user, password))
    if len({user for user, _ in found}) != len(found):
        raise JourneyError("JOURNEY_AUTH names the same user twice.")
    return found


def _user(request: Request | None) -> str | None:
    """The signed-in user of a request (``None`` without ``JOURNEY_AUTH``)."""
    name = getattr(request, "username", None)
    return name if isinstance(name, str) and name else None


def app_secret(settings: Settings) -> str:
    """The key the browser's stored session id is sealed with: made once and kept in the data
    folder (mode 0600), so a restart of the app does not make every browser a stranger."""
    path = settings.data_dir / "app-secret"
    try:
        return path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        pass
    write_atomic(path, secrets.token_urlsafe(32), private=True)
    return path.read_text(encoding="ascii").strip()


def _private_gradio_cache(settings: Settings) -> None:
    """Gradio keeps uploads and downloads in ``GRADIO_TEMP_DIR``: unless the operator set one,
    use a folder under the data directory that only this user can open (mode 0700)."""
    if os.environ.get("GRADIO_TEMP_DIR"):
        return
    folder = settings.data_dir / "gradio-cache"
    folder.mkdir(parents=True, exist_ok=True)
    folder.chmod(0o700)
    os.environ["GRADIO_TEMP_DIR"] = str(folder)
