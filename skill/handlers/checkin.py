"""The nightly and weekly check-in: starting, each step, stopping, resuming, and care.

Mid-dialog the check-in lives in the session (mode ``checkin``); the store is
read when it starts (partner count, recent questions, an unfinished check-in
to pick up) and written once when it closes, or when the couple stops or
walks away half-way, so what they answered is kept and can be resumed later
the same evening. These handlers only translate requests into flow events and
replies into speech; the logic is in :mod:`skill.conversation.checkin`.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import is_intent_name, is_request_type
from ask_sdk_model import Response

from skill.content.care import CareLines, care_lines
from skill.content.practices import practice_library
from skill.content.questions import QuestionBank, question_bank
from skill.conversation import checkin_changes
from skill.conversation.care import (
    Crisis,
    asks_about_the_app,
    asks_again_for_help_lines,
    calls_it_a_false_alarm,
    hears_crisis,
    without_asking_for_help_lines,
    without_the_false_alarm,
)
from skill.conversation.checkin import (
    KINDS,
    NIGHTLY,
    RATING,
    WEEKLY,
    Answer,
    Back,
    CheckInFlow,
    Decline,
    Event,
    Partners,
    Rating,
    Reply,
    Skip,
    Unclear,
)
from skill.conversation.checkin_changes import (
    CheckInRecorded,
    PracticeDeclined,
    PracticeTaken,
    QuestionsAsked,
    RatingCorrected,
    ResumeDeclined,
)
from skill.conversation.checkin_speech import (
    again_speech,
    closing_speech,
    help_speech,
    quiet_closing_speech,
    reply_speech,
    tense_closing_speech,
)
from skill.conversation.dialog import (
    IDLE,
    CheckingIn,
    CheckInOffer,
    InCare,
    Offering,
    PracticeOffer,
    RepairOffer,
    ResumeOffer,
    StartCheckInOffer,
    UpdateCheckInOffer,
)
from skill.conversation.evening import PartOfDay, part_of_day
from skill.conversation.names import partner_names
from skill.conversation.recommend import recommend, resting
from skill.conversation.rotation import choose_questions
from skill.conversation.spoken import rating_word
from skill.conversation.streak import Progress, describe
from skill.conversation.understanding import (
    Control,
    RatingFix,
    read_partners,
    read_rating,
    read_reply,
    says_not_now,
)
from skill.conversation.understanding import Reply as YesOrNo
from skill.conversation.voices import speaker_index, turn_names
from skill.handlers import names
from skill.handlers.core import FallbackHandler, declined, farewell, then_the_open_question
from skill.handlers.offers import Offers
from skill.handlers.slots import intent_in, intent_name, slot_value
from skill.handlers.voices import ask_who_before_checkin
from skill.household.model import CheckInEntry, PracticeOffered, Profile
from skill.request import locale_of, request_id_of, session_id_of, slots_of, timestamp_of
from skill.speech import Speech
from skill.storage.base import StoreError
from skill.turn import (
    CARE_GIVEN,
    HELP_CARD_TITLE,
    NO_CARDS,
    Turn,
    ask,
    cards_sent,
    current_turn,
    tell,
)

logger = logging.getLogger(__name__)

#: A household hears what it can say at any step (skip, go back, stop) on this many
#: check-ins; after that, only when it asks for help.
INSTRUCTED_CHECKINS = 3

START_INTENTS = {"StartCheckInIntent": NIGHTLY, "WeeklyCheckInIntent": WEEKLY}
#: Intents that mean something at a check-in step (everything else leaves the check-in).
STEP_INTENTS = frozenset(
    {
        "RatingIntent",
        "AnswerIntent",
        "SkipIntent",
        "PartnersIntent",
        "PracticeIntent",
        "AMAZON.NextIntent",
        "AMAZON.PreviousIntent",
        "AMAZON.YesIntent",
        "AMAZON.NoIntent",
        "AMAZON.FallbackIntent",
        "AMAZON.HelpIntent",
        # Feedback phrases ("we loved it") are answers here, though Alexa gives no words.
        "DateLoveIntent",
        "DateDislikeIntent",
        *START_INTENTS,
    }
)
PARTNER_COUNTS = {"solo": 1, "both": 2}
#: Session attribute: where a check-in last waited ("hold on"), so "ok back" said next is heard
#: as being back, not as "go back".
WAITED = "waited"
#: Session attribute: a fight was told this session (set when it is met), so a check-in begun
#: after it closes calmly, whatever the numbers.
FOUGHT = "fought"
#: Intents that name a crisis outright, anywhere in the skill.
CRISIS_INTENTS = {"SelfHarmIntent": Crisis.SELF_HARM, "UnsafeAtHomeIntent": Crisis.VIOLENCE}
#: The check-in's answer intents, which mean nothing outside a check-in.
ANSWER_INTENTS = frozenset({"RatingIntent", "AnswerIntent", "SkipIntent", "PartnersIntent"})


def _bank(turn: Turn) -> QuestionBank:
    return question_bank(turn.settings.locale)


def _new_id(handler_input: HandlerInput) -> str:
    """An id for a new check-in: unique per request, so devices and replays never collide."""
    seed = (
        f"{session_id_of(handler_input)}|{request_id_of(handler_input)}"
        f"|{timestamp_of(handler_input).isoformat()}"
    )
    return hashlib.sha256(seed.encode()).hexdigest()[:12]


# --- starting, continuing, closing --------------------------------------------------------


def start_checkin(
    handler_input: HandlerInput,
    kind: str = NIGHTLY,
    again: str | None = None,
    partners: int = 0,
    rating: int | None = None,
) -> Response:
    """Begin tonight's check-in of ``kind``, or pick up tonight's unfinished one of that kind.

    A voice not met before is asked who it is first, so the speaker can go first. When
    tonight's check-in of ``kind`` is already done, the couple is asked whether to do it
    again; ``again`` is their yes (the id of the one done), and the new one takes its place
    once it is finished itself (see :class:`CheckInRecorded`). ``partners`` is who is here
    when it was said with the request ("just me tonight"); the question is then not asked.
    Two first names given with the request count as both being here.
    ``rating`` is a number said before it began ("four", at the menu): the first rating when
    who is here is known, so the first question is not asked again.
    """
    turn = current_turn(handler_input)
    household = turn.household.household
    if not partners and turn.named_here >= 2:
        partners = 2  # "we're Zoe and Marcus… check in": two names, both are here
    who = ask_who_before_checkin(handler_input, kind)
    if who is not None:
        return who
    night = turn.tonight()
    waiting = checkin_changes.resumable(household, night.isoformat())
    if waiting is not None:
        flow = _resumable_flow(waiting[1])
        if flow is not None and flow.kind == kind:
            return _resume(handler_input, flow)
    questions = []
    if kind == NIGHTLY:
        recent = household.profile.recent_questions
        questions = choose_questions(_bank(turn), recent, night, 2, turn.rng)
    done = checkin_changes.completed_tonight(household, night.isoformat(), kind)
    # Only someone on their own checked in today (Kim, after a night shift, at half past seven
    # in the morning), and now not only them: a check-in of its own, kept beside that one (the
    # day counts once for the streak), with who is here asked unless it was said. Not said, it
    # is so only for a couple who have checked in together before: someone who always checks in
    # alone, asking again, is most likely doing today's again (and is offered that).
    together = partners == 2 or (not partners and household.profile.checkin_partners >= 2)
    beside = (
        done is not None
        and again is None
        and together
        and checkin_changes.only_alone(household, night.isoformat(), kind)
    )
    if done is not None and again is None and not beside:
        return _offer_update(handler_input, kind, done)
    # Someone alone earlier this evening ("just me tonight") is still alone, unless they say.
    alone = household.profile.alone_on == night.isoformat() and not beside
    usual = 0 if beside else household.profile.checkin_partners
    flow, reply = CheckInFlow.begin(
        _new_id(handler_input),
        night.isoformat(),
        kind,
        partners or (1 if alone else usual),
        [q.id for q in questions],
        [q.asks_what_is_on_your_mind for q in questions],
        speaker=speaker_index(household.profile, turn.person_id),
        keep=household.profile.keep_answers,
    )
    flow.replaces = again or ""
    # A fight told earlier this session ("we just had a massive fight"): the close stays calm.
    flow.tension = turn.session.get(FOUGHT) is True
    instructions = checkin_changes.evenings_checked_in(household) < INSTRUCTED_CHECKINS
    step = flow.step
    if rating is not None and step is not None and step.kind == RATING:
        reply = flow.handle(Rating(rating))
        instructions = False
    # "Just me tonight", said with the yes: heard, before the check-in begins.
    lead = "checkin.partners.one" if partners == 1 and flow.partners == 1 else None
    if beside:
        lead = "checkin.alone_earlier"
    return _continue(
        handler_input,
        flow,
        reply,
        partner_names(household.profile),
        instructions=instructions,
        lead=lead,
    )


def _offer_update(handler_input: HandlerInput, kind: str, done: str) -> Response:
    """A second check-in the same evening: say so, and offer to do it again in its place."""
    turn = current_turn(handler_input)
    question = turn.prompts.say("checkin.already_tonight.question")
    turn.set_state(Offering(UpdateCheckInOffer(kind=kind, checkin=done)))
    return ask(
        handler_input, Speech().say(turn.prompts.say("checkin.already_tonight"), question), question
    )


def back_after_closing(handler_input: HandlerInput, offer: PracticeOffer) -> Response:
    """ "Go back, I want to change mine" once the check-in has closed and its practice is
    offered: the check-in is finished, so the offer to do it again in its place (a no keeps it
    as it was), never the practice."""
    turn = current_turn(handler_input)
    kind = NIGHTLY
    try:
        entry = turn.household.household.entries(offer.night or "").get(offer.checkin or "")
    except StoreError:
        entry = None
    if entry is not None and entry.kind in KINDS:
        kind = entry.kind
    question = turn.prompts.say("checkin.already_tonight.question")
    turn.set_state(Offering(UpdateCheckInOffer(kind=kind, checkin=offer.checkin or "")))
    said = Speech().say(turn.prompts.say("back.checkin_done"), question)
    return ask(handler_input, said, question)


def fix_closed_rating(handler_input: HandlerInput, fix: RatingFix) -> Response | None:
    """ "No that's wrong, neither of us is a one. can you change hers to a four", said once
    tonight's check-in has closed: the rating is changed when it is plain which one and to
    what, else it is said plainly that the numbers were kept as said. The question that was
    open is asked again. None when no check-in closed tonight."""
    turn = current_turn(handler_input)
    state = turn.state
    offer = state.offer if isinstance(state, Offering) else None
    household = turn.household.household
    if isinstance(offer, PracticeOffer) and offer.checkin and offer.night:
        night, checkin_id = offer.night, offer.checkin
    else:
        night = turn.tonight().isoformat()
        done = checkin_changes.completed_tonight(household, night, NIGHTLY)
        if done is None:
            return None
        checkin_id = done
    entry = household.entries(night).get(checkin_id)
    if entry is None:
        return None
    partner = checkin_changes.rating_to_fix(entry, fix.wrong) if fix.right is not None else None
    if partner is not None and fix.right is not None:
        turn.household.apply(
            RatingCorrected(night=night, id=checkin_id, partner=partner, rating=fix.right)
        )
        said = turn.prompts.say("checkin.rating.fixed", rating=rating_word(fix.right))
    else:
        said = turn.prompts.say("checkin.rating.kept")
    if isinstance(offer, PracticeOffer) and offer.checkin:
        question = turn.prompts.say("checkin.offer.reprompt")
    else:
        turn.set_state(IDLE)
        question = turn.prompts.say("reprompt.idle")
    return ask(handler_input, Speech().say(said, question), question)


def accept_update_offer(handler_input: HandlerInput, offer: UpdateCheckInOffer) -> Response:
    """Yes to checking in again tonight: a new check-in that takes the finished one's place."""
    kind = offer.kind if offer.kind in KINDS else NIGHTLY
    return start_checkin(handler_input, kind, again=offer.checkin)


