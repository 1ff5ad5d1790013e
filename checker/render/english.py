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
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from checker.model import (
    ACTOR,
    ILLUSTRATIVE_KINDS,
    MONTH_NAMES,
    OBJECT,
    PART,
    UNNAMED,
    Band,
    Clause,
    Cond,
    Document,
    Informal,
    Qual,
    Ref,
    Rule,
    TimePoint,
)
from checker.resolve import SELECTORS, normalise_condition

MODALS = {
    "must": "must", "must_not": "must not", "may": "may", "may_not": "may not",
    "should": "should", "should_not": "should not", "need_not": "need not",
    "power": "has the power to",
}
# a hedge and where it goes: after the modal verb ("will normally"), between commas
# ("may, exceptionally, approve"), or at the end of the rule ("..., as appropriate")
HEDGE_WORDS = {"normally": ("after", "normally"), "in_principle": ("commas", "in principle"),
               "exceptionally": ("commas", "exceptionally"), "as_appropriate": ("end", "as appropriate"),
               "where_necessary": ("end", "where necessary"),
               "from_time_to_time": ("end", "from time to time"),
               "as_far_as_possible": ("end", "as far as possible")}
PERIODS = {"financial_year": "the financial year", "calendar_year": "the calendar year",
           "quarter": "the quarter", "year": "the year", "month": "the month", "week": "the week",
           "day": "the day"}
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
# Each clause's counts, under one register of names: `fwdoc amend` names things in BASE and in
# HEAD, whose prose differs in a clause or two, so HEAD re-reads only the clauses it changed.
# The last two registers are kept (BASE's and HEAD's, usually one and the same).
_Counts = tuple[tuple[tuple[str, int], ...], tuple[tuple[str, int], ...]]
_BY_NAMES: dict[frozenset[str], tuple[dict[str, _Counts], dict[str, dict[tuple[int, int], set[str]]]]] = {}


def _articles(document: Document) -> _Articles:
    cached = _ARTICLES.get(id(document))
    if cached is not None and cached[0] is document:
        return cached[1]
    names = {a.name for a in document.actors.values()}
    names |= {o.name for o in document.offices.values()}
    names |= {t.name for t in document.objects.values()}
    names.discard("")
    key = frozenset(names)
    if key not in _BY_NAMES:
        if len(_BY_NAMES) >= 2:
            del _BY_NAMES[next(iter(_BY_NAMES))]
        _BY_NAMES[key] = ({}, _groups(names))
    memo, groups = _BY_NAMES[key]
    with_the: Counter[str] = Counter()
    without: Counter[str] = Counter()
    for clause in document.clauses.values():
        text = _clause_text(clause)
        counts = memo.get(text)
        if counts is None:
            if len(memo) > 500_000:  # a long-lived process (`fwdoc serve`) editing one document
                memo.clear()
            counts = memo[text] = _count(text, groups)
        with_the.update(dict(counts[0]))
        without.update(dict(counts[1]))
    articles = _Articles(with_the, without)
    _ARTICLES.clear()
    _ARTICLES[id(document)] = (document, articles)
    return articles


def _count(prose: str, groups: dict[str, dict[tuple[int, int], set[str]]]) -> _Counts:
    """How often each name stands in one clause's prose after 'the', and bare."""
    with_the: Counter[str] = Counter()
    without: Counter[str] = Counter()
    # each name on its own: 'Agency staff' also counts inside 'named Agency staff'
    for name_, start in _occurrences(prose, groups):
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
    return tuple(sorted(with_the.items())), tuple(sorted(without.items()))


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
    return _occurrences(prose, _groups(names))


def _groups(names: set[str]) -> dict[str, dict[tuple[int, int], set[str]]]:
    """first word -> {(offset of the word in the name, name length) -> names}"""
    groups: dict[str, dict[tuple[int, int], set[str]]] = {}
    for name_ in names:
        first = _WORD.search(name_)
        if first is None:  # no letter or digit: says nothing about articles
            continue
        groups.setdefault(first.group(), {}).setdefault((first.start(), len(name_)), set()).add(name_)
    return groups


