import time
from tests.hostile.world import build_world, row_counts, signed_in_clients
from tests.hostile.test_forms import FORMS, url_of, encoded
from tests.hostile.values import TEXT

def test_timing(app, make_user):
    world = build_world(make_user)
    clients = signed_in_clients(app, world, ("lawyer", "specialist", "admin"))
    t = time.perf_counter()
    for _ in range(20): row_counts()
    print("\ncount", (time.perf_counter() - t) / 20)
    for endpoint in ["drafts.add_comment", "drafts.extend", "tokens.revoke", "drafts.register", "admin.edit_user", "auth.profile", "drafts.position"]:
        form = FORMS[endpoint]
        url = url_of(app, world, endpoint, form)
        times = []
        for name, value in TEXT.items():
            t = time.perf_counter()
            r = clients[form.role].post(url, data=encoded({**form.fields, **form.fixed, list(form.fields or ['x'])[0]: value}), content_type="application/x-www-form-urlencoded")
            times.append((time.perf_counter() - t, name, r.status_code))
        times.sort(reverse=True)
        print(endpoint, round(sum(x[0] for x in times), 2), times[:3])
