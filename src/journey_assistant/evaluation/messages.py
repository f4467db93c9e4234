"""How well the chat reads labelled messages: the intent the whole offline assistant acts on.

A labelled message (``tests/data/messages.yaml``, ``evals/devsets/messages/holdout.yaml``; the
format is in ``evals/devsets/README.md``) says the map in view (``context``: a map under
``tests/data/context_maps`` or ``none``), whether a proposal is waiting (``pending``) and the
intent a person meant. Each message is answered by a fresh offline assistant in that state, and
the intent it acted on is compared with the label. A clarifying question counts as a miss (it is
a fair answer to an unclear message, but the labelled messages are clear), and so does the help
text on a message that did not ask for help.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# What the assistant notes for a turn, where it differs from the label's name.
_ACTED = {"improve": "improve_map", "pair_pain_point": "add_opportunity"}


@dataclass
class MessageScore:
    """Per-message results of one labelled set."""

    gold: list[str] = field(default_factory=list)
    acted: list[str] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)
    help_shown: int = 0  # the canned help on a message that did not ask for it

    @property
    def accuracy(self) -> float:
        right = sum(g == a for g, a in zip(self.gold, self.acted, strict=True))
        return right / len(self.gold) if self.gold else 0.0

    def confusions(self) -> Counter[tuple[str, str]]:
        """(labelled, acted on) -> count, for the misses."""
        return Counter((g, a) for g, a in zip(self.gold, self.acted, strict=True) if g != a)

    def percentile(self, share: float) -> float:
        ordered = sorted(self.seconds)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def score_messages(path: Path, context_maps: Path) -> MessageScore:
    """Answer every labelled message of ``path`` in its state and score the intent acted on."""
    import yaml

    from ..agent.assistant import HELP, Assistant, Change, Session
    from ..api import load_map

    messages: list[dict[str, Any]] = yaml.safe_load(path.read_text(encoding="utf-8"))
    maps: dict[str, Any] = {}
    score = MessageScore()
    for message in messages:
        context = str(message.get("context", "none"))
        session = Session(id="score")
        if context != "none":
            if context not in maps:
                maps[context] = load_map(context_maps / f"{context}.json")
            session.map = maps[context]
        if message.get("pending"):
            first = session.map.stages[0].name if session.map else "Discover"
            session.pending = [
                Change(f"rename '{first}'", "rename_stage", {"old": first, "new_name": "Find us"})
            ]
        assistant = Assistant(session, search=lambda query, k: [])
        start = time.perf_counter()
        reply = assistant.respond(str(message["text"]))
        score.seconds.append(time.perf_counter() - start)
        acted = _ACTED.get(reply.intent, reply.intent)
        score.gold.append(str(message["intent"]))
        score.acted.append(acted)
        if reply.text.strip() == HELP.strip() and message["intent"] != "help":
            score.help_shown += 1
    return score


# Labelled slot kinds this scorer compares, and the edit each edit intent builds.
EDIT_INTENTS = {
    "add_stage", "rename_stage", "remove_stage", "move_stage", "add_touchpoint",
    "add_pain_point", "add_opportunity", "add_kpi", "add_owner", "merge_stages", "split_stage",
    "remove_touchpoint",
}  # fmt: skip


@dataclass
class SlotScore:
    """Messages whose labelled details were all read right, over those with details to read
    (an edit with a detail missing is right when the reader finds no edit, so it asks)."""

    right: int = 0
    total: int = 0
    misses: list[tuple[str, dict[str, Any], dict[str, Any]]] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.right / self.total if self.total else 0.0


def score_slots(path: Path, context_maps: Path) -> SlotScore:
    """Read the details of every labelled message that has some (or is an edit) on its map, by
    the labelled intent, and compare them with the labels."""
    import yaml

    from ..api import load_map
    from ..understanding.slots import edit_request, emotion_change, message_slots, persona_edit

    messages: list[dict[str, Any]] = yaml.safe_load(path.read_text(encoding="utf-8"))
    maps: dict[str, Any] = {}
    score = SlotScore()
    for message in messages:
        context, intent = str(message.get("context", "none")), str(message["intent"])
        labels: dict[str, Any] = dict(message.get("slots") or {})
        if context == "none" or not (labels or intent in EDIT_INTENTS):
            continue
        if context not in maps:
            maps[context] = load_map(context_maps / f"{context}.json")
        journey = maps[context]
        text = str(message["text"])
        if intent == "edit_persona":
            names = [p.name for p in journey.personas]
            if not names or not labels.get("persona"):
                continue  # a map with no personas: the assistant says so (no details to read)
            wanted = {
                "persona": labels.get("persona"),
                "field": labels.get("field"),
                "text": _plain(str(labels.get("text") or "")),
            }
            found = persona_edit(names, text, [p.role or "" for p in journey.personas])
            read = (
                {"persona": names[found[0]], "field": found[1], "text": _plain(found[2])}
                if found is not None
                else {}
            )
        elif intent in EDIT_INTENTS:
            wanted = _edit_labels(journey, intent, labels)
            read = _edit_as_labels(edit_request(journey, intent, text), "channel" in wanted)
        else:
            slots = message_slots(journey, text)
            wanted = {k: v for k, v in labels.items() if k in ("stage", "format", "channel")}
            said = labels.get("emotion")
            if said is not None:
                stage = next((s for s in journey.stages if s.name == slots.get("stage")), None)
                now = stage.emotion.score if stage is not None and stage.emotion else None
                score_read = emotion_change(text, now)  # as the assistant reads it
                if isinstance(said, int):
                    wanted["emotion"], slots["emotion"] = said, score_read
                else:  # "up" or "down": one step from where the stage is now
                    said = {"higher": "up", "lower": "down"}.get(str(said), said)
                    base = now or 3
                    step = None
                    if score_read is not None and score_read != base:
                        step = "up" if score_read > base else "down"
                    wanted["emotion"], slots["emotion"] = said, step
            if not wanted:
                continue
            read = {k: slots.get(k) for k in wanted}
        score.total += 1
        if read == wanted or (
            intent == "remove_touchpoint" and _same_removal(journey, read, wanted)
        ):
            score.right += 1
        else:
            score.misses.append((text, wanted, read))
    return score


def _edit_labels(journey: Any, intent: str, labels: dict[str, Any]) -> dict[str, Any]:
    """The labelled details of an edit in the shape :func:`_edit_as_labels` gives; empty when
    a detail the edit needs is missing (the reader must then find no edit)."""
    names = [s.name for s in journey.stages]
    stage = labels.get("stage")
    if intent == "add_stage":
        where = labels.get("position")
        if "new_name" not in labels:
            return {}
        if where == "start":
            return {"name": labels["new_name"].lower(), "first": True}
        after = None if where == "end" or stage is None else stage
        if where == "before" and stage in names:
            index = names.index(stage)
            if not index:  # before the first stage: a new first stage
                return {"name": labels["new_name"].lower(), "first": True}
            after = names[index - 1]
        return {"name": labels["new_name"].lower(), "after": after}
    if intent == "rename_stage":
        if "new_name" not in labels:
            return {}
        return {"stage": stage, "name": labels["new_name"].lower()}
    if intent == "remove_stage":
        return {"stage": stage} if stage else {}
    if intent == "move_stage":
        if stage not in names:
            return {}
        where, other = labels.get("position"), labels.get("stage2")
        if where == "start":
            return {"stage": stage, "position": 1}
        if where == "end":
            return {"stage": stage, "position": len(names)}
        if other not in names:
            return {}
        rest = [n for n in names if n != stage]
        index = rest.index(other) + (2 if where == "after" else 1)
        return {"stage": stage, "position": index}
    if intent == "merge_stages":
        other = labels.get("stage2")
        if stage not in names or other not in names:
            return {}
        first, second = sorted([stage, other], key=names.index)
        return {"stages": [first, second], "name": _plain(str(labels.get("new_name") or ""))}
    if intent == "split_stage":
        parts = labels.get("parts") or []
        if stage not in names or len(parts) != 2:
            return {}
        return {"stage": stage, "parts": [_plain(str(p)) for p in parts]}
    if intent == "remove_touchpoint":
        point = _plain(str(labels.get("touchpoint") or ""))
        holding = [
            s.name for s in journey.stages if any(_plain(t.name) == point for t in s.touchpoints)
        ]
        if stage is None and point and len(holding) == 1:
            stage = holding[0]  # the touchpoint is on one stage only: it says where
        if stage not in names:
            return {}
        if labels.get("touchpoint"):
            return {"stage": stage, "name": _plain(str(labels["touchpoint"]))}
        return {"stage": stage, "channel": labels["channel"]} if labels.get("channel") else {}
    thing = labels.get("touchpoint") or labels.get("text")
    if stage and not thing and labels.get("channel"):
        return {"stage": stage, "channel": labels["channel"]}  # "an email touchpoint"
    if not stage or not thing:
        return {}
    return {"stage": stage, "name": _plain(str(thing))}


def _edit_as_labels(
    edit: tuple[str, dict[str, Any]] | None, want_channel: bool = False
) -> dict[str, Any]:
    if edit is None:
        return {}
    operation, args = edit
    if operation == "add_stage" and args.get("first"):
        return {"name": str(args["name"]).lower(), "first": True}
    if operation == "add_stage":
        return {"name": str(args["name"]).lower(), "after": args.get("after")}
    if operation == "rename_stage":
        return {"stage": args["old"], "name": str(args["new_name"]).lower()}
    if operation == "remove_stage":
        return {"stage": args["name"]}
    if operation == "move_stage":
        return {"stage": args["name"], "position": args["position"]}
    if operation == "merge_stages":
        return {
            "stages": [args["first"], args["second"]],
            "name": _plain(str(args.get("name") or "")),
        }
    if operation == "split_stage":
        return {"stage": args["stage"], "parts": [_plain(args["first"]), _plain(args["second"])]}
    if operation == "remove_touchpoint":
        if args.get("name"):
            return {"stage": args["stage"], "name": _plain(str(args["name"]))}
        return {"stage": args["stage"], "channel": args.get("channel")}
    thing = args.get("name") or args.get("text") or args.get("owner") or ""
    if operation == "add_touchpoint" and want_channel:
        from ..vocab import infer_channel

        channel = infer_channel(str(thing))
        return {"stage": args["stage"], "channel": channel.value if channel else None}
    return {"stage": args["stage"], "name": _plain(str(thing))}


def _same_removal(journey: Any, read: dict[str, Any], wanted: dict[str, Any]) -> bool:
    """Two readings of a touchpoint removal agree when they remove the same touchpoints: "take
    email off the wait stage" may be read as its channel or as its one email touchpoint."""
    from ..agent.edits import remove_touchpoint
    from ..errors import UserInputError

    def removed(said: dict[str, Any]) -> set[str] | None:
        if not said.get("stage"):
            return None
        try:
            after = remove_touchpoint(
                journey, said["stage"], name=said.get("name"), channel=said.get("channel")
            )
        except UserInputError:
            return None
        before = {t.name for s in journey.stages for t in s.touchpoints}
        return before - {t.name for s in after.stages for t in s.touchpoints}

    gone = removed(read)
    return gone is not None and gone == removed(wanted)


