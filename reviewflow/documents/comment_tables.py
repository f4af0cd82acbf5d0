"""A municipality's comments table in Word or Excel: written prefilled with the draft's provisions, read back.

The table has the columns people know: *Nuostata* | *Pastaba* | *Siūloma redakcija*. It is read back from
the file we made or from one typed by hand in a similar layout: the header is found by its words (loosely,
any row of any table or sheet), never by column position, and the provision is read from phrases as people
write them ("3 str. 2 d.", "3 straipsnio 2 dalies", "1 (5) str.", "Aprašo 5.2 papunktis").

Pure: bytes in, rows out. Word cells are read by :mod:`reviewflow.documents.answer_tables`' grid reader, so
text in tracked insertions and content controls is kept and tracked deletions are left out.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

import docx
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from flask_babel import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, Protection

# The grid reader that sees merged cells and tracked changes the way Word shows them.
from reviewflow.documents.answer_tables import SPLIT_HEADER, _grid
from reviewflow.documents.docx_text import SUPERSCRIPT_DIGITS
from reviewflow.documents.lt_format import clean_text
from reviewflow.documents.provision_phrases import APPROVED_KINDS
from reviewflow.documents.xlsx import SheetHeading, write_heading
from reviewflow.errors import Invalid

HEADERS = ("Nuostata", "Pastaba", "Siūloma redakcija")
GENERAL_LABEL = "Bendrai"
KEY_HEADER = "ID"
MAX_BYTES = 5 * 1024 * 1024
MAX_UNCOMPRESSED = 60 * 1024 * 1024
MAX_ROWS = 2000  # rows of a sheet read at most: a comments table has tens, a drafted one hundreds
MAX_CELL = 20_000

# Header words by column, folded; the first that fits names the column. Wording before comment, because
# "Siūloma redakcija" is the wording, and provision before comment, because "Siūloma keisti" is the provision;
# who proposed and the row number are read first so that "Pasiūlymo teikėjas" is not taken for the comment.
_COLUMNS = (
    ("key", ("id",)),
    ("other", ("teikej", "eil. nr", "eil.nr")),
    ("wording", ("formuluot", "redakcij", "nauja redakcija")),
    ("provision", ("nuostat", "straipsn", "siuloma keisti", "punkt", "projekto dal", "vieta")),
    ("comment", ("pastab", "pasiulym", "turin", "komentar")),
)
_OTHER = {"savivaldybe", "data", "institucija", "nr.", "nr", "eil. nr."}
_GENERAL = {"bendrai", "bendra", "bendra pastaba", "bendros pastabos", "bendroji pastaba", "visas projektas",
            "projektas", "projektui", "visam projektui", "general", "-", "—", "–"}

_SUP = SUPERSCRIPT_DIGITS
_NUMBER = rf"\d+(?:[{_SUP}]+|\^\d+)?(?:\.\d+)*"
_UNIT = (r"(?P<unit>straipsn\w*|str\b\.?|papunk\w*|pap\b\.?|punkt\w*|p\b\.?|dal\w*|d\b\.?|"
         r"skyri\w*|sk\b\.?)")
_TOKEN = re.compile(rf"(?:(?P<no>{_NUMBER})\.?\s*(?:\(\s*(?P<inner>{_NUMBER})\s*\))?|\(\s*(?P<only>{_NUMBER})\s*\))"
                    rf"\s*{_UNIT}")
_ROMAN_CHAPTER = re.compile(r"\b(?P<no>[ivxl]+)\s+(?:skyri\w*|sk\b\.?)")


def _plain(text: str) -> str:
    """Lower case without diacritics, single spaces; raised digits ("25¹") are kept, unlike NFKD folding."""
    decomposed = unicodedata.normalize("NFD", text or "")
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.casefold().split())


# "Aprašo 3 punktas" names a point of the document the draft approves, stored with the scope "Aprašas".
_APPROVED_GENITIVES = {_plain(genitive): nominative for nominative, genitive in APPROVED_KINDS.values()}


@dataclass(frozen=True)
class ProvisionRef:
    """A provision as a phrase names it; ``scope`` is the amending provision ("1 str.") or approved document."""

    article: str | None = None
    part: str | None = None
    point: str | None = None
    scope: str | None = None
    chapter: str | None = None

    @property
    def numbers(self) -> tuple[str | None, str | None, str | None]:
        """(article, part, point)."""
        return self.article, self.part, self.point


@dataclass(frozen=True)
class CommentRow:
    """One filled row of a comments table: where it stands, the provision as written and read, the words.

    ``general`` is True when the provision cell is empty or says "Bendrai"; ``ref`` is None when the cell
    names something no phrase reading understands (the row must be placed by a person).
    """

    where: str
    provision: str
    ref: ProvisionRef | None
    general: bool
    text: str
    wording: str
    key: str = ""


def phrase_key(text: str) -> str:
    """A provision phrase as compared: without case, accents, repeated spaces or a final dot."""
    return _plain(text).rstrip(". ")


def same_phrase(one: str, other: str) -> bool:
    """Whether two provision phrases read the same, whatever the case, accents, spaces and final dot."""
    return phrase_key(one) == phrase_key(other)


def read_provision(text: str) -> ProvisionRef | None:
    """The provision a phrase names, or None when it names none ("Preambulė", "žr. aukščiau").

    An article written twice ("1 straipsniu keičiamo įstatymo 5 straipsnio") or with brackets ("1 (5) str.")
    names the amended act's article inside the amending one: ``scope`` "1 str.", ``article`` "5".
    """
    plain = _plain(text).replace("\n", " ")
    if not plain:
        return None
    scope = next((nominative for genitive, nominative in _APPROVED_GENITIVES.items()
                  if plain.startswith(genitive)), None)
    article = part = point = None
    for match in _TOKEN.finditer(plain):
        unit = match.group("unit")
        number = _number(match.group("no") or match.group("only"))
        inner = _number(match.group("inner")) if match.group("inner") else None
        if unit.startswith(("str", "straipsn")):
            if inner:
                scope, article = f"{number} str.", inner
            elif article and scope is None and "keic" in plain:
                scope, article = f"{article} str.", number  # "1 straipsniu keičiamo … 5 straipsnio"
            elif article:
                return None  # two articles, neither amending the other: a person must say which
            else:
                article = number
        elif unit.startswith(("dal", "d")):
            part = inner or number
        elif unit.startswith(("skyri", "sk")):
            continue
        elif inner and not article:
            scope, point = f"{number} p.", inner  # "2 (3.1) p.": a resolution's point 2 amends point 3.1
        else:
            point = inner or number
    if article or part or point:
        return ProvisionRef(article, part, point, scope)
    chapter = _ROMAN_CHAPTER.search(plain)
    if chapter:
        return ProvisionRef(scope=scope, chapter=chapter.group("no").upper())
    return None


def _number(value: str | None) -> str | None:
    """A number as stored: "25^1" -> "25¹", without a final dot."""
    if not value:
        return None
    value = value.rstrip(".")
    if "^" in value:
        head, _caret, raised = value.partition("^")
        value = head + raised.translate(str.maketrans("0123456789", _SUP))
    return value


def is_general(text: str) -> bool:
    """An empty provision cell, or one saying the comment is on the whole draft ("Bendrai")."""
    return _plain(text).rstrip(".:") in _GENERAL or not _plain(text)


# -- Writing ------------------------------------------------------------------------------------------


def render_template_docx(heading: SheetHeading, provisions: Sequence[str]) -> bytes:
    """A Word document: the heading (with its lines: municipality, deadline), the table with a row per provision.

    The first row is "Bendrai" for comments on the whole draft; the header row repeats on every page.
    """
    document = docx.Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2))
    title = document.add_paragraph()
    title.add_run(clean_text(f"{heading.subject}: {heading.number}" if heading.subject else heading.number)).bold = True
    document.add_paragraph(clean_text(heading.title))
    for label, value in (("Data", heading.made_on), *heading.lines):
        shown = value.isoformat() if isinstance(value, date) else str(value)
        document.add_paragraph(clean_text(f"{label}: {shown}"))
    link = document.add_paragraph("Projektas sistemoje: ")
    _hyperlink(document, link, heading.link)
    table = document.add_table(rows=1, cols=len(HEADERS))
    table.style = "Table Grid"
    for cell, text, width in zip(table.rows[0].cells, HEADERS, (Cm(6), Cm(10.8), Cm(8.8)), strict=True):
        cell.paragraphs[0].add_run(text).bold = True
        cell.width = width
    _repeat_header(table.rows[0])
    for label in (GENERAL_LABEL, *provisions):
        row = table.add_row()
        row.cells[0].text = clean_text(label)
        for cell, width in zip(row.cells, (Cm(6), Cm(10.8), Cm(8.8)), strict=True):
            cell.width = width
    for paragraph in document.paragraphs:
        for run in paragraph.runs:
            run.font.size = Pt(11)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _hyperlink(document, paragraph, url: str) -> None:
    """Append a clickable link (python-docx has no API for one: a relationship and a w:hyperlink element)."""
    relationship = document.part.relate_to(
        url, "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink", is_external=True)
    element = OxmlElement("w:hyperlink")
    element.set(qn("r:id"), relationship)
    run = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    style = OxmlElement("w:rStyle")
    style.set(qn("w:val"), "Hyperlink")
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    color = OxmlElement("w:color")
    color.set(qn("w:val"), "0563C1")
    properties.extend([style, color, underline])
    text = OxmlElement("w:t")
    text.text = url
    run.extend([properties, text])
    element.append(run)
    paragraph._p.append(element)


def _repeat_header(row) -> None:
    """Mark a table row as the header Word repeats at the top of each page."""
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def render_template_xlsx(heading: SheetHeading, provisions: Sequence[tuple[str, str]]) -> bytes:
    """A workbook: the heading, then the table; ``provisions`` are (key, label) pairs.

    The key of each provision stands in a hidden last column, so a row keeps its provision even where two
    provisions read alike; the provision column is locked-looking (grey) but the sheet is not protected.
    """
    wb = Workbook()
    ws = wb.active
    ws.title = "Pastabos"
    top = write_heading(ws, heading)
    wrap = Alignment(wrap_text=True, vertical="top")
    for col, text in enumerate((*HEADERS, KEY_HEADER), start=1):
        cell = ws.cell(row=top, column=col, value=text)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    for offset, (key, label) in enumerate((("", GENERAL_LABEL), *provisions), start=1):
        for col, value in enumerate((clean_text(label), None, None, key), start=1):
            cell = ws.cell(row=top + offset, column=col, value=value)
            cell.alignment = wrap
            cell.protection = Protection(locked=False)
            if isinstance(value, str):
                cell.data_type = "s"
    for letter, width in zip("ABCD", (40, 70, 60, 8), strict=True):
        ws.column_dimensions[letter].width = width
    ws.column_dimensions["D"].hidden = True
    ws.freeze_panes = f"A{top + 1}"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


# -- Reading ------------------------------------------------------------------------------------------


def _refuse(message: str) -> Invalid:
    return Invalid(message, errors={"file": message})


def sniff_table_file(data: bytes) -> str:
    """"docx" or "xlsx" judged by the bytes; a clear refusal for anything else (empty, old Office, huge, bombs)."""
    if not data:
        raise _refuse(_("The file is empty."))
    if len(data) > MAX_BYTES:
        raise _refuse(_("The file is larger than %(limit)s MB: a comments table is much smaller.",
                        limit=MAX_BYTES // (1024 * 1024)))
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise _refuse(_("This is an old Word or Excel file (.doc, .xls): save it as .docx or .xlsx and upload "
                        "that."))
    if not data.startswith(b"PK"):
        raise _refuse(_("The file is neither a Word document (.docx) nor an Excel workbook (.xlsx)."))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            names = {member.filename for member in members}
            if len(members) > 5000 or sum(member.file_size for member in members) > MAX_UNCOMPRESSED:
                raise _refuse(_("The file expands to an implausible size and was refused as unsafe."))
    except zipfile.BadZipFile as exc:
        raise _refuse(_("The file is damaged: it could not be opened as .docx or .xlsx.")) from exc
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        raise _refuse(_("Files with macros are not accepted: save it as .docx or .xlsx without macros."))
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    raise _refuse(_("The file is neither a Word document (.docx) nor an Excel workbook (.xlsx)."))


def read_comment_table(data: bytes) -> list[CommentRow]:
    """The filled rows of every comments table in a DOCX or XLSX; :class:`Invalid` with a reason otherwise."""
    kind = sniff_table_file(data)
    grids = _docx_grids(data) if kind == "docx" else _xlsx_grids(data)
    found_header = False
    rows: list[CommentRow] = []
    for name, grid in grids:
        table = read_grid(grid, name)
        if table is not None:
            found_header = True
            rows.extend(table)
    if not found_header:
        raise _refuse(_("No comments table was found: it needs a header row with the columns "
                        "„Nuostata“ and „Pastaba“ (and, if you like, „Siūloma redakcija“)."))
    return rows


_DRAFT_LINK = re.compile(r"/drafts/(\d{1,12})\b")


def stated_draft_ids(data: bytes) -> set[int]:
    """The draft ids of the links back to a draft that a downloaded table carries in its heading (the
    hyperlinks of a DOCX, the first rows of each sheet of an XLSX); empty for a table typed by hand.

    ``data`` must already have passed :func:`sniff_table_file`; a file that cannot be read gives an empty set.
    """
    found: list[str] = []
    try:
        if zipfile.ZipFile(io.BytesIO(data)).namelist().count("word/document.xml"):
            document = docx.Document(io.BytesIO(data))
            found += [rel.target_ref for rel in document.part.rels.values() if rel.is_external]
            found += [p.text for p in document.paragraphs[:12]]
        else:
            from openpyxl import load_workbook

            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            try:
                for sheet in workbook.worksheets:
                    for row in sheet.iter_rows(max_row=10, values_only=True):
                        found += [str(value) for value in row if isinstance(value, str)]
            finally:
                workbook.close()
    except Exception:  # unreadable here means unreadable for the table reader too, which says why
        return set()
    return {int(match) for text in found for match in _DRAFT_LINK.findall(text or "")}


def _docx_grids(data: bytes) -> list[tuple[str, list[list[str]]]]:
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx and lxml raise many kinds on a damaged package
        raise _refuse(_("The Word document could not be read; it may be damaged.")) from exc
    return [(_("table %(no)s", no=index), _grid(document, table))
            for index, table in enumerate(document.element.body.iter(qn("w:tbl")), start=1)]


def _xlsx_grids(data: bytes) -> list[tuple[str, list[list[str]]]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a damaged or foreign package
        raise _refuse(_("The Excel workbook could not be read; it may be damaged.")) from exc
    grids = []
    try:
        for sheet in workbook.worksheets:
            if sheet.sheet_state != "visible":
                continue
            grid = []
            for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
                if number > MAX_ROWS:
                    raise _refuse(_("The sheet „%(name)s“ has more than %(rows)s rows: upload only the comments "
                                    "table.", name=sheet.title, rows=MAX_ROWS))
                grid.append([_cell_text(value) for value in row[:30]])
            grids.append((sheet.title, grid))
    finally:
        workbook.close()
    return grids


def _cell_text(value: object) -> str:
    """A cell's value as text: 3.0 reads "3", 5.2 "5.2", a date its ISO form."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.isoformat()[:10]
    return clean_text(str(value))[:MAX_CELL]


