"""Do no harm: the checks over a text's mentions that decide which rewrites to make.

The matcher finds every mention of a known name; before any is rewritten, each
that would change is checked against its surroundings, in this order (the
first that applies leaves the mention as written, with the reason in
``Mention.left``):

1. **Case forms** that folding hides: a final letter that marks a case
   (Polish and Lithuanian ogonek: Łukaszenką, Lukašenką), a form that is an
   inflected form in the paragraph's language (Czech genitive *Lukašenka* of
   *Lukašenko*), and a bare genitive ``-s`` that would glue onto a canonical
   ending in ``s`` (Weißrusslands would become "Belaruss").
2. **Words of the text's own language**: an adjective, demonym or language
   name (biélorusse, białoruski) is rewritten only in text written in the
   language of the output style.
3. **Historical and fixed names**: "University of Lwów", "Rus' de Kiev",
   "Krivoy Rog, Ukrainian SSR" (patterns and former states in the language files).
4. **Another person**: a patronymic that is not this person's ("Viktor
   Aleksandrovich Lukashenko"), and a bare surname whose nearest reference in
   the paragraph is another person of that name ("Viktor's turn came ...
   Lukashenko was placed under a travel ban").
5. **Part of another proper name**: a capitalized word right before it that is
   not a title, a month or a people's name ("Raportu Białoruś", "Telegram
   Zelenskiy", "Western Belorussia"), unless the language capitalizes every noun.
6. **The text discusses the name**: a gloss ("Russian: Одесса", "Lukashenka
   [Belarusian]"), a cue word before it ("also spelt as", "known in Yiddish
   as"), or two different forms of the same entity in one sentence ("Kharkov –
   Kharkiv", "Kyiv(Kiev)"): then every form of it in that sentence stays.

Last, with ``replace_inflected``, an inflected form whose ending is no case ending of
the paragraph's language stays (English *Belarusians*, *Kievan*: "not a case form in
English").

Every rule reads data of :mod:`translit.tables.context_rules`; the language comes from
the caller or from :mod:`translit.text.language`, told once per paragraph and only
where a rule needs it. A text where nothing would change skips all of this.

The modules, in the order the data flows: ``rules`` (the data of the language
files), ``reader`` (the words, sentence, paragraph and language around a
mention), one module per check (``cases``, ``history``, ``people``, ``names``,
``discussion``; the adjective rule is in ``review``), ``lane`` (the plain lane: the
mentions no check can leave, told cheaply, in one pass), and ``review``, which runs
the lane, then the checks in order for the rest. This file imports nothing: start-up
pays only for what a text needs.
"""