def decline_update_offer(handler_input: HandlerInput, offer: UpdateCheckInOffer) -> Response:
    """No: tonight's check-in stays as it was."""
    turn = current_turn(handler_input)
    turn.set_state(IDLE)
    question = turn.prompts.say("reprompt.idle")
    return ask(
        handler_input,
        Speech().say(turn.prompts.say("checkin.already_tonight.kept"), question),
        question,
    )


def _resumable_flow(entry: CheckInEntry) -> CheckInFlow | None:
    """The unfinished check-in kept in ``entry``, or None when there is none (or it is unusable)."""
    if entry.resume is None:
        return None
    try:
        return CheckInFlow.from_dict(entry.resume)
    except (ValueError, TypeError, KeyError):
        logger.warning("an unfinished check-in could not be read back; starting afresh")
        return None


def _resume(handler_input: HandlerInput, flow: CheckInFlow) -> Response:
    profile = current_turn(handler_input).household.household.profile
    # The journal may have been switched since the check-in began: tonight's setting counts.
    flow.keep = profile.keep_answers
    if not flow.keep:
        flow.answers = {}
    return _continue(handler_input, flow, flow.resume(), partner_names(profile))


def _continue(
    handler_input: HandlerInput,
    flow: CheckInFlow,
    reply: Reply,
    names: Sequence[str],
    instructions: bool = False,
    lead: str | None = None,
) -> Response:
    """Say ``reply`` and carry the check-in on; ``names`` are the household's, carried along;
    ``instructions`` says what can be said at any step (a household's first check-ins);
    ``lead`` names a prompt said first."""
    turn = current_turn(handler_input)
    in_turn = turn_names(names, flow.speaker, flow.partners)
    said = reply_speech(reply, flow, _bank(turn), turn.prompts, in_turn, instructions)
    if lead is not None:
        said = replace(said, speech=Speech().say(turn.prompts.say(lead)).extend(said.speech))
    if said.question is None:
        return _close(handler_input, flow, said.speech, in_turn)
    turn.set_state(CheckingIn(flow, tuple(names)))
    return ask(handler_input, said.speech, said.question)


