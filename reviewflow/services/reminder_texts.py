"""The words of reminder mails and notices, in each recipient's language (Lithuanian first)."""

from __future__ import annotations

from datetime import date

# Kept beside the reminders rather than in the gettext catalogues: a mail is written in the
# recipient's language outside any request, and these sentences must never go out half-translated.
TEXTS: dict[str, dict[str, str]] = {
    "lt": {
        "municipal_before": "Primename: savivaldybės pastabas dėl projekto {number} „{title}“ reikia "
                            "pateikti iki {deadline} (liko darbo dienų: {left}).",
        "municipal_day": "Šiandien – paskutinė darbo diena pateikti savivaldybės pastabas dėl projekto "
                         "{number} „{title}“ (terminas {deadline}).",
        "reply_before": "Atsakymo dėl projekto {number} „{title}“ terminas – {deadline} "
                        "(liko darbo dienų: {left}).",
        "reply_day": "Šiandien – paskutinė darbo diena atsakyti dėl projekto {number} „{title}“ "
                     "(terminas {deadline}).",
        "committee_before": "Projektas {number} „{title}“ laukia komiteto nuomonės; atsakymo terminas – "
                            "{deadline} (liko darbo dienų: {left}).",
        "committee_day": "Projektas {number} „{title}“ vis dar laukia komiteto nuomonės; šiandien – "
                         "paskutinė darbo diena iki atsakymo termino ({deadline}).",
        "board_before": "Projektas {number} „{title}“ laukia valdybos sprendimo; atsakymo terminas – "
                        "{deadline} (liko darbo dienų: {left}).",
        "board_day": "Projektas {number} „{title}“ vis dar laukia valdybos sprendimo; šiandien – "
                     "paskutinė darbo diena iki atsakymo termino ({deadline}).",
        "missed_answers": "Suėjo savivaldybių pastabų dėl projekto {number} „{title}“ terminas ({deadline}). "
                          "Neatsakė: {municipalities}.",
        "overdue": "Vėluojama: atsakymo dėl projekto {number} „{title}“ terminas buvo {deadline}, "
                   "o atsakymas dar neišsiųstas.",
        "subject": "Reviewflow priminimas: {number}",
        "subject_overdue": "Reviewflow: vėluojama – {number}",
        "subject_digest": "Reviewflow: priminimai {date} ({count})",
        # No name: Lithuanian addresses a person in the vocative (Jonai, Rūta, Petrauskai), which cannot be
        # formed safely from any name (foreign names, unknown gender, "Vardas Pavardė"); the nominative is wrong.
        "greeting": "Laba diena,",
        "digest_intro": "šiandienos priminimai:",
        "open": "Atidaryti projektą",
        "settings": "Pasirinkti atskirus laiškus ar vieną dienos suvestinę galite savo profilyje.",
    },
    "en": {
        "municipal_before": "Reminder: your municipality's comments on draft {number} “{title}” are due "
                            "by {deadline} ({left} working day(s) left).",
        "municipal_day": "Today is the last working day for your municipality's comments on draft "
                         "{number} “{title}” (deadline {deadline}).",
        "reply_before": "The reply on draft {number} “{title}” is due on {deadline} "
                        "({left} working day(s) left).",
        "reply_day": "Today is the last working day for the reply on draft {number} “{title}” "
                     "(deadline {deadline}).",
        "committee_before": "Draft {number} “{title}” waits for the committee's opinion; the reply is due "
                            "on {deadline} ({left} working day(s) left).",
        "committee_day": "Draft {number} “{title}” still waits for the committee's opinion; today is "
                         "the last working day before the reply deadline ({deadline}).",
        "board_before": "Draft {number} “{title}” waits for the board's decision; the reply is due on "
                        "{deadline} ({left} working day(s) left).",
        "board_day": "Draft {number} “{title}” still waits for the board's decision; today is the "
                     "last working day before the reply deadline ({deadline}).",
        "missed_answers": "The municipal comment deadline ({deadline}) on draft {number} “{title}” has "
                          "passed. Not answered: {municipalities}.",
        "overdue": "Overdue: the reply on draft {number} “{title}” was due on {deadline} and has not "
                   "been sent.",
        "subject": "Reviewflow reminder: {number}",
        "subject_overdue": "Reviewflow: overdue – {number}",
        "subject_digest": "Reviewflow: reminders for {date} ({count})",
        "greeting": "Hello, {name},",
        "digest_intro": "today's reminders:",
        "open": "Open the draft",
        "settings": "You can choose single mails or one daily digest in your profile.",
    },
}


def language_of(code: str | None) -> str:
    """The reminder language for a user's language code; Lithuanian when unknown."""
    return code if code in TEXTS else "lt"


def text(language: str, key: str, **values: object) -> str:
    """One sentence in ``language`` with ``values`` filled in."""
    return TEXTS[language_of(language)][key].format(**values)


def short_title(title: str, limit: int = 120) -> str:
    """A draft title cut to fit a notice line."""
    return title if len(title) <= limit else title[: limit - 1] + "…"


def reminder_message(language: str, kind: str, *, number: str, title: str, deadline: date,
                     left: int = 0, municipalities: str = "") -> str:
    """The notice line for one reminder."""
    return text(language, kind, number=number, title=short_title(title), deadline=deadline.isoformat(),
                left=left, municipalities=municipalities)


def reminder_subject(language: str, kind: str, number: str) -> str:
    """The subject of a single reminder mail."""
    return text(language, "subject_overdue" if kind == "overdue" else "subject", number=number)
