"""JSON: our own schema, and lenient reading of maps exported by other tools.

A document that validates against :class:`JourneyMap` is taken as it is. Anything else that
looks like a map (stages or phases with names) is normalised: touchpoints as plain strings,
emotions as words or numbers, camelCase keys; keys we do not know are kept in ``notes``.
"""

from __future__ import annotations

import json
import re
from typing import Any

from pydantic import ValidationError

from ..errors import MapFormatError
from ..models import CONTEXT_FIELDS, JourneyMap, MapState, MapType
from ..vocab import emotion_score, lookup_map_type
from . import _cells as cells


def read(text: str, *, source: str | None = None) -> JourneyMap:
    """Read our schema strictly, falling back to the lenient reader."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise MapFormatError(
            f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}.", source=source
        ) from None
    try:
        return JourneyMap.model_validate(data)
    except ValidationError:
        return read_lenient(data, source=source)


def write(journey: JourneyMap) -> str:
    """Pretty JSON in our schema, without empty optional fields."""
    return journey.model_dump_json(indent=2, exclude_none=True) + "\n"


# --- lenient reading -------------------------------------------------------------------------

_MAP_KEYS = {
    "title": "title",
    "name": "title",
    "journey": "title",
    "journeyname": "title",
    "maptitle": "title",
    "id": "id",
    "maptype": "map_type",
    "type": "map_type",
    "journeytype": "map_type",
    "state": "state",
    "version": "version",
    "stages": "stages",
    "phases": "stages",
    "steps": "stages",
    "journeystages": "stages",
    "personas": "personas",
    "persona": "personas",
    "company": "company",
    "brand": "company",
    "product": "product",
    "industry": "industry",
    "businessmodel": "business_model",
    "audience": "audience",
    "objective": "objective",
    "goal": "objective",
    "scope": "scope",
    "context": "context",
    "assumptions": "assumptions",
    "notes": "notes",
    "description": "notes",
}
_STAGE_KEYS = {
    "name": "name",
    "stage": "name",
    "title": "name",
    "phase": "name",
    "label": "name",
    "customergoal": "goal",
    "goal": "goal",
    "goals": "goal",
    "objective": "goal",
    "actions": "actions",
    "doing": "actions",
    "activities": "actions",
    "tasks": "actions",
    "steps": "actions",
    "customeractions": "actions",
    "touchpoints": "touchpoints",
    "touchpoint": "touchpoints",
    "channels": "touchpoints",
    "channel": "touchpoints",
    "interactions": "touchpoints",
    "thoughts": "thoughts",
    "thinking": "thoughts",
    "quotes": "thoughts",
    "questions": "thoughts",
    "emotion": "emotion",
    "emotions": "emotion",
    "feeling": "emotion",
    "feelings": "emotion",
    "sentiment": "emotion",
    "mood": "emotion",
    "score": "emotion",
    "emotionscore": "emotion",
    "personaemotions": "persona_emotions",
    "painpoints": "pain_points",
    "pains": "pain_points",
    "painpoint": "pain_points",
    "frustrations": "pain_points",
    "problems": "pain_points",
    "issues": "pain_points",
    "opportunities": "opportunities",
    "ideas": "opportunities",
    "improvements": "opportunities",
    "solutions": "opportunities",
    "kpis": "kpis",
    "kpi": "kpis",
    "metrics": "kpis",
    "owners": "owners",
    "owner": "owners",
    "team": "owners",
    "teams": "owners",
    "momentsoftruth": "moments_of_truth",
    "backstage": "backstage_actions",
    "backstageactions": "backstage_actions",
    "supportprocesses": "support_processes",
    "notes": "notes",
    "description": "notes",
}


def _key(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def _text(value: Any) -> str:
    if isinstance(value, dict):
        for k in ("text", "name", "title", "description", "label", "value"):
            if isinstance(value.get(k), str | int | float):
                return str(value[k])
        return "; ".join(f"{k}: {v}" for k, v in value.items() if isinstance(v, str | int | float))
    return "" if value is None else str(value)


def _list(value: Any) -> list[Any]:
    if value is None or value == "":
        return []
    if isinstance(value, list):
        return value
    if isinstance(value, str):
        return cells.split_items(value)
    return [value]


def read_lenient(data: Any, *, source: str | None = None) -> JourneyMap:
    """Normalise a map from another tool; raise :class:`MapFormatError` if it has no stages."""
    if isinstance(data, dict) and len(data) == 1:
        only = next(iter(data.values()))
        if isinstance(only, dict | list) and _key(next(iter(data))) in (
            "journey",
            "journeymap",
            "map",
            "data",
            "customerjourney",
        ):
            data = only
    if isinstance(data, list):
        data = {"stages": data}
    if not isinstance(data, dict):
        raise MapFormatError(
            "the JSON is not a map: expected an object with 'stages'.", source=source
        )
    out: dict[str, Any] = {"context": {}, "notes": [], "assumptions": []}
    raw_stages: Any = None
    for key, value in data.items():
        target = _MAP_KEYS.get(_key(key))
        if target == "stages":
            raw_stages = value
        elif target == "context" and isinstance(value, dict):
            for ck, cv in value.items():
                ct = _MAP_KEYS.get(_key(ck))
                if ct in CONTEXT_FIELDS and cv:
                    out["context"][ct] = _text(cv)
                else:
                    out["notes"].append(f"context.{ck}: {json.dumps(cv, ensure_ascii=False)}")
        elif target in CONTEXT_FIELDS:
            out["context"][target] = _text(value)
        elif target in ("title", "id"):
            out[target] = _text(value)
        elif target == "map_type":
            out["map_type"] = MapType(lookup_map_type(_text(value)) or "customer_journey")
        elif target == "state":
            out["state"] = (
                MapState.future if _text(value).lower().startswith("fut") else MapState.current
            )
        elif target == "version":
            if isinstance(value, int) and value >= 1:
                out["version"] = value
        elif target == "personas":
            out["personas"] = [_persona(p) for p in _list(value) if _text(p)]
        elif target in ("notes", "assumptions"):
            out[target].extend(_text(v) for v in _list(value) if _text(v))
        else:
            out["notes"].append(f"{key}: {json.dumps(value, ensure_ascii=False)}")
    if isinstance(raw_stages, dict):
        raw_stages = [
            dict(v, name=k) if isinstance(v, dict) else {"name": k, "notes": v}
            for k, v in raw_stages.items()
        ]
    if not isinstance(raw_stages, list) or not raw_stages:
        raise MapFormatError(
            "the JSON has no stages; add a 'stages' list (each with a 'name').", source=source
        )
    out["stages"] = [_stage(s, n) for n, s in enumerate(raw_stages, start=1)]
    out.setdefault("title", "Imported journey map")
    try:
        return JourneyMap.model_validate(out)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise MapFormatError(
            f"{where}: {first['msg']}; fix this field and try again.", source=source
        ) from None


def _persona(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        return {"name": _text(value)}
    fields = {
        "name",
        "role",
        "segment",
        "demographics",
        "goals",
        "needs",
        "frustrations",
        "behaviours",
        "motivations",
        "objections",
        "preferred_channels",
        "quote",
    }
    out: dict[str, Any] = {}
    for key, val in value.items():
        k = _key(key)
        k = {
            "behaviors": "behaviours",
            "channels": "preferred_channels",
            "preferredchannels": "preferred_channels",
            "painpoints": "frustrations",
        }.get(k, k)
        if k in fields:
            if k in ("name", "role", "segment", "demographics", "quote"):
                out[k] = _text(val)
            else:
                out[k] = [_text(v) for v in _list(val) if _text(v)]
    out.setdefault("name", "Persona")
    return out


def _stage(raw: Any, n: int) -> dict[str, Any]:
    if isinstance(raw, str):
        return {"name": raw}
    if not isinstance(raw, dict):
        return {"name": f"Stage {n}"}
    stage: dict[str, Any] = {}
    extra: list[str] = []
    for key, value in raw.items():
        lane = _STAGE_KEYS.get(_key(key))
        if lane is None:
            extra.append(f"{key}: {json.dumps(value, ensure_ascii=False)}")
        elif lane == "name":
            stage["name"] = _text(value)
        elif lane == "goal":
            stage["customer_goal"] = "; ".join(_text(v) for v in _list(value))
        elif lane == "touchpoints":
            stage.setdefault("touchpoints", []).extend(_touchpoint(v) for v in _list(value))
        elif lane == "emotion":
            _emotions(value, stage)
        elif lane == "persona_emotions" and isinstance(value, dict | list):
            items = (
                value.items()
                if isinstance(value, dict)
                else [
                    (_text(v.get("persona")), v.get("score")) for v in value if isinstance(v, dict)
                ]
            )
            for persona, score in items:
                read = emotion_score(score)
                if read and persona:
                    stage.setdefault("persona_emotions", []).append(
                        {"score": read[0], "persona": persona}
                    )
        elif lane == "pain_points":
            stage["pain_points"] = [_pain(v) for v in _list(value) if _text(v)]
        elif lane == "opportunities":
            stage["opportunities"] = [_opportunity(v) for v in _list(value) if _text(v)]
        elif lane == "kpis":
            stage["kpis"] = [cells.read_kpi(_text(v)) for v in _list(value) if _text(v)]
        else:
            stage.setdefault(lane, []).extend(_text(v) for v in _list(value) if _text(v))
    stage.setdefault("name", f"Stage {n}")
    if extra:
        stage.setdefault("notes", []).extend(extra)
    return stage


def _touchpoint(value: Any) -> Any:
    if isinstance(value, dict):
        name = _text({k: v for k, v in value.items() if _key(k) != "channel"}) or _text(value)
        hint = value.get("channel") or value.get("type")
        return cells.read_touchpoint(name, channel_hint=_text(hint) if hint else None)
    return cells.read_touchpoint(_text(value))


def _emotions(value: Any, stage: dict[str, Any]) -> None:
    if isinstance(value, dict) and not any(
        _key(k) in ("score", "value", "label", "rating") for k in value
    ):
        for persona, score in value.items():  # {"Ana": 2, "Ben": "happy"}
            read = emotion_score(score)
            if read:
                stage.setdefault("persona_emotions", []).append(
                    {"score": read[0], "label": read[1], "persona": persona}
                )
        return
    if isinstance(value, dict):
        score = value.get("score", value.get("value", value.get("rating")))
        label = value.get("label")
        read = emotion_score(score if score is not None else label)
        if read:
            stage["emotion"] = {"score": read[0], "label": _text(label) or read[1]}
        return
    if isinstance(value, list):
        scores = [r for r in (emotion_score(v) for v in value) if r]
        if scores:
            stage["emotion"] = {
                "score": round(sum(s for s, _ in scores) / len(scores)),
                "label": ", ".join(lbl for _, lbl in scores if lbl) or None,
            }
        return
    read = emotion_score(value)
    if read:
        stage["emotion"] = {"score": read[0], "label": read[1]}


def _pain(value: Any) -> Any:
    if isinstance(value, dict):
        pain = cells.read_pain_point(_text(value))
        sev = _text(value.get("severity")).lower()
        if sev in ("low", "medium", "high"):
            pain.severity = sev  # type: ignore[assignment]
        if value.get("id"):
            pain.id = _text(value["id"])
        return pain
    return cells.read_pain_point(_text(value))


def _opportunity(value: Any) -> Any:
    if isinstance(value, dict):
        opp = cells.read_opportunity(_text(value))
        for key in ("owner", "kpi", "addresses", "id"):
            if value.get(key):
                setattr(opp, key, _text(value[key]))
        return opp
    return cells.read_opportunity(_text(value))
