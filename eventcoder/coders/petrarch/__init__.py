"""PETRARCH support: TABARI/PETRARCH dictionary readers and the dictionary-driven coder.

The modules, lowest first. The dictionary readers are a resource layer that low layers import
(they import only eventcoder.types, errors, taxonomy, actors, about, and each other):

* ``records``: the typed, frozen records read from dictionaries, and ``actor_code_on``;
* ``text``: line reading, phrases, names, regular word forms and dates for the readers;
* ``dictionaries``: the ``Dictionaries`` container and its lookups;
* ``verbs``, ``actors``: the readers of verb dictionaries and of actor, agent and discard ones;
* ``loading``: ``load_dictionaries`` and the ``--dictionaries`` option;
* ``validation``: the PETRARCH validation XML reader;
* ``lexicon``: ``dictionary_actor_lexicon``, dictionary actors and agents for the rule coder.

The coder sits on them: ``phrases`` (sentence words, phrase matching), ``mentions`` (the
actors of a sentence), ``clauses`` (a verb's clause, default source and target, clause
rules), ``patterns`` (verb patterns compiled and matched) and ``coder`` (``PetrarchCoder``).
This file imports nothing, so that importing a reader does not import the coder.

Dictionaries
------------

A user who owns dictionaries in the TABARI/PETRARCH formats can code with them: the readers
read them into typed, frozen records and build the lookup structures a dictionary-driven
coder needs. The conventions read here (those of PETRARCH2's ``PETRreader``):

* Comments: ``#`` to the end of a line (not inside ``[...]``, so a ``[###]`` code survives),
  TABARI-style ``;`` comments (reported as a warning), lines starting with ``<!``, and
  ``<!-- ... -->`` blocks that may span lines.
* Underscores join the words of a phrase (``NEW_YORK`` is "new york"); a trailing ``_``
  marks a word that takes no plural. Words are kept lower-case; synset and verb-block names
  are identifiers and are kept upper-case.
* Verbs: synsets ``&NAME`` followed by ``+member`` lines (a member may be another synset,
  ``+&OTHER``; members get regular plurals unless the member or, for all of them, the
  synset name ends in ``_``); verb blocks ``--- NAME [code] ---`` followed by their verbs (``VERB
  {FORMS...} [code]``; in a multi-word verb ``+`` marks the verb word, ``KLM_+RST``) and
  their patterns ``- pre * post [code] # comment``; ``~ ...`` transformation lines.
  A verb without ``{...}`` gets its regular forms (-s, -ed, -ing); ``{...}`` lists them all.
* Actors: ``NAME [CODE]``; ``+SYNONYM`` lines under the head entry; codes on the same line or
  on following lines, optionally date-restricted: ``[CODE <DATE]`` (before DATE),
  ``[CODE >DATE]`` (from DATE on), ``[CODE DATE-DATE]`` (both days included) with dates
  ``YYMMDD`` (00-30 read as 20YY) or ``YYYYMMDD``; the first dated code that holds wins,
  else the undated one (see ``actor_code_on``).
* Agents: ``NOUN {PLURALS} [~CODE]`` (``~CODE`` goes after the actor code, ``CODE~`` before);
  ``{}`` means no plural, no braces means the regular plural; ``!SET! = A, B`` substitution
  sets used as ``CONGRESS!PERSON!``.
* Discards: one phrase a line; ``+`` marks a story-level discard, plain a sentence-level one.

Nothing here raises on a bad entry: every line that cannot be read is recorded as a
``Problem`` (file, line, message) and the rest of the file still loads. ``LexiconError`` is
raised only when a file cannot be read at all or its kind cannot be told.

The coder
---------

Owns the dictionary-driven coder (``--coder petrarch --dictionaries petrarch:PATH,...``). It
works TABARI/PETRARCH style on the words of each sentence (spaCy tokens, lower-cased; a token
with ``_`` is split, and a dictionary word may span tokens written without a space between
them, "Barad-dur"):

* actors and agents are found by longest match in the dictionaries and combined into
  mentions ("An MSF Arnor diplomat" -> NGOARNGOV, ``CODE~`` agents before the actor code,
  ``~CODE`` after it, an agent already in the actor code not repeated); coordinated mentions
  form compounds, and an agent phrase governing actors ("lawmakers in Fornost and Gondor")
  takes each of them; date-restricted actor codes use the document date;
* verbs are found by their dictionary forms (all listed or regular inflections, multi-word
  verbs checked around their verb word) on tokens the parser tags as verbs;
* the verb's patterns are matched on the words before and after it (``_`` joins words that
  must follow each other, a space allows words between; ``&SYNSET``; ``$`` source, ``+``
  target, ``^`` a skipped actor, ``%`` a compound); the pattern with most elements wins,
  file order breaking ties, else the verb's own code, else its block's;
* without ``$``/``+`` the source is the actor phrase of the verb's subject (found through
  ``xcomp``/``conj`` clauses and pronouns in the parse; a passive's ``by`` phrase) and the
  target the first actor phrase after the verb in its clause;
* an event needs a coded source and target; a negated verb coded without a pattern gives
  none; a statement verb (CAMEO roots 01, 02) whose clause holds another event gives way to
  it, and an event inside the complement of another verb ("urged X to ...") gives way to
  that verb's; paired codes ``A:B`` give the reverse event with B;
* a sentence with a sentence-level discard phrase gives no events, a story-level one none
  for the whole document.

Coding news (CAMEO 1.1b3 codes, i.e. not ``with_dictionary_codes()``), the coder also
follows the conventions of hand-coded wire text:

* a dateline's place ("KABUL (AP) --") is no actor; an agent named without a country
  ("police") takes the country the sentence places it in ("in X"), else the dateline's, else
  that of the nearest country actor that is not the other side of the event;
* a capitalised plural demonym ("Afghans") is its singular's actor; an agent word modifying
  a noun spans that noun phrase ("military exercises", a title before an unknown name); an
  agent word the parser reads as a verb is none;
* a ``(...)`` pattern group is a prepositional phrase (not an infinitive's "to"); a pattern
  word also matches its regular plural;
* intentions and refusals: "agreed/pledged to X", "willing to X", "will X", "said it would
  X" are the intention (03x) to do X; "refused to X" and "will not X" its rejection (12x);
  a to-infinitive completing a noun ("the decision to X") is no event; "A said B must X" is
  A's demand on B (100); a meeting is an intention to meet (036) only when it lies ahead;
* a compound source acting together with no target (roots 03-06) is coded member against
  member; a pattern naming what was acted on ("launched an investigation") needs no target.

With ``petrarch:`` (extend) the built-in actor lexicon (eventcoder/actors/: countries,
capitals, organisations, role nouns) fills in where the dictionaries know nothing; with
``petrarch-replace:`` only the dictionaries are used. Event codes outside CAMEO 1.1b3 become
their closest CAMEO parent (``1717`` -> ``171``) or are dropped; actor codes are upper-cased
and cut to whole three-letter parts, an agent without an actor gives its bare code (``GOV``).
For scoring against PETRARCH validation files, ``with_dictionary_codes()`` keeps both as the
dictionaries write them (``---GOV``, invented event codes) and ``cameo_table()`` gives the
CAMEO table extended with the dictionaries' own codes.
"""
