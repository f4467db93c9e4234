"""CSV and TSV grids: the way people keep journey maps in spreadsheets."""

from __future__ import annotations

import csv
import io
from collections import Counter

from ..errors import MapFormatError
from ..models import JourneyMap
from ..safe import spreadsheet_cell
from . import limits
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
    rows: list[list[str]] = []
    try:
        for row in csv.reader(io.StringIO(text), delimiter=delim):
            rows.append(row)
            if len(rows) > limits.MAX_ROWS:
                break
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            raise limits.too_many(
                "characters in one cell", "more than 131,072", limits.MAX_CELL_CHARS, source
            ) from None
        raise MapFormatError(
            f"the CSV is malformed ({exc}); check its quotes.", source=source
        ) from None
    limits.check_grid(rows, source)
    return rows_to_map(rows, source=source)


def write(journey: JourneyMap, *, delimiter: str = ",", keep_formulas: bool = False) -> str:
    """Write stages as columns and lanes as rows.

    A cell that a spreadsheet would run as a formula (starting with ``= + - @``, tab or CR) is
    written with a leading ``'`` (OWASP's advice), unless ``keep_formulas``; reading strips it.
    """
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    for row in map_to_rows(journey):
        writer.writerow(row if keep_formulas else [spreadsheet_cell(c) for c in row])
    return out.getvalue()


def read_tsv(text: str, *, source: str | None = None) -> JourneyMap:
    """A tab-separated grid."""
    return read(text, source=source, delimiter="\t")


def write_tsv(journey: JourneyMap, *, keep_formulas: bool = False) -> str:
    return write(journey, delimiter="\t", keep_formulas=keep_formulas)
