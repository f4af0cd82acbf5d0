"""The table of hostile values the suite sends to every form and every API operation."""

from __future__ import annotations

from tests.hostile.samples import ACTIVE_PDFS, MACRO_DOCUMENT, docx_with_dtd, zip_bomb
from tests.pure.samples import MINIMAL_PDF, docx_bytes

# Text: sent in every text field of forms and JSON bodies, in query strings and as path segments.
TEXT = {
    "script-tag": "<script>alert(1)</script>",
    "attribute-break": '"><img src=x onerror=alert(1)>',
    "javascript-url": "javascript:alert(document.cookie)",
    "svg-onload": "<svg/onload=alert(1)>",
    "html-comment": "<!-- --><b>bold</b>",
    "jinja-expression": "{{ 7*7 }}",
    "jinja-config": "{{ config.SECRET_KEY }}",
    "jinja-statement": "{% for x in range(10**9) %}x{% endfor %}",
    "jinja-include": "{% include '/etc/passwd' %}",
    "docxtpl-tag": "{%p if 1 %}{{r x }}",
    "format-string": "%s%s%s%n {0} {__class__}",
    "dollar-template": "${7*7} #{7*7}",
    "sql-quote": "'; DROP TABLE drafts; --",
    "sql-union": "1 UNION SELECT password_hash FROM users",
    "nul-byte": "pavadinimas\x00tęsinys",
    "c0-controls": "\x01\x02\x07\x08\x1b[31mred\x1b[0m",
    "c1-controls": "\x85\x9b\x9f",
    "bidi-override": "Projektas\u202egpj.exe",
    "bidi-isolates": "\u2066\u2067\u2068text\u2069",
    "zero-width": "a\u200b\u200c\u200d\ufeffb",
    "line-separator": "pirma\u2028antra\u2029trečia",
    "crlf-header": "Subject\r\nBcc: victim@example.lt",
    "lone-surrogate": "a\ud800b",
    "emoji": "😀👍🏽 \U0001f9d1\u200d\u2696\ufe0f",
    "lithuanian": "Šiaulių „žodis“ ąčęėįšųūž",
    "right-to-left": "مسودة القانون",
    "combining": "e\u0301\u0301\u0301\u0301\u0301\u0301",
    "empty": "",
    "whitespace": " \t\n  ",
    "very-long": "ž" + "a" * 100_001,  # past every length limit (the position text allows 100,000)
    "long-word": "a" * 5000,
    "path-traversal": "../../../../etc/passwd",
    "windows-traversal": "..\\..\\windows\\win.ini",
    "windows-device": "CON",
    "windows-device-ext": "NUL.pdf",
    "windows-stream": "file.pdf:Zone.Identifier:$DATA",
    "url-encoded": "%2e%2e%2f%00",
    "email-injection": "a@example.lt\nBcc: b@example.lt",
    "email-like": "admin@example.lt",
    "negative": "-1",
    "zero": "0",
    "huge-number": "99999999999999999999",
    "float-overflow": "1e309",
    "nan-text": "NaN",
    "bad-date": "2026-02-30",
    "far-date": "9999-12-31",
    "ancient-date": "0001-01-01",
    "iso-datetime": "2026-11-27T25:61:61Z",
}

# JSON values of the wrong type or range: sent in every field of JSON bodies.
JSON = {
    "int-zero": 0,
    "int-negative": -1,
    "int-64": 2**63,
    "int-huge": 10**400,
    "float": 1.5,
    "float-nan": float("nan"),
    "float-inf": float("inf"),
    "true": True,
    "null": None,
    "empty-list": [],
    "list-of-text": ["a", "b"],
    "list-of-huge": [10**30, -5],
    "object": {"$gt": ""},
    "nested": {"a": [{"b": [{"c": [1]}]}]},
    "deep-50": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]],
}

# Whole bodies sent as they are (the JSON API).
RAW_BODIES = {
    "invalid-utf8": (b'{"title": "\xff\xfe\xed\xa0\x80"}', "application/json"),
    "truncated": (b'{"title": "abc', "application/json"),
    "top-level-list": (b"[1, 2, 3]", "application/json"),
    "deep-100000": (b"[" * 100_000 + b"]" * 100_000, "application/json"),
    "nan-literal": (b'{"version": NaN, "text": Infinity}', "application/json"),
    "duplicate-keys": (b'{"title": "a", "title": {"x": 1}}', "application/json"),
    "xml": (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>', "application/xml"),
    "form-encoded": (b"title=%3Cscript%3E", "application/x-www-form-urlencoded"),
    "too-large": (None, "application/json"),  # built at run time just over MAX_CONTENT_LENGTH
}

# Uploaded files: (file name, bytes). Names are hostile too.
FILES = {
    "zip-bomb": ("projektas.docx", zip_bomb()),
    "macro-document": ("projektas.docm", MACRO_DOCUMENT),
    "dtd-entities": ("projektas.docx", docx_with_dtd()),
    "not-a-document": ("projektas.docx", b"MZ\x90\x00 this is an exe"),
    "empty-file": ("projektas.pdf", b""),
    **{f"pdf-{name}": ("pazyma.pdf", data) for name, (data, _) in list(ACTIVE_PDFS.items())[:6]},
    "traversal-name": ("../../../etc/passwd.pdf", MINIMAL_PDF),
    "windows-traversal-name": ("..\\..\\Windows\\System32\\evil.docx", docx_bytes("Tekstas.")),
    "windows-device-name": ("CON.pdf", MINIMAL_PDF),
    "bidi-name": ("sutartis\u202efdp.exe", MINIMAL_PDF),
    "nul-name": ("a\x00.pdf", MINIMAL_PDF),
    "long-name": ("ž" * 1000 + ".pdf", MINIMAL_PDF),
}

# Values whose meaning is the whole value (empty, a number, a date, a device name) are sent alone;
# the others are fragments, sent four to a string: a field cleans and escapes a string as a whole, so
# "<script>…{{ 7*7 }}…\x00…\u202e" meets every one of the four at once, in a quarter of the requests.
WHOLE = ("empty", "whitespace", "very-long", "long-word", "windows-device", "windows-device-ext", "email-like",
         "negative", "zero", "huge-number", "float-overflow", "nan-text", "bad-date", "far-date", "ancient-date",
         "iso-datetime", "path-traversal", "windows-traversal", "javascript-url", "url-encoded")
FRAGMENTS = [name for name in TEXT if name not in WHOLE]


def text_payloads() -> list[tuple[str, str]]:
    """(name, string) for every text value: whole values alone, fragments four to a string."""
    payloads = [(name, TEXT[name]) for name in WHOLE]
    for start in range(0, len(FRAGMENTS), 4):
        group = FRAGMENTS[start:start + 4]
        payloads.append(("+".join(group), " ".join(TEXT[name] for name in group)))
    return payloads


# For fields that pick from a list (a select, a date, a redirect target) and for forms without fields.
CHOICE_SAMPLE = ("empty", "whitespace", "long-word", "negative", "huge-number", "bad-date", "path-traversal",
                 "email-like")


def choice_payloads() -> list[tuple[str, str]]:
    """(name, string) for list-like fields: a sample of whole values and one string of every fragment."""
    return [(name, TEXT[name]) for name in CHOICE_SAMPLE] + [("all-fragments", " ".join(TEXT[n] for n in FRAGMENTS))]


COUNT = len(TEXT) + len(JSON) + len(RAW_BODIES) + len(FILES) + 1  # + the missing CSRF token
