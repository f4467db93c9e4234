"""Excel workbooks (.xlsx): the same grid as CSV, read from the first sheet that holds a map."""

from __future__ import annotations

import io
import zipfile
from typing import Any

from ..errors import MapFormatError
from ..models import JourneyMap
from ..safe import spreadsheet_cell
from . import limits
from .grid import LANE_TITLES, map_to_rows, rows_to_map

_EMOTION_FILLS = {1: "F4A3A3", 2: "F9CFA0", 3: "F3EDB5", 4: "C8E6B0", 5: "9ED9A0"}


def read(data: bytes, *, source: str | None = None) -> JourneyMap:
    """Read the first worksheet that contains a journey map.

    The workbook's size unzipped is checked before it is opened, and at most
    :data:`~.limits.MAX_ROWS` rows and :data:`~.limits.MAX_COLUMNS` columns are read.
    """
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            limits.check_workbook(archive, source)
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except MapFormatError:
        raise
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, SyntaxError) as exc:
        raise _unreadable(exc, "the workbook cannot be opened", source) from None
    last_error: MapFormatError | None = None
    try:
        for sheet in book.worksheets:
            rows = [
                _trimmed(r)
                for r in sheet.iter_rows(
                    max_row=limits.MAX_ROWS + 1, max_col=limits.MAX_COLUMNS + 1, values_only=True
                )
            ]
            while rows and not rows[-1]:
                rows.pop()
            limits.check_grid(rows, source)
            if not any(any(c is not None for c in r) for r in rows):
                continue
            try:
                return rows_to_map(rows, source=source, default_title=sheet.title)
            except MapFormatError as exc:
                last_error = exc
    except MapFormatError:
        raise
    except (ValueError, SyntaxError, KeyError, OSError, zipfile.BadZipFile) as exc:
        raise _unreadable(exc, "a sheet of the workbook cannot be read", source) from None
    finally:
        book.close()
    raise last_error or MapFormatError("the workbook has no data; fill in a sheet.", source=source)


def _unreadable(exc: Exception, what: str, source: str | None) -> MapFormatError:
    """A clear error for a workbook openpyxl could not read. defusedxml refuses XML entity and
    DTD declarations (the stuff of XML bombs) with a ValueError; a damaged part gives a
    SyntaxError (XML parse error) or a zip error."""
    chain: list[BaseException] = []
    cause: BaseException | None = exc
    while cause is not None and len(chain) < 10:  # openpyxl wraps the parser's error
        chain.append(cause)
        cause = cause.__cause__ or cause.__context__
    if any(type(e).__module__.startswith("defusedxml") for e in chain):
        return MapFormatError(
            f"{what}: it declares XML entities or a DTD, which a spreadsheet never needs; save "
            "it again as .xlsx from your spreadsheet program.",
            source=source,
        )
    return MapFormatError(f"{what} ({type(exc).__name__}); save it again as .xlsx.", source=source)


def _trimmed(row: tuple[Any, ...]) -> list[Any]:
    """A row without the empty cells openpyxl pads it with on the right."""
    cells = list(row)
    while cells and cells[-1] is None:
        cells.pop()
    return cells


def write(journey: JourneyMap, *, keep_formulas: bool = False) -> bytes:
    """A workbook with one sheet, header and lane labels bold, cells wrapped, emotions coloured.

    Every cell is stored as text, so a value such as ``=HYPERLINK(...)`` is never a formula;
    ``keep_formulas`` stores values that start with ``=`` as formulas, for people who want that.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Journey map"
    rows = map_to_rows(journey)
    for row in rows:
        sheet.append(row)
    if not keep_formulas:
        for cells in sheet.iter_rows():
            for cell in cells:
                if cell.data_type == "f" or (
                    isinstance(cell.value, str) and cell.value != spreadsheet_cell(cell.value)
                ):
                    cell.data_type = "s"  # shown as text, never calculated
                    cell.quotePrefix = True
    header_row = next(i for i, r in enumerate(rows, start=1) if r[:1] == ["Stage"])
    lane_labels = {"Stage", *LANE_TITLES.values()}
    for row in sheet.iter_rows(min_row=1, max_row=sheet.max_row):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        label = row[0].value
        if row[0].row >= header_row and label in lane_labels:
            row[0].font = Font(bold=True)
        if row[0].row == header_row:
            for cell in row:
                cell.font = Font(bold=True)
        if label == "Emotion":
            for cell, stage in zip(row[1:], journey.stages, strict=False):
                if stage.emotion:
                    color = _EMOTION_FILLS[stage.emotion.score]
                    cell.fill = PatternFill("solid", start_color=color, end_color=color)
    sheet.column_dimensions["A"].width = 20
    for idx in range(2, len(journey.stages) + 2):
        sheet.column_dimensions[sheet.cell(row=1, column=idx).column_letter].width = 36
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=2)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
