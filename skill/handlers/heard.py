"""Words said in answer to a question, read for where the conversation is.

Every question the skill asks elicits the answer slot (:func:`skill.turn.ask`),
so what the couple says next arrives here as the words said: at a check-in
step it is that step's answer; after an offer, a yes, a no, "not tonight", or
a new request; while a practice is read, "ready", "hold on", "slower"; after
a date idea, "tell us more", "something cheaper", "we love it". Words of
crisis never get this far (:class:`skill.handlers.checkin.CareHandler` comes
first). Anything that is none of these is read as a request of its own
(:func:`skill.conversation.requests.read_request`); what is not understood at
all is met with a helpful question, never an error.
"""

from __future__ import annotations

from dataclasses import replace
from xml.sax.saxutils import escape

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response
from ask_sdk_model.ui import SsmlOutputSpeech

from skill.content.practices import practice_library
from skill.content.understanding import Vocabulary
from skill.conversation.care import (
    Crisis,
    asks_about_the_app,
    asks_about_the_line,
    asks_again_for_help_lines,
    asks_for_the_number,
    eases_out_of_it,
    lets_it_be,
    may_be_overheard,
    may_speak_of_crisis,
    minimises,
    only_a_false_alarm,
    only_thanks,
    says_more,
    speaks_of_the_help,
    unsure_what_to_do,
)
from skill.conversation.checkin import (
    PARTNERS,
    RATING,
    Back,
    Event,
    Partners,
    Rating,
    Skip,
    Unclear,
)
from skill.conversation.dialog import (
    AskingNames,
    AskingReminderTime,
    AskingToRetrySave,
    BrowsingDates,
    CheckingIn,
    CheckInOffer,
    ChoosingPractice,
    ConfirmingErase,
    ConfirmingForget,
    Idle,
    InCare,
    Offer,
    Offering,
    PracticeOffer,
    ReadingFavourites,
    ReadingPractice,
    RepairOffer,
)
from skill.conversation.guessed import guess_request
from skill.conversation.names import names_phrase, partner_names
from skill.conversation.requests import (
    NIGHTLY,
    AboutSkillRequest,
    ChangeNamesRequest,
    CheckInRequest,
    DateFavouritesRequest,
    DateFollowUp,
    DateRequest,
    DeleteDataRequest,
    FightRequest,
    ForgetNamesRequest,
    ForgetTonightRequest,
    HelpRequest,
    JournalAction,
    JournalRequest,
    NamesRequest,
    PracticeRequest,
    PracticeResumeRequest,
    PrivacyInfoRequest,
    ProgressRequest,
    ReminderRequest,
    ReminderStopRequest,
    Request,
    SkillQuestion,
    SkillQuestionRequest,
    SmallTalkRequest,
    asks_for_another,
    asks_for_help,
    asks_what_was_saved,
    blames_the_weather,
    cancels_the_reminder,
    declines_a_reminder,
    names_asked_last,
    names_in_passing,
    names_said_first,
    practices_compared,
    read_date_aversion,
    read_date_follow_up,
    read_request,
    says_a_bare_no,
    skips_the_check_in,
    without_aversions,
)
from skill.conversation.understanding import (
    Control,
    Reply,
    Tone,
    alone_in_a_story,
    asked_after_a_wait,
    asks_again_inside,
    asks_for_the_other_turn,
    asks_louder,
    back_again,
    control_said_last,
    goes_on_last,
    heartfelt,
    normalise,
    only_reluctance,
    rating_meant,
    rating_taken_back,
    read_control,
    read_names,
    read_partners,
    read_rating,
    read_rating_fix,
    read_reply,
    read_time,
    read_tone,
    says_alone_here,
    says_not_now,
    speaks_of_a_fight,
    thanks_in_passing,
    thanks_only,
    trim_fillers,
    who_goes_first,
)
from skill.handlers import (
    checkin,
    core,
    dates,
    fight,
    names,
    practices,
    privacy,
    reminders,
    save_retry,
)
from skill.handlers.offers import Offers
from skill.handlers.requests import serve
from skill.handlers.slots import intent_name, slot_value
from skill.patterns import deferred
from skill.turn import ANSWER_INTENT, ANSWER_SLOT, GENTLE_WORD, SLOW, current_turn

#: Words that ask for a date idea outright, whatever else is said.
_NAMES_A_DATE = deferred(r"\b(?:date|dates|idea|ideas|suggest|something to do)\b")
#: Controls that ask for the last thing said again, one way or another.
_AGAIN = (Control.REPEAT_QUESTION, Control.REPHRASE, Control.WAIT, Control.SLOW_DOWN)
_PRACTICE_MOVES = {
    Control.SKIP: practices.Move.NEXT,
    Control.BACK: practices.Move.BACK,
    Control.REPEAT_QUESTION: practices.Move.AGAIN,
    Control.REPHRASE: practices.Move.EXPLAIN,
    Control.WAIT: practices.Move.WAIT,
    Control.SLOW_DOWN: practices.Move.SLOWER,
}


class HeardWordsHandler(AbstractRequestHandler):
    """The answer slot, filled with what was said: read for where the conversation is."""

    def __init__(self, offers: Offers) -> None:
        self._offers = offers

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return intent_name(handler_input) == ANSWER_INTENT

    def handle(self, handler_input: HandlerInput) -> Response:
        heard = slot_value(handler_input, ANSWER_SLOT)
        return hear(handler_input, self._offers, heard.spoken if heard else "")


def _ends_with_a_no(text: str, vocab: Vocabulary) -> bool:
    """Whether what was said ends in a no of two words or more ("...we don't want")."""
    last = vocab.answers[Reply.NO.value].ends(normalise(text))
    return last is not None and len(last.split()) >= 2


def heavy(text: str, vocab: Vocabulary) -> bool:
    """Whether the learned second ear hears crisis in ``text`` (the word families did not)."""
    return may_speak_of_crisis(text, vocab.locale) is not None


def hear(handler_input: HandlerInput, offers: Offers, text: str) -> Response:
    """What ``text`` means where the conversation is, done; first names introduced in passing
    ("bestie we're Zoe and Marcus. and yeah fine, check in") are kept, and said back first."""
    turn = current_turn(handler_input)
    introduced = () if isinstance(turn.state, InCare) else names_in_passing(text)
    if not introduced:
        return _hear(handler_input, offers, text)
    known = [name.casefold() for name in partner_names(turn.household.household.profile)]
    if all(name.casefold() in known for name in introduced):
        if names_asked_last(text) and not isinstance(turn.state, CheckingIn):
            return names.say_names_known(handler_input)  # "did you get our names? Maya and Sam"
        return _hear(handler_input, offers, text)
    if names_asked_last(text):
        # "… ok forget the date for a sec. call us Maya and Sam": the names are what is asked.
        state = turn.state
        if isinstance(state, CheckingIn):
            return checkin.names_given(handler_input, state, introduced)
        return names.take_names(handler_input, introduced)
    kept = names.keep_names(turn, introduced)
    if kept is None:
        return _hear(handler_input, offers, text)
    if isinstance(turn.state, CheckingIn):
        turn.set_state(replace(turn.state, names=tuple(kept[0])))
    turn.named_here = len(introduced)
    response = _hear(handler_input, offers, text)
    speech = response.output_speech
    phrase = names_phrase(kept[0])
    if isinstance(speech, SsmlOutputSpeech) and speech.ssml and phrase not in speech.ssml:
        # Said back first, unless what follows already greets them by name.
        met = turn.prompts.say("names.in_passing", names=phrase)
        speech.ssml = speech.ssml.replace("<speak>", f"<speak>{escape(met)} ", 1)
    return response


