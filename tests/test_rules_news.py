"""Behaviour of the rule coder on wire-news constructions, on hand-built parses: datelines,
agentless violence, targets without a code, both sides of mutual acts and of acts on "each
other", counterparts, refusals, speakers."""

from __future__ import annotations

from test_rules import code, dyads

from eventcoder.coders.rules import RuleCoder


def test_a_dateline_is_not_the_subject(rule_coder: RuleCoder) -> None:
    _, events = code(
        rule_coder,
        """
        ROME      Rome      PROPN NNP nsubj  6 GPE
        --        --        PUNCT :   punct  0
        A         a         DET   DT  det    3
        court     court     NOUN  NN  nsubj  6
        in        in        ADP   IN  prep   3
        Peru      Peru      PROPN NNP pobj   4 GPE
        convicted convict   VERB  VBD ROOT   6
        two       two       NUM   CD  nummod 8
        men       man       NOUN  NNS dobj   6
        .         .         PUNCT .   punct  6
        """,
    )
    assert dyads(events) == {("PERJUD", None, "116")}
    assert events[0].target is not None and events[0].target.text == "two men"


def test_a_car_bomb_that_killed_coded_victims_is_coded_without_doer(rule_coder: RuleCoder) -> None:
    _, events = code(
        rule_coder,
        """
        A         a         DET   DT  det      2
        car       car       NOUN  NN  compound 2
        bomb      bomb      NOUN  NN  nsubj    3
        killed    kill      VERB  VBD ROOT     3
        two       two       NUM   CD  nummod   6
        Iraqi     Iraqi     ADJ   JJ  amod     6 NORP
        policemen policeman NOUN  NNS dobj     3
        .         .         PUNCT .   punct    3
        """,
    )
    assert dyads(events) == {(None, "IRQCOP", "1832")}


def test_violence_without_doer_or_known_victim_is_not_coded(rule_coder: RuleCoder) -> None:
    _, events = code(
        rule_coder,
        """
        A         a         DET   DT  det      2
        car       car       NOUN  NN  compound 2
        bomb      bomb      NOUN  NN  nsubj    3
        killed    kill      VERB  VBD ROOT     3
        two       two       NUM   CD  nummod   5
        men       man       NOUN  NNS dobj     3
        .         .         PUNCT .   punct    3
        """,
    )
    assert events == []


def test_an_object_that_is_no_actor_is_a_target_without_code(rule_coder: RuleCoder) -> None:
    _, events = code(
        rule_coder,
        """
        Iran      Iran      PROPN NNP nsubj 1 GPE
        condemned condemn   VERB  VBD ROOT  1
        the       the       DET   DT  det   3
        decision  decision  NOUN  NN  dobj  1
        .         .         PUNCT .   punct 1
        """,
    )
    assert dyads(events) == {("IRN", None, "111")}
    target = events[0].target
    assert target is not None and (target.text, target.resolution) == ("decision", "entity")


def test_parties_that_agree_with_no_one_else_are_each_others_target(rule_coder: RuleCoder) -> None:
    _, events = code(
        rule_coder,
        """
        Jordan    Jordan    PROPN NNP nsubj 4 GPE
        and       and       CCONJ CC  cc    0
        Britain   Britain   PROPN NNP conj  0 GPE
        have      have      AUX   VBP aux   4
        agreed    agree     VERB  VBN ROOT  4
        .         .         PUNCT .   punct 4
        """,
    )
    assert dyads(events) == {("JOR", "GBR", "030"), ("GBR", "JOR", "030")}


def test_a_between_phrase_in_the_clause_gives_both_sides_of_the_fighting(
    rule_coder: RuleCoder,
) -> None:
    _, events = code(
        rule_coder,
        """
        Fighting  fighting  NOUN  NN  nsubj 1
        broke     break     VERB  VBD ROOT  1
        out       out       ADP   RP  prt   1
        in        in        ADP   IN  prep  1
        the       the       DET   DT  det   5
        town      town      NOUN  NN  pobj  3
        between   between   ADP   IN  prep  5
        Iraq      Iraq      PROPN NNP pobj  6 GPE
        and       and       CCONJ CC  cc    7
        Iran      Iran      PROPN NNP conj  7 GPE
        .         .         PUNCT .   punct 1
        """,
    )
    assert dyads(events) == {("IRQ", "IRN", "190"), ("IRN", "IRQ", "190")}


def test_a_cooperative_act_said_not_to_happen_is_its_refusal(rule_coder: RuleCoder) -> None:
    _, events = code(
        rule_coder,
        """
        Lebanon   Lebanon   PROPN NNP nsubj 4 GPE
        will      will      AUX   MD  aux   4
        not       not       PART  RB  neg   4
        ever      ever      ADV   RB  advmod 4
        accept    accept    VERB  VB  ROOT  4
        Syrian    Syrian    ADJ   JJ  amod  6 NORP
        refugees  refugee   NOUN  NNS dobj  4
        .         .         PUNCT .   punct 4
        """,
    )
    assert {(e.actor.code if e.actor else None, e.cameo_code) for e in events} == {("LBN", "122")}


def test_a_named_person_meets_the_person_object_of_a_release(rule_coder: RuleCoder) -> None:
    _, events = code(
        rule_coder,
        """
        Israel    Israel    PROPN NNP nsubj    1 GPE
        released  release   VERB  VBD ROOT     1
        Ana       Ana       PROPN NNP compound 3 PERSON
        Ruiz      Ruiz      PROPN NNP dobj     1 PERSON
        .         .         PUNCT .   punct    1
        """,
    )
    assert [e.cameo_code for e in events] == ["0841"]
    assert events[0].target is not None and events[0].target.text == "Ana Ruiz"


