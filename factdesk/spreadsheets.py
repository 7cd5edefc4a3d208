"""CSV files the desk hands out, safe to open in a spreadsheet program.

A cell that begins with =, +, -, @, a tab or a carriage return is read by Excel,
LibreOffice and Google Sheets as a formula, which can fetch URLs or run commands when
the file is opened. Titles, outlet names, quotes and claim wordings come from the web
and from desk members, so every text cell goes through safe_cell (OWASP's advice: a
leading single quote makes it text). Every CSV the desk writes is made by csv_text.
"""

import csv
import io

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Spreadsheet programs read a file without it in the system's code page, not UTF-8.
BOM = "\ufeff"


def safe_cell(value):
    """value as a cell no spreadsheet program reads as a formula; numbers stay numbers."""
    if value is None or isinstance(value, bool | int | float):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_text(columns: list[str], rows) -> str:
    """A CSV document (with a UTF-8 byte order mark): a header, then one line per row
    (a dict by column name; missing columns are empty)."""
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out)
    writer.writerow([safe_cell(name) for name in columns])
    for row in rows:
        writer.writerow([safe_cell(row.get(name)) for name in columns])
    return out.getvalue()
