"""Date-night ideas: asking for one, another one, the details, feedback, saves and favourites.

The idea on the table and the filters asked for ride in the dialog state
(:class:`~skill.conversation.dialog.BrowsingDates`), so follow-ups like
"another one" or "save it" know what they refer to. ``step`` records the
question just asked, which is what a plain "yes" or "no" answers:

=========  =====================================  ===============  ================
step       question                               yes              no
=========  =====================================  ===============  ================
pitched    tell you more, or find another?        the details      another idea
detailed   save this one, or find another?        save it          another idea
saved      would you like another idea?           another idea     leave date ideas
=========  =====================================  ===============  ================

Favourites are read a page at a time (:class:`~skill.conversation.dialog.ReadingFavourites`);
"yes", "more" or "next" read the next page, and after the last page "yes" means a new idea.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import is_intent_name
from ask_sdk_model import Response

from skill.content.dates import DateCatalogue, DateIdea, date_catalogue
from skill.content.questions import question_bank
from skill.conversation.checkin_speech import question_text
from skill.conversation.date_changes import DateDisliked, DateLoved, DateSaved, DateSuggested
from skill.conversation.date_speech import (
    FAVOURITES_PAGE,
    card_text,
    card_title,
    describe,
    details_speech,
    favourites_speech,
    suggestion_speech,
)
from skill.conversation.dates import DateFilters, matches, pick_date_night
from skill.conversation.dialog import (
    IDLE,
    BrowsingDates,
    CheckingIn,
    ChoosingPractice,
    DateIdeaOffer,
    DateStep,
    DialogState,
    Idle,
    Offering,
    ReadingFavourites,
    ReadingPractice,
)
from skill.conversation.evening import part_of_day
from skill.conversation.requests import DateFollowUp
from skill.conversation.seasons import season
from skill.conversation.spoken import spoken_list
from skill.handlers import practices
from skill.handlers.core import FallbackHandler
from skill.handlers.slots import intent_in, intent_name, slot_value
from skill.speech import Speech
from skill.turn import DATE_FILTERS, Turn, ask, current_turn

_FILTER_SLOTS = ("setting", "budget", "mood", "time", "distance")
#: States the couple may leave for a date idea. In any other (a check-in, a crisis
#: follow-up, a confirmation) loose words like "something fun" are answers to that
#: conversation, never a request for a date: its owner handles them.
_OPEN_STATES: tuple[type[DialogState], ...] = (
    Idle,
    Offering,
    ChoosingPractice,
    ReadingPractice,
    BrowsingDates,
    ReadingFavourites,
)
#: Where "we love it", "tell me more" or "another idea" can only be about a date idea;
#: elsewhere ("we'd love that" to an offer) they belong to what was just said.
_FOLLOW_UP_STATES: tuple[type[DialogState], ...] = (Idle, BrowsingDates, ReadingFavourites)
_BROWSING = (BrowsingDates, ReadingFavourites)


def _open(
    handler_input: HandlerInput, states: tuple[type[DialogState], ...] = _OPEN_STATES
) -> bool:
    return isinstance(current_turn(handler_input).state, states)


def _catalogue(turn: Turn) -> DateCatalogue:
    return date_catalogue(turn.settings.locale)


def _current_idea(turn: Turn) -> DateIdea | None:
    state = turn.state
    return _catalogue(turn).get(state.idea) if isinstance(state, BrowsingDates) else None


def _current_filters(turn: Turn) -> DateFilters:
    """The filters of the idea on the table; once the dates were left, those last asked for
    in this session ("another date idea" after a check-in keeps to "at home and free")."""
    state = turn.state
    if isinstance(state, BrowsingDates):
        return state.filters
    kept = turn.session.get(DATE_FILTERS)
    return DateFilters.from_dict(kept if isinstance(kept, dict) else None)


def _set_step(turn: Turn, step: DateStep) -> None:
    """Same idea and filters; a new question asked."""
    if isinstance(turn.state, BrowsingDates):
        turn.set_state(replace(turn.state, step=step))


def suggest(
    handler_input: HandlerInput,
    filters: DateFilters,
    *,
    exclude: str | None = None,
    opening: str = "",
) -> Response:
    """Pick an idea for ``filters``, remember the suggestion, pitch it, and ask what next."""
    turn = current_turn(handler_input)
    if filters.distance is None and _current_filters(turn).distance is not None:
        # Apart is where they are, not a wish: it holds for every idea asked for this session.
        filters = replace(filters, distance=_current_filters(turn).distance)
    # Loaded first: the household's own time zone decides the day and the season.
    memory = turn.household.household.profile.dates
    today = turn.local_now().date()
    pick = pick_date_night(
        _catalogue(turn).ideas,
        filters,
        memory,
        today=today,
        season=season(today, str(turn.timezone())),
        rng=turn.rng,
        exclude=exclude,
        part=part_of_day(turn.local_now()),
    )
    if pick is None:
        turn.set_state(IDLE)
        question = turn.prompts.say("reprompt.idle")
        # For a couple apart, honestly: the rest of the ideas are for being together.
        declined = "dates.apart.none" if filters.distance else "dates.all_declined"
        speech = Speech().say(opening, turn.prompts.say(declined), question)
        return ask(handler_input, speech, question)
    turn.household.apply(DateSuggested(idea=pick.idea.id, on=today.isoformat()))
    speech, question = suggestion_speech(pick, filters, turn.prompts)
    on_the_table = turn.state.idea if isinstance(turn.state, BrowsingDates) else ""
    before = on_the_table if on_the_table != pick.idea.id else ""
    turn.set_state(BrowsingDates(pick.idea.id, filters, DateStep.PITCHED, before))
    turn.session[DATE_FILTERS] = filters.to_dict()
    card = (card_title(pick.idea), card_text(pick.idea))
    return ask(handler_input, Speech().say(opening).extend(speech), question, card)


def suggest_after(handler_input: HandlerInput, asked: Mapping[str, str], said: str) -> Response:
    """An idea for the filters ``asked`` for, after ``said`` (an answer to a question asked in
    the same breath)."""
    return suggest(handler_input, DateFilters.from_dict(asked), opening=said)


def _another(handler_input: HandlerInput, opening: str = "") -> Response:
    """A different idea for the same filters (fresh filters outside the dates flow)."""
    turn = current_turn(handler_input)
    current = _current_idea(turn)
    return suggest(
        handler_input,
        _current_filters(turn),
        exclude=current.id if current else None,
        opening=opening,
    )


def _cost(handler_input: HandlerInput, idea: DateIdea) -> Response:
    """ "How much does that cost?": the idea's cost band in words, then the question after a
    pitch again (a yes hears the steps, a no another idea)."""
    turn = current_turn(handler_input)
    question = turn.prompts.say("dates.after_pitch")
    _set_step(turn, DateStep.PITCHED)
    return ask(
        handler_input, Speech().say(turn.prompts.say(f"dates.cost.{idea.cost}"), question), question
    )


def steer_away(
    handler_input: HandlerInput,
    steer: Mapping[str, str],
    asked: Mapping[str, str],
    *,
    said_no: bool,
    weather: bool = False,
) -> Response:
    """A kind of evening turned down with its reason ("nah not for us, we're not outdoorsy",
    "we don't do loud restaurants"): the idea on the table is turned down when it is not what
    the reason ``steer`` s toward (ideas at home), or when they said no to it besides
    (``said_no``: "nah, not for us"). When the reason is the ``weather`` ("no way, it's freezing
    out"), only the weather was said no to: the idea is never turned down. The next ideas keep
    to ``steer``, to any filter ``asked`` for in the same words, and to every filter asked for
    before; said briefly before the next idea."""
    turn = current_turn(handler_input)
    idea = _current_idea(turn)
    filters = DateFilters.from_dict({**_current_filters(turn).to_dict(), **asked, **steer})
    toward = DateFilters.from_dict(steer)
    disliked = idea is not None and not weather and (said_no or not matches(idea, toward))
    if disliked and idea is not None:
        turn.household.apply(DateDisliked(idea.id))
    said = [turn.prompts.say("dates.disliked")] if disliked else []
    if weather:
        said.append(turn.prompts.say("dates.weather"))
    # "Ideas at home", but "something relaxing": a mood is no place.
    steered = "dates.steered.mood" if toward.mood is not None else "dates.steered"
    said.append(turn.prompts.say(steered, asked=describe(toward)))
    return suggest(
        handler_input, filters, exclude=idea.id if idea else None, opening=" ".join(said)
    )


def go_back(handler_input: HandlerInput, text: str = "") -> Response:
    """ "Go back" while an idea is on the table: the practice it broke into, when one was left
    part-way this session and there is no idea before it (or ``text`` names that practice);
    else the idea pitched before it, when there was one this session; else this one's pitch
    again. Either way, the question after a pitch."""
    turn = current_turn(handler_input)
    state = turn.state
    if not isinstance(state, BrowsingDates):
        return FallbackHandler().handle(handler_input)
    back = practices.back_to_the_practice_left(handler_input, text)
    if back is not None:
        # The first idea pitched broke into a practice: "go back" is back to that practice.
        return back
    catalogue = _catalogue(turn)
    before = catalogue.get(state.before) if state.before else None
    idea = before or catalogue.get(state.idea)
    if idea is None:
        return _offer_idea(handler_input, "dates.no_idea")
    turn.set_state(BrowsingDates(idea.id, state.filters, DateStep.PITCHED))
    question = turn.prompts.say("dates.after_pitch")
    speech = Speech().say(
        turn.prompts.say("dates.back" if before else "dates.back.same"),
        turn.prompts.say("dates.pitch", title=idea.title),
        idea.pitch,
        question,
    )
    return ask(handler_input, speech, question, (card_title(idea), card_text(idea)))


def explain(handler_input: HandlerInput) -> Response:
    """ "What do you mean?" while an idea is on the table: the choices in other words."""
    turn = current_turn(handler_input)
    question = turn.prompts.say("reprompt.dates")
    said = Speech().say(
        turn.prompts.say("checkin.rephrase.lead"), turn.prompts.say("dates.explain")
    )
    return ask(handler_input, said.say(question), question)


def reassure(handler_input: HandlerInput) -> Response:
    """ "This is awkward" while an idea is on the table: a light word, then the choices."""
    turn = current_turn(handler_input)
    question = turn.prompts.say("reprompt.dates")
    return ask(handler_input, Speech().say(turn.prompts.say("dates.awkward"), question), question)


def another_idea(handler_input: HandlerInput, asked: Mapping[str, str]) -> Response:
    """ "Another date idea" said after the dates were left (at the practice offered after a
    check-in), or "something quieter, another" said of the idea on the table: the filters asked
    for earlier in the session still hold, with any said now (and the idea on the table is not
    the next one)."""
    turn = current_turn(handler_input)
    kept = _current_filters(turn).to_dict()
    current = _current_idea(turn)
    return suggest(
        handler_input,
        DateFilters.from_dict({**kept, **asked}),
        exclude=current.id if current else None,
    )


def _details(handler_input: HandlerInput, idea: DateIdea) -> Response:
    turn = current_turn(handler_input)
    speech, question = details_speech(idea, turn.prompts)
    _set_step(turn, DateStep.DETAILED)
    return ask(handler_input, speech, question)


def _save(handler_input: HandlerInput, idea: DateIdea, *, loved: bool) -> Response:
    turn = current_turn(handler_input)
    kept = idea.id in turn.household.household.profile.dates.saved
    turn.household.apply(DateLoved(idea.id) if loved else DateSaved(idea.id))
    # "Will you remember it for us?" once it is saved: that it is, not that it now is.
    key = "dates.loved" if loved else "dates.saved.already" if kept else "dates.saved"
    said = turn.prompts.say(key, title=idea.title)
    question = turn.prompts.say("dates.after_saved")
    _set_step(turn, DateStep.SAVED)
    return ask(handler_input, Speech().say(said, question), question)


def name_saved(handler_input: HandlerInput) -> Response | None:
    """ "What did we just save? what was it called?" once an idea was saved: its name, and the
    question asked after saving again; None when no idea was just saved."""
    turn = current_turn(handler_input)
    state = turn.state
    idea = _current_idea(turn)
    if idea is None or not isinstance(state, BrowsingDates) or state.step is not DateStep.SAVED:
        return None
    said = turn.prompts.say("dates.saved.named", title=idea.title)
    question = turn.prompts.say("dates.after_saved")
    return ask(handler_input, Speech().say(said, question), question)


def _leave(handler_input: HandlerInput) -> Response:
    turn = current_turn(handler_input)
    turn.set_state(IDLE)
    question = turn.prompts.say("reprompt.idle")
    return ask(handler_input, Speech().say(turn.prompts.say("dates.leave"), question), question)


def _offer_idea(handler_input: HandlerInput, said: str) -> Response:
    """Nothing to talk about yet (no idea on the table, no favourites): offer an idea."""
    turn = current_turn(handler_input)
    question = turn.prompts.say("dates.offer")
    turn.set_state(Offering(DateIdeaOffer()))
    return ask(handler_input, Speech().say(turn.prompts.say(said), question), question)


def _favourites(handler_input: HandlerInput, offset: int) -> Response:
    turn = current_turn(handler_input)
    catalogue = _catalogue(turn)
    memory = turn.household.household.profile.dates
    saved = [idea for i in reversed(memory.saved) if (idea := catalogue.get(i)) is not None]
    state = turn.state
    if isinstance(state, CheckingIn) and state.flow.step is not None:
        # "What was our favourite again?" when asked for a number: the favourites, then the
        # check-in where it was.
        return _favourites_mid_checkin(handler_input, state, saved)
    if not saved:
        return _offer_idea(handler_input, "dates.favourites.none")
    offset = offset if offset < len(saved) else 0
    speech, question, more = favourites_speech(saved, offset, turn.prompts)
    turn.set_state(ReadingFavourites(offset + FAVOURITES_PAGE, more))
    card = ("Your favourite date ideas", "\n".join(card_title(i) for i in saved))
    return ask(handler_input, speech, question, card if offset == 0 else None)


def _favourites_mid_checkin(
    handler_input: HandlerInput, state: CheckingIn, saved: list[DateIdea]
) -> Response:
    """The first few favourites (or that there are none yet), and the check-in's question again."""
    turn = current_turn(handler_input)
    if saved:
        titles = spoken_list([idea.title for idea in saved[:FAVOURITES_PAGE]])
        speech = Speech().say(
            turn.prompts.say("dates.favourites.intro"), titles[:1].upper() + titles[1:] + "."
        )
    else:
        speech = Speech().say(turn.prompts.say("dates.favourites.none"))
    flow = state.flow
    step = flow.step
    if step is None:
        raise ValueError("no question to go back to in a finished check-in")
    question = question_text(step, flow, question_bank(turn.settings.locale), turn.prompts)
    speech.say(turn.prompts.say("checkin.resume"), question)
    turn.set_state(state)
    return ask(handler_input, speech, question)


def _favourites_next(handler_input: HandlerInput) -> Response:
    """The next page of favourites, or a new idea once the list has been read."""
    state = current_turn(handler_input).state
    if isinstance(state, ReadingFavourites) and state.more:
        return _favourites(handler_input, state.offset)
    return suggest(handler_input, DateFilters())


def accept_date_offer(handler_input: HandlerInput, offer: DateIdeaOffer) -> Response:
    """Yes to a date idea: one for no filters in particular."""
    return suggest(handler_input, DateFilters())


def _asked_filters(handler_input: HandlerInput) -> DateFilters:
    """The filters in the request's slots; words entity resolution could not match are left out."""
    values = {}
    for name in _FILTER_SLOTS:
        slot = slot_value(handler_input, name)
        if slot is not None and slot.id is not None:
            values[name] = slot.id
    return DateFilters.from_dict(values)


class DateIdeaHandler(AbstractRequestHandler):
    """ "Suggest a date night", "a cheap date idea at home", "something adventurous this weekend".

    Each request states the whole wish: its filters replace earlier ones, since
    carrying "at home" into "something adventurous this weekend" surprises more
    than it helps. "Another one" is what keeps the filters.
    """

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return _open(handler_input) and is_intent_name("DateIdeaIntent")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        current = _current_idea(current_turn(handler_input))
        return suggest(
            handler_input, _asked_filters(handler_input), exclude=current.id if current else None
        )


class DateAnotherHandler(AbstractRequestHandler):
    """ "Another date idea"; and "another one" or "next" while an idea is on the table."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return (
            _open(handler_input, _FOLLOW_UP_STATES)
            and is_intent_name("DateAnotherIntent")(handler_input)
        ) or (
            isinstance(current_turn(handler_input).state, BrowsingDates)
            and is_intent_name("AMAZON.NextIntent")(handler_input)
        )

    def handle(self, handler_input: HandlerInput) -> Response:
        return _another(handler_input)


class DateDetailsHandler(AbstractRequestHandler):
    """ "Tell me more": the steps of the idea on the table (the next favourites while listing)."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return _open(handler_input, _FOLLOW_UP_STATES) and is_intent_name("DateDetailsIntent")(
            handler_input
        )

    def handle(self, handler_input: HandlerInput) -> Response:
        turn = current_turn(handler_input)
        if isinstance(turn.state, ReadingFavourites):
            return _favourites_next(handler_input)
        idea = _current_idea(turn)
        return (
            _details(handler_input, idea) if idea else _offer_idea(handler_input, "dates.no_idea")
        )


