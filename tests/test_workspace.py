"""The workspace keeps every version of a map, persona sets and chats, across restarts."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from journey_assistant.errors import JourneyError, UserInputError
from journey_assistant.models import JourneyMap, Persona, Stage, Touchpoint
from journey_assistant.workspace import FILENAME, MapVersion, Workspace

SET_BY_WORKSPACE = {"version", "created_at", "updated_at"}


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    return Workspace(tmp_path / "data")


def with_stage(journey: JourneyMap, name: str, touchpoint: str) -> JourneyMap:
    changed = journey.model_copy(deep=True)
    changed.stages.append(Stage(name=name, touchpoints=[Touchpoint(name=touchpoint)]))
    return changed


def test_creates_folder_and_database(tmp_path: Path) -> None:
    Workspace(tmp_path / "a" / "b")
    assert (tmp_path / "a" / "b" / FILENAME).is_file()


def test_save_then_open_round_trips(ws: Workspace, rich_map: JourneyMap) -> None:
    saved = ws.save_map(rich_map, message="first draft")
    opened = ws.open_map(rich_map.id)
    assert opened.model_dump(exclude=SET_BY_WORKSPACE) == rich_map.model_dump(
        exclude=SET_BY_WORKSPACE
    )
    assert opened.version == 1
    assert opened.updated_at == saved.saved_at
    assert opened.created_at is not None
    assert saved.map_id == rich_map.id
    assert saved.title == rich_map.title
    assert saved.message == "first draft"


def test_versions_are_numbered_by_the_workspace(ws: Workspace, rich_map: JourneyMap) -> None:
    rich_map.version = 7  # not trusted
    numbers = [ws.save_map(rich_map).version for _ in range(3)]
    assert numbers == [1, 2, 3]
    assert [v.version for v in ws.versions(rich_map.id)] == [1, 2, 3]
    assert ws.open_map(rich_map.id).version == 3
    assert rich_map.version == 7  # the caller's map is not changed


def test_old_versions_stay_readable(ws: Workspace, rich_map: JourneyMap) -> None:
    ws.save_map(rich_map, message="v1")
    ws.save_map(with_stage(rich_map, "Use", "Setup guide"), message="v2")
    first, latest = ws.open_map(rich_map.id, 1), ws.open_map(rich_map.id)
    assert [s.name for s in first.stages] == ["Discover", "Compare", "Buy in store"]
    assert [s.name for s in latest.stages] == ["Discover", "Compare", "Buy in store", "Use"]
    assert [v.message for v in ws.versions(rich_map.id)] == ["v1", "v2"]
    assert first.created_at == latest.created_at
    assert latest.updated_at is not None and first.updated_at is not None
    assert latest.updated_at >= first.updated_at


def test_list_maps_newest_first(ws: Workspace, rich_map: JourneyMap) -> None:
    other = JourneyMap(title="Hotel stay")
    ws.save_map(rich_map)
    ws.save_map(other)
    ws.save_map(rich_map)
    listed = ws.list_maps()
    assert [m.map_id for m in listed] == [rich_map.id, other.id]
    assert [(m.latest_version, m.version_count) for m in listed] == [(2, 2), (1, 1)]
    assert listed[0].title == rich_map.title
    assert listed[0].updated_at >= listed[1].updated_at


def test_rename_saves_a_new_version(ws: Workspace, rich_map: JourneyMap) -> None:
    ws.save_map(rich_map)
    renamed = ws.rename_map(rich_map.id, "Laptop journey")
    assert isinstance(renamed, MapVersion)
    assert (renamed.version, renamed.title) == (2, "Laptop journey")
    assert ws.open_map(rich_map.id).title == "Laptop journey"
    assert ws.open_map(rich_map.id, 1).title == rich_map.title
    assert ws.list_maps()[0].title == "Laptop journey"
    with pytest.raises(UserInputError):
        ws.rename_map(rich_map.id, "  ")


def test_delete_removes_every_version(ws: Workspace, rich_map: JourneyMap) -> None:
    keep = JourneyMap(title="Keep me")
    ws.save_map(keep)
    for _ in range(3):
        ws.save_map(rich_map)
    assert ws.delete_map(rich_map.id) == 3
    assert [m.map_id for m in ws.list_maps()] == [keep.id]
    with pytest.raises(UserInputError):
        ws.open_map(rich_map.id)
    with pytest.raises(UserInputError):
        ws.delete_map(rich_map.id)
    # A new save after deletion starts again at version 1.
    assert ws.save_map(rich_map).version == 1


def test_compare_reports_added_stage_and_touchpoint(ws: Workspace, rich_map: JourneyMap) -> None:
    ws.save_map(rich_map)
    v2 = with_stage(rich_map, "Use", "Setup guide")
    v2.stages[0].touchpoints.append(Touchpoint(name="Newsletter"))
    ws.save_map(v2)
    diff = ws.compare(rich_map.id, 1, 2)
    assert diff.stages_added == ["Use"]
    assert diff.stages_removed == []
    [change] = diff.changed
    assert change.stage == "Discover"
    assert len(change.added["touchpoints"]) == 1
    assert change.added["touchpoints"][0].startswith("Newsletter")
    assert ws.compare(rich_map.id, 2, 1).stages_removed == ["Use"]
    assert ws.compare(rich_map.id, 1, 1).empty


def test_unknown_map_or_version_is_a_user_error(ws: Workspace, rich_map: JourneyMap) -> None:
    with pytest.raises(UserInputError, match="no saved map 'nope'"):
        ws.open_map("nope")
    with pytest.raises(UserInputError, match="no saved map 'nope'"):
        ws.versions("nope")
    with pytest.raises(UserInputError, match="no saved map 'nope'"):
        ws.rename_map("nope", "Title")
    ws.save_map(rich_map)
    with pytest.raises(UserInputError, match="has no version 5"):
        ws.open_map(rich_map.id, 5)
    with pytest.raises(UserInputError, match="has no version 9"):
        ws.compare(rich_map.id, 1, 9)
    with pytest.raises(UserInputError, match="no saved map 'nope'") as info:
        ws.open_map("nope", 1)
    assert "\n" not in str(info.value)


def test_personas_save_load_replace(ws: Workspace, rich_map: JourneyMap) -> None:
    ws.save_personas("laptops", rich_map.personas)
    assert ws.load_personas("laptops") == rich_map.personas
    replacement = [Persona(name="Careful Carl", goals=["No surprises"])]
    ws.save_personas("laptops", replacement)
    assert ws.load_personas("laptops") == replacement
    ws.save_personas("empty", [])
    assert ws.load_personas("empty") == []
    assert ws.list_persona_sets() == ["empty", "laptops"]
    with pytest.raises(UserInputError, match="no saved persona set"):
        ws.load_personas("missing")


def test_conversation_order_survives_restart(tmp_path: Path) -> None:
    first = Workspace(tmp_path)
    turns = [("user", "Map my hotel"), ("assistant", "Which stages?"), ("user", "Book, stay")]
    for role, content in turns:
        first.append_message("s1", role, content)
    first.append_message("s2", "user", "Another session")
    first.close()

    again = Workspace(tmp_path)
    assert again.conversation("s1") == [{"role": r, "content": c} for r, c in turns]
    assert again.conversation("s2") == [{"role": "user", "content": "Another session"}]
    assert again.conversation("unknown") == []
    again.clear_conversation("s1")
    assert again.conversation("s1") == []
    assert len(again.conversation("s2")) == 1


def test_maps_and_personas_survive_restart(tmp_path: Path, rich_map: JourneyMap) -> None:
    first = Workspace(tmp_path)
    first.save_map(rich_map)
    first.save_map(with_stage(rich_map, "Use", "Setup guide"))
    first.save_personas("team", rich_map.personas)
    first.close()

    again = Workspace(tmp_path)
    assert [v.version for v in again.versions(rich_map.id)] == [1, 2]
    assert again.load_personas("team") == rich_map.personas
    assert again.save_map(rich_map).version == 3


def test_session_map_is_restored(tmp_path: Path, rich_map: JourneyMap) -> None:
    first = Workspace(tmp_path)
    first.save_map(rich_map)
    assert first.session_map("s1") is None
    first.set_session_map("s1", rich_map.id)
    first.close()

    again = Workspace(tmp_path)
    assert again.session_map("s1") == rich_map.id
    again.clear_conversation("s1")
    assert again.session_map("s1") == rich_map.id
    again.set_session_map("s1", None)
    assert again.session_map("s1") is None
    with pytest.raises(UserInputError):
        again.set_session_map("s1", "nope")
    again.set_session_map("s1", rich_map.id)
    again.delete_map(rich_map.id)
    assert again.session_map("s1") is None


@pytest.mark.parametrize("shared", [True, False], ids=["one-instance", "two-instances"])
def test_concurrent_saves_get_consecutive_versions(
    tmp_path: Path, rich_map: JourneyMap, shared: bool
) -> None:
    first = Workspace(tmp_path)
    workspaces = [first, first] if shared else [first, Workspace(tmp_path)]
    errors: list[BaseException] = []
    start = threading.Barrier(len(workspaces))

    def save_many(ws: Workspace, worker: int) -> None:
        try:
            start.wait()
            for i in range(20):
                ws.save_map(rich_map, message=f"worker {worker} save {i}")
        except BaseException as exc:  # reported below, not lost in the thread
            errors.append(exc)

    threads = [threading.Thread(target=save_many, args=(ws, n)) for n, ws in enumerate(workspaces)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    versions = first.versions(rich_map.id)
    assert [v.version for v in versions] == list(range(1, 41))
    assert len({v.message for v in versions}) == 40
    assert first.open_map(rich_map.id, 40).version == 40


def test_corrupt_database_is_a_journey_error(tmp_path: Path) -> None:
    (tmp_path / FILENAME).write_bytes(b"this is not SQLite \x00\xff" * 200)
    with pytest.raises(JourneyError, match="workspace database") as info:
        Workspace(tmp_path)
    assert isinstance(info.value.__cause__, sqlite3.DatabaseError)
    assert "\n" not in str(info.value)


def test_cli_save_list_versions_open(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from journey_assistant.cli import cli

    data = Path(__file__).parent / "data" / "hotel_grid.csv"
    runner = CliRunner()
    first = runner.invoke(cli, ["save", str(data), "-m", "from the workshop"])
    assert "seaside-hotel-guest-journey version 1" in first.output
    second = runner.invoke(cli, ["save", str(data)])
    assert "version 2" in second.output
    listing = runner.invoke(cli, ["maps"]).output
    assert "seaside-hotel-guest-journey  v2 (2 versions)" in listing
    history = runner.invoke(cli, ["versions", "seaside-hotel-guest-journey"]).output
    assert history.startswith("v1 ") and "from the workshop" in history and "\nv2 " in history
    out = tmp_path / "v1.md"
    opened = runner.invoke(
        cli, ["open", "seaside-hotel-guest-journey", "--version", "1", "--out", str(out)]
    )
    assert opened.exit_code == 0 and out.read_text().startswith("# Seaside Hotel guest journey")
    missing = runner.invoke(cli, ["versions", "nope"])
    assert missing.exit_code == 2 and "journey maps" in missing.output


# --- owners ----------------------------------------------------------------------------------

ANA, BEN = "user:ana", "user:ben"


def test_each_owner_lists_opens_and_compares_only_its_own_maps(
    ws: Workspace, rich_map: JourneyMap
) -> None:
    mine = ws.save_map(rich_map, owner=ANA)
    ws.save_map(with_stage(rich_map, "Collection", "Shop counter"), owner=ANA)
    assert [m.map_id for m in ws.list_maps(ANA)] == [mine.map_id]
    assert ws.list_maps(BEN) == []
    for attempt in (
        lambda: ws.open_map(mine.map_id, owner=BEN),
        lambda: ws.versions(mine.map_id, owner=BEN),
        lambda: ws.compare(mine.map_id, 1, 2, owner=BEN),
        lambda: ws.rename_map(mine.map_id, "Mine now", owner=BEN),
        lambda: ws.delete_map(mine.map_id, owner=BEN),
    ):
        with pytest.raises(UserInputError, match="no saved map"):  # not even "it exists"
            attempt()
    assert ws.open_map(mine.map_id, owner=ANA).version == 2


def test_same_title_from_another_owner_is_a_new_map_not_a_version(
    ws: Workspace, rich_map: JourneyMap
) -> None:
    """The bug behind a library draft saved as version 5 of a bakery's map."""
    bakery = ws.save_map(rich_map, owner=ANA)
    library = ws.save_map(with_stage(rich_map, "Library card", "Desk"), owner=BEN)
    assert library.map_id != bakery.map_id and library.version == 1
    assert library.map_id.startswith(rich_map.id + "-")
    assert ws.open_map(library.map_id, owner=BEN).id == library.map_id
    assert [s.name for s in ws.open_map(bakery.map_id, owner=ANA).stages] == [
        s.name for s in rich_map.stages
    ]
    assert ws.versions(bakery.map_id, owner=ANA)[-1].version == 1


