"""Practices read aloud: by name or pillar, any practice, the menu, and moving through a reading."""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import Enum

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import is_intent_name
from ask_sdk_model import Response

from skill.content.practices import Pillar, Practice, PracticeLibrary, practice_library
from skill.conversation.checkin_speech import WAIT_SECONDS
from skill.conversation.dialog import (
    IDLE,
    BrowsingDates,
    ChoosingPractice,
    Offering,
    PracticeOffer,
    ReadingPractice,
)
from skill.conversation.practices import (
    card_text,
    choose_practice,
    explanation,
    menu_speech,
    part_count,
    reading_part,
    rough_minutes,
    swap_part,
)
from skill.conversation.spoken import spoken_list, spoken_number
from skill.conversation.understanding import normalise
from skill.handlers.core import farewell
from skill.handlers.slots import intent_in, intent_name, slot_value
from skill.household.changes import PracticeFinished, PracticeHeard, PracticePaused
from skill.speech import Speech
from skill.storage.base import StoreError
from skill.turn import ALONE, Turn, ask, current_turn, tell


def _heard(turn: Turn) -> list[str]:
    """Practices the household heard; none known when the store is down (practices still work)."""
    try:
        return turn.household.household.profile.heard_practices
    except StoreError:
        return []


def _library(turn: Turn) -> PracticeLibrary:
    return practice_library(turn.settings.locale)


def read_practice(
    handler_input: HandlerInput,
    practice: Practice,
    intro: Speech | None = None,
    alone: bool = False,
) -> Response:
    """Start reading ``practice`` from its first part (its one-person form for someone
    ``alone``, or on their own this evening) and note that the household heard it."""
    turn = current_turn(handler_input)
    alone = alone or alone_tonight(turn)
    left = turn.state
    earlier = _kept_place(turn, LEFT_HERE, practice)
    if isinstance(left, ReadingPractice) and left.practice != practice.id:
        # Another practice begun half-way through this one: where this one stopped is kept,
        # as it is when the reading is left for anything else.
        remember_where_it_stopped(turn, left)
    if isinstance(left, ReadingPractice) and left.practice == practice.id and left.part > 0:
        # The practice being read, asked for by name past its introduction ("what are we doing
        # again? the listening one"): it goes on from this step, not from the start.
        return _go_on_from(handler_input, practice, left, alone)
    if earlier is not None and not (
        isinstance(left, ReadingPractice) and left.practice == earlier.practice
    ):
        # Asked for again after a pause, a date idea, the menu or another practice: it goes on
        # where it was left, without its introduction again.
        return _go_on_from(handler_input, practice, earlier, alone)
    turn.household.apply(PracticeHeard(practice.id))
    return _speak_part(handler_input, practice, 0, intro, alone)


def alone_tonight(turn: Turn) -> bool:
    """Whether someone said they are on their own: in this session ("it's just me though"), or
    at tonight's check-in ("just me")."""
    if turn.session.get(ALONE) is True:
        return True
    try:
        return turn.household.household.profile.alone_on == turn.tonight().isoformat()
    except StoreError:
        return False


def alone_now(handler_input: HandlerInput, state: ReadingPractice) -> Response:
    """ "It's just me though, he's asleep", "there's no one to sit with" in the middle of a
    practice read for two: the one-person form of the same practice, from its first step, and
    every practice after it in this session too. Never a check-in offered again."""
    turn = current_turn(handler_input)
    library = _library(turn)
    if not library.has(state.practice):
        return practice_menu(handler_input)
    turn.session[ALONE] = True
    practice = library.practice(state.practice)
    lead = Speech().say(turn.prompts.say("practice.alone_now"))
    return _speak_part(handler_input, practice, 1, lead, alone=True)


def _speak_part(
    handler_input: HandlerInput,
    practice: Practice,
    index: int,
    intro: Speech | None = None,
    alone: bool = False,
) -> Response:
    turn = current_turn(handler_input)
    part = reading_part(practice, index, turn.prompts, alone)
    if part.is_last:
        _finished(turn, practice)
    if alone:
        turn.session[ALONE] = True
    if index > 0:
        turn.session[REACHED] = [practice.id, index, alone]
    turn.set_state(ReadingPractice(practice.id, index, alone))
    speech = (intro or Speech()).extend(part.speech)
    card = (practice.name.capitalize(), card_text(practice, alone)) if index == 0 else None
    return ask(handler_input, speech, part.reprompt, card)


