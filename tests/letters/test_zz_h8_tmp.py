from tests.letters.test_signing import *  # noqa
from flask import render_template_string
from flask_login import login_user
def test_shot(app, api, approved, signer, cast):
    assert upload(api["lawyer"], approved.id, sign_pades(LETTER_PDF, signer)).status_code == 201
    with app.test_request_context():
        login_user(cast["lawyer"])
        html = render_template_string('{% extends "base.html" %}{% block content %}<section id="letter"><h2 class="h5">Atsakymo raštas</h2>{% include "letters/_signed.html" %}</section>{% endblock %}', draft=approved)
    html = html.replace('href="/static/', 'href="file:///work/main/reviewflow/static/').replace('src="/static/', 'src="file:///work/main/reviewflow/static/')
    open("/tmp/h8/panel.html", "w").write(html)