def test_new_draft_never_becomes_a_version_of_an_older_map(
    ws: Workspace, rich_map: JourneyMap
) -> None:
    first = ws.save_map(rich_map, owner=ANA, new=True)
    second = ws.save_map(rich_map, owner=ANA, new=True)
    again = ws.save_map(rich_map.model_copy(update={"id": second.map_id}), owner=ANA)
    assert first.map_id == rich_map.id and second.map_id != first.map_id
    assert again.map_id == second.map_id and again.version == 2
    assert len(ws.list_maps(ANA)) == 2


def test_sharing_is_explicit_and_read_only(ws: Workspace, rich_map: JourneyMap) -> None:
    mine = ws.save_map(rich_map, owner=ANA)
    ws.save_map(with_stage(rich_map, "Collection", "Shop counter"), owner=ANA)
    with pytest.raises(UserInputError):
        ws.share_map(mine.map_id, ANA, owner=BEN)  # only the owner shares
    ws.share_map(mine.map_id, BEN, owner=ANA)
    listed = ws.list_maps(BEN)
    assert [(m.map_id, m.owner) for m in listed] == [(mine.map_id, ANA)]
    assert ws.compare(mine.map_id, 1, 2, owner=BEN).lines()
    copy = ws.save_map(ws.open_map(mine.map_id, owner=BEN), owner=BEN)
    assert copy.map_id != mine.map_id  # Ben's edits become Ben's map
    assert len(ws.versions(mine.map_id, owner=ANA)) == 2
    ws.unshare_map(mine.map_id, BEN, owner=ANA)
    with pytest.raises(UserInputError):
        ws.open_map(mine.map_id, owner=BEN)