def _occurrences(prose: str, groups: dict[str, dict[tuple[int, int], set[str]]]) -> list[tuple[str, int]]:
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
    if ref.kind == UNNAMED:
        return "someone not named"  # (a duty's unnamed bearer reads as a passive instead)
    if ref.kind == PART:
        if ref.id in SELECTORS:
            return SELECTORS[ref.id]
        return document.display(ref)
    text = document.display(ref)
    if ref.kind not in (ACTOR, OBJECT):
        return text.replace("_", " ")
    if _articles(document).wants_the(text):
        return f"the {text}"
    return _indefinite(ref, text, document)


_DETERMINERS = {"a", "an", "the", "any", "each", "every", "some", "one", "its", "his", "her", "their"}


def _indefinite(ref: Ref, text: str, document: Document) -> str:
    """A singular individual written in lower case ('junior Minister') is one of several:
    'a junior Minister'.  Groups, bodies and proper names stay as they are."""
    actor = document.actors.get(ref.id) if ref.kind == ACTOR and ref.office is None else None
    if actor is None or actor.kind != "individual" or not text[:1].islower() \
            or text.split(" ", 1)[0] in _DETERMINERS:
        return text
    return f"{'an' if text[:1] in 'aeiou' else 'a'} {text}"


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
    """An event or condition written as a name: its register name, else its words, with
    the register names inside it written as the registers write them
    ('submission_to_secretary_of_state' -> 'submission to the Secretary of State')."""
    whole = _register_name(value, document)
    if whole is not None:
        return whole
    words = value.replace(".", "_").replace("-", "_").split("_")
    out: list[str] = []
    index = 0
    while index < len(words):
        for end in range(len(words), index, -1):  # the longest register name first
            if end - index == len(words):
                continue  # (the whole was tried above)
            found = _register_name("_".join(words[index:end]), document)
            if found is not None:
                out.append(found)
                index = end
                break
        else:
            out.append(words[index])
            index += 1
    return " ".join(word for word in out if word)


def _register_name(value: str, document: Document) -> str | None:
    for kind, register in ((ACTOR, document.actors), (OBJECT, document.objects)):
        if value in register:
            return name(Ref(value, value, kind, document.manifest.location), document)
    if value in document.offices:
        office = document.offices[value]
        return name(Ref(value, office.holder, ACTOR, document.manifest.location, office=value), document)
    return None


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


def acts(rule: Rule, form: Callable[[str], str] = verb) -> str:
    """The rule's act, or its alternatives joined by 'or': 'negotiate or consult',
    'respond, arrange or refer' (each in the form given: base, third person, participle)."""
    return join([form(act) for act in rule.actions], "or") if rule.alternatives else form(rule.action or "")


def gerund(action: str) -> str:
    """'give' -> 'giving', 'submit' -> 'submitting', 'comply_with' -> 'complying with'."""
    head, _, rest = action.partition("_")
    if head.endswith("ie"):
        word = head[:-2] + "ying"
    elif head.endswith("e") and not head.endswith(("ee", "ye", "oe")) and len(head) > 2:
        word = head[:-1] + "ing"
    elif head in _DOUBLED:
        word = head + head[-1] + "ing"
    else:
        word = head + "ing"
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
    if value.startswith(("end of ", "start of ")):
        edge, _, period = value.partition(" of ")
        return f"the {edge} of {_period(period, document)}"
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return _date(value)
    return _word(value, document)


def _period(period: str, document: Document) -> str:
    if period in MONTH_NAMES:
        return period.capitalize()
    return PERIODS.get(period) or _word(period, document)


def point(value: TimePoint | None, text: str, document: Document) -> str:
    """A time point: 'the end of the financial year', '31 October 2008', 'the summer recess'."""
    if value is None:
        return _deadline(text, document)
    if value.kind == "date" and value.date is not None:
        return f"{value.date.day} {MONTHS[value.date.month - 1]} {value.date.year}"
    if value.kind in ("start", "end") and value.period:
        return f"the {value.kind} of {_period(value.period, document)}"
    return _word(value.text, document)


def money(amount: Decimal) -> str:
    """£50,000; £5 million; £1.5 billion; £12.50."""
    for size, word in ((Decimal(10) ** 9, "billion"), (Decimal(10) ** 6, "million")):
        if amount >= size and (amount / size * 100) % 1 == 0:
            return f"£{(amount / size).normalize():f} {word}"
    if amount % 1 == 0:
        return f"£{int(amount):,}"
    return f"£{amount:,.2f}"


