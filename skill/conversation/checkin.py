"""The check-in as a pure step machine: what to ask next, given what the couple just said.

A nightly check-in asks each partner for a connection rating (one to five)
and one open question; the weekly one asks each partner for an appreciation,
then the couple together what went well and one thing to work on. The flow
never sees Alexa types or words: the handler turns each request into an event
(:class:`Rating`, :class:`Answer`, :class:`Skip`, :class:`Back`,
:class:`Partners`, :class:`Decline`, :class:`Unclear`), and the flow answers
with a :class:`Reply` saying what it heard and which step to ask now (None
once the check-in is complete). Speech is chosen elsewhere
(:mod:`skill.conversation.checkin_speech`).

The whole state is a small JSON-compatible dict (:meth:`CheckInFlow.to_dict`),
carried in the session between turns and kept in the night's document when
the couple stops half-way, so the same check-in can be picked up later.
Free-form answers are not part of it unless the household turned the journal
on (``keep``, see :mod:`skill.conversation.journal`): otherwise only whether
each step was answered, and the two hints the practice recommender needs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from skill.content.practices import PILLAR_IDS
from skill.content.understanding import Vocabulary
from skill.conversation.care import may_speak_of_crisis
from skill.conversation.journal import MAX_ANSWER_CHARS, keepable
from skill.conversation.ratings import in_range
from skill.conversation.recommend import Signals, focus_pillar, weighs_on_someone
from skill.conversation.understanding import (
    Tone,
    flares_up,
    read_partners,
    read_rating,
    read_tone,
    speaks_of_a_fight,
    who_is_here_at_a_rating,
)
from skill.household.model import CheckInEntry, KeptAnswer

NIGHTLY = "nightly"
WEEKLY = "weekly"
KINDS = (NIGHTLY, WEEKLY)

PARTNERS = "partners"
RATING = "rating"
QUESTION = "question"
APPRECIATION = "appreciation"
WENT_WELL = "went_well"
WORK_ON = "work_on"
#: If nobody says how many are here after one retry, assume the usual: both.
ASSUMED_PARTNERS = 2

ANSWERED = "answered"
SKIPPED = "skipped"
ASKED = "asked"


@dataclass(frozen=True)
class Step:
    """One thing the check-in asks; ``partner`` is 0 or 1, None when it asks the couple."""

    kind: str
    partner: int | None = None

    @property
    def key(self) -> str:
        """A stable name for the step in the serialised state."""
        return self.kind if self.partner is None else f"{self.kind}:{self.partner}"


def plan(kind: str, partners: int) -> tuple[Step, ...]:
    """The steps of a check-in of ``kind`` for ``partners`` people, in order."""
    people = range(partners)
    if kind == WEEKLY:
        return (*(Step(APPRECIATION, p) for p in people), Step(WENT_WELL), Step(WORK_ON))
    return tuple(step for p in people for step in (Step(RATING, p), Step(QUESTION, p)))


# --- events: what the couple said, as the flow needs to know it --------------------------


@dataclass(frozen=True)
class Rating:
    """A rating was heard: ``value`` one to five (None when no usable number was said).

    ``said`` is the number as said when it was not whole (three and a half is
    kept as a four); ``in_words`` is what words alone came to ("pretty good": 4),
    asked about once before it is taken.
    """

    value: int | None
    said: float | None = None
    in_words: int | None = None
    #: What was told with it ("a two. I lost my job today"): heavy news is met before the number.
    tone: Tone = Tone.PLAIN
    #: The other partner's number, given with the speaker's own ("I'm a four, she's a five").
    theirs: int | None = None


@dataclass(frozen=True)
class Answer:
    """Free speech: an open answer; ``fight`` when it says the couple fought; ``tone`` what it
    carries, so the acknowledgement fits it."""

    text: str
    fight: bool = False
    tone: Tone = Tone.PLAIN
    #: The learned second ear hears crisis in it: it gets the gentle word, and is never kept.
    heavy: bool = False


@dataclass(frozen=True)
class Partners:
    """ "Just me" (1) or "both of us" (2); ``fight`` when said with a fight ("both of us, but
    we're not speaking after earlier")."""

    count: int
    fight: bool = False


@dataclass(frozen=True)
class Skip:
    """Skip, pass, nothing tonight."""


@dataclass(frozen=True)
class Back:
    """Go back one step."""


@dataclass(frozen=True)
class Decline:
    """A plain "no": passing on an open question, unclear anywhere else."""


@dataclass(frozen=True)
class Unclear:
    """Something the flow cannot use here (Alexa heard no words it could pass on)."""


Event = Rating | Answer | Partners | Skip | Back | Decline | Unclear


@dataclass(frozen=True)
class Reply:
    """What the flow made of a turn and what to ask now.

    ``heard`` names the moment for the speech layer: ``start``, ``resume``,
    ``partners``, ``partners_assumed``, ``rating``, ``rating_skipped``,
    ``answer``, ``skip``, ``back``, ``at_start``, ``retry`` (a rating or the
    partner count asked again with an example), ``rating_in_words`` (words
    without a number: asked once for a number), ``rating_from_words`` (words
    again: taken as they came) or ``nudge`` (an open answer not understood).
    ``ask`` is None when the check-in is complete. ``rating`` is the rating
    kept and ``said`` the number said when it was not whole. ``validate``
    asks for a moment of validation before moving on (weekly). ``fight`` is
    set when the answer spoke of a fight, to be met calmly; ``tone`` is what an open answer
    carried (heavy, warm or plain), or what was told with a rating or in place of one.
    """

    heard: str
    ask: Step | None
    rating: int | None = None
    validate: bool = False
    answered: Step | None = None
    said: float | None = None
    fight: bool = False
    tone: Tone = Tone.PLAIN
    #: The other partner's rating, kept with this one when both were given at once.
    theirs: int | None = None


@dataclass
class CheckInFlow:
    """One check-in in progress. ``partners`` is 0 until the couple says how many are here."""

    id: str
    night: str
    kind: str = NIGHTLY
    partners: int = 0
    pos: int = 0
    retry: bool = False
    #: Question id per partner (nightly), chosen when the check-in starts.
    questions: list[str] = field(default_factory=list)
    #: Per partner: the question asks what is on their mind (a hint for the recommender).
    mind: list[bool] = field(default_factory=list)
    ratings: list[int | None] = field(default_factory=lambda: [None, None])
    #: Per partner: the rating kept was said as a half below it ("three and a half": a four),
    #: so it is said back as given.
    halves: list[bool] = field(default_factory=lambda: [False, False])
    #: The second partner's rating was given with the first's ("I'm a four, she's a five"):
    #: their rating question is passed over on the way to their open question.
    ahead: bool = False
    #: Step key → asked / answered / skipped.
    outcomes: dict[str, str] = field(default_factory=dict)
    weighing: list[bool] = field(default_factory=lambda: [False, False])
    focus: str = ""
    #: Index in the household's names of who was speaking when it began (goes first), if known.
    speaker: int | None = None
    #: Someone spoke of a fight tonight: the close is calm, no celebration, a way back offered.
    tension: bool = False
    #: An answer the second ear for crisis heard (it got the gentle word): the evening goes on
    #: as it would have, to the ordinary close with no streak celebrated; after a fight too, the
    #: close is quiet, with no numbers and no repair talk offered.
    heavy: bool = False
    #: The journal was on when it began: open answers are kept (step key → words, clipped).
    keep: bool = False
    answers: dict[str, str] = field(default_factory=dict)
    #: The check-in of the same evening this one is done again in place of ("" for none).
    replaces: str = ""

    # --- starting and where we are -------------------------------------------------------

    @classmethod
    def begin(
        cls,
        checkin_id: str,
        night: str,
        kind: str,
        partners: int,
        questions: list[str] | None = None,
        mind: list[bool] | None = None,
        speaker: int | None = None,
        keep: bool = False,
    ) -> tuple[CheckInFlow, Reply]:
        """A new check-in and its opening reply (the partner count is asked when unknown).

        ``speaker`` is who is talking (an index in the household's names) and
        goes first; ``keep`` keeps the open answers (the journal is on).
        """
        if kind not in KINDS:
            raise ValueError(f"unknown check-in kind {kind!r}")
        flow = cls(
            id=checkin_id,
            night=night,
            kind=kind,
            partners=partners if partners in (1, 2) else 0,
            questions=list(questions or []),
            mind=list(mind or []),
            speaker=speaker,
            keep=keep,
        )
        return flow, flow._asking("start")

    def resume(self) -> Reply:
        """Pick up where the couple stopped."""
        self.retry = False
        return self._asking("resume")

    @property
    def steps(self) -> tuple[Step, ...]:
        """This check-in's steps (empty until the partner count is known)."""
        return plan(self.kind, self.partners) if self.partners else ()

    @property
    def step(self) -> Step | None:
        """The step being asked now; None when the check-in is complete."""
        if not self.partners:
            return Step(PARTNERS)
        steps = self.steps
        return steps[self.pos] if self.pos < len(steps) else None

    @property
    def complete(self) -> bool:
        """Whether every step has been answered or skipped."""
        return self.step is None

    @property
    def answered_anything(self) -> bool:
        """Whether anyone answered anything (a check-in that counts for the streak)."""
        return ANSWERED in self.outcomes.values()

    def let_go_first(self, speaker: int) -> bool:
        """ "Joe first": the partner at ``speaker`` in the household's names answers first, when
        two take turns and nobody has answered yet (the turn order, and so the names the ratings
        are said back with, follow it). False when that is not so, or they already go first."""
        if self.partners != 2 or self.pos != 0 or self.answered_anything:
            return False
        if speaker not in (0, 1) or speaker == (self.speaker if self.speaker in (0, 1) else 0):
            return False
        self.speaker = speaker
        return True

    def rating_just_given(self) -> int | None:
        """Who gave the rating just before the open question asked now (their index), when
        one was given; None anywhere else."""
        if not self.partners or self.pos == 0 or self.pos > len(self.steps):
            return None
        before = self.steps[self.pos - 1]
        partner = int(before.partner or 0)
        if before.kind != RATING or self.outcomes.get(before.key) != ANSWERED:
            return None
        return partner if self.ratings[partner] is not None else None

    def take_back_rating(self) -> Step | None:
        """ "That wasn't a number": the rating just given is let go, and asked again (the
        step returned); None when no rating was just given."""
        partner = self.rating_just_given()
        if partner is None:
            return None
        self.pos -= 1
        self.ratings[partner] = None
        self.halves[partner] = False
        self.retry = False
        step = self.steps[self.pos]
        self.outcomes[step.key] = ASKED
        return step

    def asked_questions(self) -> list[str]:
        """Ids of the open questions actually put to someone, in order."""
        return [
            qid
            for partner, qid in enumerate(self.questions)
            if Step(QUESTION, partner).key in self.outcomes
        ]

    # --- the step machine ----------------------------------------------------------------

    def event_from_words(self, text: str, vocab: Vocabulary) -> Event:
        """The event words said at the current step mean (controls are read before this):
        a partner count, a rating said any way people say one, or the answer itself."""
        step = self.step
        if step is None:
            return Unclear()
        if step.kind == PARTNERS:
            count = read_partners(text, vocab)
            return Partners(count, fight=speaks_of_a_fight(text, vocab)) if count else Unclear()
        if step.kind == RATING:
            # "The two of us" when the evening did not ask who is here: who is here, not a two;
            # "both of us, a four" is a four. A story with a "me" in it is neither.
            count, rest = who_is_here_at_a_rating(text, vocab)
            heard = read_rating(text if count is None else rest, vocab)
            tone = read_tone(text, vocab)
            if heard.value is not None or heard.in_words is not None:
                return Rating(
                    heard.value, heard.said, heard.in_words, tone=tone, theirs=heard.theirs
                )
            if speaks_of_a_fight(text, vocab):
                return Answer(text, fight=True)
            return Partners(count) if count else Rating(None, tone=tone)
        return Answer(
            text,
            # "Dana come on, I'm trying here": a jab between them is met as tension.
            fight=speaks_of_a_fight(text, vocab) or flares_up(text, vocab),
            tone=read_tone(text, vocab),
            heavy=may_speak_of_crisis(text, vocab.locale) is not None,
        )

    def handle(self, event: Event) -> Reply:
        """Advance the check-in by one turn."""
        step = self.step
        if step is None:
            raise ValueError("the check-in is already complete")
        if isinstance(event, Back):
            return self._back()
        if step.kind == PARTNERS:
            return self._on_partner_count(event)
        if isinstance(event, Partners):
            return self._replan(event.count)
        if isinstance(event, Skip):
            return self._leave(step, SKIPPED, "skip")
        if step.kind == RATING:
            return self._on_rating(step, event)
        return self._on_open_answer(step, event)

    def _on_partner_count(self, event: Event) -> Reply:
        count = event.count if isinstance(event, Partners) else None
        if isinstance(event, Rating):
            count = event.value
        if count in (1, 2):
            self.partners = int(count)
            fight = isinstance(event, Partners) and event.fight
            self.tension = self.tension or fight
            return replace(self._asking("partners"), fight=fight)
        if not self.retry:
            self.retry = True
            return Reply("retry", Step(PARTNERS))
        self.partners = ASSUMED_PARTNERS
        return self._asking("partners_assumed")

    def _on_rating(self, step: Step, event: Event) -> Reply:
        value = event.value if isinstance(event, Rating) else None
        partner = int(step.partner or 0)
        # A story told instead of a number ("my grandad's funeral is on Saturday") is met
        # warmly before the number is asked again or left out.
        tone = event.tone if isinstance(event, Rating) else Tone.PLAIN
        if in_range(value):
            return self._rated(step, partner, int(value or 0), "rating", event)
        if isinstance(event, Answer) and event.fight:
            # "We had a fight, I don't even know": met calmly, and the rating asked again.
            self.tension = True
            return Reply("fight", step, fight=True)
        in_words = event.in_words if isinstance(event, Rating) else None
        if in_range(in_words):
            if not self.retry:
                self.retry = True
                return Reply("rating_in_words", step, rating=in_words, tone=tone)
            return self._rated(step, partner, int(in_words or 0), "rating_from_words", event)
        if not self.retry:
            self.retry = True
            return Reply("retry", step, tone=tone)
        self.ratings[partner] = None
        self.halves[partner] = False
        return replace(self._leave(step, SKIPPED, "rating_skipped"), tone=tone)

    def _rated(self, step: Step, partner: int, value: int, heard: str, event: Event) -> Reply:
        self.ratings[partner] = value
        said = event.said if isinstance(event, Rating) else None
        tone = event.tone if isinstance(event, Rating) else Tone.PLAIN
        self.halves[partner] = said is not None and said == value - 0.5
        theirs = self._theirs_kept(step, event)
        reply = self._leave(step, ANSWERED, heard)
        return Reply(reply.heard, reply.ask, rating=value, said=said, theirs=theirs, tone=tone)

    def _theirs_kept(self, step: Step, event: Event) -> int | None:
        """The second partner's rating, kept when the first gave it with their own ("okay she's
        a five, and I'm a four") in a nightly check-in for two, before they were asked."""
        theirs = event.theirs if isinstance(event, Rating) else None
        second = Step(RATING, 1)
        if (
            theirs is None
            or not in_range(theirs)
            or self.kind != NIGHTLY
            or self.partners != 2
            or step.partner != 0
            or (self.outcomes.get(second.key) in (ANSWERED, SKIPPED) and not self.ahead)
        ):
            return None
        self.ratings[1] = theirs
        self.halves[1] = False
        self.outcomes[second.key] = ANSWERED
        self.ahead = True
        return theirs

    def _on_open_answer(self, step: Step, event: Event) -> Reply:
        if isinstance(event, Decline):
            return self._leave(step, SKIPPED, "skip")
        if isinstance(event, Unclear):
            return Reply("nudge", step)
        text = event.text if isinstance(event, Answer) else ""
        if step.kind == QUESTION and step.partner is not None:
            hinted = step.partner < len(self.mind) and self.mind[step.partner]
            self.weighing[step.partner] = hinted or weighs_on_someone(text)
        if step.kind == WORK_ON:
            self.focus = focus_pillar(text) or ""
        heavy = isinstance(event, Answer) and event.heavy
        self.heavy = self.heavy or heavy
        kept = keepable(text) if self.keep and not heavy else None
        if kept:
            self.answers[step.key] = kept
        else:
            self.answers.pop(step.key, None)
        fight = isinstance(event, Answer) and event.fight
        self.tension = self.tension or fight
        reply = self._leave(step, ANSWERED, "answer")
        return Reply(
            reply.heard,
            reply.ask,
            validate=self.kind == WEEKLY,
            answered=step,
            fight=fight,
            tone=event.tone if isinstance(event, Answer) else Tone.PLAIN,
        )

    def _leave(self, step: Step, outcome: str, heard: str) -> Reply:
        """Record how ``step`` ended and move to the next one."""
        self.outcomes[step.key] = outcome
        if outcome == SKIPPED:
            self.answers.pop(step.key, None)
        if outcome == SKIPPED and step.kind == QUESTION and step.partner is not None:
            self.weighing[step.partner] = False
        self.pos += 1
        second = Step(RATING, 1)
        if self.ahead and self.step == second and self.outcomes.get(second.key) == ANSWERED:
            # Their rating was given with the first partner's: on to their open question.
            self.ahead = False
            self.pos += 1
        return self._asking(heard)

    def _back(self) -> Reply:
        if not self.partners or self.pos == 0:
            return Reply("at_start", self._mark_asked())
        self.pos -= 1
        return self._asking("back")

    def _replan(self, count: int) -> Reply:
        """ "Just me tonight" mid-way: keep what was said, drop the steps of who isn't here."""
        if count not in (1, 2) or count == self.partners:
            return self._asking("partners")
        current = self.step
        self.partners = count
        steps = self.steps
        if current in steps:
            self.pos = steps.index(current)
        else:
            done = (ANSWERED, SKIPPED)
            pending = [i for i, s in enumerate(steps) if self.outcomes.get(s.key) not in done]
            self.pos = pending[0] if pending else len(steps)
        return self._asking("partners")

    def _asking(self, heard: str) -> Reply:
        self.retry = False
        return Reply(heard, self._mark_asked())

    def _mark_asked(self) -> Step | None:
        step = self.step
        if step is not None and step.kind != PARTNERS:
            self.outcomes.setdefault(step.key, ASKED)
        return step

    # --- what is kept ----------------------------------------------------------------------

    def signals(self) -> Signals:
        """What the practice recommender looks at."""
        given = tuple(r for r in self.ratings[: self.partners] if r is not None)
        return Signals(ratings=given, weighing=any(self.weighing), focus=self.focus or None)

    def record(self) -> CheckInEntry:
        """The night's entry for this check-in.

        Free-form answers only when the journal was on (``keep``). An
        unfinished check-in also keeps its state under ``resume`` so it can
        be offered again later the same evening.
        """
        kept = [
            KeptAnswer(step.key, self.answers[step.key])
            for step in self.steps
            if step.key in self.answers
        ]
        return CheckInEntry(
            kind=self.kind,
            partners=self.partners,
            ratings=list(self.ratings[: self.partners]),
            questions=self.asked_questions(),
            answered=sum(1 for o in self.outcomes.values() if o == ANSWERED),
            complete=self.complete,
            speaker=self.speaker,
            answers=kept if self.keep else [],
            resume=None if self.complete else self.to_dict(),
        )

    def to_dict(self) -> dict[str, Any]:
        """The state as session attributes carry it."""
        return {
            "id": self.id,
            "night": self.night,
            "kind": self.kind,
            "partners": self.partners,
            "pos": self.pos,
            "retry": self.retry,
            "questions": list(self.questions),
            "mind": list(self.mind),
            "ratings": list(self.ratings),
            "halves": list(self.halves),
            "ahead": self.ahead,
            "outcomes": dict(self.outcomes),
            "weighing": list(self.weighing),
            "focus": self.focus,
            "speaker": self.speaker,
            "tension": self.tension,
            "heavy": self.heavy,
            "keep": self.keep,
            "answers": dict(self.answers) if self.keep else {},
            "replaces": self.replaces,
        }

    @classmethod
    def from_dict(cls, doc: dict[str, Any]) -> CheckInFlow:
        """Rebuild from :meth:`to_dict` output, checking every value (ValueError otherwise).

        The state comes back from the session or a stored entry, so nothing
        in it is trusted: each value must be one the flow could have written.
        Extra keys (``mode``, ``names``) are ignored.
        """
        kind = _one_of(doc.get("kind", NIGHTLY), KINDS, "kind")
        partners = _one_of(doc.get("partners", 0), (0, 1, 2), "partners")
        steps = plan(kind, partners) if partners else ()
        keys = {Step(PARTNERS).key, *(step.key for step in steps)}
        keep = _flag(doc.get("keep", False), "keep")
        ratings = _short_list(doc.get("ratings"), "ratings", 2)
        if any(r is not None and not (isinstance(r, int) and in_range(r)) for r in ratings):
            raise ValueError("ratings: each is a whole number from one to five, or none")
        outcomes = _short_map(doc.get("outcomes"), "outcomes", len(keys))
        if not set(outcomes) <= keys or not set(outcomes.values()) <= {ASKED, ANSWERED, SKIPPED}:
            raise ValueError("outcomes: unknown steps or outcomes")
        answers = _short_map(doc.get("answers"), "answers", len(keys)) if keep else {}
        if not set(answers) <= keys or any(len(a) > MAX_ANSWER_CHARS for a in answers.values()):
            raise ValueError("answers: unknown steps or too long")
        speaker = doc.get("speaker")
        replaces = doc.get("replaces")
        return cls(
            id=_text(doc.get("id"), "id", MAX_ID_CHARS),
            night=date.fromisoformat(_text(doc.get("night"), "night", 10)).isoformat(),
            kind=kind,
            partners=partners,
            pos=_one_of(doc.get("pos", 0), range(len(steps) + 1), "pos"),
            retry=_flag(doc.get("retry", False), "retry"),
            questions=[
                _text(q, "questions", MAX_ID_CHARS)
                for q in _short_list(doc.get("questions"), "questions", 2)
            ],
            mind=[_flag(m, "mind") for m in _short_list(doc.get("mind"), "mind", 2)],
            ratings=[*ratings, None, None][:2],
            halves=[
                *(_flag(h, "halves") for h in _short_list(doc.get("halves"), "halves", 2)),
                False,
                False,
            ][:2],
            ahead=_flag(doc.get("ahead", False), "ahead"),
            outcomes=outcomes,
            weighing=[
                *(_flag(w, "weighing") for w in _short_list(doc.get("weighing"), "weighing", 2)),
                False,
                False,
            ][:2],
            focus=_one_of(doc.get("focus", ""), ("", *PILLAR_IDS), "focus"),
            speaker=None if speaker is None else _one_of(speaker, (0, 1), "speaker"),
            tension=_flag(doc.get("tension", False), "tension"),
            heavy=_flag(doc.get("heavy", False), "heavy"),
            keep=keep,
            answers=answers,
            replaces=_text(replaces, "replaces", MAX_ID_CHARS) if replaces else "",
        )


#: The longest check-in or question id the flow makes (ids are 12 hex digits; question ids short).
MAX_ID_CHARS = 64


def _one_of(value: Any, allowed: Sequence[Any], what: str) -> Any:
    if isinstance(value, bool) or value not in allowed:
        raise ValueError(f"{what}: not an allowed value")
    return value


def _flag(value: Any, what: str) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"{what}: expected true or false")
    return value


def _text(value: Any, what: str, longest: int) -> str:
    if not isinstance(value, str) or not value or len(value) > longest:
        raise ValueError(f"{what}: expected a short text")
    return value


def _short_list(value: Any, what: str, longest: int) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list) or len(value) > longest:
        raise ValueError(f"{what}: expected a list of at most {longest}")
    return value


def _short_map(value: Any, what: str, longest: int) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, dict) or len(value) > longest:
        raise ValueError(f"{what}: expected an object of at most {longest} keys")
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        raise ValueError(f"{what}: expected text values")
    return dict(value)