def _hear(handler_input: HandlerInput, offers: Offers, text: str) -> Response:
    """What ``text`` means where the conversation is, done."""
    turn = current_turn(handler_input)
    vocab = turn.vocabulary
    state = turn.state
    disclosed = isinstance(state, InCare) or GENTLE_WORD in turn.session
    if disclosed and may_be_overheard(text):
        return core.quiet_exit(handler_input)
    if asks_about_the_app(text):
        # "No I mean will he see it. the card thing on the app. can you delete it": answered
        # plainly, at any point, the numbers' offer included (never the numbers again instead).
        return checkin.about_the_app(handler_input, None)
    if isinstance(state, InCare) and minimises(text):
        # "No, it's not like that. he's not violent or anything. I shouldn't have said it":
        # reassured, and the evening stays open; never a goodbye.
        return checkin.minimised(handler_input, state)
    if isinstance(state, InCare) and unsure_what_to_do(text):
        # "I just don't know what to do": no need to decide tonight; the session stays open.
        return checkin.care_unsure(handler_input, state)
    if only_a_false_alarm(text, vocab.locale) and (
        core.care_was_given(turn) or speaks_of_the_help(text)
    ):
        # "Last night it gave us some hotline thing? we were just joking, we're fine": sorry
        # for the worry, glad they're well, and the evening goes on; no numbers read again.
        return core.false_alarm(handler_input)
    again = asks_again_for_help_lines(text, scale_asked=_asks_for_a_number(state))
    if isinstance(state, InCare) and (again or asks_for_the_number(text)):
        # "Can you say those numbers again": the care answer's own numbers, and its question.
        return checkin.care_for(handler_input, state.crisis)
    if isinstance(state, InCare) and lets_it_be(text) and not says_more(text):
        # "Never mind. forget I said anything": let drop, and the evening stays open (a "never
        # mind" with it is not a stop). Asked for with it, the numbers come first, as before.
        return checkin.let_it_be(handler_input, state)
    if (
        GENTLE_WORD in turn.session
        and not isinstance(state, InCare)
        and (again or asks_for_the_number(text))
    ):
        # Only the gentle word was said; asked where help is, the full care answer follows.
        return checkin.care_for(handler_input, Crisis(turn.session[GENTLE_WORD]))
    if again:
        # Asked for at any point (the next day, at the welcome): no disclosure is kept, so
        # every kind of help, neutrally.
        return core.help_lines(handler_input)
    if not isinstance(state, CheckingIn | InCare):
        if eases_out_of_it(text):
            # "Sorry about before, I just needed to say it", "thanks for not making a big deal".
            return core.eased(handler_input)
        if core.care_was_given(turn) and only_thanks(text):
            # "Ok. Thank you", after care or the help lines: a warm, short goodbye.
            return checkin.after_care(handler_input, Reply.NO)
    control = read_control(text, vocab)
    asked = _asked_after_a_wait(text, vocab) if control is Control.WAIT else None
    if asked is not None:
        # "Well wait, what's our streak": the wait word only begins a question, which is served.
        control, text = None, asked
    # "Speak up, I can't hear you", "louder please": the skill cannot turn itself up, so it says
    # it again, slower, with how to turn the device up; the same at every question.
    louder = control in (Control.REPEAT_QUESTION, Control.SLOW_DOWN) and asks_louder(text, vocab)
    if louder:
        control = Control.SLOW_DOWN
    if control is Control.SLOW_DOWN:
        turn.session[SLOW] = True
    if control is Control.STOP:
        if isinstance(state, CheckingIn | Offering):
            # "Stop the check in. can you read us something about trust", "no, forget it for
            # now. the validation practice": what is asked after the stop is done instead.
            offer = state.offer if isinstance(state, Offering) else None
            instead = _asked_after_declining(text, vocab, offer)
            if instead is not None:
                return _instead_of_the_offer(handler_input, offers, instead, text)
        if isinstance(state, CheckingIn):
            return checkin.stop_checkin(handler_input, state)
        return core.goodbye(handler_input)
    if isinstance(state, ReadingPractice | Offering) and vocab.practice_places["how_long"].found(
        normalise(text)
    ):
        # "How long is it though, honestly", asked while a practice is read or offered: its
        # steps and a rough time, then the same question (never "we haven't picked a date").
        told = practices.how_long(handler_input)
        if told is not None:
            return told
    if control is Control.HELP and not isinstance(state, CheckingIn):
        if isinstance(state, Offering) and isinstance(state.offer, RepairOffer):
            # "Can you help us?" when the repair conversation was just offered: it is the help.
            return offers.accept(handler_input, state.offer)
        if isinstance(read_request(text, vocab), FightRequest):
            # "We argued again on the way home from his mother's. can you help us": the fight
            # is met (calm, a pause, the repair conversation), not the list of what I can do.
            return serve(handler_input, FightRequest())
        counselling = SkillQuestionRequest(SkillQuestion.COUNSELLING)
        if read_request(text, vocab) == counselling:
            # "Would marriage counselling help us": asked about counselling, not for help here.
            return serve(handler_input, counselling)
    if control is Control.HELP:
        if isinstance(state, CheckingIn):
            return checkin.check_in_help(handler_input, state)
        return core.help_here(handler_input)
    waited = turn.session.pop(checkin.WAITED, None)
    if isinstance(state, CheckingIn):
        changed = rating_taken_back(text)
        if changed is None and control is Control.BACK:
            # "Go back, I meant four. June's reminding me we had a nice lunch": the four.
            changed = rating_meant(text)
        flow = state.flow
        if thanks_only(text, vocab):
            # "Thanks for that" half-way: a word back, and the same question; the check-in goes on.
            return checkin.thanked(handler_input, state)
        if waited == checkin.waiting_at(flow) and back_again(text, vocab):
            # "Ok back" after "hold on": here again, so the same question, not the one before.
            return checkin.back_from_waiting(handler_input, state)
        fixed = _rating_fixed(handler_input, state, text, control)
        if fixed is not None:
            return fixed
        if changed is not None and flow.pos > 0 and flow.steps[flow.pos - 1].kind == RATING:
            # "No wait, I meant two" once the open question was asked: that rating, changed.
            flow.handle(Back())
            return checkin.take_step(handler_input, state, Rating(changed))
        if _asks_for_a_number(state):
            first, rest = who_goes_first(text, state.names, vocab)
            if first is not None and flow.pos == 0 and flow.partners == 2:
                # "Joe first. I'd say a three", asked of Kim: Joe answers this one (a number
                # said with it is Joe's), and the turns, and the names said back, follow.
                moved = flow.let_go_first(first)
                if not trim_fillers(rest, vocab):
                    return (
                        checkin.goes_first(handler_input, state)
                        if moved
                        else (checkin.ask_again(handler_input, state, Control.REPEAT_QUESTION))
                    )
                text = rest
        event = state.flow.event_from_words(text, vocab)
        if _asks_for_a_number(state) and isinstance(event, Rating) and event.value is None:
            last = control_said_last(text, vocab) if control is None else None
            if last in (Control.SKIP, Control.BACK, *_AGAIN):
                # "Yeah fine, next": a control said after a word, not a "fine" to take as a four.
                control, event = last, Rating(None)
                if last is Control.SLOW_DOWN:
                    turn.session[SLOW] = True
            elif event.in_words is not None and _asked_at_a_rating(text, vocab):
                # "Ok and give us something we can do together", "ok. how are we doing this
                # week": a request, its "ok" or "nothing big" no rating.
                event = Rating(None)
            elif last is None and event.in_words is None and asks_again_inside(text, vocab):
                # "Wait can you say that again for Sam, he didn't catch it, the line's laggy".
                control = Control.REPEAT_QUESTION
        if isinstance(event, Partners) and event.count == 1:
            _note_who_is_alone(state, text)
        if control is not None and _asks_about_the_question(state, text, control, vocab):
            return checkin.ask_again(handler_input, state, control)
        if _a_number_or_a_count(state, event):
            # "Let me think... four and a half": asked for a number, a number said is the
            # answer, whatever words came with it.
            return checkin.take_step(handler_input, state, event)
        if control in _AGAIN:
            return checkin.ask_again(handler_input, state, control, louder=louder)
        if control is Control.SKIP:
            return checkin.take_step(handler_input, state, Skip())
        if control is Control.BACK:
            return checkin.take_step(handler_input, state, Back())
        if _not_an_answer(state, event) and says_not_now(text):
            # "Can we do this tomorrow instead?": what was shared is kept for later.
            return checkin.stop_checkin(handler_input, state)
        if _not_an_answer(state, event):
            # "Suggest a date night" when asked for a number: a request, which leaves the
            # check-in (what was answered is kept). An open answer is always the answer.
            request = read_request(text, vocab)
            if isinstance(request, NamesRequest):
                return checkin.names_given(handler_input, state, request.names)
            if (
                isinstance(request, CheckInRequest)
                and request.partners == 1
                and alone_in_a_story(text, vocab)
            ):
                # "I spent the day on my own" when asked for a number: a story of the day, not
                # who is here; the number is asked again.
                request = None
            if isinstance(request, CheckInRequest) and request.kind == flow.kind:
                # "Yes the check in" when asked for a number: the one under way goes on, with
                # who is here as they said (not a new one for the usual two).
                if request.partners and request.partners != flow.partners:
                    return checkin.take_step(handler_input, state, Partners(request.partners))
                return checkin.carry_on(handler_input, state)
            if (
                isinstance(request, PracticeResumeRequest)
                and not asks_for_help(text)
                and not vocab.requests["practice_resume"].starts(
                    trim_fillers(normalise(text), vocab)
                )
            ):
                # "I think the tea thing from last time, I did say thank you": said of the
                # evening, not a practice to finish.
                request = None
            if (
                isinstance(request, PracticeRequest | DateRequest)
                and not asks_for_help(text)
                and not (isinstance(request, DateRequest) and _NAMES_A_DATE.search(text.lower()))
                and not skips_the_check_in(text)
            ):
                # "I miss how we used to go for walks", "I felt a bit ignored at dinner" when
                # asked for a number: said of the evening, not a request for the practice or
                # the date its words name. "Suggest a date night" still leaves, and so does
                # "no, not the check in. a practice. something short".
                request = None
            if isinstance(request, PracticeRequest) and _A_DAY_TOGETHER.search(normalise(text)):
                # "Give us something we can do together when she's back on Saturday": an
                # evening to plan, so a date idea, not a practice read now.
                request = DateRequest({})
            if request is not None:
                return serve(handler_input, request)
        instead = _asked_instead_of_answering(state, text, vocab)
        if instead is not None:
            return serve(handler_input, instead)
        if _open_question(state) and _only_saves(text, vocab):
            # "Perfect. save that one" with no date idea on the table: nothing to save, and no
            # answer either; a gentle word, then the same question.
            return checkin.nothing_to_save(handler_input, state)
        if _open_question(state) and only_reluctance(text, vocab):
            # "Honestly this is stupid": not an answer; a gentle word, and skipping is fine.
            return checkin.reluctant(handler_input, state)
        return checkin.take_step(handler_input, state, event)
    fix = read_rating_fix(text) if isinstance(state, Idle | Offering) else None
    if fix is not None:
        # "Can you change hers to a four", just after the check-in closed: put right if plain.
        fixed = checkin.fix_closed_rating(handler_input, fix)
        if fixed is not None:
            return fixed
    if isinstance(state, ReadingPractice) and says_not_now(text):
        return practices.move_through(handler_input, state, practices.Move.PAUSE)
    if isinstance(state, ReadingPractice) and not state.alone and says_alone_here(text, vocab):
        # "It's just me though. he's asleep", "there's no one to sit with. it's just me": the
        # same practice for one person, never the check-in offered again.
        return practices.alone_now(handler_input, state)
    if isinstance(state, ReadingPractice) and asks_for_the_other_turn(text, vocab):
        # "Yes. skip to the part where she shares", "can we just do the part where Harold
        # talks?": the step where the partners swap (or the next one, said so).
        return practices.other_turn(handler_input, state)
    places = vocab.practice_places
    if (
        isinstance(state, ReadingPractice)
        and state.part > 0
        and places["from_the_start"].found(normalise(text))
        and read_request(text, vocab) == PracticeRequest(state.practice)
    ):
        # "Let's do the listening practice again from the start": begun again, as asked (asked
        # for by name alone, the practice being read goes on from its step).
        return practices.move_through(handler_input, state, practices.Move.START_OVER)
    if (
        isinstance(state, ReadingPractice)
        and state.part == 0
        and places["heard_already"].found(normalise(text))
    ):
        # "We heard that bit already. skip ahead to where we were", "bro we literally just did
        # that part. skip", at the introduction read again: the step they were at (or the first).
        return practices.skip_introduction(handler_input, state)
    if isinstance(state, ReadingPractice) and vocab.apologies.found(normalise(text)):
        # "I'm sorry I snapped at you": said to the partner, a step the practice is for.
        return practices.apology_heard(handler_input, state)
    if isinstance(state, Idle | Offering) and _apologises(text, vocab):
        # "He says he's sorry he raised his voice. I'm sorry I brought up his mother": met
        # warmly, with the way back a yes away; never "I didn't catch that", never goodbye.
        return fight.apology_heard(handler_input)
    if isinstance(state, ReadingPractice):
        after = vocab.after_a_fight
        said = normalise(text)
        repair = _reads_the_repair(handler_input, state)
        # In another practice a fight told is met as one (the repair conversation offered); in
        # the repair conversation, anger and a partner walking out are part of what it is for.
        calm = repair or not speaks_of_a_fight(text, vocab)
        if calm and after["heated"].found(said):
            # "I don't know. I'm too mad to breathe": calm, a real wait, then whether to go on.
            return practices.wait_a_while(handler_input, state, "practice.heated")
        if calm and after["walked_out"].found(said):
            # "We didn't. he walked out of the room": that's alright, a wait, and stop is fine.
            return practices.wait_a_while(handler_input, state, "practice.partner_left")
        if repair and after["take_turns"].found(said) and not vocab.requests["checkin"].found(said):
            # "Can we just do the thing where we take turns": the repair conversation's own
            # turns, not a new check-in.
            move = practices.Move.NEXT if state.part == 0 else practices.Move.AGAIN
            return practices.move_through(handler_input, state, move)
    if (
        isinstance(state, ReadingPractice)
        and control in (None, Control.SKIP)
        and _answered_then_on(handler_input, state, text, vocab)
    ):
        # "I can see her fine. next", "he talked about the birds at the feeder. ok next": the
        # step done, told, and the next one asked for; never a date idea or another practice.
        return practices.move_through(handler_input, state, practices.Move.NEXT)
    if isinstance(state, ReadingPractice) and vocab.practice_doubts.found(normalise(text)):
        if _ends_with_a_no(text, vocab):
            # "No, it's a bit awkward for us, we don't want": a doubt that ends in a no.
            return practices.move_through(handler_input, state, practices.Move.PAUSE)
        return practices.encourage(handler_input, state)
    if (
        isinstance(state, ReadingPractice)
        and control in _PRACTICE_MOVES
        and read_reply(text, vocab) is not Reply.NOT_TONIGHT  # "not tonight" ends the reading
    ):
        return practices.move_through(handler_input, state, _PRACTICE_MOVES[control], louder=louder)
    if (
        isinstance(state, ReadingPractice)
        and control is None
        and read_reply(text, vocab) is None
        and thanks_in_passing(text, vocab)
    ):
        # "That's lovely, thank you" mid-reading: a word back, and the practice goes on.
        return practices.thanked(handler_input, state)
    if control is Control.BACK and isinstance(state, _BACK_FROM):
        return go_back(handler_input, text)
    if (
        control is Control.SKIP
        and isinstance(state, Offering)
        and isinstance(state.offer, RepairOffer)
        and vocab.after_a_fight["go_on"].found(normalise(text))
    ):
        # "Next" to "shall we try it now?" after a fight: go on, so it begins ("skip it" is a no).
        return offers.accept(handler_input, state.offer)
    if (
        control is Control.SKIP
        and isinstance(state, Offering)
        and not asks_for_another(text)
        and not says_not_now(text)
        and read_request(text, vocab) is None
    ):
        # "Skip" at an offer: a no to it ("nah skip that, a date idea instead" asks for that).
        return offers.decline(handler_input, state.offer) or core.declined(handler_input)
    if isinstance(state, BrowsingDates) and read_date_follow_up(text, vocab) is None:
        if control is Control.REPHRASE:
            # "What do you mean?" about the choices: said in other words, not the same again.
            return dates.explain(handler_input)
        if control is None and vocab.practice_doubts.found(normalise(text)):
            # "This is awkward": a light word and the choices, not "I didn't catch that".
            return dates.reassure(handler_input)
    if isinstance(state, Idle | Offering) and back_again(text, vocab):
        # "Ok we're back" after "hold on": welcomed back and the open question, no second wait.
        return core.welcomed_back(handler_input)
    if isinstance(state, Idle) and control is Control.REPHRASE:
        # "I am not understand question, please again": the choices in plain words.
        return core.choices_plainly(handler_input)
    if isinstance(state, Idle) and control is Control.SKIP and read_request(text, vocab) is None:
        # "Next please" with nothing under way: said so, and tonight's check-in offered.
        return core.nothing_next(handler_input)
    if control in _AGAIN and not says_not_now(text):
        # "Ask us again on our next day off" puts the offer off; it is not "say that again".
        return core.say_again(
            handler_input,
            slower=control is Control.SLOW_DOWN,
            wait=control is Control.WAIT,
            louder=louder,
        )
    introduced = names_said_first(text)
    if introduced and isinstance(state, Idle | Offering) and _only_news(text, vocab):
        # "We're Noor and Eli. exams are done, we survived, barely": the names, a warm word,
        # and the question that was open; their news asks for no practice.
        kept = names.keep_names(turn, introduced)
        if kept is not None:
            return core.names_with_news(handler_input, kept[1])
    compared = practices_compared(text, vocab)
    if compared is not None and isinstance(
        state, Idle | Offering | ReadingPractice | ChoosingPractice
    ):
        # "What's the difference between that and the validation one?": each in a sentence or
        # two, and the one on offer stays on offer (not the other read instead).
        told = practices.compare_practices(handler_input, compared)
        if told is not None:
            return told
    reply = read_reply(text, vocab)
    answered = _answer_to_a_question(handler_input, offers, text, reply)
    if answered is not None:
        return answered
    request = read_request(text, vocab)
    if (
        request == PracticeRequest()
        and isinstance(state, Offering)
        and isinstance(state.offer, PracticeOffer)
        and state.offer.practice is not None
    ):
        # "The practice, please" right after one was offered: that one, not another.
        return offers.accept(handler_input, state.offer)
    if isinstance(request, DateRequest | SmallTalkRequest) and heavy(text, vocab):
        # "I gave away my guitar and wrote her a letter": never met with a cheerful pitch.
        return core.feeling_heard(handler_input)
    if (
        isinstance(request, DateRequest)
        and not isinstance(state, BrowsingDates)
        and vocab.date_follow_ups[DateFollowUp.ANOTHER.value].found(normalise(text))
    ):
        # "Another date idea" once the dates were left: the session's filters still hold.
        return dates.another_idea(handler_input, request.filters)
    if request is not None:
        introduced = names_said_first(text)
        if introduced and not isinstance(request, NamesRequest):
            # "Hello, we are Anjali and Rohit, kindly do the weekly check-in": both.
            kept = names.keep_names(current_turn(handler_input), introduced)
            if isinstance(request, SmallTalkRequest) and kept is not None:
                # "Hiii, it's Priya and Sam, we just got married": the names, then the news.
                return core.small_talk(handler_input, request.kind, request.news, lead=kept[1])
            if isinstance(request, CheckInRequest) and not request.partners:
                request = replace(request, partners=2)  # both named: both are here
        return serve(handler_input, request)
    if reply is not None:
        return core.yes_or_no_to_nothing(handler_input, yes=reply is Reply.YES)
    follow_up = read_date_follow_up(text, vocab)
    if follow_up is DateFollowUp.DISLIKE and asks_for_another(text):
        # "Sam hates that kind of thing, another one", with no idea on the table (the one they
        # mean was never heard): another is what they asked for.
        follow_up = DateFollowUp.ANOTHER
    if isinstance(follow_up, DateFollowUp):
        # "Save it" with no idea on the table: the dates feature says so and offers one.
        return dates.follow_up(handler_input, follow_up)
    if heavy(text, vocab) or read_tone(text, vocab) is Tone.HEAVY:
        # "I'm exhausted, my dad's cancer came back": a feeling, said outside any question.
        return core.feeling_heard(handler_input)
    if isinstance(state, Idle | Offering) and vocab.practice_doubts.found(normalise(text)):
        # "This is awkward" at the menu: awkward is normal, then the choices.
        return core.about_skill(handler_input, "doubt.menu")
    guessed = guess_request(text, vocab)
    if guessed is not None:
        # Nothing read by rule fits, but the learned guess is sure, and harmless if wrong.
        return serve(handler_input, guessed)
    rating = read_rating(text, vocab).value
    if (
        rating is not None
        and len(normalise(text).split()) <= _A_RATING_AT_MOST
        and _before_a_check_in(state)
    ):
        # "Four", "it was good day, three for me" at the menu: a rating said before the
        # check-in began; it begins, with that rating first when it can be.
        return checkin.start_checkin(handler_input, NIGHTLY, rating=rating)
    if isinstance(state, Idle) and _a_warm_story(text, vocab):
        # "Today Tom help me with the shopping and he carry everything, it was nice", at the
        # menu: met warmly, and the check-in offered (requests and care came first).
        return core.warm_story_heard(handler_input)
    return core.not_understood(handler_input, heartfelt=heartfelt(text, vocab))


