"""Titles: the printed heading in normal case, and the act's name in the genitive for the letter."""

from __future__ import annotations

import pytest

from reviewflow.documents.titles import act_genitive, minister_genitive, normal_case


@pytest.mark.parametrize(
    ("printed", "normal"),
    [
        ("LIETUVOS RESPUBLIKOS VIETOS SAVIVALDOS ĮSTATYMO NR. I-533 15 STRAIPSNIO PAKEITIMO ĮSTATYMAS",
         "Lietuvos Respublikos vietos savivaldos įstatymo Nr. I-533 15 straipsnio pakeitimo įstatymas"),
        ("LIETUVOS RESPUBLIKOS VYRIAUSYBĖS NUTARIMAS „DĖL SOCIALINIŲ PASLAUGŲ KATALOGO PATVIRTINIMO“",
         "Lietuvos Respublikos Vyriausybės nutarimas „Dėl socialinių paslaugų katalogo patvirtinimo“"),
        ("DĖL LIETUVOS RESPUBLIKOS VYRIAUSYBĖS 2020 M. GEGUŽĖS 6 D. NUTARIMO NR. 478 PAKEITIMO",
         "Dėl Lietuvos Respublikos Vyriausybės 2020 m. gegužės 6 d. nutarimo Nr. 478 pakeitimo"),
        ("LIETUVOS RESPUBLIKOS SEIMO STATUTO XIV-1268 STRAIPSNIO PAKEITIMO STATUTAS",
         "Lietuvos Respublikos Seimo statuto XIV-1268 straipsnio pakeitimo statutas"),
        ("EUROPOS SĄJUNGOS FONDŲ INVESTICIJŲ 2021–2027 M. PROGRAMA",
         "Europos Sąjungos fondų investicijų 2021–2027 m. programa"),
        ("KAZLŲ RŪDOS SAVIVALDYBĖS TARYBOS REGLAMENTO III SKYRIAUS PAKEITIMO TVARKA",
         "Kazlų Rūdos savivaldybės tarybos reglamento III skyriaus pakeitimo tvarka"),
        ("PVM ĮSTATYMO 2 STRAIPSNIO PAKEITIMO ĮSTATYMAS", "PVM įstatymo 2 straipsnio pakeitimo įstatymas"),
        ("LIETUVOS RESPUBLIKOS SVEIKATOS APSAUGOS MINISTRO ĮSAKYMAS",
         "Lietuvos Respublikos sveikatos apsaugos ministro įsakymas"),
        ("DĖL A KATEGORIJOS 5-OJO PRIEDO ĮTRAUKIMO Į SĄRAŠĄ", "Dėl A kategorijos 5-ojo priedo įtraukimo į sąrašą"),
        ("LIETUVOS BANKO IR KONSTITUCINIO TEISMO COVID-19 NUOSTATAI",
         "Lietuvos banko ir Konstitucinio Teismo COVID-19 nuostatai"),
        # Typed in normal case: kept as typed, only whitespace tidied.
        ("Lietuvos Respublikos  vietos savivaldos įstatymo\nNr. I-533 pakeitimo įstatymas",
         "Lietuvos Respublikos vietos savivaldos įstatymo Nr. I-533 pakeitimo įstatymas"),
        ("Dėl Vilniaus miesto ES projektų tvarkos", "Dėl Vilniaus miesto ES projektų tvarkos"),
    ],
)
def test_normal_case(printed, normal):
    assert normal_case(printed) == normal


def test_normal_case_is_idempotent():
    once = normal_case("LIETUVOS RESPUBLIKOS VIETOS SAVIVALDOS ĮSTATYMO NR. I-533 PAKEITIMO ĮSTATYMAS")
    assert normal_case(once) == once


HEAD_NOUNS = [
    ("įstatymas", "įstatymo"), ("nutarimas", "nutarimo"), ("įsakymas", "įsakymo"),
    ("sprendimas", "sprendimo"), ("potvarkis", "potvarkio"), ("aprašas", "aprašo"), ("planas", "plano"),
    ("kodeksas", "kodekso"), ("statutas", "statuto"), ("tvarka", "tvarkos"), ("programa", "programos"),
    ("strategija", "strategijos"), ("koncepcija", "koncepcijos"), ("taisyklės", "taisyklių"),
    ("nuostatai", "nuostatų"),
]


@pytest.mark.parametrize(("nominative", "genitive"), HEAD_NOUNS)
def test_only_the_head_noun_changes(nominative, genitive):
    title = f"Savivaldybių infrastruktūros plėtros {nominative}"
    assert act_genitive(title, "other") == f"Savivaldybių infrastruktūros plėtros {genitive}"


@pytest.mark.parametrize(("nominative", "genitive"), HEAD_NOUNS)
def test_head_noun_of_a_heading_in_capitals(nominative, genitive):
    title = f"SAVIVALDYBIŲ INFRASTRUKTŪROS PLĖTROS {nominative.upper()} PROJEKTAS"
    assert act_genitive(title, "law") == f"Savivaldybių infrastruktūros plėtros {genitive}"


