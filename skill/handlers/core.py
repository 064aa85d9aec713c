"""Alexa's built-in moments: the welcome, help, stop, fallback, home, repeat, session end.

Feature handlers that care about a dialog mode come earlier in the handler
list; these are the defaults when no feature claims the request.
"""

from __future__ import annotations

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import is_intent_name, is_request_type
from ask_sdk_model import Response

from skill.content.care import care_lines
from skill.conversation.checkin import NIGHTLY
from skill.conversation.checkin_changes import checked_in, completed_tonight
from skill.conversation.checkin_speech import WAIT_SECONDS
from skill.conversation.dialog import (
    IDLE,
    CheckingIn,
    CheckInOffer,
    Idle,
    InCare,
    Offering,
    PracticeOffer,
    ReadingPractice,
    RepairOffer,
)
from skill.conversation.evening import part_of_day
from skill.conversation.requests import SmallTalk
from skill.conversation.time_words import goodbye_key
from skill.conversation.welcome import welcome_kind, welcome_offer
from skill.handlers.names import names_invitation, welcome_greeting
from skill.handlers.offers import Offers
from skill.handlers.slots import intent_name
from skill.handlers.voices import ask_who_at_welcome
from skill.household.changes import Visit
from skill.request import locale_of, opens_a_session
from skill.screens.choose import HomeScreen
from skill.speech import Speech
from skill.storage.base import StoreError
from skill.turn import (
    CARE_GIVEN,
    GENTLE_WORD,
    HELP_CARD_TITLE,
    LAST_RESPONSE,
    MISSES,
    Turn,
    ask,
    ask_ssml,
    cards_sent,
    current_turn,
    tell,
)