def _close(
    handler_input: HandlerInput, flow: CheckInFlow, speech: Speech, names: Sequence[str]
) -> Response:
    """Record the check-in, say how it went and the streak, and offer tonight's practice.

    When the household cannot be read (the store is down), the check-in still
    closes: its entry waits in the session for a later save (the couple hears
    that it could not be saved yet), the practice is chosen without the
    history, and the streak is left unsaid rather than guessed.
    """
    turn = current_turn(handler_input)
    try:
        profile: Profile | None = turn.household.household.profile
    except StoreError:
        profile = None
    library = practice_library(turn.settings.locale)
    heard = profile.heard_practices if profile is not None else []
    declines = profile.practice_declines if profile is not None else {}
    rest = resting(declines, date.fromisoformat(flow.night))
    choice = recommend(flow.signals(), heard, library, rest)
    practice = library.practice(choice.practice_id)
    alone = flow.partners == 1
    entry = flow.record()
    if not flow.tension:
        entry.practice = PracticeOffered(practice.id)
    streak = None
    if profile is None:
        _record(turn, flow, entry)
    else:
        before = checkin_changes.profile_streak(profile)
        counted = checkin_changes.counted_before(turn.household.household, flow.night, flow.id)
        _record(turn, flow, entry)
        if flow.answered_anything:
            # The streak was advanced by the recorded change, its only rule: read it back.
            after = checkin_changes.profile_streak(profile)
            progress = describe(before, after)
            if progress is Progress.SAME_EVENING and counted:
                progress = Progress.ANOTHER_TODAY
            streak = (after, progress)
    if flow.tension and flow.heavy:
        # A fight, and an answer that may speak of fear at home: no repair talk, no numbers.
        turn.set_state(IDLE)
        return tell(handler_input, speech.extend(quiet_closing_speech(turn.prompts)))
    if flow.tension:
        closing, question = tense_closing_speech(flow, turn.prompts)
        turn.set_state(Offering(RepairOffer()))
        return ask(handler_input, speech.extend(closing), question)
    # After a gentle word (an answer the second ear heard, below its care threshold, which errs
    # on about one ordinary line in a hundred) the evening goes on as it would have: the
    # ordinary wrap-up and tonight's practice, only with no streak celebrated.
    closing, question = closing_speech(
        flow, None if flow.heavy else streak, practice.name, choice.rule, turn.prompts, names
    )
    offer = PracticeOffer(practice=practice.id, checkin=flow.id, night=flow.night, alone=alone)
    turn.set_state(Offering(offer))
    return ask(handler_input, speech.extend(closing), question)