#: The step of a practice last read in this session, and its form: [id, part, alone]. Its
#: introduction read again, "we heard that bit already" goes back there.
REACHED = "practice_reached"


def skip_introduction(handler_input: HandlerInput, state: ReadingPractice) -> Response:
    """ "We heard that bit already. skip ahead to where we were", at a practice's introduction
    read again: the step they had reached in this session, or its first step."""
    turn = current_turn(handler_input)
    library = _library(turn)
    if not library.has(state.practice):
        return practice_menu(handler_input)
    practice = library.practice(state.practice)
    reached = _kept_place(turn, REACHED, practice)
    index = reached.part if reached is not None and reached.alone == state.alone else 1
    lead = Speech().say(turn.prompts.say("practice.skip_intro"))
    return _speak_part(handler_input, practice, index, lead, state.alone)


def other_turn(handler_input: HandlerInput, state: ReadingPractice) -> Response:
    """ "Skip to the part where she shares": the step where the partners swap, when one is still
    ahead; else the next step, said so (who "she" is cannot be told)."""
    turn = current_turn(handler_input)
    library = _library(turn)
    if not library.has(state.practice):
        return practice_menu(handler_input)
    practice = library.practice(state.practice)
    swap = swap_part(practice, state.part, state.alone)
    if swap is not None:
        lead = Speech().say(turn.prompts.say("practice.other_turn"))
        return _speak_part(handler_input, practice, swap, lead, state.alone)
    if state.part >= part_count(practice, state.alone) - 1:
        return move_through(handler_input, state, Move.NEXT)
    lead = Speech().say(turn.prompts.say("practice.other_turn.next"))
    return _speak_part(handler_input, practice, state.part + 1, lead, state.alone)


def _finished(turn: Turn, practice: Practice) -> None:
    """The last step is being read: the practice counts as tried this week."""
    _forget_left_here(turn, practice.id)  # nothing of it is left to finish
    try:
        night = turn.tonight().isoformat()
    except StoreError:
        return  # practices still work while the store is down; this one goes uncounted
    turn.household.apply(PracticeFinished(practice.id, night))


def accept_practice_offer(handler_input: HandlerInput, offer: PracticeOffer) -> Response:
    """Yes to a practice: the one offered, or one the household has not heard."""
    turn = current_turn(handler_input)
    library = _library(turn)
    if offer.practice is not None and library.has(offer.practice):
        practice = library.practice(offer.practice)
    else:
        practice = choose_practice(library, _heard(turn), turn.rng)
    return read_practice(handler_input, practice, alone=offer.alone)


#: A practice left part-way is offered to be finished for this long, then forgotten.
PAUSED_KEPT_FOR = timedelta(days=14)


def remember_where_it_stopped(turn: Turn, left: ReadingPractice) -> None:
    """The reading was left part-way, by any route (stop, no, another request, the session
    ending): keep where, so "can we finish the practice from yesterday?" can pick it up."""
    library = _library(turn)
    if not library.has(left.practice):
        return
    last = part_count(library.practice(left.practice), left.alone) - 1
    if 0 < left.part < last:
        turn.household.apply(
            PracticePaused(left.practice, left.part, left.alone, turn.now.isoformat())
        )
        # Asked for again in this session ("the listening practice. can I finish it"), it goes
        # on from there, without its introduction again.
        turn.session[LEFT_HERE] = [left.practice, left.part, left.alone]


#: The practice left part-way in this session, where and in which form: [id, part, alone].
LEFT_HERE = "practice_left"


def _kept_place(turn: Turn, key: str, practice: Practice) -> ReadingPractice | None:
    """Where in ``practice`` the session attribute ``key`` (:data:`LEFT_HERE`, :data:`REACHED`)
    says it was, part-way, if it does (read back checked: the session comes from outside)."""
    kept = turn.session.get(key)
    if not isinstance(kept, list) or len(kept) != 3:
        return None
    practice_id, part, alone = kept
    if practice_id != practice.id or not isinstance(part, int) or not isinstance(alone, bool):
        return None
    if not 0 < part < part_count(practice, alone) - 1:
        return None
    return ReadingPractice(practice.id, part, alone)