class LaunchHandler(AbstractRequestHandler):
    """The welcome: different for a first visit, an evening, and a returning household."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_request_type("LaunchRequest")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = current_turn(handler_input)
        household = turn.household.household
        kind = welcome_kind(household, turn.local_now())
        # Phrasings go round across sessions too: this session picks up where the last left off.
        for key, said in household.profile.said_recently.items():
            turn.prompts.memory.setdefault(key, list(said))
        greeting = welcome_greeting(turn, kind)
        question = turn.prompts.say(f"welcome.{kind}.question")
        turn.household.apply(Visit(at=turn.now.isoformat()))
        offer = welcome_offer(kind, household, turn.local_now())
        turn.set_state(Offering(offer) if offer else IDLE)
        invitation = names_invitation(turn, kind)
        who = ask_who_at_welcome(handler_input, kind, greeting, question)
        if who is not None:
            return who
        turn.show(HomeScreen())
        return ask(handler_input, Speech().say(greeting, invitation, question), question)


def help_here(handler_input: HandlerInput) -> Response:
    """Help that fits where the couple is in the dialog; the dialog state is kept.

    With nothing pending, help explains the skill itself: what it is for and
    what to ask; it never says "say yes" when there is nothing to say yes to.
    """
    turn = current_turn(handler_input)
    mode = turn.mode if turn.prompts.has(f"help.{turn.mode}") else "idle"
    question = turn.prompts.say(f"reprompt.{mode}")
    key = f"help.{mode}"
    if mode == "care" and HELP_CARD_TITLE in cards_sent(turn.session):
        # Only where the card with the numbers was sent may help say they are in the app too.
        key = "help.care.card"
    return ask(handler_input, Speech().say(turn.prompts.say(key), question), question)


def farewell(turn: Turn) -> str:
    """A warm goodbye that fits the household's hour (goodnight only in the evening), said to
    one person when someone was on their own ("bye, you two" is for a couple)."""
    key = goodbye_key(part_of_day(turn.local_now()))
    return turn.prompts.say(f"{key}.alone" if _alone(turn) else key)


def _alone(turn: Turn) -> bool:
    """Whether the dialog this turn ends was with one partner on their own."""
    for state in (turn.state, turn.entry_state):
        if isinstance(state, CheckingIn):
            return state.flow.partners == 1
        if isinstance(state, ReadingPractice):
            return state.alone
        if isinstance(state, Offering) and isinstance(state.offer, PracticeOffer):
            return state.offer.alone
    return False


def goodbye(handler_input: HandlerInput) -> Response:
    """End the session warmly."""
    turn = current_turn(handler_input)
    turn.set_state()
    return tell(handler_input, farewell(turn))


def quiet_exit(handler_input: HandlerInput) -> Response:
    """ "What if he hears?", "shh, he's coming", after a disclosure: a short, neutral goodbye,
    and nothing said again out loud. Domestic-abuse services advise a quick, plain exit when
    the person may be overheard."""
    turn = current_turn(handler_input)
    turn.set_state()
    return tell(handler_input, turn.prompts.say("quiet.exit"))


#: The third line in a row not understood: instead of the choices once more, one simple step,
#: a yes away ("shall we start a check-in, yes or no?"); a yes or a no is easy to say.
MISSES_BEFORE_A_SIMPLE_STEP = 3
#: Misunderstood this many times in a row (the simple step missed too), the skill says goodbye
#: rather than go round again; never on a line that was plainly heartfelt.
MISSES_BEFORE_GOODBYE = 4


def not_understood(handler_input: HandlerInput, *, heartfelt: bool = False) -> Response:
    """Say kindly that the skill did not follow, and steer back to what it can do.

    Twice in a row, it says plainly what can be said here (the help of this point of the
    dialog); a third time, it offers one simple step a yes away (:func:`simple_step`); when
    that is missed too, it says goodbye kindly instead of looping on the same question, unless
    the line was ``heartfelt`` (an apology, a feeling, a fight): that is never met with a
    goodbye for not following, but with a word that it was heard and the simple step again.
    """
    turn = current_turn(handler_input)
    misses = turn.misunderstood()
    if misses >= MISSES_BEFORE_A_SIMPLE_STEP and care_was_given(turn):
        # Never a failure note after care or the gentle word: a warm close, and where the
        # numbers are.
        turn.set_state()
        return tell(handler_input, turn.prompts.say("fallback.after_care"))
    if misses >= MISSES_BEFORE_GOODBYE and not heartfelt:
        turn.set_state()
        return tell(
            handler_input, Speech().say(turn.prompts.say("fallback.give_up"), farewell(turn))
        )
    if misses == 1 and opens_a_session(handler_input):
        # "Alexa, ask heart talks …" with words no sample knows: nothing was missed yet, as they
        # heard no question; say what they can ask for, in words that work as the answer.
        return ask(
            handler_input, turn.prompts.say("fallback.opening"), turn.prompts.say("reprompt.idle")
        )
    if misses >= MISSES_BEFORE_A_SIMPLE_STEP and not isinstance(turn.state, CheckingIn):
        return simple_step(handler_input, heartfelt=heartfelt)
    mode = turn.mode if turn.prompts.has(f"fallback.{turn.mode}") else "idle"
    question = turn.prompts.say(
        f"reprompt.{mode}" if turn.prompts.has(f"reprompt.{mode}") else "reprompt.idle"
    )
    if misses >= MISSES_BEFORE_A_SIMPLE_STEP - 1:
        help_key = f"help.{turn.mode}" if turn.prompts.has(f"help.{turn.mode}") else "help.idle"
        said = Speech().say(turn.prompts.say("fallback.again"), turn.prompts.say(help_key))
        return ask(handler_input, said.say(question), question)
    return ask(
        handler_input, Speech().say(turn.prompts.say(f"fallback.{mode}"), question), question
    )


def simple_step(handler_input: HandlerInput, *, heartfelt: bool = False) -> Response:
    """One easy thing to say yes to, after lines not understood: in a reading, going on with
    it; else tonight's check-in, or a practice once tonight's check-in is done. Said in plain
    words, for someone who may be speaking a second language."""
    turn = current_turn(handler_input)
    state = turn.state
    if isinstance(state, ReadingPractice):
        kind = "practice_on"  # the reading stays where it was: yes goes on
    elif _checked_in_tonight(turn):
        kind = "practice"
        turn.set_state(Offering(PracticeOffer(alone=_alone(turn))))
    else:
        kind = "checkin"
        turn.set_state(Offering(CheckInOffer()))
    question = turn.prompts.say(f"fallback.simple_step.{kind}.question")
    said = Speech()
    if heartfelt:
        said.say(turn.prompts.say("fallback.heartfelt"))
    said.say(turn.prompts.say(f"fallback.simple_step.{kind}"), question)
    return ask(handler_input, said, question)


def _checked_in_tonight(turn: Turn) -> bool:
    """Whether tonight's check-in is done (not known while the store is down: then not)."""
    try:
        night = turn.tonight().isoformat()
        return completed_tonight(turn.household.household, night, NIGHTLY) is not None
    except StoreError:
        return False