def decline_practice_offer(handler_input: HandlerInput, offer: PracticeOffer) -> Response:
    """No to the practice that closed a check-in: it rests for a while, and the evening ends
    warmly, with no menu. "Not tonight" is not a no to the practice: it is kept for another
    evening, and the evening ends as warmly. Other practice offers get the usual word."""
    turn = current_turn(handler_input)
    if offer.practice is None or offer.night is None or offer.checkin is None:
        return declined(handler_input)
    turn.set_state(IDLE)
    words = _answer_text(handler_input)
    if words and (read_reply(words, turn.vocabulary) is YesOrNo.NOT_TONIGHT or says_not_now(words)):
        return tell(handler_input, turn.prompts.say("checkin.not_tonight"))
    turn.household.apply(PracticeDeclined(night=offer.night, practice=offer.practice))
    evening = part_of_day(turn.local_now()) is PartOfDay.EVENING
    close = turn.prompts.say("checkin.closed_for_tonight") if evening else farewell(turn)
    return tell(handler_input, Speech().say(turn.prompts.say("practice.declined.rest"), close))


def _record(turn: Turn, flow: CheckInFlow, entry: CheckInEntry) -> None:
    entry.at = turn.now.isoformat()
    turn.household.apply(
        CheckInRecorded(night=flow.night, id=flow.id, entry=entry, replaces=flow.replaces)
    )


def _keep_partial(turn: Turn, flow: CheckInFlow) -> bool:
    """Keep what an interrupted check-in gathered; True when there was something to keep."""
    if not flow.answered_anything:
        return False
    already = any(
        isinstance(change, CheckInRecorded) and change.id == flow.id
        for change in turn.household.changes
    )
    if not already:
        _record(turn, flow, flow.record())
    return True


def keep_what_was_said(turn: Turn, left: CheckingIn) -> None:
    """The check-in was left half-way by any route: keep what was answered, to resume later.

    Asking for something else ("suggest a date night") keeps the answers too;
    words of crisis do not: nothing of that check-in is kept.
    """
    if not isinstance(turn.state, InCare):
        _keep_partial(turn, left.flow)
        return
    # Only which questions were put (so they rest as any asked question does, and the one
    # that came before the words is not asked again tomorrow), and whether someone was alone.
    flow = left.flow
    turn.household.apply(
        QuestionsAsked(
            night=flow.night, questions=tuple(flow.asked_questions()), partners=flow.partners
        )
    )


def accept_checkin_offer(handler_input: HandlerInput, offer: CheckInOffer) -> Response:
    """Yes to tonight's check-in."""
    return start_checkin(handler_input, NIGHTLY)


def accept_resume_offer(handler_input: HandlerInput, offer: ResumeOffer) -> Response:
    """Yes to picking up tonight's unfinished check-in."""
    turn = current_turn(handler_input)
    entry = turn.household.household.entries(offer.night).get(offer.checkin)
    flow = _resumable_flow(entry) if entry is not None else None
    if flow is None:
        # Finished on another device meanwhile: start a fresh one instead.
        return start_checkin(handler_input, NIGHTLY)
    return _resume(handler_input, flow)


def accept_start_offer(handler_input: HandlerInput, offer: StartCheckInOffer) -> Response:
    """After "who's this?": the check-in that was about to start."""
    return start_checkin(handler_input, offer.kind if offer.kind in KINDS else NIGHTLY)


def decline_start_offer(handler_input: HandlerInput, offer: StartCheckInOffer) -> Response:
    """No to the check-in offered again after care was let drop: a warm goodnight, not the
    menu. Any other no to a check-in about to start gets the usual word."""
    if not offer.after_care:
        return declined(handler_input)
    turn = current_turn(handler_input)
    turn.set_state(IDLE)
    return tell(handler_input, turn.prompts.say("care.goodbye"))


