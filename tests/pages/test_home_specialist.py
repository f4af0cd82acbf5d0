"""The specialist's home: which answers are begun but not submitted, and when past answers were given."""

from __future__ import annotations

from reviewflow.models import DraftState as S
from reviewflow.services import consultation
from tests.pages.conftest import draft_in
from tests.pages.test_forms import signed_in


def _waiting_row(page: str, number: str) -> str:
    table = page[page.index('id="waiting"'):page.index("</table>", page.index('id="waiting"'))]
    return next(row for row in table.split("<tr") if number in row)


def test_the_home_says_how_many_comments_wait_unsubmitted_in_lithuanian_plural_forms(app, people):
    draft = draft_in(S.CONSULTATION, people)  # Vilnius has entered one comment; its answer is still open
    vilnius = signed_in(app, people["specialist"])
    row = _waiting_row(vilnius.get("/my").get_data(as_text=True), draft.number_raw)
    assert "Įvesta 1 pastaba, dar nepateikta" in row
    for text in ("Antra.", "Trečia."):
        consultation.add_comment(draft, people["specialist"], {"text": text})
    row = _waiting_row(vilnius.get("/my").get_data(as_text=True), draft.number_raw)
    assert "Įvestos 3 pastabos, dar nepateiktos" in row
    kaunas = signed_in(app, people["kaunas"])  # invited too, nothing entered: no sign
    assert "rf-entered" not in _waiting_row(kaunas.get("/my").get_data(as_text=True), draft.number_raw)