def nothing_to_go_back(handler_input: HandlerInput) -> Response:
    """ "Go back" with nothing just left to go back to (at the menu, at an offer): said plainly,
    then the choices."""
    turn = current_turn(handler_input)
    turn.set_state(IDLE)
    question = turn.prompts.say("reprompt.idle")
    return ask(handler_input, Speech().say(turn.prompts.say("back.nothing"), question), question)


def care_was_given(turn: Turn) -> bool:
    """Whether this session heard the care answer, the gentle word or the help lines."""
    return (
        isinstance(turn.state, InCare) or GENTLE_WORD in turn.session or CARE_GIVEN in turn.session
    )


def help_lines(handler_input: HandlerInput) -> Response:
    """ "Can you say those numbers again?", "what was that number, the one you said yesterday":
    no disclosure is kept, so every kind of help, named as the care answers name it (the free
    line by its number only), calmly, then the question that was open."""
    turn = current_turn(handler_input)
    lines = care_lines(turn.settings.locale, locale_of(handler_input, turn.settings.locale))
    turn.session[CARE_GIVEN] = True
    said = Speech().say(turn.prompts.say("care.numbers.lead"), lines.say_the_numbers())
    return then_the_open_question(handler_input, said)


def eased(handler_input: HandlerInput) -> Response:
    """ "Sorry about before, I just needed to say it", "thanks for not making a big deal": met
    gently, then the question that was open (no menu, no "I didn't catch that")."""
    turn = current_turn(handler_input)
    return then_the_open_question(handler_input, Speech().say(turn.prompts.say("care.eased")))


def false_alarm(handler_input: HandlerInput) -> Response:
    """ "You gave us a hotline number out of nowhere, we're fine", "we were only joking": sorry
    for the worry, glad all is well, the numbers there if ever needed (not read again); then
    the check-in's open question, or else the menu."""
    turn = current_turn(handler_input)
    said = Speech().say(turn.prompts.say("care.false_alarm"))
    if isinstance(turn.state, CheckingIn):
        return then_the_open_question(handler_input, said)
    turn.set_state(IDLE)
    question = turn.prompts.say("reprompt.idle")
    return ask(handler_input, said.say(question), question)


def then_the_open_question(handler_input: HandlerInput, said: Speech) -> Response:
    """``said``, then the question last asked when one is still open; else a soft question of
    whether there is anything else tonight (a no ends the evening kindly)."""
    turn = current_turn(handler_input)
    question = _open_question(turn) if not isinstance(turn.state, Idle) else ""
    if question:
        return ask_ssml(handler_input, f"{said.ssml()} {question}", question)
    turn.set_state(IDLE)
    question = turn.prompts.say("care.numbers.question")
    return ask(handler_input, said.say(question), question)


def feeling_heard(handler_input: HandlerInput) -> Response:
    """ "My mother is very sick, I am so sad", said when no question was asked: not a request,
    and not something to answer with "I didn't catch that". A kind word, and the offer of a
    check-in to talk it through ("yes" starts it)."""
    turn = current_turn(handler_input)
    turn.set_state(Offering(CheckInOffer()))
    question = turn.prompts.say("feeling.offer")
    return ask(handler_input, Speech().say(turn.prompts.say("feeling.heard"), question), question)


def warm_story_heard(handler_input: HandlerInput) -> Response:
    """ "Today Tom help me with the shopping and he carry everything, it was nice", told at the
    menu: not a request, and not something to meet with "I didn't catch that". A warm word, and
    the check-in offered, as telling each other such things is what it is for ("yes" starts it)."""
    turn = current_turn(handler_input)
    turn.set_state(Offering(CheckInOffer()))
    question = turn.prompts.say("feeling.warm_offer")
    return ask(handler_input, Speech().say(turn.prompts.say("feeling.warm"), question), question)


def small_talk(
    handler_input: HandlerInput, kind: SmallTalk, news: str | None = None, lead: str = ""
) -> Response:
    """Hello, thank you, I love you: a warm word back, then what they would like. News told
    with it ("we just got married last weekend") gets a word that fits it instead; ``lead`` is
    said first (the names said with the hello, kept)."""
    turn = current_turn(handler_input)
    turn.set_state()
    question = turn.prompts.say("reprompt.idle")
    key = f"small_talk.{kind.value}"
    said = turn.prompts.say(f"{key}.{news}" if news and turn.prompts.has(f"{key}.{news}") else key)
    return ask(handler_input, Speech().say(lead, said, question), question)


