"""Actors known by role and place: the place phrase on a role noun gives the actor's country."""

from __future__ import annotations

import pytest

from eventcoder.ingest import document_from_text
from eventcoder.pipeline import Pipeline


def _actors(pipeline: Pipeline, text: str) -> set[tuple[str | None, str | None]]:
    rows = pipeline.code_document(document_from_text(text)).rows
    return {(r["actor_text"], r["actor_code"]) for r in rows if r["coder"] != "acled"}


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("Police in Karachi arrested twelve suspects on Monday.", ("Police", "PAKCOP")),
        ("Soldiers in Mosul detained three men at a checkpoint.", ("Soldiers", "IRQMIL")),
        ("Police in Texas arrested a man wanted for murder.", ("Police", "USACOP")),
    ],
)
def test_a_role_actor_takes_the_country_of_the_place_it_is_in(
    pipeline: Pipeline, text: str, actor: tuple[str, str]
) -> None:
    assert actor in _actors(pipeline, text)


def test_a_role_actor_in_an_unnamed_place_keeps_no_country(pipeline: Pipeline) -> None:
    found = _actors(pipeline, "Police in the city arrested twelve suspects on Monday.")
    assert ("Police", None) in found or not found
    assert all(code in (None, "COP") for _, code in found)


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("Government troops attacked Benghazi on Friday.", ("Benghazi", "LBY")),
        ("Russian missiles struck Kharkiv overnight.", ("Kharkiv", "UKR")),
    ],
)
def test_a_city_as_a_target_is_coded_as_its_country(
    pipeline: Pipeline, text: str, target: tuple[str, str]
) -> None:
    rows = pipeline.code_document(document_from_text(text)).rows
    assert target in {(r["target_text"], r["target_code"]) for r in rows}


def test_a_phrase_that_is_no_place_stays_uncoded(pipeline: Pipeline) -> None:
    rows = pipeline.code_document(document_from_text("Rebels attacked the Hague Group.")).rows
    assert all(r["target_code"] is None for r in rows if r["target_text"])


def _dyads(pipeline: Pipeline, text: str) -> set[tuple[str | None, str | None, str | None]]:
    rows = pipeline.code_document(document_from_text(text)).rows
    return {(r["actor_code"], r["cameo_code"], r["target_code"]) for r in rows}


@pytest.mark.parametrize(
    ("text", "dyad"),
    [
        # the place is on the event's verb
        ("Troops shelled rebel positions in Aleppo on Sunday.", ("SYRMIL", "194", "SYRREB")),
        # on the clause an adverbial clause hangs on
        (
            "Gunmen stormed a checkpoint in Mosul, killing two policemen.",
            ("IRQUAF", "1823", "IRQCOP"),
        ),
        # on the other party's noun, and with a division word after the name
        ("Rebels ambushed an army convoy in Kaduna state.", ("NGAREB", "180", None)),
    ],
)
def test_a_role_actor_takes_the_country_of_the_place_the_event_happens_in(
    pipeline: Pipeline, text: str, dyad: tuple[str, str, str | None]
) -> None:
    assert dyad in _dyads(pipeline, text)


def test_a_role_actor_with_a_country_keeps_it_wherever_the_event_happens(
    pipeline: Pipeline,
) -> None:
    dyads = _dyads(pipeline, "Turkish troops shelled Kurdish fighters in Aleppo.")
    assert any(actor == "TURMIL" for actor, _, _ in dyads)


def test_an_event_in_a_small_or_unknown_place_leaves_role_actors_without_a_country(
    pipeline: Pipeline,
) -> None:
    dyads = _dyads(pipeline, "Soldiers arrested two men in the village on Monday.")
    assert dyads and all(actor in (None, "MIL") for actor, _, _ in dyads)
