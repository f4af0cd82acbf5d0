"""Word's style sheet and list numbering, as far as reading a document's text needs them."""

from __future__ import annotations

import re

from docx.oxml.ns import qn


def style_id(properties, tag: str) -> str | None:
    """The style named in a pPr (w:pStyle) or rPr (w:rStyle), if any."""
    element = properties.find(qn(tag)) if properties is not None else None
    return element.get(qn("w:val")) if element is not None else None


class Styles:
    """The style sheet, for properties a paragraph or run gets from its style and the document defaults."""

    def __init__(self, document) -> None:
        root = document.styles.element
        self._by_id = {style.get(qn("w:styleId")): style for style in root.findall(qn("w:style"))}
        self._default_paragraph = next(
            (
                style.get(qn("w:styleId"))
                for style in root.findall(qn("w:style"))
                if style.get(qn("w:type")) == "paragraph" and style.get(qn("w:default")) in ("1", "true")
            ),
            None,
        )
        self._defaults = root.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")

    def chain(self, name: str | None, paragraph: bool = False) -> list:
        """A style and the styles it is based on, nearest first."""
        if name is None and paragraph:
            name = self._default_paragraph
        chain: list = []
        while name and name in self._by_id and len(chain) < 20:  # a cycle must not hang the reader
            chain.append(self._by_id[name])
            based = self._by_id[name].find(qn("w:basedOn"))
            name = based.get(qn("w:val")) if based is not None else None
        return chain

    def run_property(self, run, paragraph_style: str | None, tag: str):
        """The nearest element ``tag`` among a run's own, its character style's, paragraph style's, defaults."""
        own = run.find(qn("w:rPr"))
        sources = [own]
        sources += [style.find(qn("w:rPr")) for style in self.chain(style_id(own, "w:rStyle"))]
        sources += [style.find(qn("w:rPr")) for style in self.chain(paragraph_style, paragraph=True)]
        sources.append(self._defaults)
        for properties in sources:
            element = properties.find(qn(tag)) if properties is not None else None
            if element is not None:
                return element
        return None

    def paragraph_properties(self, p) -> list:
        """A paragraph's own pPr and those of its style chain, nearest first."""
        own = p.find(qn("w:pPr"))
        chain = self.chain(style_id(own, "w:pStyle"), paragraph=True)
        return [own] + [style.find(qn("w:pPr")) for style in chain]


class Numbering:
    """Word's automatic list numbering, replayed so that "1.", "1.1." appear in the text as shown."""

    def __init__(self, document, styles: Styles) -> None:
        self._styles = styles
        self._levels: dict[str, dict[int, tuple[int, str, str]]] = {}
        self._counters: dict[str, dict[int, int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError):
            return
        abstract = {a.get(qn("w:abstractNumId")): a for a in root.findall(qn("w:abstractNum"))}
        for num in root.findall(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            source = abstract.get(ref.get(qn("w:val"))) if ref is not None else None
            if source is None:
                continue
            levels = {int(lvl.get(qn("w:ilvl"))): _level(lvl) for lvl in source.findall(qn("w:lvl"))}
            for override in num.findall(qn("w:lvlOverride")):
                start = override.find(qn("w:startOverride"))
                ilvl = int(override.get(qn("w:ilvl")))
                if start is not None and ilvl in levels:
                    levels[ilvl] = (int(start.get(qn("w:val"))),) + levels[ilvl][1:]
            self._levels[num.get(qn("w:numId"))] = levels

    def prefix(self, p) -> str:
        """The number Word shows before paragraph ``p`` followed by a space, or ""."""
        num_id, ilvl = self._num_pr(p)
        levels = self._levels.get(num_id or "")
        if not levels or ilvl not in levels:
            return ""
        counters = self._counters.setdefault(num_id, {})
        counters[ilvl] = counters.get(ilvl, levels[ilvl][0] - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        _start, fmt, text = levels[ilvl]
        if fmt in ("bullet", "none"):
            return ""

        def substitute(match: re.Match[str]) -> str:
            level = int(match.group(1)) - 1
            value = counters.get(level, levels.get(level, (1,))[0])
            return _format_number(value, levels.get(level, (1, "decimal", ""))[1])

        return re.sub(r"%(\d)", substitute, text) + " "

    def _num_pr(self, p) -> tuple[str | None, int]:
        """The list (numId) and level of a paragraph, set directly or through its style chain."""
        for ppr in self._styles.paragraph_properties(p):
            num_pr = ppr.find(qn("w:numPr")) if ppr is not None else None
            num_id = num_pr.find(qn("w:numId")) if num_pr is not None else None
            if num_id is not None:
                ilvl = num_pr.find(qn("w:ilvl"))
                level = int(ilvl.get(qn("w:val"))) if ilvl is not None else 0
                return num_id.get(qn("w:val")), level
        return None, 0


def _level(lvl) -> tuple[int, str, str]:
    """A list level's start value, number format and text pattern ("%1.%2.")."""

    def value(tag: str, default: str) -> str:
        element = lvl.find(qn(tag))
        return element.get(qn("w:val"), default) if element is not None else default

    return int(value("w:start", "1")), value("w:numFmt", "decimal"), value("w:lvlText", "")


def _format_number(value: int, fmt: str) -> str:
    """A list counter in Word's number format (decimal, letters, roman)."""
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (value - 1) % 26)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(value)
        return roman.lower() if fmt == "lowerRoman" else roman
    return str(value)


def _roman(value: int) -> str:
    """Roman numerals for list counters."""
    out = ""
    for number, letters in zip(_ROMAN_VALUES, _ROMAN_LETTERS.split(), strict=True):
        count, value = divmod(value, number)
        out += letters * count
    return out


_ROMAN_VALUES = (1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1)
_ROMAN_LETTERS = "M CM D CD C XC L XL X IX V IV I"
