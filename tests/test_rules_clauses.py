"""Behaviour of the rule coder on the clauses of a sentence, on hand-built parses: which
events a sentence's main clause leaves out, where a target is found when no party is named
beside the trigger, and parties coordinated in the subject."""

from __future__ import annotations

from test_rules import code, dyads

from eventcoder.coders.rules import RuleCoder

MAIN_AND_RELATIVE = """
    Kenya      Kenya      PROPN NNP nsubj    1 GPE
    criticized criticize  VERB  VBD ROOT     1
    Somalia    Somalia    PROPN NNP dobj     1 GPE
    ,          ,          PUNCT ,   punct    2
    which      which      PRON  WDT nsubj    5
    attacked   attack     VERB  VBD relcl    2
    Ethiopia   Ethiopia   PROPN NNP dobj     5 GPE
    .          .          PUNCT .   punct    1
"""

RELATIVE_ALONE = """
    Somalia    Somalia    PROPN NNP nsubj    1 GPE
    attacked   attack     VERB  VBD ROOT     1
    Ethiopia   Ethiopia   PROPN NNP dobj     1 GPE
    .          .          PUNCT .   punct    1
"""


def test_an_event_of_a_relative_clause_gives_way_to_the_main_clause(
    rule_coder: RuleCoder,
) -> None:
    _, alone = code(rule_coder, RELATIVE_ALONE)
    assert dyads(alone) == {("SOM", "ETH", "190")}  # the attack, told on its own
    _, events = code(rule_coder, MAIN_AND_RELATIVE)
    assert dyads(events) == {("KEN", "SOM", "111")}  # the criticism; the attack is background


def test_a_place_is_the_target_when_no_party_is_named(rule_coder: RuleCoder) -> None:
    _, events = code(
        rule_coder,
        """
        The       the       DET   DT  det      1
        rebels    rebel     NOUN  NNS nsubj    2
        declared  declare   VERB  VBD ROOT     2
        a         a         DET   DT  det      4
        ceasefire ceasefire NOUN  NN  dobj     2
        in        in        ADP   IN  prep     4
        Somalia   Somalia   PROPN NNP pobj     5 GPE
        .         .         PUNCT .   punct    2
        """,
    )
    assert {(t, c) for _, t, c in dyads(events)} == {("SOM", "0871")}


def test_a_party_named_in_the_promised_act_is_the_target_before_a_thing(
    rule_coder: RuleCoder,
) -> None:
    _, events = code(
        rule_coder,
        """
        Kenya     Kenya     PROPN NNP nsubj    1 GPE
        agreed    agree     VERB  VBD ROOT     1
        to        to        PART  TO  aux      3
        open      open      VERB  VB  xcomp    1
        its       its       PRON  PRP$ poss    5
        border    border    NOUN  NN  dobj     3
        to        to        ADP   IN  prep     3
        Somali    Somali    ADJ   JJ  amod     8 NORP
        refugees  refugee   NOUN  NNS pobj     6
        .         .         PUNCT .   punct    1
        """,
    )
    assert len(events) == 1
    target = events[0].target
    assert target is not None and target.text == "Somali refugees"


def test_parties_that_fail_to_reach_agreement_are_each_others_target(
    rule_coder: RuleCoder,
) -> None:
    _, events = code(
        rule_coder,
        """
        Kenya     Kenya     PROPN NNP nsubj    3 GPE
        and       and       CCONJ CC  cc       0
        Uganda    Uganda    PROPN NNP conj     0 GPE
        failed    fail      VERB  VBD ROOT     3
        to        to        PART  TO  aux      5
        reach     reach     VERB  VB  xcomp    3
        an        an        DET   DT  det      7
        agreement agreement NOUN  NN  dobj     5
        .         .         PUNCT .   punct    3
        """,
    )
    assert dyads(events) == {("KEN", "UGA", "120"), ("UGA", "KEN", "120")}


def test_a_dateline_place_is_no_actor_of_the_story(rule_coder: RuleCoder) -> None:
    _, events = code(
        rule_coder,
        """
        KABUL     Kabul     PROPN NNP nmod     4 GPE
        --        --        PUNCT :   punct    5
        A         a         DET   DT  det      4
        Taliban   Taliban   PROPN NNP compound 4 ORG
        attack    attack    NOUN  NN  nsubj    5
        killed    kill      VERB  VBD ROOT     5
        ten       ten       NUM   CD  nummod   7
        soldiers  soldier   NOUN  NNS dobj     5
        .         .         PUNCT .   punct    5
        """,
    )
    assert events
    assert all(e.actor is None or e.actor.text == "Taliban" for e in events)


def test_what_the_actor_has_is_not_the_target(rule_coder: RuleCoder) -> None:
    _, events = code(
        rule_coder,
        """
        Kenya     Kenya     PROPN NNP  nsubj  1 GPE
        was       be        AUX   VBD  ROOT   1
        willing   willing   ADJ   JJ   acomp  1
        to        to        PART  TO   aux    4
        withdraw  withdraw  VERB  VB   xcomp  2
        its       its       PRON  PRP$ poss   6
        troops    troop     NOUN  NNS  dobj   4
        from      from      ADP   IN   prep   4
        Somalia   Somalia   PROPN NNP  pobj   7 GPE
        .         .         PUNCT .    punct  1
        """,
    )
    assert events and {e.target.code for e in events if e.target} == {"SOM"}


def test_a_phrase_on_the_object_is_the_target_before_the_object(rule_coder: RuleCoder) -> None:
    _, events = code(
        rule_coder,
        """
        Pakistan  Pakistan  PROPN NNP nsubj    1 GPE
        refused   refuse    VERB  VBD ROOT     1
        to        to        PART  TO  aux      3
        lift      lift      VERB  VB  xcomp    1
        the       the       DET   DT  det      5
        ban       ban       NOUN  NN  dobj     3
        on        on        ADP   IN  prep     5
        Indian    Indian    ADJ   JJ  amod     8 NORP
        films     film      NOUN  NNS pobj     6
        .         .         PUNCT .   punct    1
        """,
    )
    assert [e.target.text for e in events if e.target] == ["Indian films"]


def test_the_one_given_an_act_is_its_target(rule_coder: RuleCoder) -> None:
    _, events = code(
        rule_coder,
        """
        Kenya     Kenya     PROPN NNP nsubj    1 GPE
        gave      give      VERB  VBD ROOT     1
        Uganda    Uganda    PROPN NNP dative   1 GPE
        a         a         DET   DT  det      4
        deadline  deadline  NOUN  NN  dobj     1
        .         .         PUNCT .   punct    1
        """,
    )
    assert dyads(events) == {("KEN", "UGA", "139")}