def _every(n: int, unit: str) -> str:
    return f"every {unit[:-1]}" if n == 1 else f"every {n} {unit}"


def _amount(n: int, unit: str) -> str:
    return f"{n} {unit[:-1] if n == 1 else unit}"


def condition(cond: Cond, document: Document, written: dict[str, str] | None = None) -> str:
    """A condition formula in words: declared conditions by their first phrase, names by
    their register names, 'and'/'or'/'not'; a group inside another reads 'either ... or'."""
    if cond.op == "atom":
        atom = cond.atom or ""
        declared = document.conditions.get(atom)
        if declared is not None:
            return declared.phrases[0] if declared.phrases else atom.replace("_", " ")
        if written and atom in written:
            return written[atom]
        return _word(atom, document) if re.fullmatch(r"[a-z][a-z0-9_.-]*", atom) else atom
    if cond.op == "not":
        inner = cond.args[0]
        text = condition(inner, document, written)
        return f"not ({text})" if inner.op in ("and", "or") else f"not {text}"
    parts = []
    for arg in cond.args:
        text = condition(arg, document, written)
        if arg.op == "or" and cond.op == "and":
            text = f"either {text}"
        elif arg.op == "and" and cond.op == "or":
            text = f"both {text}"
        parts.append(text)
    return f" {cond.op} ".join(parts)


def _about_word(rule: Rule, qual: Qual) -> str:
    """Whether the source wrote `of` or `on` before these names (the parser keeps one kind)."""
    if qual.refs:
        match = re.search(rf"\b(of|on)\s+{re.escape(qual.refs[0].text)}\b", rule.source)
        if match:
            return match.group(1)
    return "of"


def _condition(qual: Qual, document: Document) -> str:
    if qual.cond is not None:
        # quoted conditions compare normalised; they are printed as written
        written: dict[str, str] = {}
        if qual.cond.op == "atom" and qual.cond.atom != qual.value:  # one quoted text
            written[qual.cond.atom or ""] = qual.value or ""
        for pair in re.findall(r'"([^"\n]*)"|\'([^\'\n]*)\'', qual.value or ""):
            text = pair[0] or pair[1]
            written[normalise_condition(text)] = text
        return f"{qual.kind} {condition(qual.cond, document, written)}"
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
    hedge = getattr(qual, "hedge", None)
    if hedge and qual.kind in ("by", "before", "within"):
        # a hedged deadline: "normally by the end of April" (the duty itself is firm)
        text = _qualifier(rule, qual, document)  # (which reads no hedge)
        words = HEDGE_WORDS.get(hedge, ("", hedge.replace("_", " ")))[1]
        return f" {words}{text}" if text.startswith(" ") else f"{text[:1]} {words}{text[1:]}"
    return _qualifier(rule, qual, document)


def manner_words(value: str, document: Document) -> str:
    """A manner as the English says it, from the vocabulary in force (checker/vocab.py):
    'locally', 'in an open and fair manner', 'in anonymised form'."""
    from checker import vocab

    try:
        words = vocab.for_document(document)
    except (AttributeError, TypeError):  # a bare document with no folder: the shipped vocabulary
        words = vocab.default()
    return words.manner_english(value)


