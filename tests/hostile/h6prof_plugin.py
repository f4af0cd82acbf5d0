import time, collections
import tests.hostile.test_forms as t
orig_post = None
timing = collections.Counter()
counts_t = [0.0]
import tests.hostile.world as w
orig_counts = t.row_counts
def timed_counts():
    s = time.perf_counter(); r = orig_counts(); counts_t[0] += time.perf_counter() - s; return r
t.row_counts = timed_counts
from flask.testing import FlaskClient
orig = FlaskClient.post
def post(self, url, *a, **k):
    s = time.perf_counter(); r = orig(self, url, *a, **k); timing[url.split('?')[0]] += time.perf_counter() - s; return r
FlaskClient.post = post
def pytest_sessionfinish(session):
    print("\ncounts", counts_t[0])
    for u, v in timing.most_common(15): print(f"{v:7.2f} {u}")
