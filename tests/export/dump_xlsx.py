"""Dump an XLSX workbook as JSON with openpyxl, an independent reader (used by tests/export.rs).

For every sheet: its name, the frozen pane's top-left cell, and every cell of every row with its
openpyxl data type ('n' number, 's' string, 'd' date, 'f' formula), its value (numbers as repr,
dates as ISO 8601), its number format, and for formulas the cached result Excel would show.
"""
import datetime
import json
import sys

import openpyxl


def value(v):
    if isinstance(v, bool):
        return str(v)
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, (datetime.datetime, datetime.date)):
        return v.isoformat()
    return v


path = sys.argv[1]
formulas = openpyxl.load_workbook(path)
cached = openpyxl.load_workbook(path, data_only=True)
out = []
for ws in formulas.worksheets:
    cws = cached[ws.title]
    rows = []
    for row, crow in zip(ws.iter_rows(), cws.iter_rows()):
        cells = []
        for c, cc in zip(row, crow):
            cell = {"t": c.data_type, "v": value(c.value), "fmt": c.number_format}
            if c.data_type == "f":
                cell["cached"] = value(cc.value)
                cell["cached_t"] = cc.data_type
            cells.append(cell)
        rows.append(cells)
    out.append({"name": ws.title, "freeze": ws.freeze_panes, "rows": rows})
json.dump(out, sys.stdout, ensure_ascii=False)