def _rating_fixed(
    handler_input: HandlerInput, state: CheckingIn, text: str, control: Control | None
) -> Response | None:
    """ "No that wasn't a number, wait a sec", "she's not a one", "change hers to a four", said
    in the middle of a check-in: the rating just given is put right (the number meant), or let
    go and asked again (after a wait, when one was asked for); None when nothing is put right.
    """
    fix = read_rating_fix(text)
    if fix is None:
        return None
    flow = state.flow
    just = flow.rating_just_given()
    how = Control.WAIT if control is Control.WAIT else Control.REPEAT_QUESTION
    if just is not None and fix.wrong in (None, flow.ratings[just]):
        if fix.right is not None:
            flow.handle(Back())
            return checkin.take_step(handler_input, state, Rating(fix.right))
        flow.take_back_rating()
        return checkin.ask_again(handler_input, state, how, lead="checkin.rating.let_go")
    vocab = current_turn(handler_input).vocabulary
    if _asks_for_a_number(state) and read_rating(text, vocab).value is None and fix.right is None:
        # "She's not a one, that was me saying one of them's crying", asked for her number:
        # none was taken, so the question again.
        return checkin.ask_again(handler_input, state, how, lead="checkin.rating.none_taken")
    return None


def _only_news(text: str, vocab: Vocabulary) -> bool:
    """Whether what follows names said first only tells news: a trouble or an evening named in
    passing, nothing asked for ("exams are done, we survived, barely")."""
    request = read_request(text, vocab)
    if isinstance(request, PracticeRequest):
        return request.practice is not None and not asks_for_help(text)
    if isinstance(request, DateRequest):
        return not asks_for_help(text) and not _NAMES_A_DATE.search(text.lower())
    return False