# --- care -----------------------------------------------------------------------------------


def _answer_text(handler_input: HandlerInput) -> str | None:
    slot = slot_value(handler_input, "answer")
    return slot.spoken if slot else None


def _care_lines(handler_input: HandlerInput) -> CareLines:
    """Where to find help, for the country the request comes from."""
    turn = current_turn(handler_input)
    return care_lines(turn.settings.locale, locale_of(handler_input, turn.settings.locale))


def care_for(handler_input: HandlerInput, crisis: Crisis) -> Response:
    """Stop whatever was going on and answer with care and where to find real help (also when
    asked for after the gentle word)."""
    turn = current_turn(handler_input)
    lines = _care_lines(handler_input)
    question = turn.prompts.say("care.question")
    _in_care(turn, crisis)
    # No card for violence or abuse: the Alexa app is read by everyone on the account. Nor, for
    # the rest of the session, for anything else (:class:`skill.interceptors.QuietCards`).
    card = (HELP_CARD_TITLE, lines.card) if crisis is Crisis.SELF_HARM else None
    return ask(handler_input, Speech().say(lines.say(crisis.value), question), question, card=card)


def _in_care(turn: Turn, crisis: Crisis) -> None:
    """Into the care state for ``crisis``, keeping which check-in it stopped (offered again if
    the subject is let drop)."""
    state = turn.state
    stopped = state.flow.kind if isinstance(state, CheckingIn) else ""
    if isinstance(state, InCare):
        stopped = state.checkin
    turn.set_state(InCare(crisis, stopped))
    turn.session[CARE_GIVEN] = True
    if crisis is not Crisis.SELF_HARM:
        turn.session[NO_CARDS] = True


def about_the_app(handler_input: HandlerInput, crisis: Crisis | None) -> Response:
    """ "Does any of this show up in the Alexa app? he checks my phone", "will he see it. the
    card thing on the app. can you delete it": answered plainly, wherever it is asked. Whether
    a card went to the app in this session, and its title; that the skill cannot delete one;
    where it can be removed; and that no more cards go there in this session.

    While the numbers are offered, the same offer follows. With words of crisis said outside
    it ("he checks my phone"), where help is follows, as the care answer says it; else the
    question that was open.
    """
    turn = current_turn(handler_input)
    turn.session[NO_CARDS] = True
    prompts = turn.prompts
    titles = cards_sent(turn.session)
    said = Speech()
    if len(titles) == 1:
        said.say(prompts.say("care.app.sent", title=titles[0]))
    elif titles:
        said.say(prompts.say("care.app.sent_many", titles=", ".join(titles)))
    else:
        said.say(prompts.say("care.app.none"))
    said.say(prompts.say("care.app.delete"), prompts.say("care.app.no_more"))
    state = turn.state
    if isinstance(state, InCare) and crisis in (None, state.crisis):
        crisis = state.crisis  # the numbers were just offered: the offer stands
    elif crisis is not None:
        said.say(_care_lines(handler_input).say(crisis.value))
    if crisis is None:
        return then_the_open_question(handler_input, said)
    _in_care(turn, crisis)
    question = prompts.say("care.question")
    return ask(handler_input, said.say(question), question)


def asks_about_the_app_in(handler_input: HandlerInput) -> bool:
    """Whether any words the request carries ask whether anything shows in the Alexa app."""
    return any(
        slot.value and asks_about_the_app(slot.value) for slot in slots_of(handler_input).values()
    )


def _crisis(handler_input: HandlerInput) -> Crisis | None:
    """The crisis a request speaks of: a crisis intent, or words of crisis in any of its slots,
    whatever the intent (a disclosure can reach the skill through any catch-all)."""
    name = intent_name(handler_input)
    if name in CRISIS_INTENTS:
        return CRISIS_INTENTS[name]
    content_locale = current_turn(handler_input).settings.locale
    for slot in slots_of(handler_input).values():
        value = slot.value
        if value and calls_it_a_false_alarm(value):
            # "Last night it gave us some hotline thing? we were just joking": what is said
            # besides, heard on its own (:func:`skill.handlers.heard.hear` answers the rest).
            value = without_the_false_alarm(value)
        if value and asks_again_for_help_lines(value):
            # "What's that hotline again?": the help lines asked for (said where the words are
            # heard), unless more is said with it.
            value = without_asking_for_help_lines(value)
        crisis = hears_crisis(value, content_locale)
        if crisis is not None:
            return crisis
    return None


class CareHandler(AbstractRequestHandler):
    """Words of crisis, anywhere: said outright, or in an answer that speaks of harm or abuse."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return _crisis(handler_input) is not None

    def handle(self, handler_input: HandlerInput) -> Response:
        crisis = _crisis(handler_input)
        if crisis is None:
            raise ValueError("CareHandler called without a crisis")
        if asks_about_the_app_in(handler_input):
            # "Does any of this show up in the alexa app? he checks my phone": the question
            # answered first, then where help is.
            return about_the_app(handler_input, crisis)
        return care_for(handler_input, crisis)


class CareFollowUpHandler(AbstractRequestHandler):
    """After a care answer: "yes" says the numbers again; no, stop or cancel closes gently."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return isinstance(current_turn(handler_input).state, InCare) and intent_in(
            handler_input,
            (
                "AMAZON.YesIntent",
                "AMAZON.NoIntent",
                "AMAZON.StopIntent",
                "AMAZON.CancelIntent",
            ),
        )

    def handle(self, handler_input: HandlerInput) -> Response:
        yes = is_intent_name("AMAZON.YesIntent")(handler_input)
        return after_care(handler_input, YesOrNo.YES if yes else YesOrNo.NO)