def _forget_left_here(turn: Turn, practice_id: str) -> None:
    """Forget that ``practice_id`` was left part-way in this session."""
    kept = turn.session.get(LEFT_HERE)
    if isinstance(kept, list) and kept[:1] == [practice_id]:
        del turn.session[LEFT_HERE]


def _go_on_from(
    handler_input: HandlerInput, practice: Practice, left: ReadingPractice, alone: bool
) -> Response:
    """Go on with ``practice`` where it was ``left``, said so; someone now on their own after a
    reading for two hears the one-person form from its first step."""
    turn = current_turn(handler_input)
    _forget_left_here(turn, practice.id)  # picked up again: nothing of it is left part-way
    lead = Speech().say(turn.prompts.say("practice.resumed", practice=practice.name))
    if alone and not left.alone:
        return _speak_part(handler_input, practice, 1, lead, alone=True)
    return _speak_part(handler_input, practice, left.part, lead, left.alone)


def back_to_the_practice_left(handler_input: HandlerInput, text: str = "") -> Response | None:
    """ "What? no, I was doing the listening thing. go back" at a date idea that broke into a
    practice: the practice left, at its step. None when no practice was left part-way in this
    session, or when an earlier date idea is there to go back to and the practice goes unnamed."""
    turn = current_turn(handler_input)
    kept = turn.session.get(LEFT_HERE)
    library = _library(turn)
    if not isinstance(kept, list) or not kept or not isinstance(kept[0], str):
        return None
    if not library.has(kept[0]):
        return None
    practice = library.practice(kept[0])
    left = _kept_place(turn, LEFT_HERE, practice)
    if left is None:
        return None
    state = turn.state
    named = bool(text) and turn.vocabulary.practices[practice.id].found(normalise(text))
    if isinstance(state, BrowsingDates) and state.before and not named:
        return None
    return _go_on_from(handler_input, practice, left, alone_tonight(turn))


def resume_paused(handler_input: HandlerInput, practice_id: str | None) -> Response:
    """ "Can we finish the practice from yesterday?": the part it stopped at, or, when there is
    none to finish (or another one is named), the practice asked for from its start."""
    turn = current_turn(handler_input)
    library = _library(turn)
    try:
        paused = turn.household.household.profile.practice_paused
    except StoreError:
        paused = None
    if paused is not None and library.has(paused.practice) and _recent(paused.at, turn.now):
        practice = library.practice(paused.practice)
        last = part_count(practice, paused.alone) - 1
        if practice_id in (None, paused.practice) and 0 < paused.part < last:
            left = ReadingPractice(practice.id, paused.part, paused.alone)
            return _go_on_from(handler_input, practice, left, alone_tonight(turn))
    if practice_id is not None and library.has(practice_id):
        return read_practice(handler_input, library.practice(practice_id))
    # Nothing left part-way: said so, and a new one offered (a yes reads one not yet heard).
    question = turn.prompts.say("practice.nothing_paused.offer")
    turn.set_state(Offering(PracticeOffer()))
    nothing = turn.prompts.say("practice.nothing_paused")
    return ask(handler_input, Speech().say(nothing, question), question)


def _recent(at: str, now: datetime) -> bool:
    try:
        then = datetime.fromisoformat(at)
    except ValueError:
        return False
    return then.tzinfo is not None and timedelta(0) <= now - then <= PAUSED_KEPT_FOR


def serve_practice(
    handler_input: HandlerInput,
    practice_id: str | None,
    pillar_id: str | None,
    *,
    alone: bool = False,
) -> Response:
    """A practice asked for: read the one named (its one-person form when ``alone``),
    introduce the pillar named, else any."""
    turn = current_turn(handler_input)
    library = _library(turn)
    state = turn.state
    if isinstance(state, ReadingPractice) and state.part == 0 and state.practice == practice_id:
        # "Is there one for that though?" while its introduction was just read: this one, and
        # its question again (not the introduction read twice).
        question = _the_question_again(turn)
        if question is not None:
            said = Speech().say(turn.prompts.say("practice.this_one"), question)
            return ask(handler_input, said, question)
    if practice_id is not None and library.has(practice_id):
        return read_practice(handler_input, library.practice(practice_id), alone=alone)
    if pillar_id is not None:
        return introduce_pillar(handler_input, library.pillar(pillar_id))
    return any_practice(handler_input)


