"""Time rendering a letter with 1,000 proposals beside python-docx saving an empty document, and its PDF."""

from __future__ import annotations

import argparse
import io
import statistics
import time
from collections.abc import Callable
from datetime import date, timedelta

from docx import Document

from reviewflow.documents.letter import (
    LetterData,
    LetterProposal,
    letter_with_pdf,
    render_annex,
    render_letter,
    sample_letter_data,
)
from reviewflow.documents.pdf import ConversionError, docx_to_pdf, soffice_path

MUNICIPALITIES = ("Vilniaus miesto savivaldybė", "Kauno rajono savivaldybė", "Šiaulių miesto savivaldybė")
DECISIONS = (("accepted", "Pritarti"), ("partly_accepted", "Pritarti iš dalies"), ("rejected", "Nepritarti"))


def many_proposals(count: int) -> list[LetterProposal]:
    """Proposals in provision order, a third merged from two municipalities, all with Lithuanian text."""
    proposals = []
    for n in range(1, count + 1):
        decision, opinion = DECISIONS[n % 3]
        day = date(2026, 11, 20) + timedelta(days=n % 5)
        proposers = [(MUNICIPALITIES[n % 3], day)]
        if n % 3 == 0:
            proposers.append((MUNICIPALITIES[(n + 1) % 3], day))
        proposals.append(
            LetterProposal(
                number=n,
                proposers=proposers,
                provision_label=f"{n} straipsnio {n % 4 + 1} dalies",
                provision_short=f"{n} str. {n % 4 + 1} d.",
                content=f"Pastaba Nr. {n}: nuostata neaiški, savivaldybėms trūksta lėšų ir žmonių <&>.",
                proposed_wording=f"Savivaldybė užtikrina paslaugą per {n % 30 + 1} darbo dienų." if n % 2 else None,
                decision=decision,
                lsa_opinion_lt=opinion,
                reasons=None if decision == "accepted" else "Pasiūlymas iš dalies dubliuoja galiojantį reguliavimą.",
            )
        )
    return proposals


def median_seconds(action: Callable[[], object], runs: int) -> float:
    """The median wall time of ``runs`` calls."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def save_empty_document() -> bytes:
    """What python-docx alone costs: an empty Document() saved to memory."""
    out = io.BytesIO()
    Document().save(out)
    return out.getvalue()


def letter_with(count: int, annex_separate: bool = False) -> LetterData:
    """The built-in sample letter carrying ``count`` proposals."""
    sample = sample_letter_data()
    return LetterData(**{**sample.__dict__, "proposals": many_proposals(count), "annex_separate": annex_separate})


def main() -> None:
    """Print the medians, in the same run, so the two figures compare on the same machine."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--proposals", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pdf-runs", type=int, default=3)
    args = parser.parse_args()
    data = letter_with(args.proposals)
    separate = letter_with(args.proposals, annex_separate=True)
    size = len(render_letter(data))  # warm-up, and the size to report
    save_empty_document()
    empty = median_seconds(save_empty_document, args.runs * 4)
    full = median_seconds(lambda: render_letter(data), args.runs)
    annex = median_seconds(lambda: render_annex(separate), args.runs)
    print(f"python-docx, empty Document() saved:           {empty * 1000:9.1f} ms (median of {args.runs * 4})")
    print(
        f"render_letter, {args.proposals} proposals + annex table: {full * 1000:9.1f} ms "
        f"(median of {args.runs}; {size / 1024:.0f} KiB; {full / empty:.0f}x the empty save)"
    )
    print(f"render_annex alone, {args.proposals} proposals:     {annex * 1000:9.1f} ms (median of {args.runs})")
    try:
        soffice_path()
    except ConversionError as exc:
        print(f"PDF: skipped ({exc})")
        return
    small = letter_with(20)
    document = render_letter(small)
    pdf = median_seconds(lambda: docx_to_pdf(document), args.pdf_runs)
    counted = median_seconds(lambda: letter_with_pdf(small, document, None, None), args.pdf_runs)
    print(f"docx_to_pdf (LibreOffice), 20 proposals:       {pdf * 1000:9.1f} ms (median of {args.pdf_runs})")
    print(f"letter + PDF with the annex pages counted:     {counted * 1000:9.1f} ms (median of {args.pdf_runs})")


if __name__ == "__main__":
    main()