def _qualifier(rule: Rule, qual: Qual, document: Document) -> str:
    refs = names(qual.refs, document, rule.source)
    kind = qual.kind
    source = " ".join(rule.source.split())
    if kind == "recipient":
        return f" to {refs}"
    if kind == "scope":
        return f" for {refs}"
    if kind == "exception":
        return f", except {refs}"
    if kind in ("if", "when", "unless", "where"):
        return f", {_condition(qual, document)}"
    if kind == "about":
        return f" {_about_word(rule, qual)} {refs}"
    if kind == "on_receipt":
        return f" on receipt of {refs}"
    if kind == "following":
        return f", following {refs}"
    if kind == "consulting":
        if "in consultation with" in source:
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
    if kind == "mutual_agreement":
        return f", by agreement between {refs}"
    if kind == "collaboration":
        lead = next((w for w in ("in partnership with", "jointly with") if w in source), "working with")
        return f", {lead} {refs}"
    if kind == "through":
        return f" through {refs}"
    if kind in ILLUSTRATIVE_KINDS:
        return _illustrative(rule, qual, document)
    if kind == "in_writing":
        return ", in writing"
    if kind == "manner":
        value = qual.value or ""
        if value.endswith("_form"):
            return f", in {value[:-len('_form')].replace('_', ' ')} form"
        return f" {manner_words(value, document)}"
    if kind == "accordance":
        return f" in accordance with {refs}"
    if kind == "annually":
        return " each year"
    if kind == "by":
        lead = "no later than" if re.search(r"\bno\s+later\s+than\b", source) else "by"
        return f" {lead} {point(qual.point, qual.value or '', document)}"
    if kind == "before":
        return f" before {point(qual.point, qual.value or '', document)}"
    if kind == "not_before":
        return f", not before {point(qual.point, qual.value or '', document)}"
    if kind == "within":
        if qual.amount is None:
            return f" within {qual.value}"
        text = f" within {_amount(*qual.amount)}"
        if qual.point is not None and not _is_step(rule, qual):
            text += f" after {point(qual.point, qual.point.text, document)}"
        return text
    if kind == "recurrence" and qual.recurrence is not None:
        rec = qual.recurrence
        return f" {'at least once ' if rec.at_least else ''}{_every(rec.n, rec.unit)}"
    if kind == "term" and qual.term is not None:
        term = qual.term
        text = f" for up to {_amount(term.n, term.unit)}"
        if term.renewals is not None:
            text += {1: ", renewable once", -1: ", renewable"}.get(
                term.renewals, f", renewable up to {term.renewals} times")
        return text
    if kind == "threshold" and qual.band is not None:
        return " " + band(qual.band, qual.value or "")
    if kind == "asap":
        return " as soon as possible"
    if kind == "place":
        return f" in {refs}"
    if kind == "frequency":
        return f" {qual.value}"
    return f" {kind.replace('_', ' ')} {refs}".rstrip()


def _illustrative(rule: Rule, qual: Qual, document: Document) -> str:
    """Purpose, means and examples: 'in order to agree the plan', 'so that the service is fit
    for purpose', 'by giving support', 'by means of the panel', ', such as the panel'."""
    refs = names(qual.refs, document, rule.source)
    objects = " " + names(qual.objects, document, rule.source) if qual.objects else ""
    if qual.kind == "purpose":
        if qual.cond is not None:
            return f", so that {_condition(qual, document).removeprefix('purpose ')}"
        return f" in order to {verb(qual.value or '')}{objects}"
    if qual.kind == "means":
        if qual.value:
            return f" by {gerund(qual.value)}{objects}"
        return f" by means of {refs}"
    lead = "including" if re.search(rf"\bincluding\s+{re.escape(qual.refs[0].text)}\b", rule.source) \
        else "such as"
    return f", {lead} {refs}"


def band(value: Band, written: str = "") -> str:
    """'above £50,000', 'up to £5 million', 'between £10,000 and £50,000', 'below £1,000'."""
    if value.low is not None and value.high is not None:
        return f"between {money(value.low)} and {money(value.high)}"
    if value.low is not None:
        return f"{'over' if written.startswith('over') else 'above'} {money(value.low)}" \
            if not value.low_inclusive else f"{money(value.low)} or more"
    if value.high is not None:
        return f"up to {money(value.high)}" if value.high_inclusive else \
            f"{'under' if written.startswith('under') else 'below'} {money(value.high)}"
    return written


def _is_step(rule: Rule, qual: Qual) -> bool:
    """A `within ... after <actor> <verb> <object>`: its step is the `after` qualifier that
    follows it, which says it in words."""
    index = rule.qualifiers.index(qual)
    following = rule.qualifiers[index + 1] if index + 1 < len(rule.qualifiers) else None
    return bool(following is not None and following.kind == "after" and qual.point is not None
                and following.refs and qual.point.text.startswith(following.refs[0].text + " "))


# What a qualifier is, for a reader scanning a list of rules: a frequency is not a deadline.
TAG_KINDS = {
    "if": "condition", "when": "condition", "unless": "condition", "where": "condition",
    "on_receipt": "trigger", "following": "trigger",
    "by": "deadline", "before": "deadline", "within": "deadline", "asap": "deadline",
    "not_before": "earliest",
    "annually": "frequency", "recurrence": "frequency", "frequency": "frequency",
    "term": "term", "threshold": "limit",
}