class PracticeByNameHandler(AbstractRequestHandler):
    """ "Teach us about validation", "give us something on trust"."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name("PracticeIntent")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = current_turn(handler_input)
        library = _library(turn)
        slot = slot_value(handler_input, "topic")
        found = library.find(slot.id or slot.spoken) if slot else None
        if isinstance(found, Practice):
            return read_practice(handler_input, found)
        if isinstance(found, Pillar):
            return introduce_pillar(handler_input, found)
        speech, question = menu_speech(library, turn.prompts)
        turn.set_state(ChoosingPractice())
        return ask(
            handler_input,
            Speech().say(turn.prompts.say("practice.unknown")).extend(speech),
            question,
        )


def introduce_pillar(handler_input: HandlerInput, pillar: Pillar) -> Response:
    """Say what a pillar is about, and offer one of its practices."""
    turn = current_turn(handler_input)
    library = _library(turn)
    heard = _heard(turn)
    practice = choose_practice(library, heard, turn.rng, pillar=pillar)
    question = turn.prompts.say("practice.pillar_offer", practice=practice.name)
    turn.set_state(Offering(PracticeOffer(practice=practice.id)))
    return ask(handler_input, Speech().say(pillar.intro, question), question)


def any_practice(
    handler_input: HandlerInput, instead_of: str | None = None, *, alone: bool = False
) -> Response:
    """A practice this household has not heard yet, when there is one; never ``instead_of``
    (the one just turned down) nor the one being read; in its one-person form when ``alone``."""
    turn = current_turn(handler_input)
    current = turn.state.practice if isinstance(turn.state, ReadingPractice) else instead_of
    practice = choose_practice(_library(turn), _heard(turn), turn.rng, exclude=current)
    return read_practice(handler_input, practice, alone=alone)


class AnyPracticeHandler(AbstractRequestHandler):
    """ "Read me a practice": one this household has not heard yet, when there is one."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name("AnyPracticeIntent")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        return any_practice(handler_input)


def practice_menu(handler_input: HandlerInput) -> Response:
    """ "What can you teach us": the three pillars and their practices."""
    turn = current_turn(handler_input)
    speech, question = menu_speech(_library(turn), turn.prompts)
    turn.set_state(ChoosingPractice())
    return ask(handler_input, speech, question)