class DateFeedbackHandler(AbstractRequestHandler):
    """ "We love it", "save it", "not for us": remembered, and shaping later picks."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return _open(handler_input, _FOLLOW_UP_STATES) and intent_in(
            handler_input, ("DateLoveIntent", "DateSaveIntent", "DateDislikeIntent")
        )

    def handle(self, handler_input: HandlerInput) -> Response:
        said = {
            "DateLoveIntent": DateFollowUp.LOVE,
            "DateSaveIntent": DateFollowUp.SAVE,
            "DateDislikeIntent": DateFollowUp.DISLIKE,
        }[str(intent_name(handler_input))]
        return follow_up(handler_input, said)


def follow_up(handler_input: HandlerInput, said: DateFollowUp) -> Response:
    """What the couple said about the idea on the table: another, more, love, save, not for us."""
    turn = current_turn(handler_input)
    if said is DateFollowUp.ANOTHER:
        return _another(handler_input)
    idea = _current_idea(turn)
    if idea is None:
        return _offer_idea(handler_input, "dates.no_idea")
    if said is DateFollowUp.DETAILS:
        return _details(handler_input, idea)
    if said is DateFollowUp.COST:
        return _cost(handler_input, idea)
    if said is DateFollowUp.DISLIKE:
        turn.household.apply(DateDisliked(idea.id))
        return _another(handler_input, opening=turn.prompts.say("dates.disliked"))
    return _save(handler_input, idea, loved=said is DateFollowUp.LOVE)


def favourites(handler_input: HandlerInput) -> Response:
    """ "What are our favourite date ideas": saved ideas, newest first, a few at a time."""
    return _favourites(handler_input, 0)


def favourites_or_new_idea(handler_input: HandlerInput, yes: bool) -> Response:
    """Yes to "more favourites?" reads on (or, past the end, brings a new idea); no leaves."""
    return _favourites_next(handler_input) if yes else _leave(handler_input)


class DateFavouritesHandler(AbstractRequestHandler):
    """ "What are our favourite date ideas": saved ideas, newest first, a few at a time."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return _open(handler_input) and is_intent_name("DateFavouritesIntent")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        return favourites(handler_input)