def test_persona_sets_belong_to_their_owner(ws: Workspace, rich_map: JourneyMap) -> None:
    ws.save_personas("team", rich_map.personas, owner=ANA)
    ws.save_personas("team", [], owner=BEN)
    assert ws.load_personas("team", owner=ANA) == rich_map.personas
    assert ws.load_personas("team", owner=BEN) == []
    assert ws.list_persona_sets(owner=ANA) == ["team"]
    assert ws.list_persona_sets() == []


def test_a_session_is_held_by_one_owner_and_keeps_its_working_state(ws: Workspace) -> None:
    assert ws.claim_session("s1", ANA)
    assert ws.claim_session("s1", ANA)
    assert not ws.claim_session("s1", BEN)
    assert ws.session_state("s1") == {}
    ws.set_session_state("s1", {"pending": [{"reason": "r", "operation": "x", "args": {}}]})
    again = Workspace(ws.path.parent)
    assert again.session_state("s1")["pending"] == [{"reason": "r", "operation": "x", "args": {}}]


def test_a_workspace_written_by_the_previous_release_migrates_without_losing_anything(
    tmp_path: Path,
) -> None:
    """tests/data/workspace-v1.sql is a workspace written by the release before owners (schema
    1), kept as its SQL dump: two versions of a map saved from the command line, a map a
    browser session had open with its conversation, and a persona set."""
    folder = tmp_path / "old"
    folder.mkdir()
    dump = (Path(__file__).parent / "data" / "workspace-v1.sql").read_text(encoding="utf-8")
    with sqlite3.connect(folder / FILENAME) as old:
        old.executescript(dump)
        assert old.execute("PRAGMA user_version").fetchone() == (1,)
    old.close()
    ws = Workspace(folder)
    browser = "browser:0123456789abcdef0123456789abcdef"
    assert [(m.map_id, m.latest_version) for m in ws.list_maps()] == [("imported-journey-map", 2)]
    assert [(m.map_id, m.latest_version) for m in ws.list_maps(browser)] == [("bakery-cakes", 1)]
    assert ws.open_map("bakery-cakes", owner=browser).title == "Bakery cakes"
    assert [v.message for v in ws.versions("imported-journey-map")] == ["first", "second"]
    assert ws.claim_session("0123456789abcdef0123456789abcdef", browser)
    assert ws.session_map("0123456789abcdef0123456789abcdef") == "bakery-cakes"
    assert [m["role"] for m in ws.conversation("0123456789abcdef0123456789abcdef")] == [
        "user",
        "assistant",
    ]
    assert ws.list_persona_sets() == ["team"]
    with sqlite3.connect(folder / FILENAME) as conn:
        assert conn.execute("PRAGMA user_version").fetchone() == (2,)
    saved = ws.save_map(ws.open_map("imported-journey-map"), message="after the upgrade")
    assert saved.version == 3