def care_line_explained(handler_input: HandlerInput, state: InCare) -> Response:
    """ "Is this call free?", "those lines are for women": it is free, private and for
    anyone, then the numbers again, and the same question."""
    return _care_again(handler_input, state, "care.about_the_line")


def care_unsure(handler_input: HandlerInput, state: InCare) -> Response:
    """ "I just don't know what to do": nothing has to be decided tonight, the line can help
    think it through, and the same question (the numbers again?); the session stays open."""
    turn = current_turn(handler_input)
    question = turn.prompts.say("care.question")
    turn.set_state(state)
    speech = Speech().say(turn.prompts.say("care.unsure"), question)
    return ask(handler_input, speech, question)


def care_again(handler_input: HandlerInput, state: InCare) -> Response:
    """ "No, I mean permanently": said more, so heard, and where help is once more, with the
    same question; never the goodbye a plain "no" gets."""
    return _care_again(handler_input, state, "care.heard_more")


def _care_again(handler_input: HandlerInput, state: InCare, lead: str) -> Response:
    turn = current_turn(handler_input)
    lines = _care_lines(handler_input)
    question = turn.prompts.say("care.question")
    turn.set_state(state)
    speech = Speech().say(turn.prompts.say(lead), lines.say(state.crisis.value))
    return ask(handler_input, speech.say(question), question)


def let_it_be(handler_input: HandlerInput, state: InCare) -> Response:
    """ "Never mind, forget I said anything", "no, I'm fine, I didn't mean it like that": the
    subject is let drop gently (nothing of it is kept; the line is there whenever needed), and
    the evening stays open: the check-in the words stopped is offered again, from the start,
    else anything else they would like."""
    turn = current_turn(handler_input)
    return _let_drop(handler_input, state, Speech().say(turn.prompts.say("care.let_it_be")))


def minimised(handler_input: HandlerInput, state: InCare) -> Response:
    """ "No, it's not like that. he's not violent or anything. I shouldn't have said it": never
    a goodbye. Nothing was wrong in saying it; after violence or control, that line is for
    control too, not only for someone getting hurt, and there whenever wanted; the evening
    stays open, as when the subject is let drop."""
    turn = current_turn(handler_input)
    kind = "self_harm" if state.crisis is Crisis.SELF_HARM else "control"
    said = Speech().say(
        turn.prompts.say("care.minimised"), turn.prompts.say(f"care.minimised.{kind}")
    )
    return _let_drop(handler_input, state, said)


def _let_drop(handler_input: HandlerInput, state: InCare, said: Speech) -> Response:
    """``said``, then the check-in the words stopped offered again, from the start, else
    whether there is anything else tonight."""
    turn = current_turn(handler_input)
    if state.checkin in KINDS:
        # Nothing of the check-in was kept, so it is offered as what it is: a fresh start.
        turn.set_state(Offering(StartCheckInOffer(kind=state.checkin, after_care=True)))
        # After words of self-harm, the check-in is offered softly, with leaving it as easy.
        soft = state.crisis is Crisis.SELF_HARM
        question = turn.prompts.say("care.start_again.softly" if soft else "care.start_again")
    else:
        turn.set_state(IDLE)
        question = turn.prompts.say("care.numbers.question")
    return ask(handler_input, said.say(question), question)


def after_care(handler_input: HandlerInput, reply: YesOrNo | None) -> Response:
    """After a care answer: "yes" says where to find help again; "no" closes gently; anything
    unclear ("I don't know") closes gently too, with where to find help said once more."""
    turn = current_turn(handler_input)
    state = turn.state
    if reply is YesOrNo.YES and isinstance(state, InCare):
        return care_for(handler_input, state.crisis)
    turn.set_state(IDLE)
    goodbye = Speech()
    if reply is None and isinstance(state, InCare):
        lines = _care_lines(handler_input)
        goodbye.say(turn.prompts.say("care.once_more"), lines.say(state.crisis.value))
    return tell(handler_input, goodbye.say(turn.prompts.say("care.goodbye")))


# --- the check-in's own handlers ----------------------------------------------------------------