#: The fewest words a warm line told at the menu has to be a story ("lovely thanks" is not).
_A_STORY_AT_LEAST = 5


def _a_warm_story(text: str, vocab: Vocabulary) -> bool:
    """Whether ``text`` tells something warm from the day ("he carry everything, it was nice"),
    not a thank-you with a warm word in it."""
    return (
        read_tone(text, vocab) is Tone.WARM
        and len(trim_fillers(normalise(text), vocab).split()) >= _A_STORY_AT_LEAST
        and not thanks_in_passing(text, vocab)
    )


def _apologises(text: str, vocab: Vocabulary) -> bool:
    """Whether ``text`` is an apology between the partners and asks for nothing else."""
    if not vocab.apologies.found(normalise(text)):
        return False
    request = read_request(text, vocab)
    return request is None or isinstance(request, FightRequest)


#: The practice being read turned down: "not this one", "wrong one".
_NOT_THIS_ONE = deferred(r"\b(?:not (?:this|that)(?: one)?|wrong one)\b")


def _answered_then_on(
    handler_input: HandlerInput, state: ReadingPractice, text: str, vocab: Vocabulary
) -> bool:
    """Whether, in the middle of a reading, what was said ends by asking for the next step
    after telling how the step went ("she did her mum rant. yeah next"), and nothing before it
    turns the practice down, puts it off, asks for another one or tells of a fight."""
    before = goes_on_last(text, vocab)
    if before is None:
        return False
    if says_not_now(text) or asks_for_another(text):
        return False  # "not tonight, next week", "another one next"
    if _NOT_THIS_ONE.search(before) or any(
        vocab.answers[reply.value].is_whole(before) for reply in (Reply.NO, Reply.NOT_TONIGHT)
    ):
        return False  # "no. next", "not this one, next": the reading turned down
    if speaks_of_a_fight(before, vocab) and not _reads_the_repair(handler_input, state):
        return False  # a fight told is met as one
    request = read_request(before, vocab) if before else None
    # "Can we do validation next": another practice asked for outright.
    return not (
        isinstance(request, PracticeRequest)
        and request.practice not in (None, state.practice)
        and asks_for_help(before)
    )


