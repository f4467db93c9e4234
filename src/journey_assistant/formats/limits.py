"""How big an imported map may be, checked before the expensive parsing starts.

A journey map has tens of rows and columns; these bounds leave wide room for real maps and
refuse, within a second, inputs built to exhaust time or memory (a 200,000-row CSV, a workbook
that unzips to hundreds of megabytes, a single gigantic cell).
"""

from __future__ import annotations

import zipfile

from ..errors import MapFormatError

MAX_LINES = 20_000  # lines of a text format
MAX_ROWS = 2_000  # rows of a grid (CSV, TSV, XLSX, tables)
MAX_COLUMNS = 300  # columns of a grid
MAX_CELLS = 100_000  # cells of a grid (XLSX: counted in the sheet's XML before parsing)
MAX_CELL_CHARS = 50_000  # characters in one cell
MAX_STAGES = 200  # stages on one map
MAX_UNZIPPED = 50 * 1024 * 1024  # bytes inside a workbook, all parts together
MAX_ZIP_ENTRIES = 2_000  # parts inside a workbook


def too_many(what: str, found: int | str, limit: int, source: str | None) -> MapFormatError:
    return MapFormatError(
        f"the map has {found} {what}, over the limit of {limit:,}; a journey map needs far "
        "fewer: split it or remove what is not part of the map.",
        source=source,
    )


def check_lines(text: str, source: str | None) -> None:
    """Refuse text with more lines than any map needs (counted without splitting)."""
    lines = text.count("\n") + 1
    if lines > MAX_LINES:
        raise too_many("lines", f"{lines:,}", MAX_LINES, source)


def check_grid(rows: list[list[str]], source: str | None) -> None:
    """Refuse a table that is too long, too wide, or holds a gigantic cell."""
    if len(rows) > MAX_ROWS:
        raise too_many("rows", f"more than {MAX_ROWS:,}", MAX_ROWS, source)
    for row in rows:
        if len(row) > MAX_COLUMNS:
            raise too_many("columns", f"{len(row):,}", MAX_COLUMNS, source)
        for cell in row:
            if isinstance(cell, str) and len(cell) > MAX_CELL_CHARS:
                raise too_many("characters in one cell", f"{len(cell):,}", MAX_CELL_CHARS, source)


def check_stages(count: int, source: str | None) -> None:
    if count > MAX_STAGES:
        raise too_many("stages", f"{count:,}", MAX_STAGES, source)


def check_workbook(book: zipfile.ZipFile, source: str | None) -> None:
    """Refuse a workbook whose parts unzip to more than any map needs (a zip bomb)."""
    infos = book.infolist()
    if len(infos) > MAX_ZIP_ENTRIES:
        raise too_many("parts inside the workbook", f"{len(infos):,}", MAX_ZIP_ENTRIES, source)
    unzipped = sum(info.file_size for info in infos)
    if unzipped > MAX_UNZIPPED:
        raise MapFormatError(
            f"the workbook unzips to {unzipped / 1_048_576:,.0f} MB, over the "
            f"{MAX_UNZIPPED / 1_048_576:g} MB limit; save only the sheet with the map.",
            source=source,
        )
    for info in infos:  # openpyxl reads a whole sheet to size it: count rows and cells first
        if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml"):
            rows, cells = _count_rows_and_cells(book, info)
            if rows > MAX_ROWS:
                raise too_many("rows", f"more than {MAX_ROWS:,}", MAX_ROWS, source)
            if cells > MAX_CELLS:
                raise too_many("cells", f"more than {MAX_CELLS:,}", MAX_CELLS, source)


def _count_rows_and_cells(book: zipfile.ZipFile, info: zipfile.ZipInfo) -> tuple[int, int]:
    """Row and cell elements in a sheet's XML, read in pieces and stopped past the limits."""
    rows = cells = 0
    tail = b""
    with book.open(info) as part:
        while piece := part.read(1 << 20):
            text = tail + piece
            rows += text.count(b"<row") + text.count(b":row ")
            cells += text.count(b"<c ") + text.count(b"<c>") + text.count(b":c ")
            if rows > MAX_ROWS or cells > MAX_CELLS:
                break
            tail = text[-8:]
            # a tag split across pieces is counted once: drop what the overlap already counted
            rows -= tail.count(b"<row") + tail.count(b":row ")
            cells -= tail.count(b"<c ") + tail.count(b"<c>") + tail.count(b":c ")
    return rows, cells