def _columns(header: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, text in enumerate(header):
        words = _plain(text)
        if not words:
            continue
        if words in _OTHER:
            continue
        if words in SPLIT_HEADER:
            found.setdefault(SPLIT_HEADER[words], index)  # "str. | str. d. | p." as in Seimas tables
            continue
        for name, needles in _COLUMNS:
            if words == needles[0] if name == "key" else any(n in words for n in needles):
                found.setdefault(name, index)
                break
    return found


def _header(grid: list[list[str]]) -> tuple[int, dict[str, int]] | None:
    """The header row (within the first forty) naming a provision column and a comment column, and its columns."""
    for start, header in enumerate(grid[:40]):
        columns = _columns(header)
        if ({"provision", "article", "point"} & set(columns)) and "comment" in columns:
            return start, columns
    return None


def read_grid(grid: list[list[str]], name: str = "") -> list[CommentRow] | None:
    """The filled rows of one table given as a grid of cell texts; None when it has no comments header."""
    found = _header(grid)
    if found is None:
        return None
    start, columns = found
    rows = []
    for number, row in enumerate(grid[start + 1:], start=start + 2):
        def cell(column: str, row: list[str] = row) -> str:
            index = columns.get(column)
            return row[index].strip() if index is not None and index < len(row) else ""

        text, wording = cell("comment"), cell("wording")
        if not text and not wording:
            continue  # a provision nobody commented on, or an empty row
        if "provision" in columns:
            provision = cell("provision")
        else:
            provision = " ".join(f"{cell(col)} {unit}" for col, unit in
                                 (("article", "str."), ("part", "d."), ("point", "p.")) if cell(col))
        general = is_general(provision)
        rows.append(CommentRow(
            where=f"{name}, {number}" if name else str(number), provision=provision,
            ref=None if general else read_provision(provision), general=general, text=text, wording=wording,
            key=cell("key"),
        ))
    return rows
