"""The fixed rule that splits gold files into train and dev parts by record id."""

from __future__ import annotations

import hashlib

from eventcoder.gold import gold_part, sentence_key


def test_a_record_id_always_falls_in_the_same_part() -> None:
    assert gold_part("doc-17") == gold_part("doc-17")
    assert gold_part("doc-17") in {"train", "dev"}


def test_about_one_record_in_five_is_dev() -> None:
    parts = [gold_part(f"record-{n}") for n in range(5000)]
    share = parts.count("dev") / len(parts)
    assert 0.17 < share < 0.23


def test_the_rule_is_pinned_to_sha1_of_the_id() -> None:
    # sha1("a") starts 86f7e437 -> 2264392759 % 100 = 59 -> train
    assert gold_part("a") == "train"
    dev = next(
        f"r{n}"
        for n in range(100)
        if int(hashlib.sha1(f"r{n}".encode()).hexdigest()[:8], 16) % 100 < 20
    )
    assert gold_part(dev) == "dev"


def test_a_sentence_falls_in_one_part_whatever_its_case_and_spacing() -> None:
    one = sentence_key("Rebels  shelled the\ttown.")
    other = sentence_key("rebels shelled the town.")
    assert one == other
    assert gold_part(one) == gold_part(other)