def _plain(text: str) -> str:
    """A named thing compared loosely: lower case, no leading article, no end marks."""
    import re

    text = " ".join(text.lower().split()).strip(" .,;:'\"")
    return re.sub(r"^(?:the|a|an)\s+", "", text)


# What the assistant notes for a turn, by the label of a guided-interview conversation.
_INTERVIEW_ACTED = {"answer": "interview", "skip": "interview"}


@dataclass
class ConversationScore:
    """Turns of labelled conversations (``messages/interview-*.yaml``, ``conv-*.yaml``) acted
    on as labelled: an answer taken for the step asked, a skip, a remark asked again, a request
    answered, on the stage meant where the label says (``about``)."""

    labels: list[str] = field(default_factory=list)
    right: list[bool] = field(default_factory=list)
    misses: list[tuple[str, str, str, str]] = field(default_factory=list)  # id, said, label, got

    @property
    def accuracy(self) -> float:
        return sum(self.right) / len(self.right) if self.right else 0.0

    def by_label(self) -> dict[str, tuple[int, int]]:
        """label -> (right, turns)."""
        out: dict[str, tuple[int, int]] = {}
        for label, right in zip(self.labels, self.right, strict=True):
            done, seen = out.get(label, (0, 0))
            out[label] = (done + right, seen + 1)
        return out