def _reads_the_repair(handler_input: HandlerInput, state: ReadingPractice) -> bool:
    """Whether the practice being read is the repair conversation."""
    library = practice_library(current_turn(handler_input).settings.locale)
    return state.practice == library.repair.id


def go_back(handler_input: HandlerInput, text: str = "") -> Response:
    """ "Go back" outside a check-in and a reading: to the idea before, with a date idea on the
    table; to the check-in just closed (done again in its place, if they like), at the practice
    it offered; else there is nothing to go back to, and the choices."""
    state = current_turn(handler_input).state
    if isinstance(state, BrowsingDates):
        return dates.go_back(handler_input, text)
    offer = state.offer if isinstance(state, Offering) else None
    if isinstance(offer, PracticeOffer) and offer.checkin:
        return checkin.back_after_closing(handler_input, offer)
    return core.nothing_to_go_back(handler_input)


#: Where "go back" is heard outside a check-in and a reading (elsewhere it answers the question).
_BACK_FROM = (Idle, Offering, ChoosingPractice, BrowsingDates)


class GoBackHandler(AbstractRequestHandler):
    """ "Go back" (Alexa's Previous) at the menu, an offer or the practice list."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        state = current_turn(handler_input).state
        return intent_name(handler_input) == "AMAZON.PreviousIntent" and isinstance(
            state, Idle | Offering | ChoosingPractice
        )

    def handle(self, handler_input: HandlerInput) -> Response:
        return go_back(handler_input)


#: Words of approval before "save that one" ("perfect", "oh lovely", "that's great").
_APPROVING = deferred(
    r"^(?:(?:perfect|great|lovely|nice|brilliant|awesome|cool|good|amazing|fab|fabulous|super"
    r"|sounds good|sounds great|sounds perfect|that's great|that's perfect|that's lovely"
    r"|that's nice|that's good|ok|okay|yes|yeah|yep|oh|ooh) )*"
)


def _only_saves(text: str, vocab: Vocabulary) -> bool:
    """Whether ``text`` only asks for something to be saved ("perfect. save that one"), a word
    of approval at most besides: a follow-up to a date idea, never a telling."""
    words = trim_fillers(normalise(text), vocab)
    words = trim_fillers(_APPROVING.sub("", words), vocab)
    return bool(words) and vocab.date_follow_ups[DateFollowUp.SAVE.value].is_whole(words)


def _asked_after_a_wait(text: str, vocab: Vocabulary) -> str | None:
    """What is asked after a wait word that begins ``text`` ("actually wait, what's our
    streak"), when it is a request of its own; None when it is no request ("wait, what?")."""
    asked = asked_after_a_wait(text, vocab)
    if asked is None:
        return None
    request = read_request(asked, vocab)
    if request is None or isinstance(request, HelpRequest | SmallTalkRequest):
        return None
    return asked


def _asked_at_a_rating(text: str, vocab: Vocabulary) -> bool:
    """Whether words with a rating word in them ask for something rather than rate the day: a
    request asked for ("give us something…"), or how they are doing or their favourites."""
    request = read_request(text, vocab)
    if isinstance(request, ProgressRequest | DateFavouritesRequest):
        return True
    return request is not None and asks_for_help(text)


def _open_question(state: CheckingIn) -> bool:
    """Whether the check-in is at a step answered in words (not a number, not who is here)."""
    step = state.flow.step
    return step is not None and step.kind not in (RATING, PARTNERS)


def _asks_for_a_number(state: object) -> bool:
    """Whether a check-in just asked for a number from one to five."""
    if not isinstance(state, CheckingIn):
        return False
    step = state.flow.step
    return step is not None and step.kind == RATING


#: Requests that, said when asked for names, are asked instead of answering.
_LEAVES_NAMES = (
    ForgetNamesRequest,
    ChangeNamesRequest,
    HelpRequest,
    DeleteDataRequest,
    PrivacyInfoRequest,
)


def _note_who_is_alone(state: CheckingIn, text: str) -> None:
    """ "It's just me, Marc": the one checking in alone is whoever they name, whatever the
    voice seemed to be."""
    named = [n.lower() for n in read_names(text)]
    for index, name in enumerate(state.names):
        if name.lower() in named:
            state.flow.speaker = index


#: "One sec, she's just coming in" when asked for a number: a wait, not a one.
_ONE_MOMENT = deferred(r"^\W*(?:one|1) (?:sec|second|minute|moment|tick)\b")


def _asks_about_the_question(
    state: CheckingIn, text: str, control: Control, vocab: Vocabulary
) -> bool:
    """Whether, asked for a number or who is here, the words ask about the question rather than
    answer it: "what do you mean, just me, like who's talking?", "is five the close one?", or
    "hold on, let me call him" (its "me" no count)."""
    step = state.flow.step
    if step is None or step.kind not in (RATING, PARTNERS):
        return False
    if control is Control.REPHRASE or (control is Control.WAIT and _ONE_MOMENT.match(text.lower())):
        return True
    return (
        control is Control.WAIT
        and step.kind == PARTNERS
        and read_partners(text, vocab, min_words=2) is None
    )


#: An offer put off to a day named ("could we save it for after the easter services"); said of
#: a date idea, the same words save it.
_SAVED_FOR_LATER = deferred(r"\b(?:save|keep) (?:it|that|this)(?: one)? (?:for|till|until) after\b")
#: Requests no one makes while telling how their day went, with the words that ask them: said
#: at an open question, where they begin or end what was said, they are asked instead ("scrap
#: what I just said, don't keep any of tonight", "where does this go, who reads it?"). "Is this
#: recorded? I've been thinking about my dad" asks, then answers.
_NEVER_AN_ANSWER = {
    ForgetTonightRequest: "forget_tonight",
    PrivacyInfoRequest: "privacy_info",
    DeleteDataRequest: "delete_data",
}
#: A question about how they are doing ("how many nights have we done?"), not a telling.
_ASKS_A_QUESTION = deferred(r"^(?:how|what|have|has|show|tell)\b")
#: A day ahead named with something to do together: "when she's back on Saturday".
_A_DAY_TOGETHER = deferred(
    r"\b(?:on |this |next )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|weekend)\b|\bwhen (?:she's|he's|she is|he is|they're|you're|we're) (?:back|home)\b"
)
#: "No thanks, we only have an hour before bed, what can we do in an hour": the question
#: declined, and something to do asked for instead.
_DECLINED_FIRST = deferred(r"^(?:no thanks|no thank you|nah thanks|no ta|not that one|pass)\b")
_ASKS_WHAT_TO_DO = deferred(
    r"\b(?:what (?:can|could|should) we do|give us|suggest|any ideas|got any ideas|an idea)\b"
)
#: A question that asks whether something is so ("is he going to…", "will she…", "does he…").
_ASKS_WHETHER = deferred(
    r"^(?:(?:and|but|so|ok|okay|wait|sorry|um|uh) )*(?:is|are|will|would|won't|does|did|do|can"
    r"|could|has|have)\b"
)
#: A practice or date idea asked for rather than the open question answered.
_INSTEAD = deferred(r"\binstead\b(?! of\b)")
#: A practice asked for, not only named: "no, the forgiveness one instead", "can we do empathy".
#: "Not for us, validation's a bit touchy feely" names the one declined.
_ASKS_FOR_ONE = deferred(
    r"\b(?:instead|rather(?! not)|prefer|switch|swap|change|try|do|give|read|need|want|fancy"
    r"|how about|what about|the one (?:about|on|for|where|with))\b"
)


def _asked_instead_of_answering(state: CheckingIn, text: str, vocab: Vocabulary) -> Request | None:
    """At an open question, a request said instead of an answer: one no answer is made of, how
    many nights they have done asked as a question, a reminder with its time, the journal
    switched off, or a practice or date idea asked for *instead*. Other words are the answer,
    even when they hold "date", "listening" or "help"."""
    step = state.flow.step
    if step is None or step.kind in (RATING, PARTNERS):
        return None
    request = read_request(text, vocab)
    said = normalise(text)
    asked = _NEVER_AN_ANSWER.get(type(request))
    if asked is not None:
        words = trim_fillers(said, vocab)
        phrases = vocab.requests[asked]
        return request if phrases.starts(words) or phrases.ends(words) else None
    if request == SkillQuestionRequest(SkillQuestion.WHO_HEARS) and _ASKS_WHETHER.search(
        trim_fillers(said, vocab)
    ):
        # "Is Jordan going to hear about what I said earlier?": asked, not told; "I worry my
        # mum will hear what I said" is an answer.
        return request
    if (
        (isinstance(request, ReminderRequest) and request.at is not None)
        or (
            isinstance(request, JournalRequest)
            and request.action is JournalAction.OFF
            and _journal_off_asked(said, vocab)
        )
        or (
            isinstance(request, ProgressRequest)
            and _ASKS_A_QUESTION.search(trim_fillers(said, vocab))
        )
        or (isinstance(request, PracticeRequest | DateRequest) and _INSTEAD.search(said))
        or (
            isinstance(request, PracticeRequest | DateRequest)
            and _DECLINED_FIRST.match(said)
            and _ASKS_WHAT_TO_DO.search(said)
        )
    ):
        return request
    return None


#: What the journal keeps, named: "stop saving our answers", "don't keep any of this".
_KEPT = deferred(
    r"^ (?:(?:our|my|the|any|all|of|tonight's) )*"
    r"(?:answers?|journal|diary|records?|recordings?|this|that|it|them|what|anything)\b"
)


def _journal_off_asked(said: str, vocab: Vocabulary) -> bool:
    """Whether the journal is asked off rather than its words said in an answer: the words that
    ask it begin or end what was said, or name what it keeps. "I just want us to stop keeping
    score" is an answer."""
    words = trim_fillers(said, vocab)
    phrases = vocab.requests["journal_off"]
    if phrases.starts(words) or phrases.ends(words):
        return True
    return any(_KEPT.match(words[end:]) for _, end in phrases.spans(words))


def _a_number_or_a_count(state: CheckingIn, event: Event) -> bool:
    """Whether ``event`` at a rating or partner-count step is a usable number or count."""
    step = state.flow.step
    if step is None:
        return False
    if step.kind == RATING:
        return isinstance(event, Rating) and event.value is not None
    return step.kind == PARTNERS and isinstance(event, Partners)


def _not_an_answer(state: CheckingIn, event: Event) -> bool:
    """Whether ``event`` at a rating or partner-count step is none (no number, no count)."""
    step = state.flow.step
    if step is None or step.kind not in (RATING, PARTNERS):
        return False
    if isinstance(event, Rating):
        return event.value is None and event.in_words is None
    return isinstance(event, Unclear)


#: The most words a rating said before the check-in began comes in ("it was good day, three
#: for me"); a longer line with a number in it is about something else.
_A_RATING_AT_MOST = 8
#: Words that ask, after an offer is turned down or put off ("maybe later, can you give us…",
#: "how about…", "no. do you have something for…", "not tonight. so does my morning one count").
_ASKED = deferred(
    r"\b(?:(?:can|could|would|will) you|(?:how|what) about|do you (?:have|know)|have you got"
    r"|is there|are there|(?:does|do|did|will|would) (?:my|our|it|that|this|the|a|mornings?)\b)"
)


def _before_a_check_in(state: object) -> bool:
    """Whether a number said now can only be a rating for a check-in not yet begun: at the
    menu, at the offer of tonight's check-in, or at the first welcome's offer."""
    if isinstance(state, Idle):
        return True
    if not isinstance(state, Offering):
        return False
    offer = state.offer
    if isinstance(offer, PracticeOffer):
        return offer.checkin is None and offer.practice is None
    return isinstance(offer, CheckInOffer)


def _asked_after_declining(text: str, vocab: Vocabulary, offer: Offer | None) -> Request | None:
    """At an offer (``offer``), in a check-in or at the end of a reading (None), something else
    asked for after turning it down, putting it off or stopping ("um maybe later, can you give
    us a date idea first? something cheap", "no. do you have something for when we disagree
    about the kids", "not tonight. so does my morning one still count?", "no. a short practice.
    five minutes", "stop the check in. can you read us something about trust"); None when the
    words after the no ask for nothing else, put off again, or ask for what was offered (a
    practice named at a practice offer is returned: the one offered or another)."""
    words = trim_fillers(normalise(text), vocab)
    put_off = vocab.answers[Reply.NOT_TONIGHT.value].starts(words)
    declined = (
        put_off
        or vocab.answers[Reply.NO.value].starts(words)
        or vocab.controls[Control.STOP.value].starts(words)
    )
    if declined is None:
        return None
    rest = trim_fillers(words[len(declined) :].strip(), vocab)
    # "No, forget it for now. the validation practice": the no said twice over.
    rest = _LET_GO.sub("", rest)
    if not rest or _puts_off(rest) or read_reply(rest, vocab) is Reply.NOT_TONIGHT:
        return None
    # "No, no practice tonight thank you. could you suggest something…": what is asked begins
    # where the asking does; the words of the no before it name nothing to serve. After a bare
    # no the asking must be plain: asked, or named first ("no. a short practice"); "no budget,
    # we want something adventurous" is one wish.
    asking = _ASKED.search(rest)
    if asking is not None:
        rest = rest[asking.start() :]
    elif not (
        _NAMED_FIRST.match(rest)
        or skips_the_check_in(rest)
        or (put_off is not None and asks_for_help(rest))
    ):
        return None  # "maybe tomorrow, he's asleep on the sofa": why, not something else asked
    if _puts_off(rest):
        return None  # "no, can we do it tomorrow": put off, not something else
    request = read_request(rest, vocab)
    if request is None or isinstance(request, SmallTalkRequest | HelpRequest):
        return None
    if isinstance(request, CheckInRequest) and not isinstance(offer, PracticeOffer):
        return None
    if isinstance(request, PracticeRequest) and isinstance(offer, PracticeOffer):
        return request if request.practice or request.pillar else None
    return request


def _serve_unless_heavy(handler_input: HandlerInput, request: Request, text: str) -> Response:
    """``request`` served, unless it is a date idea asked for in words the learned second ear
    hears crisis in ("no. I can't sleep. I just wanted to talk to something I guess"): never a
    cheerful pitch in the same breath as a help line, but a kind word and a quiet offer."""
    if isinstance(request, DateRequest) and heavy(text, current_turn(handler_input).vocabulary):
        return core.feeling_heard(handler_input)
    return serve(handler_input, request)


#: The no said again after a no ("no, forget it for now", "no thanks, never mind").
_LET_GO = deferred(
    r"^(?:forget it|forget that|never mind|nevermind|leave it|not that one)"
    r"(?: (?:for now|for tonight|for today|then))?\b ?"
)
#: What is wanted, named first after a no ("a short practice", "the validation practice", "date
#: thing", "read us something about trust"); not the practice talked of ("the practice was
#: fine", "thanks for the practice"), nor one said no to ("no practice either").
_NAMED_FIRST = deferred(
    r"^(?:(?:a|an|the|some|just|maybe|one|something) )*"
    r"(?:(?!(?:no|not|for|of|to|with|about|that|this|your|my|our|it|is|was)\b)[a-z']+ ){0,2}?"
    r"(?:practice|practise|exercise|date|dates|date idea|idea)\b"
    r"(?! (?:was|is|were|already|again|either|too)\b)"
    r"|^(?:read|give|tell|teach|show|suggest) (?:us|me)\b"
)
#: Why something is asked for, said after it ("…so I can remind him another day"): a day named
#: there puts nothing off.
_WHY_AFTER = deferred(r"\b(?:so|because|cause|cos|since|for when) .*$")


#: Thanks for what was offered or done ("thanks for the idea"): it names nothing asked for.
_THANKS_FOR_IT = deferred(
    r"\b(?:thank you|thanks|thank u|cheers)(?: (?:so much|very much|a lot))? for"
    r" (?:the|that|this|your|all the)(?: [a-z']+)?"
    r" (?:idea|ideas|practice|practise|exercise|offer|suggestion|suggestions|help)\b"
)


def _only_thanks_after_no(text: str, vocab: Vocabulary) -> bool:
    """Whether a no is followed only by thanks ("no, thanks for the idea"): asking for nothing,
    not for the date idea it thanks them for."""
    words = normalise(text)
    if not _THANKS_FOR_IT.search(words):
        return False
    return read_request(_THANKS_FOR_IT.sub(" ", words), vocab) is None


def _puts_off(rest: str) -> bool:
    """Whether the words after a no put off what they ask, not counting a day named in why it is
    asked ("can you keep what we say, so I can remind him another day")."""
    return says_not_now(_WHY_AFTER.sub("", rest)) if rest else False


def _instead_of_the_offer(
    handler_input: HandlerInput, offers: Offers, instead: Request, text: str
) -> Response:
    """What was asked for after turning the offer down (or the check-in stopped) is done
    (a date idea asked in heavy words, only as :func:`_serve_unless_heavy` allows)."""
    state = current_turn(handler_input).state
    if (
        isinstance(instead, PracticeRequest)
        and isinstance(state, Offering)
        and isinstance(state.offer, PracticeOffer)
    ):
        # "No. do you have something for when we disagree about the kids": the practice for
        # that, the one offered if it is the one (its reading says what it is for).
        if instead.practice == state.offer.practice:
            return offers.accept(handler_input, state.offer)
        return practices.serve_practice(
            handler_input, instead.practice, instead.pillar, alone=state.offer.alone
        )
    # "Um maybe later, can you give us a date idea first?", "no, no practice tonight thank you.
    # could you suggest something for the weekend?": that, not the offer.
    return _serve_unless_heavy(handler_input, instead, text)


def _answer_to_a_question(
    handler_input: HandlerInput, offers: Offers, text: str, reply: Reply | None
) -> Response | None:
    """The words as an answer to the question the state holds, if they are one."""
    turn = current_turn(handler_input)
    vocab = turn.vocabulary
    state = turn.state
    yes = reply is Reply.YES
    if isinstance(state, ReadingPractice) and reply is Reply.NO:
        instead = _asked_after_declining(text, vocab, None)
        if instead is not None:
            # "No. that was actually ok. can I ask, should we be seeing a counsellor?", at the
            # end of a practice: the reading left, as a no leaves it, and the question answered,
            # not a goodnight.
            turn.set_state()
            return serve(handler_input, instead)
    if isinstance(state, ReadingPractice) and reply is not None:
        move = practices.Move.NEXT if yes else practices.Move.PAUSE
        return practices.move_through(handler_input, state, move)
    if isinstance(state, Offering):
        instead = _asked_after_declining(text, vocab, state.offer)
        if instead is not None:
            return _instead_of_the_offer(handler_input, offers, instead, text)
        if (says_not_now(text) or _SAVED_FOR_LATER.search(normalise(text))) and (
            reply is not Reply.NO
        ):
            # "Yes, no, wait, no, not tonight, she's falling asleep": the last word is the one.
            return offers.decline(handler_input, state.offer) or core.declined(handler_input)
        request = read_request(text, vocab)
        if isinstance(request, PracticeRequest) and (request.practice or request.pillar):
            offered = state.offer.practice if isinstance(state.offer, PracticeOffer) else None
            # "No check in. read us something about trust": a pillar is never the one offered.
            if (request.practice != offered or request.pillar is not None) and not (
                reply is Reply.NO and not _ASKS_FOR_ONE.search(normalise(text))
            ):
                # "We'd prefer the one about forgiveness": that one instead, for one person
                # when the offer was.
                alone = isinstance(state.offer, PracticeOffer) and state.offer.alone
                return practices.serve_practice(
                    handler_input, request.practice, request.pillar, alone=alone
                )
        if (
            (reply is Reply.NO or (yes and isinstance(request, CheckInRequest)))
            and request is not None
            and not isinstance(request, PracticeRequest | HelpRequest | SmallTalkRequest)
            and not says_not_now(text)
            and not _only_thanks_after_no(text, vocab)
        ):
            # "No, a date idea instead", "we wanna do the nightly thing, I guess": what they
            # ask for rather than the offer. A practice named is handled above, and "no, we did
            # validation already" declines the one offered. With a yes only a check-in asked
            # for outright counts: "yes, hit me with it, love" is a yes, not a romantic date.
            return _serve_unless_heavy(handler_input, request, text)
        if (
            isinstance(state.offer, RepairOffer)
            and reply is not Reply.NO
            and vocab.after_a_fight["what_helps"].found(normalise(text))
        ):
            # "Is there anything that actually helps when you're this angry at each other?",
            # right after the repair conversation was offered: it is what helps, so it begins
            # (its opening says what it is, and asks whether to start).
            return offers.accept(handler_input, state.offer)
        if isinstance(state.offer, PracticeOffer) and not yes and asks_for_another(text):
            # "No, I don't like this, other one": another practice, not goodnight.
            offer = state.offer
            return practices.any_practice(handler_input, offer.practice, alone=offer.alone)
        if yes or (
            isinstance(state.offer, PracticeOffer)
            and vocab.date_follow_ups["details"].longest(normalise(text)) >= 2
        ):
            # "What is it exactly?": the reading opens with what it is and why it helps.
            return offers.accept(handler_input, state.offer)
        if reply is not None:
            return offers.decline(handler_input, state.offer) or core.declined(handler_input)
        return None
    if isinstance(state, BrowsingDates | ReadingFavourites):
        saved = dates.name_saved(handler_input) if asks_what_was_saved(text) else None
        if saved is not None:
            return saved  # "What did we just save? what was it called?"
        instead = _asked_after_declining(text, vocab, None) if reply is Reply.NO else None
        if instead is not None and not isinstance(instead, DateRequest | DateFavouritesRequest):
            # "No thank you. can you keep what we say, so I can remind him another day what we
            # talked about?": that, not goodnight (a date asked for is a follow-up, below).
            return serve(handler_input, instead)
        if says_not_now(text) and read_date_follow_up(text, vocab) is not DateFollowUp.SAVE:
            # "Pop that in our list for another time" saves it; "another time" alone is goodnight.
            return core.goodbye(handler_input)
        if speaks_of_a_fight(text, vocab):
            # "We're at each other's throats, can't agree on a thing tonight": met calmly.
            return serve(handler_input, FightRequest())
        said = read_date_follow_up(text, vocab)
        steer = read_date_aversion(normalise(text), vocab)
        if (
            steer
            and isinstance(state, BrowsingDates)
            and (said is DateFollowUp.DISLIKE or isinstance(said, DateRequest))
        ):
            # "Nah not for us, we're not outdoorsy", "we don't do loud restaurants": away from
            # that kind, keeping what else was asked for.
            asked = said.filters if isinstance(said, DateRequest) else {}
            rest = without_aversions(normalise(text), vocab)
            said_no = vocab.date_follow_ups[DateFollowUp.DISLIKE.value].found(rest) or (
                says_a_bare_no(rest)
            )
            # "No way, it's freezing out": a no to the weather; the idea is not turned down.
            weather = blames_the_weather(normalise(text), vocab)
            return dates.steer_away(
                handler_input, steer, asked, said_no=said_no and not weather, weather=weather
            )
        if isinstance(said, DateFollowUp) and isinstance(state, BrowsingDates):
            return dates.follow_up(handler_input, said)
        about = isinstance(read_request(text, vocab), AboutSkillRequest)
        if isinstance(said, DateRequest) and about:
            # "Sam says that's too expensive. What are you anyway, a therapist?": both answered,
            # what the skill is, then an idea of the kind asked for.
            return dates.suggest_after(handler_input, said.filters, turn.prompts.say("about.skill"))
        if (
            isinstance(said, DateRequest)
            and isinstance(state, BrowsingDates)
            and vocab.date_follow_ups[DateFollowUp.ANOTHER.value].found(normalise(text))
        ):
            # "He wouldn't dance. something quieter. another": another idea, of that kind, and
            # still what was asked for before it ("has to be free").
            return dates.another_idea(handler_input, said.filters)
        if said is None and reply is not None:
            return dates.yes_or_no(handler_input, yes)
        return (
            serve(handler_input, said)
            if said is not None and not isinstance(said, DateFollowUp)
            else None
        )
    if isinstance(state, AskingNames):
        if reply is Reply.YES and not read_names(text):
            return names.go_ahead(handler_input)
        request = read_request(text, vocab)
        named = read_names(text) if reply is None else read_names(text, whole=True)
        # "Shoot, it's Kai, and this is Zoe": a yes-word before two names said in full is them.
        given = named if reply is None or len(named) == 2 else []
        if isinstance(request, _LEAVES_NAMES) or (request is not None and not given):
            # "Forget our names", "what do you keep?": asked instead of answering.
            return None
        if given:
            return names.take_names(handler_input, given)
        return names.keep_names_as_they_are(handler_input)
    if isinstance(state, AskingReminderTime):
        if cancels_the_reminder(text) or isinstance(read_request(text, vocab), ReminderStopRequest):
            # "Actually, turn off all reminders": those there are stopped, not only this one.
            return serve(handler_input, ReminderStopRequest())
        if (
            reply is Reply.NO
            or declines_a_reminder(text)
            or read_control(text, vocab) is Control.SKIP
        ):
            # "Don't set one after all" (its "one" is not one o'clock); "skip this for now"
            # leaves the question as a no does, rather than being asked it again.
            return core.declined(handler_input)
        at = read_time(text)
        if at is not None:
            return serve(handler_input, ReminderRequest(at))
        return (
            None
            if read_request(text, vocab) is not None
            else reminders.ask_for_reminder_time(handler_input)
        )
    if isinstance(state, ConfirmingErase):
        return privacy.erase_or_keep(handler_input, yes)
    if isinstance(state, ConfirmingForget):
        return privacy.forget_or_keep(handler_input, yes)
    if isinstance(state, AskingToRetrySave):
        return save_retry.retry_or_let_go(handler_input, yes)
    if isinstance(state, InCare):
        if only_thanks(text):
            # "Ok. Thank you" to the care answer: a warm, short goodbye, no menu.
            return checkin.after_care(handler_input, Reply.NO)
        if says_more(text):
            return checkin.care_again(handler_input, state)
        if asks_about_the_line(text):
            return checkin.care_line_explained(handler_input, state)
        request = read_request(text, vocab)
        if request is not None and not isinstance(request, HelpRequest):
            # "Um, a practice I guess": the evening goes on where they choose.
            return serve(handler_input, request)
        if reply is Reply.NO and heavy(text, vocab):
            # "No. it's fine. I'm not going to do anything. I'm just tired of everything": no
            # goodbye on words that still sound heavy; let be, the line named, the evening open.
            return checkin.let_it_be(handler_input, state)
        return checkin.after_care(handler_input, reply)
    return None