@pytest.mark.parametrize(
    ("title", "genitive"),
    [
        ("LIETUVOS RESPUBLIKOS VIETOS SAVIVALDOS ĮSTATYMO NR. I-533 15 STRAIPSNIO PAKEITIMO ĮSTATYMAS",
         "Lietuvos Respublikos vietos savivaldos įstatymo Nr. I-533 15 straipsnio pakeitimo įstatymo"),
        ("Lietuvos Respublikos vietos savivaldos įstatymo Nr. I-533 3 ir 5 straipsnių papildymo įstatymas",
         "Lietuvos Respublikos vietos savivaldos įstatymo Nr. I-533 3 ir 5 straipsnių papildymo įstatymo"),
        ("Lietuvos Respublikos vietinės rinkliavos įstatymo pripažinimo netekusiu galios įstatymas",
         "Lietuvos Respublikos vietinės rinkliavos įstatymo pripažinimo netekusiu galios įstatymo"),
        ("Lietuvos Respublikos vietos savivaldos įstatymo pakeitimo įstatymo projektas",
         "Lietuvos Respublikos vietos savivaldos įstatymo pakeitimo įstatymo"),
        ("Lietuvos Respublikos vietos savivaldos įstatymo Nr. I-533 pakeitimo įstatymas.",
         "Lietuvos Respublikos vietos savivaldos įstatymo Nr. I-533 pakeitimo įstatymo"),
        ("Vietos savivaldos įstatymo pakeitimo įstatymo projektas Nr. XIVP-123",
         "Vietos savivaldos įstatymo pakeitimo įstatymo"),
        ("LIETUVOS RESPUBLIKOS VIETOS SAVIVALDOS ĮSTATYMAS (NAUJA REDAKCIJA)",
         "Lietuvos Respublikos vietos savivaldos įstatymo (nauja redakcija)"),
    ],
)
def test_amending_laws(title, genitive):
    assert act_genitive(title, "law") == genitive


@pytest.mark.parametrize(
    ("title", "kind", "issuer", "genitive"),
    [
        ("Dėl Socialinių paslaugų katalogo patvirtinimo", "government_resolution", None,
         "Lietuvos Respublikos Vyriausybės nutarimo „Dėl Socialinių paslaugų katalogo patvirtinimo“"),
        ("DĖL SOCIALINIŲ PASLAUGŲ KATALOGO PATVIRTINIMO", "government_resolution", None,
         "Lietuvos Respublikos Vyriausybės nutarimo „Dėl socialinių paslaugų katalogo patvirtinimo“"),
        ("„Dėl socialinių paslaugų katalogo patvirtinimo“", "government_resolution", None,
         "Lietuvos Respublikos Vyriausybės nutarimo „Dėl socialinių paslaugų katalogo patvirtinimo“"),
        ("Dėl vaikų gerovės tvarkos aprašo patvirtinimo", "ministerial_order",
         "Lietuvos Respublikos socialinės apsaugos ir darbo ministro",
         "Lietuvos Respublikos socialinės apsaugos ir darbo ministro įsakymo "
         "„Dėl vaikų gerovės tvarkos aprašo patvirtinimo“"),
        ("Dėl vaikų gerovės tvarkos aprašo patvirtinimo", "ministerial_order", None,
         "ministro įsakymo „Dėl vaikų gerovės tvarkos aprašo patvirtinimo“"),
        ("Dėl Lietuvos Respublikos Vyriausybės 2020 m. gegužės 6 d. nutarimo Nr. 478 „Dėl X aprašo "
         "patvirtinimo“ pakeitimo", "government_resolution", None,
         "Lietuvos Respublikos Vyriausybės nutarimo „Dėl Lietuvos Respublikos Vyriausybės 2020 m. gegužės 6 d. "
         "nutarimo Nr. 478 „Dėl X aprašo patvirtinimo“ pakeitimo“"),
        ("Dėl savivaldybių veiklos vertinimo", "other", None, "teisės akto „Dėl savivaldybių veiklos vertinimo“"),
    ],
)
def test_titles_beginning_with_del_are_cited_with_issuer_and_kind(title, kind, issuer, genitive):
    assert act_genitive(title, kind, issuer) == genitive


@pytest.mark.parametrize(
    ("title", "kind", "genitive"),
    [
        ("Lietuvos Respublikos Vyriausybės nutarimas „Dėl socialinių paslaugų katalogo patvirtinimo“",
         "government_resolution",
         "Lietuvos Respublikos Vyriausybės nutarimo „Dėl socialinių paslaugų katalogo patvirtinimo“"),
        ("Lietuvos Respublikos Vyriausybės nutarimo „Dėl socialinių paslaugų katalogo patvirtinimo“ projektas",
         "government_resolution",
         "Lietuvos Respublikos Vyriausybės nutarimo „Dėl socialinių paslaugų katalogo patvirtinimo“"),
        ("LIETUVOS RESPUBLIKOS VIDAUS REIKALŲ MINISTRO ĮSAKYMAS „DĖL SAVIVALDYBIŲ TVARKOS APRAŠO PATVIRTINIMO“",
         "ministerial_order",
         "Lietuvos Respublikos vidaus reikalų ministro įsakymo „Dėl savivaldybių tvarkos aprašo patvirtinimo“"),
    ],
)
def test_a_title_that_names_its_kind_is_not_doubled(title, kind, genitive):
    assert act_genitive(title, kind, "Lietuvos Respublikos vidaus reikalų ministro") == genitive


@pytest.mark.parametrize(
    ("institution", "issuer"),
    [
        ("Lietuvos Respublikos sveikatos apsaugos ministerija", "Lietuvos Respublikos sveikatos apsaugos ministro"),
        ("Lietuvos Respublikos vidaus reikalų ministerija", "Lietuvos Respublikos vidaus reikalų ministro"),
        ("Lietuvos Respublikos Seimas", None),
        (None, None),
    ],
)
def test_minister_genitive(institution, issuer):
    assert minister_genitive(institution) == issuer
