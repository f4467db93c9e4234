"""The figures of a goal: its baseline and its target, read from the brief's own words.

A brief says its figures in many ways: "from 9% to 15%", "convert 1 in 3 instead of 1 in 5",
"we'd like 40% … (now 25%)", or the baseline in an earlier sentence ("about 12% of
appointments … we'd like to get that under 5%"). A quantity is read with its kind (a share, a
span of time, a rate, a sum of money, a count), and a baseline is only ever paired with a
target of the same kind: "10 days" is no baseline for "60%".

Pure functions over text; :func:`goal_figures` is what brief reading uses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Quantity", "figure_pair", "goal_figures", "quantities"]

_MONTHS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t|tember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_UNIT = r"working days?|hours?|hrs?|h|days?|weeks?|wks?|months?|mins?|minutes?|years?|yrs?"
_QUANTITY = re.compile(
    rf"""(?<![\w.,/-])
    (?:~\s?|≈\s?)?
    (?:
        (?P<ratio>\d+\s+(?:in|of|out\s+of)\s+(?:every\s+|my\s+|our\s+|the\s+|their\s+)?\d+
          | (?:one|two|three|four|five)\s+(?:in|out\s+of)\s+(?:every\s+)?
            (?:two|three|four|five|six|seven|eight|nine|ten|twenty|\d+)\b)
      | (?P<named>(?P<one>\d{{1,2}})\s+(?P<what>[a-z][a-z'-]+)\s+in\s+(?P<all>\d{{1,3}})\b
          (?!\s*(?:%|days?|weeks?|months?|years?|hours?|minutes?|mins?)\b))
      | (?P<every>every\s+(?:second|other|third|fourth|fifth)(?=\s+(?!(?:day|week|month|year|
           time|morning|night|evening|weekend|monday|tuesday|wednesday|thursday|friday|saturday|
           sunday)s?\b)[a-z]))
      | (?P<frac>(?P<near>(?:at\s+least|at\s+most|more\s+than|less\s+than|about|around|only|under|
           over|nearly|almost|roughly|maybe|barely|just\s+over|just\s+under)\s+)?
         (?:(?:a|one)\s+(?:third|quarter|fifth)|two\s+thirds|three\s+quarters|half))
      | (?P<money>[£$€]\s?\d(?:[\d,]*\d)?(?:\.\d+)?(?:\s?(?:k|m|bn)\b)?)
      | (?P<span>\d+\s?[-–]\s?\d+)(?=\s?(?:%|per\s?cent\b|percent\b|(?:{_UNIT})\b))
        (?:\s?(?P<spct>%|percent\b|per\s?cent\b))?
      | (?P<num>\d(?:[\d,]*\d)?(?:\.\d+)?(?:\s+or\s+\d+(?![\d,.]\d))?)
        (?:-?ish)?(?:\s?(?P<pct>%|percent\b|per\s?cent\b)|(?P<k>k)\b)?
    )
    (?:\s?(?P<unit>{_UNIT})\b)?
    (?:\s+(?P<rate>(?:a|per|each)\s+(?:day|week|month|year|quarter))\b)?
    (?![\w-])
    """,
    re.IGNORECASE | re.VERBOSE,
)
# what a number is not a quantity after: "round 1", "year 2", "Nov 1", "step 3"
_NOT_AFTER = re.compile(
    rf"(?:\b(?:{_MONTHS}|round|term|(?<!last\s)(?<!this\s)(?<!next\s)year|step|stage|phase|level|version|size|no\.?|number|"
    rf"grade|u|under-|aged?|ages|lesson|session|module|week|day|chapter|unit|room|table|gate|"
    rf"(?:block|pack|box|set|bundle|course|book)\s+of)\s*)$",
    re.IGNORECASE,
)
# … or before: "1 June", "6 monthly", "1st", "3pm", "4-6", "1:30"; or a figure that names a
# thing rather than measuring it: "12 month warranty", "30 day target", "95% LTV", "10% off"
_NOT_BEFORE = re.compile(
    rf"^(?:\s*(?:{_MONTHS})\b|\s*(?:monthly|weekly|yearly|daily|hourly)\b|(?:st|nd|rd|th|am|pm)\b|"
    r"\s?[-–:/]\s?\d|\.\d|\s?x\b|\s*(?:(?:hours?|days?|weeks?|months?|years?|working days?)\s+)?"
    r"(?:target|deadline|limit|window|trial|plan|contract|warranty|guarantee|course|programme|"
    r"program|pass|membership|subscription|sla|ltv|off|discount|deposit|retainer|interest|credit|"
    r"notice)\b)",
    re.IGNORECASE,
)
# a span of time that is no target: "past 3 months", "after 2 weeks", "for 10 years"
# "after 2 weeks", "over 3 months" are spans; "it can be over 2 weeks" is a wait of more
_SPAN_BEFORE = re.compile(
    r"\b(?:past|after|for|every|than|since)\s+$"
    r"|(?<!\bbe )(?<!\bis )(?<!\bwait )(?<!\btakes )(?<!\btake )\bover\s+$",
    re.IGNORECASE,
)
_TARGET_BEFORE = re.compile(
    r"\b(?:to|under|below|over|above|at least|at most|at|reach|hit|down to|up to|less than|"
    r"more than|into)\s+(?:about\s+|around\s+|~)?$",
    re.IGNORECASE,
)
_BASE_BEFORE = re.compile(
    r"(?:\b(?:instead of|not|up from|down from|from|currently|right now|now|at the moment|"
    r"at present|today|last year|so far|we did|we have|we've got|we got|i have|i've got|"
    r"we're at|we are at|it's|its|it is|was)\s*(?:it\s+(?:can be|could be|takes|is)\s*)?"
    r"(?:maybe|about|around|roughly|only|just|at|like|over|under|up to|more than|near|nearly|"
    r"almost|close to|approx\.?|approximately)?\s*:?\s*|"
    r"\(\s*(?:now|currently|was|last year|this year)?\s*)$",
    re.IGNORECASE,
)
_BASE_AFTER = re.compile(
    r"^\s*(?:now|at the moment|currently|today|at present|right now|so far|last year)\b",
    re.IGNORECASE,
)
_WANTS = re.compile(r"\b(?:want|wanna|like|aim|need|hope|love|trying|plan)\w*\b", re.I)
_RELATIVE = re.compile(
    r"\b(halve|by (?:at least |about |around |more than )?half|in half|double|triple|be full|"
    r"fully booked|by (?:a|one) (?:third|quarter|fifth))\b",
    re.I,
)
_DOWN = re.compile(r"\b(?:cut|reduce|lower|bring|drop|trim|shrink|decrease|save)\w*\b", re.I)
_FROM = re.compile(r"\bfrom\s+(?:maybe\s+|about\s+|around\s+|roughly\s+|approx\.?\s+|~\s?)?$", re.I)
_PAIR = re.compile(  # "from 25% of first-lesson buyers to 40%", "5 a month -> 15 a month"
    r"^\s*(?:(?:\s*[a-z'-]+){0,5}?\s+)?(?:to|->|→)\s+(?:under|below|over|above)?\s*$"
)


@dataclass(frozen=True)
class Quantity:
    """A figure as written, with its kind and where it is."""

    text: str
    kind: str  # share, time, rate, money, count
    start: int
    end: int
    unit: str = ""  # "weeks", "a month": what a bare figure of the same goal borrows


def quantities(text: str) -> list[Quantity]:
    """The quantities in a text, leaving out years, dates, ranges, ordinals and codes."""
    found: list[Quantity] = []
    for m in _QUANTITY.finditer(text):
        after = text[m.end() :]
        if _NOT_AFTER.search(text[: m.start()]) or (
            _NOT_BEFORE.match(after)  # "12 of our 60 weekly deliveries" is still a share
            and not (m.group("ratio") and re.match(r"\s*(?:week|month|year|dai|hour)ly\b", after))
        ):
            continue
        plain = not (m.group("pct") or m.group("unit") or m.group("rate"))
        if m.group("num") and plain and re.fullmatch(r"(?:19|20)\d\d", m.group("num")):
            continue  # a year
        value = m.group(0).strip()
        if m.group("named"):  # "only 1 devis in 3 becomes a chantier": one in three
            if int(m.group("one")) < int(m.group("all")):
                said = f"{m.group('one')} in {m.group('all')}"
                found.append(Quantity(said, "share", m.start(), m.end()))
            continue
        if m.group("every"):  # "nearly every second stand": one in two
            ordinal = m.group("every").split()[-1].lower()
            out_of = {"second": 2, "other": 2, "third": 3, "fourth": 4, "fifth": 5}[ordinal]
            found.append(Quantity(f"1 in {out_of}", "share", m.start(), m.end()))
            continue
        if m.group("frac"):  # "about a quarter", "at least half": a share said in words
            said_now = (
                _BASE_BEFORE.search(text[: m.start()])
                or re.search(
                    r"\b(?:to|get|hit|reach|want|wanna|need|aim\s+for|hope\s+for|like)\s+$",
                    text[: m.start()],
                    re.I,
                )
            ) and re.match(  # "… get that to at least half.", "I want half by end of this year"
                r"\s*(?:[.,;!?]|$|by\s+(?:the\s+)?(?:end|next|this|\d)|within\b|(?:this|next)\s+"
                r"(?:year|season|term|intake)\b)",
                after,
                re.I,
            )
            if (  # "currently it is about a third": where things stand
                not re.match(r"\s+(?:of\b|my\b|our\b|the\b|them\b|their\b|[a-z]+s\b)", after)
                and not said_now
                # "under a third open checking": a share said with how near, then what it does
                and not (m.group("near") and re.match(r"\s+(?!by\b|in\b|a\b|an\b)[a-z]", after))
            ) or (
                re.match(r"\s+(?:of\s+)?the\s+(?:time|day|week|month|year|morning|night)\b", after)
            ):
                continue  # "half the time", "by half": no share of anything counted
            found.append(Quantity(" ".join(value.split()), "share", m.start(), m.end()))
            continue
        if m.group("ratio") or m.group("pct") or m.group("spct"):
            kind, unit = "share", ""
        elif m.group("money"):
            kind, unit = "money", ""
        elif m.group("rate"):
            kind, unit = "rate", m.group("rate")
        elif m.group("unit"):
            if _SPAN_BEFORE.search(text[: m.start()]):
                continue
            kind, unit = "time", m.group("unit")
        else:
            kind, unit = "count", ""
            per = _COUNTED_PER.match(after)
            if per and not re.search(r"\d", after[per.end() : per.end() + 40]):  # "40 emails a
                # week": a rate of what is counted (not "300 starts a month and only 45 sent")
                kind = "rate"  # (its unit is not lent to a bare target: "under 10")
        found.append(Quantity(value, kind, m.start(), m.end(), unit))
    return found


# What a count counts (a plural noun, or "of these"), then how often: "40 emails a week", "2 new
# customers a month", "60 of these a week"
_COUNTED_PER = re.compile(
    r"\s+(?:(?:[a-z'-]+\s+)?[a-z'-]+s|of\s+(?:these|them|those))\s+(?:a|per|each|every)\s+"
    r"(?:day|week|month|year|morning|"
    r"night|shift|term)\b",
    re.IGNORECASE,
)


def figure_pair(clause: str) -> bool:
    """Whether a clause is only a figure and its target: "5 a month -> 15 a month", "50% to
    80%" (a word or two around them at most)."""
    found = quantities(clause)
    if len(found) != 2 or not _same(found[0], found[1], paired=True):
        return False
    between = clause[found[0].end : found[1].start]
    rest = clause[: found[0].start] + " " + clause[found[1].end :]
    return bool(re.fullmatch(r"\s*(?:to|->|→|=>)\s*", between)) and len(rest.split()) <= 3


def _with_unit(bare: Quantity, other: Quantity) -> str:
    """A bare figure borrows the unit of its pair: "6" beside "2 weeks" is "6 weeks"."""
    if bare.kind != "count" or not other.unit or bare.text[-1:].isalpha():
        return bare.text
    unit = other.unit
    if other.kind == "time" and not unit.endswith("s") and bare.text != "1":
        unit += "s"
    return f"{bare.text} {unit}"


def _same(a: Quantity, b: Quantity, paired: bool = False) -> bool:
    """Whether two figures measure the same kind of thing. A bare count goes with a rate ("3 a
    month … we'd like 10"), and, side by side in one pair ("from 35 to 50%", "in 1 day not
    4"), with any kind but a sum of money."""
    if a.kind == b.kind or {a.kind, b.kind} == {"count", "rate"}:
        return True
    return paired and "count" in (a.kind, b.kind) and "money" not in (a.kind, b.kind)


def goal_figures(clause: str, earlier: str = "", later: str = "") -> tuple[str | None, str | None]:
    """(baseline, target) of the goal said in ``clause``; ``earlier`` is the brief's text
    before it and ``later`` the text right after it (where "right now it's 58%" may follow).

    The target is the goal's first figure (a second goal joined by "and" keeps its own); the
    baseline is a figure the goal itself marks ("from", "instead of", "not", "now"), else the
    nearest one of the same kind said before it, else one marked as today's just after it.
    """
    found = quantities(clause)
    # "answered within 5 mins from about 60% to 90%": a pair said "from … to …" is the
    # goal's, whatever figure comes before it
    for n, (first, then) in enumerate(zip(found, found[1:], strict=False)):
        if (
            n
            and (  # "cut waits to 2 weeks and lift ratings from 3.9 to 4.5": two goals
                _TARGET_BEFORE.search(clause[: found[0].start])
                or re.search(r"\band\b", clause[found[0].end : first.start], re.I)
            )
        ):
            break
        if (
            _FROM.search(clause[: first.start])
            and _PAIR.match(clause[first.end : then.start].lower())
            and _same(first, then, paired=True)
        ):
            return _with_unit(first, then), _with_unit(then, first)
    relative = _RELATIVE.search(clause)
    base: Quantity | None = None
    target: Quantity | None = None
    for n, q in enumerate(found):
        if _BASE_BEFORE.search(clause[: q.start]) or _BASE_AFTER.match(clause[q.end :]):
            bare = q.kind == "count" and not _counted(clause[q.end :])
            nxt = found[n + 1] if n + 1 < len(found) else None
            between = clause[q.end : nxt.start].lower() if nxt else ""
            paired = bool(nxt and _PAIR.match(between) and _same(q, nxt, paired=True))
            if target is not None and paired:
                continue  # "… to 2 weeks and lift ratings from 3.9 to 4.5": a second goal
            if base is None and not (target and not (_same(q, target) or bare)):
                base = q
                if paired:  # "from 6 a week to 15": the figure after "to" is the target
                    target = nxt
            continue
        if (
            target is None
            and base is None
            and relative is not None
            and relative.start() > q.end
            and _WANTS.search(clause[q.end : relative.start()])
        ):
            base = q  # "we get 30 orders a week and want to double that": 30 is today's
            continue
        if target is None:
            nxt = found[n + 1] if n + 1 < len(found) else None
            between = clause[q.end : nxt.start].lower() if nxt else ""
            close = nxt and (_PAIR.match(between) or _TARGET_BEFORE.search(between))
            if close and nxt and _same(q, nxt, paired=True):
                # "50% to 80%", "that 30% down under 10%"
                base, target = base or q, nxt
            elif not (relative and relative.start() < q.start):
                target = q
    if target is None and relative is not None:
        word = re.sub(r"^by (?:at least|about|around|more than) ", "by ", relative.group(1).lower())
        word = {"by half": "half", "in half": "half", "be full": "full"}.get(word, word)
        if word.startswith("by "):  # "cut that by a third", "grow it by a quarter"
            down = _DOWN.search(clause[: relative.start()])
            word = f"{'cut' if down else 'grown'} {word.replace('by one', 'by a')}"
        target = Quantity(word, "relative", relative.start(), relative.end())
    if target is None:  # "keep them past 3 months, right now it's maybe 45%"
        base = base or _marked_now(None, later) or _counted_alike(clause, f"{earlier}. {later}")
        return (base.text if base else None), None
    if base is None:  # "…, right now it's 58%" first, then the nearest figure said before
        base = _marked_now(target, later) or _before(target, clause, earlier)
    if base is None:
        return None, target.text
    if target.kind == "relative":  # "halve that" from 12% is 6%: say the figure too
        return base.text, _worked_out(target.text, base.text)
    if target.kind == "count" and _per_cent(base) and _per_cent_of(target):
        return base.text, f"{target.text}%"
    return _with_unit(base, target), _with_unit(target, base)


def _per_cent(q: Quantity) -> bool:
    """A share said in per cent ("60%", "60 per cent")."""
    return q.kind == "share" and bool(re.search(r"%|per\s?cent", q.text, re.I))


def _per_cent_of(q: Quantity) -> bool:
    """A bare whole number that can be a percentage (no more than 100)."""
    return q.kind == "count" and q.text.isdigit() and 0 < int(q.text) <= 100


_FACTOR = {"half": (0.5, "half of"), "halve": (0.5, "half of"), "double": (2.0, "double"),
           "triple": (3.0, "three times")}  # fmt: skip


_SHARE = {"third": 1 / 3, "quarter": 1 / 4, "fifth": 1 / 5}


def _worked_out(word: str, base: str) -> str:
    """A relative target as a figure, with the word it was said in: "half" of "12%" is "6%
    (half of 12%)", "cut by a third" from "15 hours a week" is "10 hours a week (15 hours a
    week cut by a third)"; a baseline that is no plain number keeps the word."""
    number = re.fullmatch(
        r"\s*(?:about\s+|around\s+|roughly\s+|maybe\s+|~)?(?:(\d+(?:\.\d+)?)\s+or\s+)?"
        r"(\d+(?:\.\d+)?)(?:-?ish)?\s*(%|[a-z][a-z ]*)?\s*",
        base,
        re.I,
    )
    by = re.fullmatch(r"(cut|grown) by a (third|quarter|fifth)", word.lower())
    known = _FACTOR.get(word.lower())
    if number is None or (known is None and by is None):
        return word
    unit = number.group(3) or ""
    unit = "%" if re.fullmatch(r"per\s?cent", unit, re.I) else unit  # "40-ish percent"
    unit = unit if unit == "%" or not unit else f" {unit}"
    said_as = [float(n) for n in number.group(1, 2) if n]  # "5 or 6 hours a week": both
    if by:
        share = _SHARE[by.group(2)]
        scale = 1 - share if by.group(1) == "cut" else 1 + share
        value = " or ".join(f"{round(n * scale, 1):g}" for n in said_as)
        return f"{value}{unit} ({base.strip()} {word})"
    factor, said = known  # type: ignore[misc]
    value = " or ".join(f"{n * factor:g}" for n in said_as)
    return f"{value}{unit} ({said} {base.strip()})"


def _before(target: Quantity, clause: str, earlier: str) -> Quantity | None:
    """The nearest figure of the target's kind in the last three sentences before the goal. A
    count is taken from further back than the goal's own sentence and the one before only when
    it counts the same thing ("2,000 new members" is not set against "14 branches")."""
    counted = _counted(clause[target.end :]) if target.kind == "count" else set()
    # "halve that drop out rate": a rate is halved, never a count ("12 charity shops")
    of_a_rate = target.kind == "relative" and bool(re.search(r"\brates?\b", clause[target.end :]))
    sentences = re.split(r"(?<=[.!?])\s+|\n+", earlier.strip())[-3:]
    found = _before_all(target, clause, sentences, counted, of_a_rate)
    # "… maybe 40% come … so half of them forget. We'd want nearly all to come": the figure
    # said of what the goal wants, else the nearest
    wanted = _content(clause) - _content(target.text)
    for q, near in found:
        if wanted & _content(near):
            return q
    return found[0][0] if found else None


def _content(text: str) -> set[str]:
    """The content words of a text, roughly stemmed."""
    small = {"want", "would", "like", "that", "this", "them", "they", "their", "with", "about",
             "maybe", "around", "only", "just", "from", "have", "were", "what", "when", "then",
             "nearly", "almost", "least", "most", "more", "less", "under", "over"}  # fmt: skip
    return {w[:5] for w in re.findall(r"[a-z]{4,}", text.lower()) if w not in small}


def _before_all(
    target: Quantity, clause: str, sentences: list[str], counted: set[str], of_a_rate: bool
) -> list[tuple[Quantity, str]]:
    """The figures that can be the goal's baseline, nearest first, each with the words around it."""
    out: list[tuple[Quantity, str]] = []
    for distance, sentence in enumerate(reversed(sentences)):
        for q in reversed(quantities(sentence)):
            if target.kind == "relative":  # "by half" of a share, a rate, or a count of
                if (
                    q.kind in ("share", "rate")
                    or (not of_a_rate)
                    and (  # something ("6 empty stables"; the 2 of
                        q.kind == "count"
                        and _counted(sentence[q.end :])  # "mostly 2.5kva", cut
                        and not _counted(sentence[q.end :]) & _TIME_WORDS  # "6+ weeks": a wait
                    )
                ):  # at its point, counts nothing)
                    out.append((q, _around(sentence, q)))
                continue
            bare_count = target.kind == "count" and not counted
            if bare_count and distance <= 1 and _per_cent(q) and _per_cent_of(target):
                out.append((q, _around(sentence, q)))  # "Only around 60 per cent renew … we
                continue  # wanna hit 80": 80 per cent
            if target.kind in ("count", "rate") and q.kind == "share":
                part = re.fullmatch(r"(\d+)\s+of\s+(?:my|our|the|their)\s+(\d+)", q.text)
                if part:  # "9 of my 41 visits … down to 2 or 3 a month": the 9 is today's
                    share = Quantity(f"{part[1]} of {part[2]}", "share", q.start, q.end)
                    out.append((share, _around(sentence, q)))
                continue
            if q.kind != target.kind and not (bare_count and q.kind == "rate"):
                continue  # "3 a month … we'd like 10": the bare 10 is a rate too
            if q.kind == "count" and counted and not counted & _counted(sentence[q.end :]):
                continue
            if q.kind == "count" and not counted and distance > 1:
                continue
            out.append((q, _around(sentence, q)))
    return out


def _around(sentence: str, q: Quantity) -> str:
    """The words either side of a figure (what it is said of)."""
    before = re.findall(r"\S+", sentence[: q.start])[-4:]
    after = re.findall(r"\S+", sentence[q.end :])[:4]
    return " ".join([*before, q.text, *after])


_TIME_WORDS = {"day", "week", "month", "year", "hour", "minute", "min", "mins"}
_SMALL = {"new", "more", "of", "the", "our", "a", "an", "this", "that", "by", "per", "in"}


def _counted(after: str) -> set[str]:
    """What a count counts: the first two words after it ("new members" -> {"member"})."""
    words = re.findall(r"[a-z]+", after.lower())[:3]
    if words and words[0] in {
        "this",
        "next",
        "by",
        "before",
        "a",
        "per",
        "each",
        "in",
        "with",
        "for",
        "from",
        "at",
        "to",
        "on",
        "so",
        "and",
        "because",
        "or",
    }:
        return set()  # "5 this year", "10 by March": a bare count
    return {w.rstrip("s") for w in words[:2] if w not in _SMALL and len(w) > 2}


def _counted_alike(clause: str, around: str) -> Quantity | None:
    """For a goal with no figure of its own, a count said near it of the very thing it wants
    more of ("We have 41 reviews after two years" for "get reviews going")."""
    for q in quantities(around):
        if q.kind == "count" and _counts_it(clause, around[q.end :]):
            return q
    return None


def _counts_it(clause: str, after: str) -> bool:
    """Whether a count, with ``after`` the words after it, counts something the clause names."""
    wanted = {w.rstrip("s") for w in re.findall(r"[a-z]{4,}", clause.lower())}
    return bool({w.rstrip("s") for w in _counted(after)} & wanted)


def _marked_now(target: Quantity | None, later: str) -> Quantity | None:
    """A figure just after the goal that says where things stand ("right now it's 58%")."""
    for q in quantities(later):
        if (_BASE_BEFORE.search(later[: q.start]) or _BASE_AFTER.match(later[q.end :])) and (
            target is None or target.kind == "relative" or _same(q, target)
        ):
            return q
    return None