def choices_plainly(handler_input: HandlerInput) -> Response:
    """ "I am not understand question, please again" at the menu: the three choices said in
    plain words, one at a time, then the question."""
    turn = current_turn(handler_input)
    turn.set_state(IDLE)
    question = turn.prompts.say("reprompt.idle")
    return ask(handler_input, Speech().say(turn.prompts.say("menu.plain"), question), question)


def nothing_next(handler_input: HandlerInput) -> Response:
    """ "Next" at the menu, with nothing under way: said plainly, and tonight's check-in offered
    (a yes starts it); once it is done tonight, the choices."""
    turn = current_turn(handler_input)
    lead = turn.prompts.say("menu.next")
    if checked_in(turn.household.household, turn.tonight().isoformat()):
        turn.set_state(IDLE)
        question = turn.prompts.say("reprompt.idle")
    else:
        turn.set_state(Offering(CheckInOffer()))
        question = turn.prompts.say("menu.next.question")
    return ask(handler_input, Speech().say(lead, question), question)


def welcomed_back(handler_input: HandlerInput) -> Response:
    """ "Ok, we're back" at the menu or an offer (after "hold on"): welcomed back, and the
    question that was open, with no second wait."""
    turn = current_turn(handler_input)
    return _then_open_question_or_menu(
        handler_input, Speech().say(turn.prompts.say("checkin.welcome_back"))
    )


def names_with_news(handler_input: HandlerInput, lead: str) -> Response:
    """ "We're Noor and Eli. exams are done, we survived, barely" at an offer or the menu: the
    names kept (``lead`` says so), a warm word for the news, and the question that was open (the
    offer stays on offer); nothing their news happens to name is started."""
    turn = current_turn(handler_input)
    return _then_open_question_or_menu(
        handler_input, Speech().say(lead, turn.prompts.say("names.news"))
    )


def _then_open_question_or_menu(handler_input: HandlerInput, said: Speech) -> Response:
    """``said``, then the question the last response left open; with none, the menu."""
    turn = current_turn(handler_input)
    question = _open_question(turn)
    if question:
        return ask_ssml(handler_input, f"{said.ssml()} {question}", question)
    turn.set_state(IDLE)
    question = turn.prompts.say("reprompt.idle")
    return ask(handler_input, said.say(question), question)


def about_skill(handler_input: HandlerInput, key: str = "about.skill") -> Response:
    """ "Are you a real therapist?": plainly not, what the skill is, and that help is there when
    things are heavy; or another plain question about the skill answered by prompt ``key``
    ("what exactly do you do?", "is the morning okay?", "can we do this on speakerphone?").
    A check-in or a reading carries on where it was; an offer gives way to the menu."""
    turn = current_turn(handler_input)
    about = turn.prompts.say(key)
    last = turn.session.get(LAST_RESPONSE)
    if turn.mode and not isinstance(turn.state, Offering) and isinstance(last, dict):
        # A check-in or a reading goes on: its question, as last asked.
        question = _body(str(last.get("reprompt") or ""))
        if question:
            return ask_ssml(handler_input, f"{Speech().say(about).ssml()} {question}", question)
    # After this answer a bare "would you like that?" would seem to offer help: an offer
    # gives way to the plain question of what they would like.
    turn.set_state(IDLE)
    question = turn.prompts.say("reprompt.idle")
    return ask(handler_input, Speech().say(about, question), question)


#: The practice offered to someone feeling lonely, in its form for one person: naming a feeling
#: (its solo form gives "lonely" as an example).
LONELY_PRACTICE = "expressing_emotions"


def feeling_lonely(handler_input: HandlerInput) -> Response:
    """ "Is there anything for feeling less alone?": a warm word that loneliness inside a
    relationship is common and worth saying out loud, that talking to someone trusted helps,
    and a quiet practice for one offered; never a date idea for two, nor the bright menu."""
    turn = current_turn(handler_input)
    question = turn.prompts.say("lonely.offer")
    turn.set_state(Offering(PracticeOffer(practice=LONELY_PRACTICE, alone=True)))
    return ask(handler_input, Speech().say(turn.prompts.say("lonely"), question), question)