# The details of a turn that name the stage it acts on
_STAGE_SLOTS = ("stage", "after", "old", "first", "second")


def _about(slots: dict[str, Any], word: str, intent: str) -> bool:
    """Whether the stage a turn acted on has the word in its name ("tuning" in "The tuning
    visit"); any form of it ("book" in "Booking"). A new stage's own name counts too."""
    keys = (
        (*_STAGE_SLOTS, "name", "new_name")
        if intent in ("add_stage", "rename_stage")
        else (_STAGE_SLOTS)
    )
    names = " ".join(str(slots.get(k) or "") for k in keys).lower()
    return bool(re.search(rf"\b{re.escape(word.lower().rstrip('s'))}", names))


def score_conversations(path: Path) -> ConversationScore:
    """Play every labelled conversation of ``path`` with a fresh offline assistant and compare
    what each turn was acted on as with its label."""
    import yaml

    from ..agent.assistant import Assistant, Session

    score = ConversationScore()
    for conversation in yaml.safe_load(path.read_text(encoding="utf-8")):
        assistant = Assistant(Session(id="score"), search=lambda query, k: [])
        for said in conversation["turns"]:
            label = str(said["expect"])
            reply = assistant.respond(str(said["say"]))
            got = _ACTED.get(reply.intent, reply.intent)
            right = got == _INTERVIEW_ACTED.get(label, label)
            if label == "answer":
                right = right and reply.slots.get("step") == said.get("step")
                right = right and not reply.text.startswith("Skipped")
            elif label == "skip":
                right = right and reply.text.startswith("Skipped")
            if said.get("about"):  # the stage meant, by a word of its name
                right = right and _about(reply.slots, str(said["about"]), got)
            score.labels.append(label)
            score.right.append(right)
            if not right:
                shown = f"{got}:{reply.slots.get('step', '')}" if got == "interview" else got
                score.misses.append((str(conversation["id"]), str(said["say"]), label, shown))
    return score