class StartCheckInHandler(AbstractRequestHandler):
    """ "Start a check-in", "start our weekly check-in"."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return intent_name(handler_input) in START_INTENTS

    def handle(self, handler_input: HandlerInput) -> Response:
        return start_checkin(handler_input, START_INTENTS[str(intent_name(handler_input))])


def _event(handler_input: HandlerInput, flow: CheckInFlow) -> Event:
    """The flow event an intent means at the current step."""
    turn = current_turn(handler_input)
    name = intent_name(handler_input)
    if name == "RatingIntent":
        slot = slot_value(handler_input, "rating")
        heard = read_rating(slot.spoken, turn.vocabulary) if slot else None
        return Rating(heard.value if heard else None, heard.said if heard else None)
    if name == "AnswerIntent":
        text = _answer_text(handler_input)
        return flow.event_from_words(text, turn.vocabulary) if text else Unclear()
    if name == "PracticeIntent":
        # A topic ("trust") at an open question is an answer, not a request for a practice.
        topic = slot_value(handler_input, "topic")
        return Answer(topic.spoken) if topic else Unclear()
    if name == "PartnersIntent":
        slot = slot_value(handler_input, "partners")
        count = PARTNER_COUNTS.get(slot.id or "") if slot else None
        if count is None and slot is not None:
            count = read_partners(slot.spoken, turn.vocabulary)
        return Partners(count) if count else Unclear()
    if name in ("SkipIntent", "AMAZON.NextIntent"):
        return Skip()
    if name == "AMAZON.PreviousIntent":
        return Back()
    if name == "AMAZON.NoIntent":
        return Decline()
    return Unclear()


def take_step(handler_input: HandlerInput, state: CheckingIn, event: Event) -> Response:
    """Move the check-in on by ``event`` and say what comes next."""
    flow = state.flow
    return _continue(handler_input, flow, flow.handle(event), state.names)


def ask_again(
    handler_input: HandlerInput,
    state: CheckingIn,
    how: Control,
    lead: str | None = None,
    louder: bool = False,
) -> Response:
    """The current question again: as it was, another way, after a pause, or more slowly
    (``louder``: asked to speak up, with how to turn the device up); ``lead`` names a prompt
    said first."""
    turn = current_turn(handler_input)
    flow = state.flow
    step = flow.step
    if step is None:
        raise ValueError("no question to ask again in a finished check-in")
    in_turn = turn_names(state.names, flow.speaker, flow.partners)
    speech, question = again_speech(
        step, flow, _bank(turn), turn.prompts, in_turn, how, louder=louder
    )
    if how is Control.WAIT:
        turn.session[WAITED] = waiting_at(flow)
    turn.set_state(state)
    if lead is not None:
        speech = Speech().say(turn.prompts.say(lead)).extend(speech)
    return ask(handler_input, speech, question)


def waiting_at(flow: CheckInFlow) -> str:
    """Where ``flow`` is now, as :data:`WAITED` keeps it: this check-in, this step."""
    step = flow.step
    return f"{flow.id}:{step.key if step is not None else ''}"


def thanked(handler_input: HandlerInput, state: CheckingIn) -> Response:
    """ "Thanks for that" in the middle of a check-in: a short word back, then the same question."""
    return ask_again(handler_input, state, Control.REPEAT_QUESTION, lead="checkin.thanked")


def reluctant(handler_input: HandlerInput, state: CheckingIn) -> Response:
    """ "Honestly this is stupid" at an open question: not taken as the answer. A gentle word
    (it can feel odd; skipping is fine), then the same question."""
    return ask_again(handler_input, state, Control.REPEAT_QUESTION, lead="checkin.reluctant")


def nothing_to_save(handler_input: HandlerInput, state: CheckingIn) -> Response:
    """ "Perfect. save that one" at an open question, with nothing on the table to save: not
    taken as the answer. A word that there is nothing to save, then the same question."""
    return ask_again(handler_input, state, Control.REPEAT_QUESTION, lead="checkin.nothing_to_save")


def back_from_waiting(handler_input: HandlerInput, state: CheckingIn) -> Response:
    """ "Ok, we're back" after "hold on": welcomed back, and the question they were at."""
    return ask_again(handler_input, state, Control.REPEAT_QUESTION, lead="checkin.welcome_back")


def carry_on(handler_input: HandlerInput, state: CheckingIn) -> Response:
    """A check-in asked for while one is under way: this one goes on where it is."""
    return _continue(handler_input, state.flow, state.flow.resume(), state.names)


def names_given(handler_input: HandlerInput, state: CheckingIn, spoken: Sequence[str]) -> Response:
    """ "I'm Dana and he's Marc" in the middle of a check-in: the names are kept, and the
    check-in carries on where it was, by name."""
    turn = current_turn(handler_input)
    kept = names.keep_names(turn, spoken)
    if kept is None:
        return ask_again(handler_input, state, Control.REPEAT_QUESTION)
    state = replace(state, names=tuple(kept[0]))
    in_turn = turn_names(state.names, state.flow.speaker, state.flow.partners)
    step = state.flow.step
    if step is None:
        raise ValueError("no question to carry on with in a finished check-in")
    speech, question = again_speech(
        step, state.flow, _bank(turn), turn.prompts, in_turn, Control.REPEAT_QUESTION
    )
    turn.set_state(state)
    return ask(handler_input, Speech().say(kept[1]).extend(speech), question)


def goes_first(handler_input: HandlerInput, state: CheckingIn) -> Response:
    """ "Joe first", said when the other was asked for a number: Joe is asked it, by name,
    and the turns go on from there."""
    turn = current_turn(handler_input)
    flow = state.flow
    step = flow.step
    in_turn = turn_names(state.names, flow.speaker, flow.partners)
    if step is None or not in_turn:
        raise ValueError("no one to ask first in a finished or unnamed check-in")
    speech, question = again_speech(
        step, flow, _bank(turn), turn.prompts, in_turn, Control.REPEAT_QUESTION
    )
    turn.set_state(state)
    lead = turn.prompts.say("checkin.named.goes_first", name=in_turn[0])
    return ask(handler_input, Speech().say(lead).extend(speech), question)


def check_in_help(handler_input: HandlerInput, state: CheckingIn) -> Response:
    """Where the couple is and what they can say, then the current question."""
    turn = current_turn(handler_input)
    flow = state.flow
    in_turn = turn_names(state.names, flow.speaker, flow.partners)
    speech, question = help_speech(flow, _bank(turn), turn.prompts, in_turn)
    return ask(handler_input, speech, question)


class CheckInStepHandler(AbstractRequestHandler):
    """Each answer, skip, go back, help and "what?" while a check-in is under way (by intent;
    words said in answer are read by :mod:`skill.handlers.heard`)."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return (
            isinstance(current_turn(handler_input).state, CheckingIn)
            and intent_name(handler_input) in STEP_INTENTS
        )

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = current_turn(handler_input)
        state = _checking_in(turn)
        name = intent_name(handler_input)
        if name == "AMAZON.HelpIntent":
            return check_in_help(handler_input, state)
        if name in START_INTENTS:
            return carry_on(handler_input, state)
        return take_step(handler_input, state, _event(handler_input, state.flow))


