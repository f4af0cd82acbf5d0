"""Build the anchors corpus: each ``<name>.source.txt`` becomes ``<name>.docx``; some DOCX become PDFs.

Run ``python -m benchmarks.corpus.build [prefix]`` after changing a source; the built files are committed so the
benchmark and its test need neither this script nor LibreOffice.

A source is one paragraph per line. Lines starting with ``#`` are notes and are skipped; a blank line
is skipped too. Markup, chosen to cover what Word can hold:

- ``| a | b |`` a table row (consecutive rows make one table);
- ``^1`` a raised (superscript) digit, as in "25^1 straipsnis";
- ``{+text+}`` a tracked insertion, ``{-text-}`` a tracked deletion (Word's "Track changes");
- ``{[text]}`` an inline content control; a line starting ``[[sdt]]`` is a paragraph inside a block one;
- ``{~text~}`` struck-through text and ``{*text*}`` bold text, as a comparison version shows them;
- a line starting ``[[list]]`` is numbered automatically by Word ("List Number"), its number not typed;
- a line starting ``[[num N.L]]`` is numbered by Word's multi-level list N at level L ("1.", "1.1.", "1.1.1.");
  each N is a list of its own that restarts at 1; ``[[chap N]]`` is numbered by list N as "I SKYRIUS".
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from xml.sax.saxutils import escape

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

CORPUS = Path(__file__).resolve().parent
# PDFs made by LibreOffice from a DOCX of the corpus: (the DOCX's name, the PDF's name).
PDFS = (("06_resolution_description", "13_resolution_description_pdf"),
        ("h06_law_chapters_sections_table", "h09_law_chapters_sections_pdf"),
        ("h10_law_amend_chapter", "h11_law_amend_chapter_pdf"))

_TOKEN = re.compile(r"(\{\+.*?\+\}|\{-.*?-\}|\{~.*?~\}|\{\*.*?\*\}|\{\[.*?\]\}|\^\d+)")
_NUMBERED = re.compile(r"^\[\[(num|chap) (\d+)(?:\.(\d))?\]\]")
_LEVELS = {
    "num": "".join(
        f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        f'<w:lvlText w:val="{".".join(f"%{n}" for n in range(1, level + 2))}."/></w:lvl>'
        for level in range(3)),
    "chap": '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/>'
            '<w:lvlText w:val="%1 SKYRIUS"/></w:lvl>',
}
_CHANGE = 'w:id="{id}" w:author="Ministerija" w:date="2026-11-02T10:00:00Z"'


def build_docx(source: Path) -> bytes:
    """The DOCX of one source file."""
    document = docx.Document()
    lists: set[int] = set()
    table = None
    changes = iter(range(100, 10_000))
    for line in source.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            table = None
            continue
        if line.startswith("|"):
            cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
            if table is None:
                table = document.add_table(rows=0, cols=len(cells))
            row = table.add_row()
            for cell, text in zip(row.cells, cells, strict=True):
                cell.text = text
            continue
        table = None
        numbered = _NUMBERED.match(line)
        if numbered:
            line = line[numbered.end():]
        block_sdt = line.startswith("[[sdt]]")
        listed = line.startswith("[[list]]")
        line = line.removeprefix("[[sdt]]").removeprefix("[[list]]").lstrip()
        paragraph = document.add_paragraph(style="List Number" if listed else None)
        _fill(paragraph, line, changes)
        if numbered:
            _number(document, paragraph, numbered, lists)
        if block_sdt:
            _wrap_in_block_control(paragraph)
    out = tempfile.SpooledTemporaryFile()
    document.save(out)
    out.seek(0)
    return out.read()


def _fill(paragraph, line: str, changes) -> None:
    """Add the runs of one marked-up line to a paragraph."""
    for piece in _TOKEN.split(line):
        if not piece:
            continue
        if piece.startswith("^"):
            paragraph.add_run(piece[1:]).font.superscript = True
        elif piece.startswith("{~"):
            paragraph.add_run(piece[2:-2]).font.strike = True
        elif piece.startswith("{*"):
            paragraph.add_run(piece[2:-2]).font.bold = True
        elif piece.startswith("{+"):
            paragraph._p.append(parse_xml(
                f'<w:ins {nsdecls("w")} {_CHANGE.format(id=next(changes))}>{_run(piece[2:-2])}</w:ins>'))
        elif piece.startswith("{-"):
            text = escape(piece[2:-2])
            paragraph._p.append(parse_xml(
                f'<w:del {nsdecls("w")} {_CHANGE.format(id=next(changes))}><w:r>'
                f'<w:delText xml:space="preserve">{text}</w:delText></w:r></w:del>'))
        elif piece.startswith("{["):
            paragraph._p.append(parse_xml(
                f'<w:sdt {nsdecls("w")}><w:sdtPr><w:alias w:val="Laukas"/><w:tag w:val="field"/></w:sdtPr>'
                f"<w:sdtContent>{_run(piece[2:-2])}</w:sdtContent></w:sdt>"))
        else:
            paragraph.add_run(piece)


def _number(document, paragraph, numbered: re.Match, lists: set[int]) -> None:
    """Number a paragraph by a Word list of its own (defined on first use), as Word's auto-numbering does."""
    kind, list_id, level = numbered.group(1), 200 + int(numbered.group(2)), int(numbered.group(3) or 0)
    if list_id not in lists:
        numbering = document.part.numbering_part.element
        numbering.insert(0, parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{list_id}">{_LEVELS[kind]}</w:abstractNum>'))
        numbering.append(parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{list_id}"><w:abstractNumId w:val="{list_id}"/></w:num>'))
        lists.add(list_id)
    paragraph._p.get_or_add_pPr().append(parse_xml(
        f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{list_id}"/></w:numPr>'))


def _run(text: str) -> str:
    """A plain run's XML."""
    return f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def _wrap_in_block_control(paragraph) -> None:
    """Move a paragraph into a block-level content control (w:sdt around the w:p)."""
    p = paragraph._p
    sdt = parse_xml(f'<w:sdt {nsdecls("w")}><w:sdtPr><w:alias w:val="Blokas"/></w:sdtPr><w:sdtContent/></w:sdt>')
    p.addprevious(sdt)
    sdt[-1].append(p)


def build_pdf(docx_path: Path, pdf_path: Path) -> None:
    """Convert a DOCX to PDF with LibreOffice headless, in a profile of its own (parallel runs collide)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("LibreOffice (soffice) is needed to build the corpus PDFs")
    with tempfile.TemporaryDirectory() as work:
        profile = Path(work, "profile")
        subprocess.run(
            [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
             "--convert-to", "pdf", "--outdir", work, str(docx_path)],
            check=True, capture_output=True, timeout=180,
        )
        shutil.copyfile(Path(work, docx_path.stem + ".pdf"), pdf_path)


def main(prefix: str = "") -> None:
    """Build every DOCX, then the PDFs (only the drafts whose names start with ``prefix``, if one is given)."""
    for source in sorted(CORPUS.glob(f"{prefix}*.source.txt")):
        target = source.with_name(source.name.removesuffix(".source.txt") + ".docx")
        target.write_bytes(build_docx(source))
        print(f"built {target.name}")
    for docx_name, pdf_name in PDFS:
        if not docx_name.startswith(prefix):
            continue
        build_pdf(CORPUS / f"{docx_name}.docx", CORPUS / f"{pdf_name}.pdf")
        print(f"built {pdf_name}.pdf")


if __name__ == "__main__":
    main(*sys.argv[1:2])
