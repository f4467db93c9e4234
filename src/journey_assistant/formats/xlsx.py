"""Excel workbooks (.xlsx): the same grid as CSV, read from the first sheet that holds a map."""

from __future__ import annotations

import io
import zipfile

from ..errors import MapFormatError
from ..models import JourneyMap
from .grid import LANE_TITLES, map_to_rows, rows_to_map

_EMOTION_FILLS = {1: "F4A3A3", 2: "F9CFA0", 3: "F3EDB5", 4: "C8E6B0", 5: "9ED9A0"}


def read(data: bytes, *, source: str | None = None) -> JourneyMap:
    """Read the first worksheet that contains a journey map."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise MapFormatError(
            f"the workbook cannot be opened ({type(exc).__name__}); save it again as .xlsx.",
            source=source,
        ) from None
    last_error: MapFormatError | None = None
    try:
        for sheet in book.worksheets:
            rows = [list(r) for r in sheet.iter_rows(values_only=True)]
            if not any(any(c is not None for c in r) for r in rows):
                continue
            try:
                return rows_to_map(rows, source=source, default_title=sheet.title)
            except MapFormatError as exc:
                last_error = exc
    finally:
        book.close()
    raise last_error or MapFormatError("the workbook has no data; fill in a sheet.", source=source)


def write(journey: JourneyMap) -> bytes:
    """A workbook with one sheet, header and lane labels bold, cells wrapped, emotions coloured."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Journey map"
    rows = map_to_rows(journey)
    for row in rows:
        sheet.append(row)
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
