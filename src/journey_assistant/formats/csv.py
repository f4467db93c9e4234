"""CSV and TSV grids: the way people keep journey maps in spreadsheets."""

from __future__ import annotations

import csv
import io
from collections import Counter

from ..errors import MapFormatError
from ..models import JourneyMap
from .grid import map_to_rows, rows_to_map


def sniff_delimiter(text: str) -> str:
    """Tab, semicolon or comma: whichever gives the most rows of one width (quotes respected)."""
    sample = text[:20000]
    best, best_score = ",", (-1.0, 0)
    for delim in (",", "\t", ";"):
        try:
            rows = [r for r in csv.reader(io.StringIO(sample), delimiter=delim) if any(r)][:50]
        except csv.Error:
            continue
        widths = [len(r) for r in rows]
        if not widths:
            continue
        mode = Counter(widths).most_common(1)[0][0]
        if mode < 2:
            continue
        score = (sum(w == mode for w in widths) / len(widths), mode)
        if score > best_score:
            best, best_score = delim, score
    return best


def read(text: str, *, source: str | None = None, delimiter: str | None = None) -> JourneyMap:
    """Read a CSV/TSV map in either layout (see :mod:`.grid`)."""
    delim = delimiter or sniff_delimiter(text)
    try:
        rows = list(csv.reader(io.StringIO(text), delimiter=delim))
    except csv.Error as exc:
        raise MapFormatError(
            f"the CSV is malformed ({exc}); check its quotes.", source=source
        ) from None
    return rows_to_map(rows, source=source)


def write(journey: JourneyMap, *, delimiter: str = ",") -> str:
    """Write stages as columns and lanes as rows."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    for row in map_to_rows(journey):
        writer.writerow(row)
    return out.getvalue()


def write_tsv(journey: JourneyMap) -> str:
    return write(journey, delimiter="\t")
