"""Rendering a docxtpl Word template in a sandbox: autoescaped, literal user text, limits, clear refusals."""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

from docxtpl import DocxTemplate
from flask_babel import gettext as _
from jinja2 import FunctionLoader, StrictUndefined, TemplateError, TemplateNotFound, TemplateSyntaxError
from jinja2.sandbox import SandboxedEnvironment, SecurityError
from lxml import etree
from markupsafe import Markup, escape

from reviewflow.documents.lt_format import clean_text
from reviewflow.errors import Invalid

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TAG_MARKERS = ("{{", "}}", "{%", "%}", "{#", "#}")
_XML_PARTS = re.compile(r"word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml")
# Limits for an administrator's template: a letter never needs more, and beyond them a template
# could hold the worker for minutes or exhaust its memory.
MAX_RANGE = 10_000
MAX_SEQUENCE = 1_000_000


def render_docx(template: bytes, context: dict[str, Any]) -> bytes:
    """Render a docxtpl template in a sandbox with autoescape; template problems become Invalid."""
    try:
        doc = _ProportionateTemplate(io.BytesIO(template))
        doc.init_docx()
    except Exception as exc:  # python-docx raises many kinds for a file that is not DOCX
        message = _("The template is not a Word document (.docx).")
        raise Invalid(message, {"template": message}) from exc
    try:
        doc.render(context, jinja_env=make_environment(), autoescape=True)
    except TemplateSyntaxError as exc:
        near = " ".join(line.strip() for line in getattr(exc, "docx_context", []) if line.strip())
        message = _("The template has a syntax error: %(error)s (near: %(near)s)", error=exc.message, near=near[:200])
        raise Invalid(message, {"template": message}) from exc
    except (TemplateError, SecurityError, OverflowError, MemoryError, RecursionError) as exc:
        # SecurityError is a TemplateError; the others come from what the sandbox let a template
        # compute. A refused template is the administrator's to fix, never a server error.
        message = _("The template cannot be filled in: %(error)s", error=str(exc) or type(exc).__name__)
        raise Invalid(message, {"template": message}) from exc
    except Exception as exc:  # any other error raised while evaluating an expression of the template
        message = _("The template cannot be filled in: %(error)s", error=f"{type(exc).__name__}: {exc}"[:300])
        raise Invalid(message, {"template": message}) from exc
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


# docxtpl's cell tags: loops over cells, spans and merges change a row's cell count, so only with them does
# the table grid need fixing after rendering.
_CELL_TAGS = re.compile(r"\{%-?\s*(tc|hm|vm)\b|colspan")
_PARAGRAPH = re.compile(r"<w:p(?: [^>]*)?>.*?</w:p>", re.DOTALL)
# A tab, bell, newline or form feed inside a text element (text holds no "<": it is escaped there).
_LISTING_TEXT = re.compile("<w:t(?: [^>]*)?>[^<]*[\t\a\n\f]")


class _ProportionateTemplate(DocxTemplate):
    """docxtpl with its two after-rendering passes limited to what needs them.

    docxtpl rewrites every rendered paragraph with nested regular expressions for tabs, line breaks
    and page breaks, and recounts every table row's cells for templates that loop over cells; with a
    1,000-row annex both passes cost more than the rendering itself. Here the first touches only the
    paragraphs that hold such a character, and the second runs only when the template has cell tags.
    """

    def build_xml(self, context, jinja_env=None):
        """As docxtpl does, noting first whether the template has cell tags (before patching removes them)."""
        xml = self.get_xml()
        self.cells_change = bool(_CELL_TAGS.search(re.sub(r"<[^>]+>", "", xml)))
        xml = self.patch_xml(xml)
        return self.render_xml_part(xml, self.docx._part, context, jinja_env)

    def fix_tables(self, xml):
        """docxtpl's table fix only where cells may have changed; otherwise just the parse it returns."""
        if getattr(self, "cells_change", True):
            return super().fix_tables(xml)
        return etree.fromstring(xml, parser=etree.XMLParser(recover=True))

    def resolve_listing(self, xml):
        """docxtpl's rewrite of tabs and breaks in text, on the paragraphs whose text holds one (same result)."""
        rewrite = super().resolve_listing

        def paragraph(match: re.Match) -> str:
            text = match.group(0)
            return rewrite(text) if _LISTING_TEXT.search(text) else text

        return _PARAGRAPH.sub(paragraph, xml)


class LetterEnvironment(SandboxedEnvironment):
    """The sandbox for letter templates: no other templates (include, import, extends), no huge
    ranges, no huge repeated strings or powers."""

    intercepted_binops = frozenset(("*", "**"))

    def __init__(self) -> None:
        super().__init__(autoescape=True, undefined=StrictUndefined, finalize=_literal,
                         loader=FunctionLoader(_no_other_templates))
        self.globals["range"] = _small_range

    def call_binop(self, context, operator: str, left: Any, right: Any) -> Any:
        """``*`` and ``**`` within limits that a letter never reaches."""
        if operator == "**":
            if isinstance(right, int) and abs(right) > 64:
                raise SecurityError(_("Powers above 64 are not allowed in a letter template."))
            return left**right
        if isinstance(left, int) and isinstance(right, str | list | tuple):
            left, right = right, left
        if isinstance(left, str | list | tuple) and isinstance(right, int) and len(left) * right > MAX_SEQUENCE:
            raise SecurityError(_("The template repeats text more than a letter can hold."))
        return left * right


def _no_other_templates(name: str) -> None:
    """The loader of letter templates: a template stands alone."""
    raise TemplateNotFound(name, _("A letter template cannot include, import or extend another template."))


def _small_range(*args: int) -> range:
    """``range`` with at most MAX_RANGE items."""
    items = range(*args)
    if len(items) > MAX_RANGE:
        raise SecurityError(_("A range in a letter template may hold at most %(limit)s items.", limit=MAX_RANGE))
    return items


def make_environment() -> SandboxedEnvironment:
    """A sandboxed Jinja environment: autoescaped, strict about unknown names, literal user text."""
    return LetterEnvironment()


def _literal(value: Any) -> Any:
    """Escape a value for WordprocessingML, and keep its braces from looking like template tags."""
    if hasattr(value, "__html__"):  # RichText, Listing, Subdoc: already XML
        return value
    if value is None:
        return Markup("")
    text = str(escape(clean_text(value)))
    # docxtpl turns "{_{" back into "{{" after rendering; character references survive that.
    return Markup(text.replace("{", "&#123;").replace("}", "&#125;"))


def leftover_tags(docx: bytes) -> list[str]:
    """Paragraphs of a rendered DOCX that still contain template tags."""
    found = []
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        for name in archive.namelist():
            if not _XML_PARTS.fullmatch(name):
                continue
            root = etree.fromstring(archive.read(name))
            for paragraph in root.iter(f"{_W}p"):
                text = "".join(t.text or "" for t in paragraph.iter(f"{_W}t"))
                if any(marker in text for marker in _TAG_MARKERS):
                    found.append(text.strip()[:80])
    return found