def test_a_pronoun_in_a_reported_clause_is_its_speaker_even_unnamed(rule_coder: RuleCoder) -> None:
    _, events = code(
        rule_coder,
        """
        Ana       Ana       PROPN NNP compound 1 PERSON
        Ruiz      Ruiz      PROPN NNP nsubj    2 PERSON
        said      say       VERB  VBD ROOT     2
        she       she       PRON  PRP nsubj    6
        will      will      AUX   MD  aux      6
        not       not       PART  RB  neg      6
        lift      lift      VERB  VB  ccomp    2
        the       the       DET   DT  det      8
        embargo   embargo   NOUN  NN  dobj     6
        .         .         PUNCT .   punct    2
        """,
    )
    assert [e.cameo_code for e in events] == ["1244"]  # the refusal, no statement beside it
    actor = events[0].actor
    assert actor is not None and (actor.text, actor.code) == ("Ana Ruiz", None)  # her words


def test_parties_that_act_on_each_other_are_each_others_target(rule_coder: RuleCoder) -> None:
    _, events = code(
        rule_coder,
        """
        Kenya     Kenya     PROPN NNP nsubj 3 GPE
        and       and       CCONJ CC  cc    0
        Uganda    Uganda    PROPN NNP conj  0 GPE
        accused   accuse    VERB  VBD ROOT  3
        each      each      DET   DT  det   5
        other     other     ADJ   JJ  dobj  3
        .         .         PUNCT .   punct 3
        """,
    )
    assert {(a, t) for a, t, _ in dyads(events)} == {("KEN", "UGA"), ("UGA", "KEN")}


def test_a_counterpart_is_of_the_country_its_words_name_not_of_its_possessor(
    rule_coder: RuleCoder,
) -> None:
    _, events = code(
        rule_coder,
        """
        The         the         DET   DT   det    3
        Kenyan      kenyan      ADJ   JJ   amod   3 NORP
        foreign     foreign     ADJ   JJ   amod   3
        minister    minister    NOUN  NN   nsubj  4
        met         meet        VERB  VBD  ROOT   4
        his         his         PRON  PRP$ poss   7
        Ethiopian   ethiopian   ADJ   JJ   amod   7 NORP
        counterpart counterpart NOUN  NN   dobj   4
        .           .           PUNCT .    punct  4
        """,
    )
    assert dyads(events) == {("KENGOV", "ETHGOV", "040")}


def test_a_meeting_with_a_counterpart_of_no_named_country_keeps_its_target(
    rule_coder: RuleCoder,
) -> None:
    _, events = code(
        rule_coder,
        """
        Kenya       Kenya       PROPN NNP  poss   3 GPE
        's          's          PART  POS  case   0
        foreign     foreign     ADJ   JJ   amod   3
        minister    minister    NOUN  NN   nsubj  4
        met         meet        VERB  VBD  ROOT   4
        his         his         PRON  PRP$ poss   6
        counterpart counterpart NOUN  NN   dobj   4
        .           .           PUNCT .    punct  4
        """,
    )
    assert dyads(events) == {("KENGOV", None, "040")}
    assert events[0].target is not None and events[0].target.text == "his counterpart"
    assert events[0].target.role == "GOV"


def test_an_act_denied_is_not_coded_as_done(rule_coder: RuleCoder) -> None:
    _, events = code(
        rule_coder,
        """
        Iran      Iran      PROPN NNP nsubj  1 GPE
        denied    deny      VERB  VBD ROOT   1
        sending   send      VERB  VBG xcomp  1
        weapons   weapon    NOUN  NNS dobj   2
        to        to        ADP   IN  prep   2
        Yemen     Yemen     PROPN NNP pobj   4 GPE
        .         .         PUNCT .   punct  1
        """,
    )
    assert {e.cameo_code for e in events} == {"016"}


def test_the_recipient_of_an_amount_of_aid_is_its_target(rule_coder: RuleCoder) -> None:
    _, events = code(
        rule_coder,
        """
        Germany   Germany   PROPN NNP nsubj    1 GPE
        pledged   pledge    VERB  VBD ROOT     1
        50        50        NUM   CD  compound 3
        million   million   NUM   CD  nummod   4
        euros     euro      NOUN  NNS dobj     1
        in        in        ADP   IN  prep     4
        aid       aid       NOUN  NN  pobj     5
        to        to        ADP   IN  prep     6
        Sudan     Sudan     PROPN NNP pobj     7 GPE
        .         .         PUNCT .   punct    1
        """,
    )
    assert dyads(events) == {("DEU", "SDN", "0331")}


def test_a_target_that_is_no_actor_takes_the_country_its_modifier_names(
    rule_coder: RuleCoder,
) -> None:
    _, events = code(
        rule_coder,
        """
        The       the       DET   DT  det      2
        United    United    PROPN NNP compound 2 GPE
        States    States    PROPN NNP nsubj    3 GPE
        imposed   impose    VERB  VBD ROOT     3
        tariffs   tariff    NOUN  NNS dobj     3
        on        on        ADP   IN  prep     4
        Chinese   chinese   ADJ   JJ  amod     7 NORP
        steel     steel     NOUN  NN  pobj     5
        .         .         PUNCT .   punct    3
        """,
    )
    assert dyads(events) == {("USA", "CHN", "163")}
    target = events[0].target
    assert target is not None and (target.text, target.resolution) == ("Chinese steel", "demonym")