class CheckInThanksHandler(AbstractRequestHandler):
    """ "Thank you" while a check-in is under way: said back briefly, and the check-in goes on."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return isinstance(current_turn(handler_input).state, CheckingIn) and is_intent_name(
            "ThanksIntent"
        )(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        return thanked(handler_input, _checking_in(current_turn(handler_input)))


class StrayAnswerHandler(FallbackHandler):
    """A rating, an answer or "pass" outside a check-in: the usual fallback for where we are."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return (
            not isinstance(current_turn(handler_input).state, CheckingIn)
            and intent_name(handler_input) in ANSWER_INTENTS
        )


class CheckInStopHandler(AbstractRequestHandler):
    """Stop, cancel or "go home" mid-way: keep what was answered, to be picked up tonight."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return isinstance(current_turn(handler_input).state, CheckingIn) and intent_in(
            handler_input, ("AMAZON.StopIntent", "AMAZON.CancelIntent", "AMAZON.NavigateHomeIntent")
        )

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = current_turn(handler_input)
        home = is_intent_name("AMAZON.NavigateHomeIntent")(handler_input)
        return stop_checkin(handler_input, _checking_in(turn), going_home=home)


def stop_checkin(
    handler_input: HandlerInput, state: CheckingIn, going_home: bool = False
) -> Response:
    """Stop mid-way: keep what was answered, to be picked up later tonight."""
    turn = current_turn(handler_input)
    kept = _keep_partial(turn, state.flow)
    turn.set_state(IDLE)
    stopped = turn.prompts.say("checkin.stopped" if kept else "checkin.stopped_empty")
    if going_home:
        question = turn.prompts.say("reprompt.idle")
        return ask(handler_input, Speech().say(stopped, question), question)
    return tell(handler_input, Speech().say(stopped, farewell(turn)))


class CheckInSessionEndedHandler(AbstractRequestHandler):
    """The couple walked away mid-way (silence, or the session closed): keep what they said."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_request_type("SessionEndedRequest")(handler_input) and isinstance(
            current_turn(handler_input).state, CheckingIn
        )

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = current_turn(handler_input)
        _keep_partial(turn, _checking_in(turn).flow)
        return handler_input.response_builder.response


class CheckInOfferHandler(AbstractRequestHandler):
    """Yes to a check-in's practice (noted as taken); no to resuming (not offered again)."""

    def __init__(self, offers: Offers) -> None:
        self._offers = offers

    def can_handle(self, handler_input: HandlerInput) -> bool:
        state = current_turn(handler_input).state
        if not isinstance(state, Offering):
            return False
        offer = state.offer
        if isinstance(offer, PracticeOffer) and offer.checkin and offer.night:
            return is_intent_name("AMAZON.YesIntent")(handler_input)
        return isinstance(offer, ResumeOffer) and is_intent_name("AMAZON.NoIntent")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = current_turn(handler_input)
        state = turn.state
        if not isinstance(state, Offering):
            raise TypeError("CheckInOfferHandler needs an offer")
        offer = state.offer
        if isinstance(offer, PracticeOffer) and offer.checkin and offer.night:
            turn.household.apply(PracticeTaken(night=offer.night, id=offer.checkin))
            return self._offers.accept(handler_input, offer)
        if isinstance(offer, ResumeOffer):
            turn.household.apply(ResumeDeclined(night=offer.night, id=offer.checkin))
        turn.set_state(IDLE)
        question = turn.prompts.say("reprompt.idle")
        return ask(
            handler_input, Speech().say(turn.prompts.say("offer.declined"), question), question
        )


def _checking_in(turn: Turn) -> CheckingIn:
    if not isinstance(turn.state, CheckingIn):
        raise TypeError("this handler needs a check-in under way")
    return turn.state