class AboutSkillHandler(AbstractRequestHandler):
    """ "Are you a real therapist?", "is this therapy?", "are you a person?"."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name("AboutSkillIntent")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        return about_skill(handler_input)


class HelpHandler(AbstractRequestHandler):
    """Help that fits where the couple is in the dialog; the dialog state is kept."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name("AMAZON.HelpIntent")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        return help_here(handler_input)


class StopHandler(AbstractRequestHandler):
    """Stop and Cancel end the session warmly."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name("AMAZON.StopIntent")(handler_input) or is_intent_name(
            "AMAZON.CancelIntent"
        )(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        return goodbye(handler_input)


#: Small-talk intents and what each is.
SMALL_TALK_INTENTS = {
    "HelloIntent": SmallTalk.HELLO,
    "ThanksIntent": SmallTalk.THANKS,
    "LoveIntent": SmallTalk.LOVE,
}


class SmallTalkHandler(AbstractRequestHandler):
    """ "Hi", "thank you", "I love you"."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return intent_name(handler_input) in SMALL_TALK_INTENTS

    def handle(self, handler_input: HandlerInput) -> Response:
        return small_talk(handler_input, SMALL_TALK_INTENTS[str(intent_name(handler_input))])


class FallbackHandler(AbstractRequestHandler):
    """Anything unrecognised: say so kindly and steer back to what the skill can do."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name("AMAZON.FallbackIntent")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        return not_understood(handler_input)


class UnexpectedIntentHandler(FallbackHandler):
    """An intent that makes no sense right now ("go back" with nothing to go back to).

    Last in the list: answered like the fallback, so no intent ever reaches the
    exception handler just because no feature claimed it.
    """

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_request_type("IntentRequest")(handler_input)


class NavigateHomeHandler(AbstractRequestHandler):
    """Back to the start: leave whatever the couple was doing and offer the menu."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name("AMAZON.NavigateHomeIntent")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = current_turn(handler_input)
        turn.set_state()
        question = turn.prompts.say("reprompt.idle")
        return ask(handler_input, Speech().say(turn.prompts.say("home"), question), question)


def say_again(
    handler_input: HandlerInput, *, slower: bool = False, wait: bool = False, louder: bool = False
) -> Response:
    """The last response again, exactly (as remembered by the response interceptor); when
    the couple asked for it slower, it comes with a word that it will be, and asked for it
    louder ("speak up"), with how to turn the device up as well. When they asked to
    wait ("hang on, she's just coming"), they get a real wait first, then the question alone,
    as a check-in or a practice gives it."""
    turn = current_turn(handler_input)
    last = turn.session.get(LAST_RESPONSE)
    if not isinstance(last, dict) or last.get("ends") or not last.get("reprompt"):
        question = turn.prompts.say("reprompt.idle")
        return ask(
            handler_input, Speech().say(turn.prompts.say("repeat.nothing"), question), question
        )
    speech, reprompt = str(last["speech"]), str(last["reprompt"])
    if turn.session.get(MISSES) and not wait:
        # "What?" after "I'm not sure I can help with that": the question, not the miss again.
        speech = reprompt
    if wait:
        waited = Speech().say(turn.prompts.say("checkin.wait")).pause(WAIT_SECONDS)
        waited.say(turn.prompts.say("checkin.after_wait"))
        return ask_ssml(
            handler_input, f"{waited.ssml()} {_body(reprompt)}", _body(reprompt), paced=False
        )
    if slower:
        lead = Speech().say(turn.prompts.say("checkin.slower"))
        if louder:
            lead.say(turn.prompts.say("volume.hint"))
        return ask_ssml(handler_input, f"{lead.ssml()} {_body(speech)}", _body(reprompt))
    return ask_ssml(handler_input, speech, reprompt, paced=False)


def _open_question(turn: Turn) -> str:
    """The question the last response left open, as plain SSML body ("" when it ended the
    session or asked nothing)."""
    last = turn.session.get(LAST_RESPONSE)
    if not isinstance(last, dict) or last.get("ends"):
        return ""
    return _body(str(last.get("reprompt") or ""))


