"""The reports page in Chromium: every chart drawn by the vendored Chart.js under the CSP, and printable."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.pages.conftest import signed_in_page
from tests.services.reports_world import build_world

pytestmark = [pytest.mark.browser, pytest.mark.slow]
URL = "/reports/?from=2026-01-01&to=2026-12-31"
NAMES = ["received", "on-time", "stages", "participation", "proposals", "workload"]



def test_every_chart_is_drawn_without_a_csp_complaint_and_prints(browser, live_server, make_user, output_dir):
    world = build_world(make_user)
    page = signed_in_page(browser, live_server, world.people["board"])
    complaints = []
    page.on("console", lambda message: complaints.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: complaints.append(str(error)))
    page.goto(live_server.url + URL)
    page.wait_for_function("() => window.Chart && document.querySelectorAll('canvas[data-chart]').length === 6"
                           " && [...document.querySelectorAll('canvas[data-chart]')].every(c => Chart.getChart(c))")
    drawn = page.evaluate("() => [...document.querySelectorAll('canvas[data-chart]')].map(c => "
                          "[c.id, Chart.getChart(c).data.datasets.length, c.getAttribute('role')])")
    assert [name for name, _, _ in drawn] == [f"chart-{n}" for n in NAMES]
    assert all(count >= 2 and role == "img" for _, count, role in drawn)
    assert complaints == []  # a CSP violation (inline script or style) would be reported here
    page.screenshot(path=str(output_dir / "reports.png"), full_page=True)
    for name in NAMES:  # one picture per report, to look at
        page.locator(f"#report-{name}").screenshot(path=str(output_dir / f"report-{name}.png"))
    width, viewport = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert width <= viewport  # wide tables scroll inside their box, the page does not
    # On a 1366 px laptop the eleven columns of the proposals table fit; narrower, they scroll inside their box.
    page.set_viewport_size({"width": 1366, "height": 900})
    page.locator("#report-proposals").screenshot(path=str(output_dir / "report-proposals-1366.png"))
    box = page.evaluate("""() => { const t = document.querySelector('#table-proposals-rows');
        const b = t.closest('.table-responsive'); const s = document.querySelector('#report-proposals');
        return {table: t.getBoundingClientRect().right, box: b.getBoundingClientRect().right,
                section: s.getBoundingClientRect().right, scrolls: b.scrollWidth > b.clientWidth,
                focusable: b.tabIndex === 0, page: document.documentElement.scrollWidth, view: innerWidth}; }""")
    assert box["page"] <= box["view"] and box["box"] <= box["section"] + 0.5
    assert box["table"] <= box["box"] + 0.5 and not box["scrolls"] and box["focusable"], box
    # Sorting the municipalities by "Silent" puts Akmenė (never answers) first when descending.
    header = page.locator("#table-participation-rows thead th").nth(5).get_by_role("button")
    header.click()
    header.click()
    assert page.locator("#table-participation-rows tbody tr").first.locator("th").inner_text() \
        == "Akmenės rajono savivaldybė"
    page.emulate_media(media="print")
    page.screenshot(path=str(output_dir / "reports-print.png"), full_page=True)
    assert page.locator(".rf-report-filters").is_hidden()

    # axe-core finds no serious or critical violation (injected as a script: only this context skips the CSP).
    checked = signed_in_page(browser, live_server, world.people["lawyer_a"], bypass_csp=True)
    checked.goto(live_server.url + URL)
    result = Axe().run(checked).response
    assert result["passes"], "axe did not run"
    assert [v["id"] for v in result["violations"] if v["impact"] in ("serious", "critical")] == []