class FavouritesNextHandler(AbstractRequestHandler):
    """ "More" or "next" while favourites are being read."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return isinstance(current_turn(handler_input).state, ReadingFavourites) and is_intent_name(
            "AMAZON.NextIntent"
        )(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        return _favourites_next(handler_input)


class DateYesNoHandler(AbstractRequestHandler):
    """A plain "yes" or "no" answers the question just asked (see the module's table)."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return isinstance(current_turn(handler_input).state, _BROWSING) and (
            is_intent_name("AMAZON.YesIntent")(handler_input)
            or is_intent_name("AMAZON.NoIntent")(handler_input)
        )

    def handle(self, handler_input: HandlerInput) -> Response:
        return yes_or_no(handler_input, is_intent_name("AMAZON.YesIntent")(handler_input))


def yes_or_no(handler_input: HandlerInput, yes: bool) -> Response:
    """A plain "yes" or "no" to the question just asked about ideas (see the module's table)."""
    turn = current_turn(handler_input)
    state = turn.state
    if not isinstance(state, BrowsingDates):
        return favourites_or_new_idea(handler_input, yes)
    idea = _current_idea(turn)
    if idea is None or (state.step is DateStep.SAVED and not yes):
        return _leave(handler_input)
    if not yes or state.step is DateStep.SAVED:
        return _another(handler_input, opening=turn.prompts.say("dates.another"))
    if state.step is DateStep.DETAILED:
        return _save(handler_input, idea, loved=False)
    return _details(handler_input, idea)


class DatesStrayHandler(FallbackHandler):
    """ "Go back" while an idea is on the table: the one before (or this one again); "start
    over", or "go back" while favourites are read: the dates fallback, not an error."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return isinstance(current_turn(handler_input).state, _BROWSING) and intent_in(
            handler_input, ("AMAZON.PreviousIntent", "AMAZON.StartOverIntent")
        )

    def handle(self, handler_input: HandlerInput) -> Response:
        state = current_turn(handler_input).state
        if isinstance(state, BrowsingDates) and is_intent_name("AMAZON.PreviousIntent")(
            handler_input
        ):
            return go_back(handler_input)
        return super().handle(handler_input)