def _body(ssml: str) -> str:
    """An SSML response without its ``<speak>`` wrapper (and any pace it was said at)."""
    inner = ssml.removeprefix("<speak>").removesuffix("</speak>")
    if inner.startswith("<prosody") and inner.endswith("</prosody>"):
        inner = inner[inner.index(">") + 1 : -len("</prosody>")]
    return inner


class RepeatHandler(AbstractRequestHandler):
    """Repeat the last response exactly, as remembered by the response interceptor."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name("AMAZON.RepeatIntent")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        return say_again(handler_input)


class YesToOfferHandler(AbstractRequestHandler):
    """ "Yes" to whatever the skill just offered (a practice, a check-in…)."""

    def __init__(self, offers: Offers) -> None:
        self._offers = offers

    def can_handle(self, handler_input: HandlerInput) -> bool:
        state = current_turn(handler_input).state
        return (
            is_intent_name("AMAZON.YesIntent")(handler_input)
            and isinstance(state, Offering)
            and self._offers.knows(state.offer)
        )

    def handle(self, handler_input: HandlerInput) -> Response:
        state = current_turn(handler_input).state
        if not isinstance(state, Offering):
            raise TypeError("YesToOfferHandler needs an offer")
        return self._offers.accept(handler_input, state.offer)


class SkipOfferHandler(AbstractRequestHandler):
    """ "Skip" (or "next") when something was offered: a no to the offer."""

    def __init__(self, offers: Offers) -> None:
        self._offers = offers

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return isinstance(current_turn(handler_input).state, Offering) and intent_name(
            handler_input
        ) in ("AMAZON.NextIntent", "SkipIntent")

    def handle(self, handler_input: HandlerInput) -> Response:
        state = current_turn(handler_input).state
        if not isinstance(state, Offering):
            raise TypeError("SkipOfferHandler needs an offer")
        if isinstance(state.offer, RepairOffer) and is_intent_name("AMAZON.NextIntent")(
            handler_input
        ):
            # "Next" to "shall we try it now?" after a fight: go on, so it begins.
            return self._offers.accept(handler_input, state.offer)
        return self._offers.decline(handler_input, state.offer) or declined(handler_input)


class NextAtMenuHandler(AbstractRequestHandler):
    """ "Next" (or "skip") at the menu, with nothing under way: tonight's check-in offered."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return isinstance(current_turn(handler_input).state, Idle) and intent_name(
            handler_input
        ) in ("AMAZON.NextIntent", "SkipIntent")

    def handle(self, handler_input: HandlerInput) -> Response:
        return nothing_next(handler_input)


def declined(handler_input: HandlerInput) -> Response:
    """No to an offer: a kind word, and what they would like instead."""
    turn = current_turn(handler_input)
    turn.set_state()
    question = turn.prompts.say("reprompt.idle")
    return ask(handler_input, Speech().say(turn.prompts.say("offer.declined"), question), question)


def yes_or_no_to_nothing(handler_input: HandlerInput, *, yes: bool) -> Response:
    """A yes or no with nothing pending, as after "what would you like: …?": "yes" is asked
    which; "no" is taken at its word, and the session ends kindly (no menu again). A yes or
    no to a question that was not yes-or-no elsewhere gets the usual kind word and the menu."""
    turn = current_turn(handler_input)
    if not isinstance(turn.state, Idle):
        return declined(handler_input)
    if not yes:
        return tell(handler_input, turn.prompts.say("menu.declined_goodbye"))
    question = turn.prompts.say("menu.which")
    return ask(handler_input, Speech().say(question), question)


class NoOrStrayYesHandler(AbstractRequestHandler):
    """ "No" to an offer, or a yes/no with nothing to answer: a kind word, and what next."""

    def __init__(self, offers: Offers) -> None:
        self._offers = offers

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name("AMAZON.NoIntent")(handler_input) or is_intent_name(
            "AMAZON.YesIntent"
        )(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        state = current_turn(handler_input).state
        if isinstance(state, Offering) and is_intent_name("AMAZON.NoIntent")(handler_input):
            return self._offers.decline(handler_input, state.offer) or declined(handler_input)
        return yes_or_no_to_nothing(
            handler_input, yes=is_intent_name("AMAZON.YesIntent")(handler_input)
        )


class SessionEndedHandler(AbstractRequestHandler):
    """The session closed (timeout, error, user left): nothing to say, changes still saved."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_request_type("SessionEndedRequest")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        return handler_input.response_builder.response
