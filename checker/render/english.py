"""Each rule written out as the plain English sentence a policy officer would write.

    secretary_of_state must approve corporate_plan annually after permanent_secretary endorses corporate_plan
    -> The Secretary of State must approve the Corporate Plan each year, after the Permanent
       Secretary endorses it.

Names come from the registers (`Document.display`).  Whether a name takes "the" is learnt
from the document's own prose: "the Corporate Plan" but "Parliament", so that nothing about
any particular document is written here.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from checker.model import ACTOR, OBJECT, PART, Clause, Document, Informal, Qual, Ref, Rule
from checker.resolve import SELECTORS

MODALS = {
    "must": "must", "must_not": "must not", "may": "may", "may_not": "may not",
    "should": "should", "should_not": "should not",
}
MONTHS = ("January February March April May June July August September October November "
          "December").split()


# -- names and articles ------------------------------------------------------------------
@dataclass
class _Articles:
    """Which names the document writes with 'the', counted over its prose."""

    with_the: Counter[str]
    without: Counter[str]

    def wants_the(self, name: str) -> bool:
        if name[:4].lower() == "the ":
            return False
        yes, no = self.with_the[name], self.without[name]
        if yes or no:
            return yes >= no
        # not in the prose: capitalised names of offices, bodies and things take 'the'
        first = name.split()[0]
        return first[:1].isupper() and not (first.isupper() and len(first) > 1 and " " not in name)


_ARTICLES: dict[int, tuple[Document, _Articles]] = {}


def _articles(document: Document) -> _Articles:
    cached = _ARTICLES.get(id(document))
    if cached is not None and cached[0] is document:
        return cached[1]
    names = {a.name for a in document.actors.values()}
    names |= {o.name for o in document.offices.values()}
    names |= {t.name for t in document.objects.values()}
    prose = "\n".join(_clause_text(c) for c in document.clauses.values())
    with_the: Counter[str] = Counter()
    without: Counter[str] = Counter()
    names.discard("")
    # each name on its own: 'Agency staff' also counts inside 'named Agency staff'
    for name_, start in _whole_occurrences(prose, names):
        words = prose[max(0, start - 20):start].split()
        raw = words[-1] if words else ""
        before = raw.strip("'\u2019").lower()
        if before == "the":
            with_the[name_] += 1
        elif raw.endswith(("'s", "\u2019s")) or (raw[:1].isupper() and raw[1:2].islower()) \
                or (raw.isupper() and len(raw) > 1):
            continue  # "the Agency's Business Plan", "Agency Business Plan": says nothing
        elif before not in ("a", "an", "its", "his", "her", "their", "this", "that", "each"):
            without[name_] += 1
    articles = _Articles(with_the, without)
    _ARTICLES.clear()
    _ARTICLES[id(document)] = (document, articles)
    return articles


# a run of letters and digits (str.isalnum's characters: \\w without the underscore)
_WORD = re.compile(r"[^\W_]+")


def _whole_occurrences(prose: str, names: set[str]) -> list[tuple[str, int]]:
    """Every (name, start) where a name stands in the prose as whole words (no letter or digit
    just before or after it), each name's occurrences left to right and not overlapping.

    One pass over the prose's words (time linear in the prose, whatever the number of names):
    a whole occurrence begins with its name's first word as a word of the prose, so each word
    of the prose that is some name's first word is compared with the names starting with it,
    one dictionary lookup a distinct name length.  (Searching the prose once a name cost
    names x prose: 36 s at 100k rules.)  A name with no letter or digit is never counted; a
    name that overlaps itself ('Board of the Board') skips only its whole occurrences that
    overlap, where the old search also skipped those overlapping a part-word match."""
    # first word -> {(offset of the word in the name, name length) -> names}
    groups: dict[str, dict[tuple[int, int], set[str]]] = {}
    for name_ in names:
        first = _WORD.search(name_)
        if first is None:  # no letter or digit: says nothing about articles
            continue
        groups.setdefault(first.group(), {}).setdefault((first.start(), len(name_)), set()).add(name_)
    found: list[tuple[str, int]] = []
    last_end: dict[str, int] = {}
    size = len(prose)
    for match in _WORD.finditer(prose):
        shapes = groups.get(match.group())
        if shapes is None:
            continue
        for (offset, length), candidates in shapes.items():
            start = match.start() - offset
            end = start + length
            if start < 0 or end > size:
                continue
            text = prose[start:end]
            if text in candidates and start >= last_end.get(text, 0) and \
                    (start == 0 or not prose[start - 1].isalnum()) and (end == size or not prose[end].isalnum()):
                found.append((text, start))
                last_end[text] = end
    return found


def _clause_text(clause: Clause) -> str:
    cells = [cell for row in clause.table.rows for cell in row] if clause.table else []
    return "\n".join([clause.text, *clause.items, *cells])


def name(ref: Ref, document: Document) -> str:
    """'the Permanent Secretary', 'Parliament', 'the main body'."""
    if ref.kind == PART:
        if ref.id in SELECTORS:
            return SELECTORS[ref.id]
        return document.display(ref)
    text = document.display(ref)
    if ref.kind not in (ACTOR, OBJECT):
        return text.replace("_", " ")
    return f"the {text}" if _articles(document).wants_the(text) else text


def names(refs: Sequence[Ref], document: Document, source: str = "") -> str:
    """'the Permanent Secretary and HM Treasury'; 'or' where the rule wrote `a or b`."""
    return join([name(r, document) for r in refs], conjunction(refs, source))


def conjunction(refs: Sequence[Ref], source: str) -> str:
    """The parser keeps the names of a list, not its last word: read it back from the source."""
    if len(refs) > 1 and source:
        last, before = re.escape(refs[-1].text), re.escape(refs[-2].text)
        if re.search(rf"(?<![\w.-]){before}\s+or\s+{last}(?![\w.-])", source):
            return "or"
    return "and"


def join(words: Sequence[str], conjunction: str = "and") -> str:
    words = list(dict.fromkeys(words))
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} {conjunction} {words[-1]}"


def _word(value: str, document: Document) -> str:
    """An event or condition written as a name: its register name, else its words."""
    for kind, register in ((ACTOR, document.actors), (OBJECT, document.objects)):
        if value in register:
            return name(Ref(value, value, kind, document.manifest.location), document)
    if value in document.offices:
        office = document.offices[value]
        return name(Ref(value, office.holder, ACTOR, document.manifest.location, office=value), document)
    return value.replace("_", " ")


# -- verbs -------------------------------------------------------------------------------
def verb(action: str) -> str:
    """'comply_with' -> 'comply with'."""
    return action.replace("_", " ")


def third_person(action: str) -> str:
    """'endorse' -> 'endorses', 'comply_with' -> 'complies with', 'publish' -> 'publishes'."""
    head, _, rest = action.partition("_")
    if head == "be":
        word = "is"
    elif head == "have":
        word = "has"
    elif re.search(r"[^aeiou]y$", head):
        word = head[:-1] + "ies"
    elif re.search(r"(s|sh|ch|x|z|o)$", head):
        word = head + "es"
    else:
        word = head + "s"
    return " ".join([word, *rest.split("_")]) if rest else word


def _plural(refs: Sequence[Ref], document: Document) -> bool:
    if len(refs) > 1:
        return True
    return bool(refs) and refs[0].kind == ACTOR and _is_group(refs[0], document)


def _is_group(ref: Ref, document: Document) -> bool:
    actor = document.actors.get(ref.id)
    return actor is not None and actor.kind == "group" and ref.office is None \
        and document.display(ref).endswith("s")


# -- qualifiers --------------------------------------------------------------------------
def _date(value: str) -> str:
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value)
    if match:
        year, month, day = (int(g) for g in match.groups())
        if 1 <= month <= 12:
            return f"{day} {MONTHS[month - 1]} {year}"
    return value


def _deadline(value: str, document: Document) -> str:
    if value.startswith("end of "):
        month = value[len("end of "):]
        return f"the end of {month.capitalize() if month.capitalize() in MONTHS else _word(month, document)}"
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return _date(value)
    return _word(value, document)


def _about_word(rule: Rule, qual: Qual) -> str:
    """Whether the source wrote `of` or `on` before these names (the parser keeps one kind)."""
    if qual.refs:
        match = re.search(rf"\b(of|on)\s+{re.escape(qual.refs[0].text)}\b", rule.source)
        if match:
            return match.group(1)
    return "of"


def _condition(qual: Qual, document: Document) -> str:
    value = qual.value or ""
    return f"{qual.kind} {_word(value, document) if re.fullmatch(r'[a-z][a-z0-9_.-]*', value) else value}"


def _after(rule: Rule, qual: Qual, document: Document) -> str:
    actors = qual.refs
    action = qual.value or ""
    verb_form = verb(action) if _plural(actors, document) else third_person(action)
    objects = ""
    if qual.objects:
        if [r.id for r in qual.objects] == [r.id for r in rule.objects]:
            objects = " them" if len(qual.objects) > 1 else " it"
        else:
            objects = " " + names(qual.objects, document, rule.source)
    return f", after {names(actors, document, rule.source)} {verb_form}{objects}"


def qualifier(rule: Rule, qual: Qual, document: Document) -> str:
    """One qualifier as a phrase, with its leading space or comma."""
    refs = names(qual.refs, document, rule.source)
    kind = qual.kind
    if kind == "recipient":
        return f" to {refs}"
    if kind == "scope":
        return f" for {refs}"
    if kind == "exception":
        return f", except {refs}"
    if kind in ("if", "when", "unless"):
        return f", {_condition(qual, document)}"
    if kind == "about":
        return f" {_about_word(rule, qual)} {refs}"
    if kind == "consulting":
        if "in consultation with" in " ".join(rule.source.split()):
            return f" in consultation with {refs}"
        return f", after consulting {refs}"
    if kind == "after":
        return _after(rule, qual, document)
    if kind == "recommendation":
        return f" on the recommendation of {refs}"
    if kind == "on_behalf_of":
        return f" on behalf of {refs}"
    if kind == "approval":
        lead = "subject to" if "subject to the approval" in rule.source else "with"
        return f", {lead} the approval of {refs}"
    if kind == "agreement":
        return f", with the agreement of {refs}"
    if kind == "through":
        return f" through {refs}"
    if kind == "in_writing":
        return ", in writing"
    if kind == "accordance":
        return f" in accordance with {refs}"
    if kind == "annually":
        return " each year"
    if kind == "by":
        return f" by {_deadline(qual.value or '', document)}"
    if kind == "before":
        return f" before {_word(qual.value or '', document)}"
    if kind == "within":
        return f" within {qual.value}"
    if kind == "asap":
        return " as soon as possible"
    if kind == "place":
        return f" in {refs}"
    if kind == "frequency":
        return f" {qual.value}"
    return f" {kind.replace('_', ' ')} {refs}".rstrip()


def qualifiers(rule: Rule, document: Document, skip: tuple[str, ...] = ()) -> str:
    return "".join(qualifier(rule, q, document) for q in rule.qualifiers if q.kind not in skip)


# -- statements --------------------------------------------------------------------------
def _be(refs: Sequence[Ref], document: Document) -> str:
    return "are" if _plural(refs, document) else "is"


def _verb(word: str, refs: Sequence[Ref], document: Document) -> str:
    return word if _plural(refs, document) else third_person(word)


def _source_word(rule: Rule, choices: Sequence[str]) -> str:
    words = set(re.findall(r"[a-z-]+", rule.source))
    return next((c for c in choices if c in words), choices[0])


def _delegated(rule: Rule, document: Document) -> str:
    objects = names(rule.objects, document, rule.source)
    if rule.action:
        return f"the power to {verb(rule.action)} {objects}"
    return objects


def _body(rule: Rule, document: Document) -> str:
    subject = names(rule.subjects, document, rule.source)
    objects = names(rule.objects, document, rule.source)
    counterparts = names(rule.counterparts, document, rule.source)
    kind = rule.kind
    modal = MODALS.get(rule.modality or "", rule.modality or "")
    if kind == "obligation":
        target = f" {objects}" if objects else ""
        return f"{subject} {modal} {verb(rule.action or '')}{target}"
    if kind == "responsibility":
        return f"{subject} {_be(rule.subjects, document)} responsible for {objects}"
    if kind == "accountability":
        word = _source_word(rule, ("accountable", "responsible", "answerable"))
        return f"{subject} {_be(rule.subjects, document)} {word} to {objects}"
    if kind == "reporting":
        return f"{subject} {_verb('report', rule.subjects, document)} to {objects}"
    if kind == "line_management":
        return f"{subject} {'line-manage' if _plural(rule.subjects, document) else 'line-manages'} {objects}"
    if kind == "chairing":
        return f"{subject} {_verb('chair', rule.subjects, document)} {objects}"
    if kind == "membership":
        if _plural(rule.subjects, document):
            return f"{subject} are members of {objects}"
        return f"{subject} is a member of {objects}"
    if kind == "appointment":
        word = _source_word(rule, ("appoints", "designates"))
        word = word[:-1] if _plural(rule.subjects, document) else word
        role = f" as {counterparts}" if counterparts else ""
        return f"{subject} {word} {objects}{role}"
    if kind == "holding":
        return f"{subject} {_be(rule.subjects, document)} {objects}"
    if kind == "advice":
        return f"{subject} {_verb('advise', rule.subjects, document)} {objects}"
    if kind == "supervision":
        word = _source_word(rule, ("supervises", "oversees"))
        word = {"supervises": "supervise", "oversees": "oversee"}[word] \
            if _plural(rule.subjects, document) else word
        return f"{subject} {word} {objects}"
    if kind == "delegation":
        how = "sub-delegate" if rule.sub_delegation else "delegate"
        return f"{subject} {modal} {how} {_delegated(rule, document)} to {counterparts}"
    if kind == "delegates":
        return f"{subject} {_verb('delegate', rule.subjects, document)} " \
               f"{_delegated(rule, document)} to {counterparts}"
    if kind == "amendment":
        word = _source_word(rule, ("approval", "agreement"))
        return f"Amendments to {objects} require the {word} of {counterparts}"
    return " ".join(rule.source.split())


def sentence(rule: Rule, document: Document) -> str:
    """The rule as one English sentence, capitalised and ending with a full stop."""
    text = _body(rule, document) + qualifiers(rule, document)
    text = " ".join(text.split())
    return capitalise(text) + ("" if text.endswith(".") else ".")


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def informal_sentence(mark: Informal) -> str:
    """An informal mark as a sentence: the text says something the rules cannot state."""
    reason = " ".join(mark.reason.split()).rstrip(".")
    return f"Not stated as a rule: {reason}."