class PracticeMenuHandler(AbstractRequestHandler):
    """ "What can you teach us": the three pillars and their practices."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name("PracticeMenuIntent")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        return practice_menu(handler_input)


def _on_offer(state: object) -> str | None:
    """The practice being read, or offered by name, in ``state`` (None when there is none)."""
    if isinstance(state, ReadingPractice):
        return state.practice
    if isinstance(state, Offering) and isinstance(state.offer, PracticeOffer):
        return state.offer.practice
    return None


def _the_question_again(turn: Turn) -> str | None:
    """With a practice being read, the question of its step; the reading stays where it was."""
    state = turn.state
    library = _library(turn)
    if not isinstance(state, ReadingPractice) or not library.has(state.practice):
        return None
    practice = library.practice(state.practice)
    index = min(state.part, part_count(practice, state.alone) - 1)
    turn.set_state(state)
    return reading_part(practice, index, turn.prompts, state.alone).reprompt


def compare_practices(handler_input: HandlerInput, named: tuple[str, ...]) -> Response | None:
    """ "What's the difference between that and the validation one?": each practice's idea in a
    sentence or two, the one on offer first; then the reading goes on where it was (yes goes on),
    or, with none being read, which they would like. None when fewer than two are meant."""
    turn = current_turn(handler_input)
    library = _library(turn)
    current = _on_offer(turn.state)
    ids = [current] if current is not None and library.has(current) else []
    ids += [pid for pid in named if pid not in ids and library.has(pid)]
    if len(ids) < 2:
        return None
    first, second = library.practice(ids[0]), library.practice(ids[1])
    told = turn.prompts.say(
        "practice.compare",
        first=first.name.capitalize(),
        first_idea=explanation(first),
        second=second.name,
        second_idea=explanation(second),
    )
    question = _the_question_again(turn)
    if question is None:
        turn.set_state(ChoosingPractice())
        question = turn.prompts.say("practice.compare.which", first=first.name, second=second.name)
    return ask(handler_input, Speech().say(told, question), question)


def how_long(handler_input: HandlerInput) -> Response | None:
    """ "How long is it though, honestly", while a practice is read or offered by name: its
    steps and a rough time (what is still to go, part-way through), then the question that was
    open; the reading or the offer stays where it was. None with no practice to speak of."""
    turn = current_turn(handler_input)
    library = _library(turn)
    state = turn.state
    practice_id = _on_offer(state)
    if practice_id is None or not library.has(practice_id):
        return None
    practice = library.practice(practice_id)
    if isinstance(state, ReadingPractice):
        alone, part = state.alone, state.part
    else:
        offer = state.offer if isinstance(state, Offering) else None
        alone = (isinstance(offer, PracticeOffer) and offer.alone) or alone_tonight(turn)
        part = 0
    steps = practice.form(alone=alone).steps
    # Part-way, what follows the step read (at the last step, that step itself).
    ahead = steps[min(part, len(steps) - 1) :] if part > 0 else steps
    minutes = spoken_number(rough_minutes(ahead))
    if len(ahead) < len(steps):
        told = turn.prompts.say(
            "practice.how_long.left",
            practice=practice.name,
            steps=spoken_number(len(steps)),
            left=spoken_number(len(ahead)),
            minutes=minutes,
        )
    else:
        told = turn.prompts.say(
            "practice.how_long",
            practice=practice.name,
            steps=spoken_number(len(steps)),
            minutes=minutes,
        )
    question = _the_question_again(turn)
    if question is None:
        question = turn.prompts.say("practice.solo.ready" if alone else "practice.ready")
        turn.set_state(state)
    return ask(handler_input, Speech().say(told, question), question)


def count_practices(handler_input: HandlerInput) -> Response:
    """ "How many practices are there in total, we want to do all of them": eleven, in three
    pillars, named; then the reading goes on where it was, or one not yet heard is offered."""
    turn = current_turn(handler_input)
    library = _library(turn)
    speech = Speech().say(
        turn.prompts.say(
            "practice.count",
            practices=spoken_number(len(library.practices)),
            pillars=spoken_number(len(library.pillars)),
        )
    )
    for pillar in library.pillars:
        names = [library.practice(pid).name for pid in pillar.practice_ids]
        speech.say(f"{pillar.name}: {spoken_list(names)}.")
    question = _the_question_again(turn)
    if question is None:
        turn.set_state(Offering(PracticeOffer()))
        question = turn.prompts.say("practice.count.offer")
    return ask(handler_input, speech.say(question), question)


class Move(Enum):
    """Where a couple asks a reading to go."""

    NEXT = "next"
    BACK = "back"
    START_OVER = "start_over"
    AGAIN = "again"
    EXPLAIN = "explain"
    WAIT = "wait"
    SLOWER = "slower"
    PAUSE = "pause"


_MOVES_BY_INTENT = {
    "AMAZON.NextIntent": Move.NEXT,
    "AMAZON.YesIntent": Move.NEXT,
    "AMAZON.PreviousIntent": Move.BACK,
    "AMAZON.StartOverIntent": Move.START_OVER,
    "AMAZON.NoIntent": Move.PAUSE,
}


def encourage(handler_input: HandlerInput, state: ReadingPractice) -> Response:
    """ "This is awkward", "I hate this": a word that it is normal, and the choice to go on or
    stop there (yes goes on, no pauses); the reading stays where it was."""
    turn = current_turn(handler_input)
    question = turn.prompts.say("practice.next_step")
    turn.set_state(state)
    return ask(handler_input, Speech().say(turn.prompts.say("practice.doubt"), question), question)


def thanked(handler_input: HandlerInput, state: ReadingPractice) -> Response:
    """ "That's lovely, thank you" in the middle of a reading: a short word back, and the step's
    own question again; the reading stays where it was (yes goes on)."""
    turn = current_turn(handler_input)
    library = _library(turn)
    if not library.has(state.practice):
        return practice_menu(handler_input)
    practice = library.practice(state.practice)
    index = min(state.part, part_count(practice, state.alone) - 1)
    question = reading_part(practice, index, turn.prompts, state.alone).reprompt
    turn.set_state(state)
    said = Speech().say(turn.prompts.say("small_talk.thanks"), question)
    return ask(handler_input, said, question)


def apology_heard(handler_input: HandlerInput, state: ReadingPractice) -> Response:
    """ "I'm sorry I snapped at you", said to the partner mid-practice: a warm word that an
    apology is a good step, and the choice to go on (yes goes on); the reading stays where it
    was."""
    turn = current_turn(handler_input)
    question = turn.prompts.say("practice.next_step")
    turn.set_state(state)
    said = Speech().say(turn.prompts.say("practice.apology"), question)
    return ask(handler_input, said, question)


def wait_a_while(handler_input: HandlerInput, state: ReadingPractice, key: str) -> Response:
    """ "I'm too mad to breathe", "he walked out of the room", in the middle of a reading: the
    calm word of prompt ``key``, a real wait, then whether to go on (``key``'s question: yes goes
    on, no or stop ends the reading); the reading stays where it was."""
    turn = current_turn(handler_input)
    question = turn.prompts.say(f"{key}.question")
    turn.set_state(state)
    said = Speech().say(turn.prompts.say(key)).pause(WAIT_SECONDS).say(question)
    return ask(handler_input, said, question)


def move_through(
    handler_input: HandlerInput, state: ReadingPractice, move: Move, *, louder: bool = False
) -> Response:
    """Go on with the reading as asked: on, back, from the start, again, after a wait,
    more slowly (``louder``: asked to speak up, with how to turn the device up); or pause it
    ("no")."""
    turn = current_turn(handler_input)
    library = _library(turn)
    if not library.has(state.practice):
        turn.set_state(IDLE)
        return practice_menu(handler_input)
    practice = library.practice(state.practice)
    alone = state.alone
    last = part_count(practice, alone) - 1
    index = min(state.part, last)
    if move is Move.BACK:
        return _speak_part(handler_input, practice, max(index - 1, 0), alone=alone)
    if move is Move.START_OVER:
        return _speak_part(handler_input, practice, 0, alone=alone)
    if move is Move.EXPLAIN and index > 0:
        # "What do you mean?", "I not understand, can you explain easy" mid-practice: the idea
        # behind it in other words, not the same step word for word again ("repeat" reads it
        # again); then the step's question.
        why = explanation(practice, alone)
        question = reading_part(practice, index, turn.prompts, alone).reprompt
        explained = Speech().say(turn.prompts.say("practice.explain", why=why), question)
        return ask(handler_input, explained, question)
    if move is Move.EXPLAIN:
        # Asked at the introduction, which was all "why": put simply, then the same question,
        # rather than the whole introduction again.
        question = reading_part(practice, 0, turn.prompts, alone).reprompt
        simply = turn.prompts.say("practice.explain.intro", why=explanation(practice, alone))
        return ask(handler_input, Speech().say(simply, question), question)
    if move in (Move.AGAIN, Move.SLOWER, Move.EXPLAIN):
        lead = Speech().say(turn.prompts.say("practice.slower") if move is Move.SLOWER else "")
        if move is Move.SLOWER and louder:
            lead.say(turn.prompts.say("volume.hint"))
        return _speak_part(handler_input, practice, index, lead, alone)
    if move is Move.WAIT:
        wait = Speech().say(turn.prompts.say("checkin.wait")).pause(WAIT_SECONDS)
        part = reading_part(practice, index, turn.prompts, alone)
        return ask(handler_input, wait.say(part.reprompt), part.reprompt)
    if move is Move.PAUSE:
        turn.set_state(IDLE)
        if index == last:
            return tell(handler_input, farewell(turn))
        question = turn.prompts.say("reprompt.idle")
        return ask(
            handler_input, Speech().say(turn.prompts.say("practice.paused"), question), question
        )
    if index < last:
        return _speak_part(handler_input, practice, index + 1, alone=alone)
    following = choose_practice(library, _heard(turn), turn.rng, exclude=practice.id)
    return read_practice(handler_input, following, alone=alone)


class PracticeNavigationHandler(AbstractRequestHandler):
    """Next, go back, yes and no while a practice is being read."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return isinstance(current_turn(handler_input).state, ReadingPractice) and intent_in(
            handler_input, _MOVES_BY_INTENT
        )

    def handle(self, handler_input: HandlerInput) -> Response:
        state = current_turn(handler_input).state
        if not isinstance(state, ReadingPractice):
            raise TypeError("PracticeNavigationHandler needs a practice being read")
        return move_through(handler_input, state, _MOVES_BY_INTENT[str(intent_name(handler_input))])
