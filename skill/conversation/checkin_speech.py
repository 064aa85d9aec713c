"""The check-in's words: turning the flow's replies into what Alexa says.

The flow (:mod:`skill.conversation.checkin`) decides *what happens*; this
module decides *how it sounds*: an acknowledgement of what was just said,
a moment of validation in the weekly check-in, then the next question, which
always comes last and doubles as the reprompt. Every phrasing rotates
(:class:`~skill.content.prompts.Prompts`), and acknowledgements never repeat
or judge what someone shared.

``names`` are the first names in the check-in's turn order when the household
gave them (see :func:`skill.conversation.voices.turn_names`): "Sam, on a
scale of one to five…". Empty, the words are the same as without names.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from skill.content.prompts import Prompts
from skill.content.questions import QuestionBank
from skill.conversation.checkin import (
    ANSWERED,
    APPRECIATION,
    PARTNERS,
    QUESTION,
    RATING,
    WEEKLY,
    WENT_WELL,
    CheckInFlow,
    Reply,
    Step,
)
from skill.conversation.names import names_phrase
from skill.conversation.spoken import rating_word, spoken_number, weekday
from skill.conversation.streak import Progress, Streak
from skill.conversation.understanding import Control, Tone
from skill.speech import Speech

#: Time given to say back what was heard in the weekly check-in.
VALIDATION_PAUSE_SECONDS = 20
#: "Hold on": a real wait before the question comes again.
WAIT_SECONDS = 30
LOW_RATING = 2
#: The highest rating whose heavy words are met as news told ("a two. I lost my job today"); a
#: four said with a tired word ("four, tired but happy") is a good day, thanked as one.
HEAVY_NEWS_AT_MOST = 3


def _people(flow: CheckInFlow) -> str:
    return "one" if flow.partners == 1 else "two"


def _name(names: Sequence[str], partner: int | None) -> str | None:
    """The name of the partner at ``partner`` in turn order, when known."""
    return names[partner] if partner is not None and partner < len(names) else None


def question_text(
    step: Step,
    flow: CheckInFlow,
    bank: QuestionBank,
    prompts: Prompts,
    names: Sequence[str] = (),
) -> str:
    """The question that asks ``step``: said last, and repeated as the reprompt."""
    name = _name(names, step.partner)
    if step.kind == PARTNERS:
        return prompts.say("checkin.ask.partners")
    if step.kind == RATING:
        if name:
            return prompts.say("checkin.named.ask.rating", name=name)
        return prompts.say("checkin.ask.rating")
    if step.kind == QUESTION:
        # Written for the evening; after a night shift it is asked in the morning too.
        return prompts.at_this_hour(bank.question(flow.questions[int(step.partner or 0)]).text)
    if step.kind == APPRECIATION:
        other = _name(names, 1 - int(step.partner or 0)) if flow.partners == 2 else None
        if name and other:
            return prompts.say("checkin.named.weekly.appreciation", name=name, other=other)
        if name:
            return prompts.say("checkin.named.weekly.appreciation_alone", name=name)
        return prompts.say("checkin.weekly.appreciation")
    if step.kind == WENT_WELL:
        return prompts.say("checkin.weekly.went_well")
    return prompts.say("checkin.weekly.work_on")


def _lead_in(step: Step, flow: CheckInFlow, prompts: Prompts, names: Sequence[str]) -> str:
    """Who is being asked when two take turns or answer together; the intro to a question."""
    name = _name(names, step.partner)
    if name and step.kind in (RATING, APPRECIATION):
        # The question itself starts with the name.
        return ""
    if name and step.kind == QUESTION:
        return prompts.say("checkin.named.ask.question", name=name)
    if flow.partners == 2 and step.kind in (RATING, APPRECIATION):
        whose = "first" if step.partner == 0 else "second"
        return prompts.say(f"checkin.{whose}_partner")
    if step.kind == QUESTION:
        return prompts.say("checkin.ask.question")
    if flow.partners == 2 and step.kind == WENT_WELL:
        return prompts.say("checkin.weekly.together")
    return ""


def _asked_for_something_good(step: Step | None, flow: CheckInFlow, bank: QuestionBank) -> bool:
    """Whether ``step`` asked for something good (a thanks, a kindness, what went well)."""
    if step is None:
        return False
    if step.kind in (APPRECIATION, WENT_WELL):
        return True
    if step.kind != QUESTION or int(step.partner or 0) >= len(flow.questions):
        return False
    return bank.question(flow.questions[int(step.partner or 0)]).asks_for_something_good


def _answer_acknowledgement(reply: Reply, flow: CheckInFlow, bank: QuestionBank) -> str:
    """The key of the word that meets an open answer: by its tone; a hurt told where something
    good was asked for ("I felt small when you laughed…") is thanked plainly and kindly, never
    met as a bright spot."""
    if reply.tone is Tone.HEAVY and _asked_for_something_good(reply.answered, flow, bank):
        return "checkin.ack.answer.honest"
    return f"checkin.ack.answer.{reply.tone.value}"


def _news_at_a_rating(reply: Reply, prompts: Prompts) -> list[str]:
    """A warm word for heavy news told with a rating or in place of one ("a two. I lost my job
    today", "my grandad's funeral is on Saturday"), said before the number; else nothing."""
    rating_step = reply.heard in (
        "rating", "rating_from_words", "rating_in_words", "retry", "rating_skipped"
    )  # fmt: skip
    low = reply.rating is None or reply.rating <= HEAVY_NEWS_AT_MOST
    if rating_step and reply.tone is Tone.HEAVY and low:
        return [prompts.say("checkin.ack.answer.heavy")]
    return []


def _acknowledgement(
    reply: Reply, flow: CheckInFlow, bank: QuestionBank, prompts: Prompts, instructions: bool
) -> list[str]:
    news = _news_at_a_rating(reply, prompts)
    heard = reply.heard
    if heard == "start":
        start = prompts.say("checkin.weekly.start" if flow.kind == WEEKLY else "checkin.start")
        # Someone known to be on their own tonight is not told to say "just me".
        tips = "checkin.instructions.one" if flow.partners == 1 else "checkin.instructions"
        return [start, prompts.say(tips)] if instructions else [start]
    if heard == "partners":
        if reply.fight:
            return [prompts.say("checkin.ack.fight")]  # "both of us, but we're not speaking"
        return [prompts.say(f"checkin.partners.{_people(flow)}")]
    if heard in ("rating", "rating_from_words") and reply.rating is not None:
        rating = rating_word(reply.rating)
        if heard == "rating_from_words":
            return [*news, prompts.say("checkin.ack.rating_from_words", rating=rating)]
        if reply.said is not None:
            said = spoken_number(reply.said)
            return [*news, prompts.say("checkin.ack.rating_rounded", said=said, rating=rating)]
        if news:
            # The news met first; the number then noted, without a second thank-you.
            return [*news, prompts.say("checkin.ack.rating_after_news", rating=rating)]
        key = "checkin.ack.rating_low" if reply.rating <= LOW_RATING else "checkin.ack.rating"
        return [prompts.say(key, rating=rating)]
    if heard == "answer" and reply.fight:
        return [prompts.say("checkin.ack.fight")]
    if heard == "answer":
        return [prompts.say(_answer_acknowledgement(reply, flow, bank))]
    if heard == "fight":
        return [prompts.say("checkin.fight.at_rating")]
    if heard == "rating_in_words":
        return news or [prompts.say("checkin.ask.rating_in_words")]
    if heard == "retry":
        return news
    simple = {
        "resume": "checkin.resume",
        "partners_assumed": "checkin.partners_assumed",
        "rating_skipped": "checkin.rating_skipped",
        "skip": "checkin.ack.skip",
        "back": "checkin.back",
        "at_start": "checkin.at_start",
    }
    return [*news, prompts.say(simple[heard])] if heard in simple else news


def _validation(reply: Reply, flow: CheckInFlow, prompts: Prompts, names: Sequence[str]) -> Speech:
    """The weekly check-in's pause to say back what was heard before moving on."""
    if not reply.validate or reply.answered is None:
        return Speech()
    partner = reply.answered.partner
    speaker = _name(names, partner)
    listener = _name(names, 1 - partner) if partner is not None and flow.partners == 2 else None
    if speaker and listener:
        line = prompts.say("checkin.named.weekly.validate", speaker=speaker, listener=listener)
        return Speech().say(line).pause(VALIDATION_PAUSE_SECONDS)
    if flow.partners == 1:
        key = "checkin.weekly.validate.alone"
    elif reply.answered.partner is None:
        key = "checkin.weekly.validate.together"
    else:
        key = "checkin.weekly.validate.listener"
    return Speech().say(prompts.say(key)).pause(VALIDATION_PAUSE_SECONDS)


@dataclass(frozen=True)
class Said:
    """A response's speech and the question that hands the turn back (None when closing)."""

    speech: Speech
    question: str | None


def reply_speech(
    reply: Reply,
    flow: CheckInFlow,
    bank: QuestionBank,
    prompts: Prompts,
    names: Sequence[str] = (),
    instructions: bool = False,
) -> Said:
    """What to say for ``reply``: acknowledgement, validation, then the next question.

    ``instructions`` adds, at the start, what can be said at any step (skip, go back,
    stop, "just me"): for a household's first few check-ins only, and in help.
    """
    if reply.theirs is not None and reply.rating is not None:
        speech = Speech().say(_both_ratings(reply.rating, reply.theirs, prompts, names))
    else:
        speech = Speech().say(*_acknowledgement(reply, flow, bank, prompts, instructions))
    speech.extend(_validation(reply, flow, prompts, names))
    step = reply.ask
    if step is None:
        return Said(speech, None)
    if _rating_passed_over(reply, flow) and not _name(names, 1):
        # Their number came with the first partner's: the other one is asked their question.
        question = question_text(step, flow, bank, prompts, names)
        lead = prompts.say("checkin.second_partner.question")
        return Said(speech.say(lead, question), question)
    if reply.heard in ("retry", "rating_in_words", "fight"):
        if reply.heard != "retry":
            question = _short_question(step, prompts, names)
            return Said(speech.say(question), question)
        key = "checkin.retry.partners" if step.kind == PARTNERS else "checkin.retry.rating"
        if step.kind == RATING and reply.tone is Tone.HEAVY:
            # After a hard story, no "I need a number": a gentle ask, with skipping offered.
            key = "checkin.retry.rating_gently"
        name = _name(names, step.partner)
        if step.kind == PARTNERS:
            question = prompts.say("checkin.ask.partners")
        elif name:
            question = prompts.say("checkin.named.ask.rating_short", name=name)
        else:
            question = prompts.say("checkin.ask.rating_short")
        return Said(speech.say(prompts.say(key), question), question)
    if reply.heard == "nudge":
        question = question_text(step, flow, bank, prompts, names)
        return Said(speech.say(prompts.say("checkin.nudge"), question), question)
    question = question_text(step, flow, bank, prompts, names)
    return Said(speech.say(_lead_in(step, flow, prompts, names), question), question)


def _both_ratings(rating: int, theirs: int, prompts: Prompts, names: Sequence[str]) -> str:
    """Both partners' numbers, said in one breath and said back, whose is whose, with the way to
    put it right."""
    name, other = _name(names, 0), _name(names, 1)
    if name and other and name != other:
        return prompts.say(
            "checkin.named.ack.rating_both",
            name=name,
            other=other,
            rating=rating_word(rating),
            theirs=rating_word(theirs),
        )
    return prompts.say(
        "checkin.ack.rating_both", rating=rating_word(rating), theirs=rating_word(theirs)
    )


def _rating_passed_over(reply: Reply, flow: CheckInFlow) -> bool:
    """Whether the second partner is asked their open question straight after the first's,
    their rating given already (with the first partner's)."""
    return (
        flow.partners == 2
        and reply.heard in ("answer", "skip")
        and reply.ask == Step(QUESTION, 1)
        and flow.outcomes.get(Step(RATING, 1).key) == ANSWERED
    )


def _short_question(step: Step, prompts: Prompts, names: Sequence[str]) -> str:
    """The short form of a rating or partner-count question, for asking it again."""
    if step.kind == PARTNERS:
        return prompts.say("checkin.ask.partners")
    name = _name(names, step.partner)
    if name:
        return prompts.say("checkin.named.ask.rating_short", name=name)
    return prompts.say("checkin.ask.rating_short")


def _rephrased(step: Step, flow: CheckInFlow, bank: QuestionBank, prompts: Prompts) -> str:
    """The current question asked another way ("what do you mean?")."""
    if step.kind == QUESTION:
        return prompts.at_this_hour(bank.question(flow.questions[int(step.partner or 0)]).rephrase)
    return prompts.say(f"checkin.rephrase.{step.kind}")


def again_speech(
    step: Step,
    flow: CheckInFlow,
    bank: QuestionBank,
    prompts: Prompts,
    names: Sequence[str],
    how: Control,
    louder: bool = False,
) -> tuple[Speech, str]:
    """The current question again, as ``how`` asks: said again, another way, after a pause
    ("hold on"), or more slowly (``louder``: asked to speak up, which the skill cannot do, so
    with how to turn the device up). Returns the speech and the question (the reprompt)."""
    question = question_text(step, flow, bank, prompts, names)
    if how is Control.REPHRASE:
        rephrased = _rephrased(step, flow, bank, prompts)
        return Speech().say(prompts.say("checkin.rephrase.lead"), rephrased), rephrased
    if how is Control.WAIT:
        speech = Speech().say(prompts.say("checkin.wait")).pause(WAIT_SECONDS)
        return speech.say(prompts.say("checkin.after_wait"), question), question
    if how is Control.SLOW_DOWN:
        speech = Speech().say(prompts.say("checkin.slower"))
        if louder:
            speech.say(prompts.say("volume.hint"))
        return speech.say(question), question
    return Speech().say(question), question


def help_speech(
    flow: CheckInFlow, bank: QuestionBank, prompts: Prompts, names: Sequence[str] = ()
) -> tuple[Speech, str]:
    """Where the couple is and what they can say, then the current question again."""
    step = flow.step
    if step is None:
        raise ValueError("no help for a finished check-in")
    kind = step.kind if step.kind in (PARTNERS, RATING) else "answer"
    question = question_text(step, flow, bank, prompts, names)
    return Speech().say(prompts.say(f"checkin.help.{kind}"), question), question


def reflection(flow: CheckInFlow, prompts: Prompts, names: Sequence[str] = ()) -> str:
    """ "Tonight it was a four and a three": the evening's ratings in one sentence."""
    given = flow.signals().ratings
    # Who gave which rating, in turn order, for saying it by name.
    by = {r: p for p, r in enumerate(flow.ratings[: flow.partners]) if r is not None}
    if not given:
        return prompts.say("checkin.reflect.none")

    def word(rating: int) -> str:
        # As it was given: "four and a half" where a four and a half was kept as a five.
        partner = by[rating]
        if partner < len(flow.halves) and flow.halves[partner]:
            return spoken_number(rating - 0.5)
        return rating_word(rating)

    if len(given) == 1:
        name = _name(names, by[given[0]]) if flow.partners == 2 else None
        if name:
            return prompts.say("checkin.named.reflect.one_of_two", name=name, rating=word(given[0]))
        key = "checkin.reflect.one" if flow.partners == 1 else "checkin.reflect.one_of_two"
        return prompts.say(key, rating=word(given[0]))
    low, high = min(given), max(given)
    if high - low >= 2:
        low_name, high_name = _name(names, by[low]), _name(names, by[high])
        if low_name and high_name:
            return prompts.say(
                "checkin.named.reflect.apart",
                low=word(low),
                high=word(high),
                low_name=low_name,
                high_name=high_name,
            )
        return prompts.say("checkin.reflect.apart", low=word(low), high=word(high))
    if low == high:
        return prompts.say("checkin.reflect.together", rating=rating_word(low))
    # "A four and a three", in turn order: never averaged into "both about a four".
    first, second = given[0], given[1]
    first_name, second_name = _name(names, by[first]), _name(names, by[second])
    if first_name and second_name and first_name != second_name:
        return prompts.say(
            "checkin.named.reflect.pair",
            first_name=first_name,
            first=word(first),
            second_name=second_name,
            second=word(second),
        )
    return prompts.say("checkin.reflect.pair", first=word(first), second=word(second))


def streak_sentence(streak: Streak, progress: Progress, prompts: Prompts) -> str:
    """The streak after tonight, honest about a forgiven miss."""
    if streak.count <= 1 and progress is Progress.ANOTHER_TODAY:
        # A second check-in the same day (both of them, after one alone this morning): the day
        # counted already; no new streak starts.
        return prompts.say("checkin.streak.same_day")
    if streak.count <= 1:
        return prompts.say(
            "checkin.streak.first" if progress is Progress.STARTED else "checkin.streak.fresh"
        )
    missed = streak.forgiven_evening()
    if progress is Progress.FORGIVEN and missed is not None:
        return prompts.say("checkin.streak.forgiven", day=weekday(missed), count=streak.count)
    return prompts.say("checkin.streak.count", count=streak.count)


def closing_speech(
    flow: CheckInFlow,
    streak: tuple[Streak, Progress] | None,
    practice_name: str,
    rule: str,
    prompts: Prompts,
    names: Sequence[str] = (),
) -> tuple[Speech, str]:
    """The close: thanks, the reflection (nightly), the streak, and tonight's practice offered
    (its one-person form to someone on their own).

    ``streak`` is None when nothing was answered: such an evening does not count. After a
    fight (``flow.tension``) see :func:`tense_closing_speech` instead.
    """
    speech = Speech().say(_thanks(flow, prompts, names))
    if flow.kind != WEEKLY:
        speech.say(reflection(flow, prompts, names))
    if streak is not None:
        speech.say(streak_sentence(*streak, prompts))
    if flow.partners == 1:
        speech.say(
            prompts.say("practice.solo.offer", practice=practice_name),
            prompts.say("practice.solo.offer.question"),
        )
    else:
        speech.say(
            prompts.say(f"checkin.offer.{rule}", practice=practice_name),
            prompts.say("checkin.offer.question"),
        )
    return speech, prompts.say("checkin.offer.reprompt")


def tense_closing_speech(flow: CheckInFlow, prompts: Prompts) -> tuple[Speech, str]:
    """The close of an evening that spoke of a fight: calm thanks, no numbers said back, no
    streak celebrated; a pause is fine, and the repair conversation is offered."""
    question = prompts.say("fight.question")
    speech = Speech().say(prompts.say("checkin.close.tension"), prompts.say("fight.pause"))
    return speech.say(question), question


def quiet_closing_speech(prompts: Prompts) -> Speech:
    """The close of an evening that spoke of a fight, where an answer may also have spoken of
    crisis (the gentle word was said): thanks, and nothing more to do tonight. No numbers, no
    streak, no practice, and no repair talk, which is no help when one partner may be afraid
    of the other."""
    return Speech().say(prompts.say("checkin.close.quiet"))


def _thanks(flow: CheckInFlow, prompts: Prompts, names: Sequence[str]) -> str:
    close = f"{'weekly.' if flow.kind == WEEKLY else ''}close.{_people(flow)}"
    if flow.partners == 2 and len(names) == 2:
        return prompts.say(f"checkin.named.{close}", names=names_phrase(names))
    return prompts.say(f"checkin.{close}")