def tag(rule: Rule, qual: Qual, document: Document) -> tuple[str, str] | None:
    """(kind, words) of a qualifier worth a tag beside the rule: ("deadline", "by the end of
    October"), ("frequency", "each year"), ("condition", "if the Board asks"); None for the
    others."""
    kind = TAG_KINDS.get(qual.kind)
    if kind is None:
        return None
    return kind, qualifier(rule, qual, document).lstrip(", ").strip()


def qualifiers(rule: Rule, document: Document, skip: tuple[str, ...] = ()) -> str:
    out = []
    for index, qual in enumerate(rule.qualifiers):
        if qual.kind in skip:
            continue
        text = qualifier(rule, qual, document)
        if qual.kind == "after" and index and rule.qualifiers[index - 1].kind == "within" \
                and _is_step(rule, rule.qualifiers[index - 1]):
            text = " " + text.lstrip(", ")  # "within 1 month after the Board approves it"
        out.append(text)
    return "".join(out)


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


def modal(rule: Rule, document: Document) -> str:
    """The modal verb with its hedge: 'must', 'will normally', 'may, exceptionally,',
    'has the final power to', 'have the power to', 'need not'."""
    modality = rule.modality or ""
    plural = _plural(rule.subjects, document)

    place, hedge = HEDGE_WORDS.get(rule.hedge or "", ("", ""))
    if modality == "power":
        word = _has(rule, plural)
        power = f"the {'final ' if rule.exclusive == 'final' else ''}power to"
        if place == "after":
            return f"{hedge} {word} {power}"  # "normally has the power to"
        if place == "commas":
            return f"{word}, {hedge}, {power}"
        return f"{word} {power}"
    words = MODALS.get(modality, modality.replace("_", " "))
    if place in ("after", "commas") and modality == "must":
        words = "will"  # "will normally submit": the hedged duty as the text writes it
    if place == "after":
        return f"{words} {hedge}"
    if place == "commas":
        return f"{words}, {hedge},"
    return words


def _has(rule: Rule, plural: bool) -> str:
    """'has' or 'have': as the source wrote it (a group's name does not say its number)."""
    words = rule.source.split()
    if "have" in words:
        return "have"
    return "has" if "has" in words or not plural else "have"


def _bearer(rule: Rule, document: Document) -> str:
    subject = names(rule.subjects, document, rule.source)
    return f"{subject} alone" if rule.exclusive == "alone" else subject


def _objects(rule: Rule, document: Document) -> str:
    objects = names(rule.objects, document, rule.source)
    if rule.quantity and objects:
        how, count = rule.quantity
        objects = f"{how.replace('_', ' ')} {count} {objects}"
    return objects


def past_participle(action: str) -> str:
    """'review' -> 'reviewed', 'comply_with' -> 'complied with', 'submit' -> 'submitted'."""
    head, _, rest = action.partition("_")
    if head in _IRREGULAR:
        word = _IRREGULAR[head]
    elif head in _DOUBLED:
        word = head + head[-1] + "ed"
    elif head.endswith("e"):
        word = head + "d"
    elif re.search(r"[^aeiou]y$", head):
        word = head[:-1] + "ied"
    else:
        word = head + "ed"
    return " ".join([word, *rest.split("_")]) if rest else word


_IRREGULAR = {"set": "set", "send": "sent", "make": "made", "hold": "held", "lay": "laid",
              "pay": "paid", "give": "given", "take": "taken", "write": "written", "keep": "kept",
              "lead": "led", "meet": "met", "see": "seen", "do": "done", "run": "run", "put": "put",
              "bring": "brought", "seek": "sought", "tell": "told", "draw": "drawn",
              "choose": "chosen", "get": "got", "undertake": "undertaken", "be": "been",
              "have": "had", "find": "found", "spend": "spent", "lend": "lent", "build": "built",
              "buy": "bought", "sell": "sold", "know": "known", "show": "shown", "read": "read",
              "withdraw": "withdrawn", "forbid": "forbidden", "oversee": "overseen",
              "shut": "shut", "let": "let", "cut": "cut", "split": "split", "speak": "spoken"}
_DOUBLED = {"submit", "commit", "permit", "refer", "transfer", "omit", "admit", "control",
            "plan", "stop", "confer", "defer", "emit", "remit", "allot", "compel", "propel",
            "regret", "equip", "ship", "map", "scrap", "drop"}


def _passive(rule: Rule, document: Document) -> str:
    """A rule whose bearer the text does not name, as the text writes it: 'The framework
    document must be reviewed at least once every 3 years.'"""
    objects = _objects(rule, document)
    subject = objects or "it"
    verb_done = acts(rule, past_participle)
    tail = ""
    if rule.action and rule.action.startswith("seek_") and rule.counterparts:
        # 'X's approval must be sought': the approval is the subject, the thing its object
        subject = f"the {rule.action[len('seek_'):]} of {names(rule.counterparts, document, rule.source)}"
        verb_done, tail = "sought", f" for {objects}" if objects else ""
    words = MODALS.get(rule.modality or "", rule.modality or "")
    place, hedge = HEDGE_WORDS.get(rule.hedge or "", ("", ""))
    if place in ("after", "commas") and rule.modality == "must":
        words = "will"
    if place == "after":
        words = f"{words} {hedge}"
    elif place == "commas":
        words = f"{words}, {hedge},"
    return f"{subject} {words} be {verb_done}{tail}"


def _end_hedge(rule: Rule) -> str:
    place, hedge = HEDGE_WORDS.get(rule.hedge or "", ("", ""))
    if place != "end":
        return ""
    return f" {hedge}" if rule.hedge == "from_time_to_time" else f", {hedge}"


def _body(rule: Rule, document: Document) -> str:
    subject = _bearer(rule, document)
    objects = _objects(rule, document)
    counterparts = names(rule.counterparts, document, rule.source)
    kind = rule.kind
    modal_words = modal(rule, document)
    if kind == "obligation":
        if rule.unnamed and rule.action and rule.modality != "power":
            return _passive(rule, document)
        if rule.action and rule.action.startswith("seek_") and rule.counterparts:
            what = rule.action[len("seek_"):]
            target = f" for {objects}" if objects else ""
            return f"{subject} {modal_words} seek the {what} of {counterparts}{target}"
        target = f" {objects}" if objects else ""
        return f"{subject} {modal_words} {acts(rule)}{target}"
    if kind == "jurisdiction":
        return f"{subject} {_be(rule.subjects, document)} subject to {objects}"
    if kind == "delegated_authority":
        have = _has(rule, _plural(rule.subjects, document))
        what = f" to {verb(rule.action)}" + (f" {objects}" if objects else "") if rule.action else ""
        return f"{subject} {have} delegated authority{what}"
    if kind == "responsibility":
        return f"{subject} {_be(rule.subjects, document)} responsible for {objects}"
    if kind == "accountability":
        word = _source_word(rule, ("accountable", "responsible", "answerable"))
        return f"{subject} {_be(rule.subjects, document)} {word} to {objects}"
    if kind == "reporting" and rule.dotted:
        have = _has(rule, _plural(rule.subjects, document))
        return f"{subject} {have} a dotted reporting line to {objects}"
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
        return f"{subject} {modal_words} {how} {_delegated(rule, document)} to {counterparts}"
    if kind == "delegates" and rule.unnamed:
        what = _delegated(rule, document)
        return f"{capitalise(what)} {'are' if len(rule.objects) > 1 and not rule.action else 'is'} " \
               f"delegated to {counterparts}"
    if kind == "delegates":
        return f"{subject} {_verb('delegate', rule.subjects, document)} " \
               f"{_delegated(rule, document)} to {counterparts}"
    if kind == "amendment":
        word = _source_word(rule, ("approval", "agreement"))
        return f"Amendments to {objects} require the {word} of {counterparts}"
    return " ".join(rule.source.split())


def sentence(rule: Rule, document: Document) -> str:
    """The rule as one English sentence, capitalised and ending with a full stop."""
    text = _body(rule, document) + qualifiers(rule, document) + _end_hedge(rule)
    text = " ".join(text.split())
    return capitalise(text) + ("" if text.endswith(".") else ".")


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def informal_sentence(mark: Informal) -> str:
    """An informal mark as a sentence: the text says something the rules cannot state."""
    reason = " ".join(mark.reason.split()).rstrip(".")
    return f"Not stated as a rule: {reason}."
