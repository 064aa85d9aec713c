"""Reading what a couple said, in their own words, at the question the skill just asked.

Every question the skill asks is asked with ``Dialog.ElicitSlot``, so the
answer reaches it as the words said (see README, "Hearing people as they
speak"). These pure functions read those words for what the moment needs: a
control ("skip", "hold on", "what do you mean?"), a yes or a no, how many are
here tonight, a rating said any way people say one, first names, a time.
What a request at the start means is read in :mod:`skill.conversation.requests`.

Controls are read strictly: only an utterance that is a control ("skip this
one", "hold on, he's getting snacks") acts as one, so that an answer which
merely contains the word ("that we stop arguing about bedtime") stays an answer.
The vocabulary is content (:mod:`skill.content.understanding`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import time
from enum import Enum
from functools import lru_cache
from typing import TypeVar

from skill.content.care import with_apostrophes
from skill.content.understanding import PhraseSet, Vocabulary
from skill.conversation.numbers import number_value
from skill.conversation.ratings import in_range
from skill.patterns import deferred

#: Lines the readers below remember: one turn reads its words several times over (for a
#: control, a reply, a request, a date follow-up), and each reading is pure.
REMEMBERED_LINES = 256

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})
_NOT_WORDS = deferred(r"[^a-z0-9' ]+")
_STRAY_APOSTROPHE = deferred(r"(?<![a-z])'|'(?![a-z])")
#: Words a control may be wrapped in ("could you say it again", "please skip").
_POLITE = deferred(r"^(?:(?:could|can|would|will) (?:you|we) |(?:please|let's|let us) )+")


@lru_cache(maxsize=REMEMBERED_LINES)
def normalise(text: str) -> str:
    """Lowercase words separated by single spaces ("Hold on—he's back!" → "hold on he's back"),
    contractions with their apostrophes ("dont" → "don't")."""
    lowered = text.lower().translate(_QUOTES).replace("-", " ")
    words = _STRAY_APOSTROPHE.sub(" ", _NOT_WORDS.sub(" ", lowered))
    return with_apostrophes(" ".join(words.split()))


def trim_fillers(words: str, vocab: Vocabulary) -> str:
    """``words`` without fillers at either end ("um, ok, skip it please" → "skip it")."""
    previous = None
    while previous != words:
        previous = words
        start = vocab.fillers.starts(words)
        if start is not None:
            words = words[len(start) :].strip()
        end = vocab.fillers.ends(words)
        if end is not None and end != words:
            words = words[: -len(end)].strip()
    return words


def _said_as(words: str, phrases: PhraseSet) -> bool:
    """Whether ``words`` *are* one of ``phrases``: the whole of it, or a phrase of two words or
    more that begins or ends what was said ("hold on, he's getting snacks")."""
    if not words:
        return False
    if phrases.is_whole(words):
        return True
    for found in (phrases.starts(words), phrases.ends(words)):
        if found is not None and len(found.split()) >= 2:
            return True
    return False


# --- controls ----------------------------------------------------------------------------------


class Control(Enum):
    """What a couple may say at any question instead of answering it."""

    STOP = "stop"
    HELP = "help"
    SKIP = "skip"
    BACK = "back"
    REPEAT_QUESTION = "repeat_question"
    REPHRASE = "rephrase"
    WAIT = "wait"
    SLOW_DOWN = "slow_down"


#: Tried in this order: leaving first, then the requests about the question itself.
_CONTROL_ORDER = (
    Control.STOP,
    Control.SLOW_DOWN,
    Control.REPHRASE,
    Control.REPEAT_QUESTION,
    Control.BACK,
    Control.SKIP,
    Control.WAIT,
    Control.HELP,
)
#: Goodbyes that end an utterance ("no, that's enough, goodnight"), one word though they are.
_FAREWELL = deferred(
    r"(?:\b(?:bye|bye bye|goodbye|good bye|goodnight|good night|cheerio|ta ra|laters|see ya|ciao"
    r"|(?:knackered|exhausted|tired|shattered|bed|ok|okay|right|then|all|nothing) night)"
    r"|^(?:night|night night|nighty night|nite))$"
)
#: A goodbye that ends what was said, however long ("…solid C plus. ok we're done, night"): said
#: right after a way of stopping, the evening is over.
_FAREWELL_LAST = deferred(
    r"\b(?:night|goodnight|good night|night night|bye|bye bye|goodbye|good bye|peace out)$"
)
#: "Goodnight from both of us", said last, after a thank-you or not: the evening is over.
_FAREWELL_FROM = deferred(
    r"\b(?:goodnight|good night|bye|goodbye|night night) from (?:the )?(?:both of us|two of us"
    r"|us both|us two|us|me|the pair of us|all of us|him|her|both)$"
)
#: "OK, we are finished, thank you so much", "we're done with this": the evening is over.
_DONE_FOR_NOW = deferred(
    r"^(?:we are|we're|i'm|i am) (?:all )?(?:done|finished)(?: for (?:now|tonight|today))?"
    r"(?: with (?:this|that|it))?(?: (?:thank you|thanks)(?: so much| very much)?)?$"
)
#: "Stop, he's getting defensive": stop, then why. "Stop arguing so much" (or "stop keepin a
#: journal", its g dropped) is an answer, and
#: "cancel the one we already have" names what to cancel.
_STOP_THEN_WHY = deferred(
    r"^(?:stop|cancel|enough)(?: stop)? (?!\w+(?:ing|in)\b)(?!it\b)"
    r"(?!(?:the |my |our |all |those |that )?(?:nightly |daily )?"
    r"(?:reminders?|journal|names?|alarm|nagging|ones?)\b)\w"
)


#: "Wait, she wants to answer as well", "hang on, let me get him": a wait for someone, however
#: short the word that begins it.
_WAIT_FOR_SOMEONE = deferred(
    r"^(?:wait|hang on|hold on|one sec|one second)(?: a (?:sec|second|minute|moment))?"
    r" (?:let me|i'll|he's|she's|he|she|they|they're)\b"
)
#: A wait word that begins what was said, with more after it ("well wait, what's our streak").
_WAIT_FIRST = deferred(
    r"^(?:wait|hold on|hang on|hold up|hang about|one sec|one second|just a sec|just a second)"
    r"(?: a (?:sec|second|minute|moment))? (?=\S)"
)
#: A question asked after the wait word: "wait, what's our streak", "hang on, how are we doing".
_ASKED_AFTER = deferred(
    r"^(?:what|what's|whats|how|how's|hows|when|where|which|can|could|will|would|do|does|did"
    r"|tell|show|give|read|suggest|let's|lets)\b"
)


def asked_after_a_wait(text: str, vocab: Vocabulary) -> str | None:
    """The question said after a wait word that begins ``text`` ("well wait, what's our streak":
    "what's our streak"), for reading as what is asked; None when nothing is asked after it."""
    words = trim_fillers(normalise(text), vocab)
    wait = _WAIT_FIRST.match(words)
    if wait is None:
        return None
    rest = trim_fillers(words[wait.end() :], vocab)
    return rest if _ASKED_AFTER.match(rest) else None


#: "What? What did it say, June": asking what the speaker itself just said, wherever in the line.
_WHAT_IT_SAID = deferred(
    r"\bwhat (?:did|was) (?:it|alexa|the (?:thing|machine|speaker|box)) (?:just )?(?:say|saying)\b"
)
#: "Naw, that's us for the night": a no said before a control, not a no to anything.
_A_NO_FIRST = deferred(r"^(?:no|nah|naw|nope) ")
#: "Cool. stop", "cool, that's it for us, night": a word of thanks or liking before a goodbye.
_LIKED_FIRST = deferred(
    r"^(?:cool|great|nice|lovely|perfect|awesome|sweet|brilliant|fab|grand|cheers|good stuff)"
    r"(?: (?:cool|great|nice|lovely|perfect|awesome|sweet|brilliant|fab|grand|cheers))* "
)
#: "We'll skip the check in tonight, we're tired. goodnight": a goodbye said last, after
#: skipping something, ends the evening.
_GOODBYE_LAST = deferred(
    r"\b(?:goodnight|good night|bye|bye bye|goodbye|good bye|night night|nighty night)$"
)

#: "Goodnight, thank you for the practice": a goodbye, then thanks for what was done.
_GOODBYE_THEN_THANKS = deferred(
    r"^(?:goodnight|good night|night|night night|bye|bye bye|goodbye|good bye) (?:and )?"
    r"(?:thank you|thanks|thank u|cheers)(?: (?:so much|very much|a lot|both|alexa))?"
    r"(?: for (?:the|that|this|your|tonight|today|everything|all)(?: [a-z']+){0,3})?$"
)


#: "Just that he's here. Some days that's enough": enough said of something, not "stop".
_ENOUGH_OF_SOMETHING = deferred(
    r"\b(?:some days|sometimes|most days|often|usually|and|which is|alone) that's enough"
    r"(?: for (?:me|us|him|her))?$"
)


def read_control(text: str, vocab: Vocabulary) -> Control | None:
    """The control ``text`` is, if it is one (not merely one that it mentions). A soft yes said
    whole ("uh huh") is a yes, though its filler let go would leave a control ("huh")."""
    whole = normalise(text)
    if vocab.answers["yes"].is_whole(whole) and not any(
        phrases.is_whole(whole) for phrases in vocab.controls.values()
    ):
        return None
    said = trim_fillers(whole, vocab)
    words = _POLITE.sub("", said)
    if not words:
        return None
    found = _control_said(said, words, vocab)
    no_first = _A_NO_FIRST.match(said)
    if found is None and no_first is not None:
        unsaid = said[no_first.end() :]
        found = _control_said(unsaid, _POLITE.sub("", unsaid), vocab)
    if found is None and len(words.split()) > 1:
        found = controls_only(text, vocab)
    liked_first = _LIKED_FIRST.match(said)
    if found is None and liked_first is not None:
        # "Cool. stop": the goodbye after the word of liking (only a goodbye: "great, next"
        # is read where a skip is listened for).
        unsaid = said[liked_first.end() :]
        if _control_said(unsaid, _POLITE.sub("", unsaid), vocab) is Control.STOP:
            found = Control.STOP
    if found is Control.SKIP and _GOODBYE_LAST.search(words):
        found = Control.STOP
    if found is None and _GOODBYE_THEN_THANKS.match(words):
        found = Control.STOP
    return found


K = TypeVar("K")


def _pieces(words: str, kinds: Mapping[K, PhraseSet], vocab: Vocabulary) -> list[K] | None:
    """The kinds of phrase ``words`` is made of, in order, when the whole of it is phrases of
    ``kinds`` (each said whole) and fillers: "sorry what slowly please" is a filler, a repeat and
    a slow down. None when some words are none of these. Speech comes without punctuation, so
    the pieces are found by trying every way to cut the words."""
    said = words.split()
    # best[i]: the kinds of a way to cover the first i words (None: no way found).
    best: list[list[K] | None] = [[]] + [None] * len(said)
    for end in range(1, len(said) + 1):
        for begin in range(end):
            before = best[begin]
            if before is None:
                continue
            piece = " ".join(said[begin:end])
            if vocab.fillers.is_whole(piece):
                best[end] = before
                break
            kind = next((k for k, phrases in kinds.items() if phrases.is_whole(piece)), None)
            if kind is not None:
                best[end] = [*before, kind]
                break
    return best[-1]


def controls_only(text: str, vocab: Vocabulary) -> Control | None:
    """The control said when what was said is controls and fillers only, more than one: "sorry
    what slowly please" asks for the question again, slower (the first in the usual order wins);
    else None."""
    kinds = {control: vocab.controls[control.value] for control in _CONTROL_ORDER}
    found = _pieces(normalise(text), kinds, vocab)
    if not found or len(found) < 2:
        return None
    return next(control for control in _CONTROL_ORDER if control in found)


def asks_again_inside(text: str, vocab: Vocabulary) -> bool:
    """Whether a way of asking for the question again, of two words or more, is said anywhere in
    ``text`` ("wait can you say that again for Sam, he didn't catch it"): read where a number
    was asked and none was said."""
    words = normalise(text)
    phrases = vocab.controls[Control.REPEAT_QUESTION.value]
    return any(words[start:end].count(" ") >= 1 for start, end in phrases.spans(words))


def control_said_last(text: str, vocab: Vocabulary) -> Control | None:
    """A skip said last, after something else ("yeah fine next"), or a go back of two words or
    more ("fine go back"); else None. ("Pretty good now he's back" is no go back.)"""
    words = trim_fillers(normalise(text), vocab)
    skip = vocab.controls[Control.SKIP.value].ends(words)
    if skip is not None and skip != words:
        return Control.SKIP
    back = vocab.controls[Control.BACK.value].ends(words)
    if back is not None and back != words and len(back.split()) >= 2:
        return Control.BACK
    return None


def goes_on_last(text: str, vocab: Vocabulary) -> str | None:
    """In the middle of a practice, what was said before a word that asks for its next step
    said last ("he talked about the birds at the feeder. ok next" → "he talked about the birds
    at the feeder"; "next step" → ""); None when what was said does not end so."""
    words = trim_fillers(normalise(text), vocab)
    last = vocab.practice_go_on.ends(words)
    if last is None:
        return None
    return trim_fillers(words[: len(words) - len(last)].strip(), vocab)


def only_reluctance(text: str, vocab: Vocabulary) -> bool:
    """Whether what was said is only that they'd rather not ("honestly this is stupid", "I'm not
    doing the mirroring thing. it's stupid"), nothing of their day."""
    kinds = {"reluctance": vocab.reluctance, "doubt": vocab.practice_doubts}
    return bool(_pieces(normalise(text), kinds, vocab))


def _control_said(said: str, words: str, vocab: Vocabulary) -> Control | None:
    """The control ``words`` are (``said`` is the same with its politeness kept)."""
    if not words:
        return None
    for control in _CONTROL_ORDER:
        if control is Control.STOP and _ENOUGH_OF_SOMETHING.search(words):
            continue
        # "Can we skip, it's a bit much tonight": the control as said, politeness and all,
        # begins what was said even when the bare word alone would not.
        phrases = vocab.controls[control.value]
        if _said_as(words, phrases) or _said_as(said, phrases):
            return control
    if _FAREWELL.search(words) and len(words.split()) <= 6:
        return Control.STOP
    if _FAREWELL_FROM.search(words):
        return Control.STOP
    if _stopped_then_farewell(words, vocab):
        return Control.STOP
    if _DONE_FOR_NOW.match(words):
        return Control.STOP
    if _STOP_THEN_WHY.match(words):
        return Control.STOP
    if _WAIT_FOR_SOMEONE.match(words):
        return Control.WAIT
    if _WHAT_IT_SAID.search(words):
        return Control.REPEAT_QUESTION
    return None


def _stopped_then_farewell(words: str, vocab: Vocabulary) -> bool:
    """Whether ``words`` end in a way of stopping and then a goodbye ("ok we're done, night",
    "we were in the middle. forget it, goodnight"), whatever was said before them."""
    farewell = _FAREWELL_LAST.search(words)
    if farewell is None:
        return False
    before = trim_fillers(words[: farewell.start()].strip(), vocab)
    return bool(before) and vocab.controls[Control.STOP.value].ends(before) is not None


def asks_louder(text: str, vocab: Vocabulary) -> bool:
    """Whether what was said asks for the last thing again louder ("speak up, I can't hear you",
    "louder please"); read with a control that asks for it again."""
    return vocab.louder.found(normalise(text))


def thanks_only(text: str, vocab: Vocabulary) -> bool:
    """Whether ``text`` is a thank-you and nothing more ("thanks", "ok thanks for that", "thank
    you so much"): not "thanks to him I got a nap", nor "no thanks"."""
    words = normalise(text)
    core = trim_fillers(words, vocab)
    return vocab.requests["thanks"].found(words) and (not core or vocab.thanks_alone.is_whole(core))


#: The most words a thank-you may come with and stay a thank-you ("ok cool, thanks dude").
_WITH_THANKS_AT_MOST = 3


def thanks_in_passing(text: str, vocab: Vocabulary) -> bool:
    """Whether ``text`` thanks, with at most a few warm words besides ("that's lovely, thank
    you", "ok cool, thanks dude"): not "thanks to him I got a nap, it was a long day"."""
    words = normalise(text)
    thanks = vocab.requests["thanks"]
    if not thanks.found(words) or words.startswith("thanks to "):
        return False
    for start, end in reversed(thanks.spans(words)):
        words = f"{words[:start]} {words[end:]}"
    rest = trim_fillers(" ".join(words.split()), vocab)
    return len(rest.split()) <= _WITH_THANKS_AT_MOST


#: "Ok back", "we're back": said after a wait, they are here again (not "go back").
_BACK_AGAIN = deferred(
    r"^(?:(?:we're|we are|i'm|i am|he's|she's|all) )?back(?: (?:now|again|here))?$"
)


def back_again(text: str, vocab: Vocabulary) -> bool:
    """Whether ``text`` says they are back ("ok back", "okay we're back", "sorry, I'm back now"),
    as said after "hold on"."""
    return _BACK_AGAIN.match(trim_fillers(normalise(text), vocab)) is not None


# --- yes, no, not tonight -----------------------------------------------------------------------


class Reply(Enum):
    """An answer to a yes-or-no question."""

    YES = "yes"
    NO = "no"
    NOT_TONIGHT = "not_tonight"


#: "Not tonight", "not now": putting off, whatever words are around it (and not a date filter).
NOT_NOW_WORDS = r"\bnot (?:tonight|today|now|right now)\b"
#: "Not tonight" inside a longer reply ("actually no, not tonight", "no, maybe tomorrow").
_NOT_NOW = deferred(
    NOT_NOW_WORDS + r"|\b(?:we'll|we will|we|i'll|i will|i) (?:come|be) back later\b"
    r"|\b(?:do|finish) the rest (?:tomorrow|later|another time)\b"
    r"|\b(?:can|could|shall) we (?:do|try|finish) (?:this|it|that) (?:tomorrow|later|another)\b"
    r"|\b(?:let's|lets) (?:do|try|finish) (?:this|it|that) (?:tomorrow|later|another)\b"
    r"|\b(?:we'll|we will|i'll|i will) (?:do|try|finish) (?:this|it|that)"
    r" (?:tomorrow|later|another)\b"
    r"|\b(?:tomorrow instead|some other time|another time)\b"
    r"|^(?:no |nah |not now )?(?:maybe |how about |let's say )?tomorrow$"
    # Put off to a day named ("honestly tomorrow", "catch us after the weekend", "leave it till
    # after harvest festival", "rain check").
    r"|\b(?:honestly|probably|definitely|perhaps|maybe) tomorrow$|\brain ?check\b"
    r"|\b(?:catch|ask|try) (?:us|me|you) (?:again )?(?:after|on our|tomorrow|next|another)\b"
    r"|\bleave (?:it|that|this|that one|this one) (?:for|till|until) (?:after|tomorrow)\b"
    r"|\bsave (?:trying|doing|reading) (?:it|that|this) for\b"
    r"|\bnot this (?:shift|evening|session)\b"
    r"|\banother (?:night|evening|day)\b(?! (?:of|at|out|in|trip)\b)"
    # Something else, but another day: "no, maybe a date idea tomorrow".
    r"|\b(?:maybe|perhaps|probably) (?:a |an |the )?(?:date idea|date|practice|check in)s?"
    r" (?:tomorrow|tomorrow night|another day|another night)$"
)


def says_not_now(text: str) -> bool:
    """Whether ``text`` puts things off ("not tonight", "no, maybe tomorrow"), whatever else it
    holds: a decline, never a request for an evening idea."""
    return _NOT_NOW.search(normalise(text)) is not None


#: A yes or a no that ends what was said ("we're not really practice people, no"); a yes only
#: where nothing before it says no, and neither when it is talked of ("before we say yes").
_LAST_WORD = deferred(
    r"^(?!.*\b(?:no|not|nah|don't|won't|never)\b.*\b(?:yes|yeah|yep)\b).*"
    r"\b(?<!say )(?<!said )(yes|yeah|yep|no|nope|nah)(?: please| thanks| thank you)?$"
)


def read_reply(text: str, vocab: Vocabulary) -> Reply | None:
    """Yes, no or "not tonight" when ``text`` says one of them; None when it says another thing."""
    said = normalise(text)
    # Fillers trimmed first ("um, yes please"), then the whole as said ("mm. okay.": okay is
    # a filler).
    words = trim_fillers(said, vocab)
    for reply in (Reply.NOT_TONIGHT, Reply.NO, Reply.YES):
        phrases = vocab.answers[reply.value]
        if _said_as(words, phrases) or (
            words and phrases.starts(words) and reply is not Reply.NOT_TONIGHT
        ):
            return reply
    found = next(
        (reply for reply in (Reply.NO, Reply.YES) if _said_as(said, vocab.answers[reply.value])),
        None,
    )
    if found is None and not words:
        # "Um ok", "well okay": only fillers, the last of them a yes or a no ("ok" is both).
        found = _last_filler_reply(said, vocab)
    last = _LAST_WORD.search(words)
    if found is None and last is not None:
        # "That's exactly what we need after today, yes": the word that ends it answers.
        return Reply.NO if last.group(1) in ("no", "nope", "nah") else Reply.YES
    if found is None and _yes_inside(words, vocab):
        # "Omg it remembers us. ok yes but quick, we're mid love island".
        return Reply.YES
    return found


#: Words that make a yes said inside a line something else ("no, not yes but quick").
_ANY_NO = deferred(r"\b(?:no|not|nah|nope|don't|won't|never|can't|later|tomorrow)\b")
#: A yes in a phrase said in the middle of a line is one only this long ("ok yes but quick").
_YES_INSIDE_AT_LEAST = 3


def _yes_inside(words: str, vocab: Vocabulary) -> bool:
    """Whether a yes phrase of three words or more, with the word yes or yeah in it, is said in
    the middle of ``words``, and nothing in them says no."""
    if _ANY_NO.search(words):
        return False
    phrases = vocab.answers[Reply.YES.value]
    for start, end in phrases.spans(words):
        found = words[start:end].split()
        if len(found) >= _YES_INSIDE_AT_LEAST and {"yes", "yeah", "yep"} & set(found):
            return True
    return False


def _last_filler_reply(said: str, vocab: Vocabulary) -> Reply | None:
    """The yes or no that ``said`` comes to once the fillers before it are let go ("um ok")."""
    rest = said
    while rest:
        for reply in (Reply.NO, Reply.YES):
            if vocab.answers[reply.value].is_whole(rest):
                return reply
        start = vocab.fillers.starts(rest)
        if start is None:
            return None
        rest = rest[len(start) :].strip()
    return None


# --- how many are here ---------------------------------------------------------------------------


def read_partners(text: str, vocab: Vocabulary, *, min_words: int = 1) -> int | None:
    """1 or 2 for "just me, he's working late" or "me and my wife"; None when it is not said.

    The more specific words win: "me and my wife" is two, though it holds "me". With
    ``min_words`` 2, only a plain phrase counts ("just me", "both of us"): said along with a
    request, a lone "us" ("remind us", "give us a check-in") says nothing of who is here.
    """
    words = normalise(text)
    solo, both = vocab.partners[1].longest(words), vocab.partners[2].longest(words)
    if solo == both or max(solo, both) < min_words:
        return None
    return 1 if solo > both else 2


#: A phrase for who is here that is also how a number is said ("just one", "only the one",
#: "two"): asked for a rating, it is the rating.
_ONLY_A_NUMBER = deferred(r"^(?:(?:just|only|the) )*(?:one|two)$")
#: At most this many words, a one-word phrase for who is here ("me", "us", "alone") is what
#: was said ("it's just us", "alone tonight"); in a longer line it is part of a story told.
_SHORT_LINE_WORDS = 3


#: Alone as part of a story of the day, not who is here: "I spent the day on my own", "I felt
#: alone", "she won't let me do it alone". Who is here says "I'm on my own", "just me", "alone
#: tonight".
_ALONE_IN_A_STORY = deferred(
    r"\b(?:spent|spend|spending|was|were|been|felt|feel|feeling|ate|eat|eating|had|have|worked"
    r"|working|work|sat|sitting|stayed|staying|walked|went|go|going|cooked|watched|did|do|doing"
    r"|done|slept|left|lunch|dinner|breakfast|shopping)"
    r"(?: (?:the|a|my|whole|most|of|all|day|evening|afternoon|morning|weekend|today|it|them"
    r"|really|mostly|pretty|much|kind|sort|lunch|dinner|time)){0,4}"
    r" (?:on my own|on me own|by myself|by meself|all alone|alone|me alone|solo|myself|meself)\b"
)


def _told_of_the_day(words: str, start: int, end: int, stories: list[tuple[int, int]]) -> bool:
    """Whether the phrase at ``start``-``end`` of ``words`` is inside a story of the day."""
    return any(s <= start and end <= e for s, e in stories)


def alone_in_a_story(text: str, vocab: Vocabulary) -> bool:
    """Whether every word for being on one's own in ``text`` is part of a story of the day ("I
    spent the day on my own"): it says nothing of who is here for the check-in."""
    words = normalise(text)
    stories = [found.span() for found in _ALONE_IN_A_STORY.finditer(words)]
    return bool(stories) and all(
        _told_of_the_day(words, start, end, stories)
        for start, end in vocab.partners[1].spans(words)
    )


#: What may follow who is here when it is said as a thought of its own ("it's just me though,
#: he's asleep"): the end, or a word that begins the next thought. "It's just me holding it
#: together" tells something, and "just me and her" is two.
_ALONE_THEN = deferred(
    r"^(?:(?:though|tho|tonight|here|now|anyway|anyways|really|honestly|sorry|so|but|he|she"
    r"|he's|she's|they|they're|whatever|yes|yeah|ok|okay|i'm|there's|no|right)\b|$)"
)
#: A feeling before it ("I feel like it's just me"): a feeling, not who is here.
_FELT_BEFORE = deferred(r"\b(?:feel|feels|felt|feeling|like|seems|always)\b(?: \S+){0,2}$")


#: "The part where Harold talks", "the bit where June shares": a partner named in the part of a
#: practice asked for, whoever they are.
_PART_WHERE_ONE_SPEAKS = deferred(
    r"\b(?:part|bit|step) where (?:\S+ ){1,2}(?:talks|shares|speaks|goes|says|tells)\b"
)


def asks_for_the_other_turn(text: str, vocab: Vocabulary) -> bool:
    """Whether, in the middle of a practice, the part where the other partner speaks is asked
    for ("skip to the part where she shares", "can we just do the part where Harold talks?")."""
    words = normalise(text)
    return bool(
        vocab.practice_places["other_turn"].found(words) or _PART_WHERE_ONE_SPEAKS.search(words)
    )


def says_alone_here(text: str, vocab: Vocabulary) -> bool:
    """Whether what was said tells, as a thought of its own, that only one person is here
    ("it's just me though. he's asleep", "there's no one to sit with. it's just me"), not a
    story of the day ("I spent the day on my own") nor a feeling ("it feels like it's just me
    holding it together")."""
    words = normalise(text)
    if read_partners(words, vocab, min_words=2) != 1 or alone_in_a_story(words, vocab):
        return False
    return any(
        words[start:end].count(" ") >= 1
        and _ALONE_THEN.match(words[end:].strip())
        and not _FELT_BEFORE.search(words[:start].strip())
        for start, end in vocab.partners[1].spans(words)
    )


def who_is_here_at_a_rating(text: str, vocab: Vocabulary) -> tuple[int | None, str]:
    """Who is here, when words said at a rating question name it, and the rest of the words.

    "The two of us", "it's only me tonight", "she's gone to bed": (2 or 1, the words without
    that phrase), so "both of us, a four" can still be read for its rating. Only a phrase of
    two words or more counts, or a single word in a short line ("it's just us"): "that he's
    been sending me voice notes" tells something, it does not say who is here. A phrase that
    is how a number is said ("just one") is the rating. (None, the words) when none is said,
    or both counts are said as strongly.
    """
    words = normalise(text)
    # "I spent the day on my own": a story told in answer, its "on my own" no count of who is here.
    stories = [found.span() for found in _ALONE_IN_A_STORY.finditer(words)]
    found: dict[int, tuple[int, int]] = {}
    for count in (1, 2):
        for start, end in vocab.partners[count].spans(words):
            phrase = words[start:end]
            size = phrase.count(" ") + 1
            if size < 2 or _ONLY_A_NUMBER.match(phrase):
                continue
            if count == 1 and _told_of_the_day(words, start, end, stories):
                continue
            if count not in found or size > found[count][1] - found[count][0]:
                found[count] = (start, end)
    if not found:
        core = trim_fillers(words, vocab)
        if (
            len(core.split()) > _SHORT_LINE_WORDS
            or _ONLY_A_NUMBER.match(core)
            or _ALONE_IN_A_STORY.search(core)
        ):
            return None, words
        said = read_partners(core, vocab)
        return (said, "") if said and not _ANY_NUMBER.search(core) else (None, words)
    sizes = {count: words[s:e].count(" ") for count, (s, e) in found.items()}
    if len(sizes) == 2 and sizes[1] == sizes[2]:
        return None, words
    count = max(sizes, key=lambda c: sizes[c])
    start, end = found[count]
    return count, f"{words[:start]} {words[end:]}".strip()


#: "Let" said before a name that goes first ("let Joe go first").
_LET_BEFORE = deferred(r"(?:^|(?<= ))let $")
#: "Joe first thing this morning…", "Kim first met me…": the word first, not who goes first.
_FIRST_OF_SOMETHING = deferred(r"^(?:thing|time|of all|off|date|day|met|kiss|saw|heard)\b")


def who_goes_first(text: str, names: Sequence[str], vocab: Vocabulary) -> tuple[int | None, str]:
    """Which of ``names`` is said to answer first ("Joe first. I'd say a three", "Maria goes
    first, a two", "start with Kim"), and the rest of the words, so its number can still be
    read. (None, the words) when nobody is, or both are."""
    words = normalise(text)
    found: dict[int, tuple[int, int]] = {}
    for index, name in enumerate(names):
        said = normalise(name)
        if not said:
            continue
        for match in re.finditer(rf"\b{re.escape(said)}(?:'s)?\b", words):
            after = words[match.end() :].lstrip()
            phrase = vocab.goes_first["after_name"].starts(after)
            if phrase is not None and not _FIRST_OF_SOMETHING.match(after[len(phrase) :].lstrip()):
                # "Let Joe go first": the "let" goes with it.
                let = _LET_BEFORE.search(words[: match.start()])
                start = let.start() if let is not None else match.start()
                found[index] = (start, len(words) - len(after) + len(phrase))
                break
            before = vocab.goes_first["before_name"].ends(words[: match.start()].rstrip())
            if before is not None:
                found[index] = (match.start() - len(before) - 1, match.end())
                break
    if len(found) != 1:
        return None, words
    index, (start, end) = next(iter(found.items()))
    return index, f"{words[: max(start, 0)]} {words[end:]}".strip()


# --- ratings -------------------------------------------------------------------------------------

#: What a rating in words comes to, when no number was said.
_WORD_RATINGS = {"very_low": 1, "low": 2, "middle": 3, "good": 4, "high": 5}
#: Words heard in place of a number when the number is all that was said ("for" is "four").
_SOUNDS_LIKE = {
    "won": 1, "wan": 1, "to": 2, "too": 2, "tree": 3, "free": 3, "for": 4, "fore": 4, "fiver": 5,
}  # fmt: skip
_NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
}  # fmt: skip
_DECIMAL = deferred(r"\b(\d+)[.,](\d+)\b")
_DIGIT_WORDS = r"(?:zero|one|two|three|four|five|six|seven|eight|nine|\d)"
#: A decimal said in words: "three point seven" (not "point five", which is a half).
_POINT = deferred(rf"\b({_DIGIT_WORDS}) point (?!five\b)({_DIGIT_WORDS})\b")

_HALF = deferred(
    r"\b(\w+) (?:and a half|and half|an a half|an half|and a hauf|an a hauf|and hauf|point five"
    r"|and a bit)\b"
)
#: "Fiveish", "four-ish" (the hyphen read as a space): about that number.
_ISH = deferred(r"\b(one|two|three|four|five) ?ish\b")
#: "We barely said two words", "three times": a count of something, not the rating.
_A_COUNT = deferred(
    r"\b(?:two|three|four|five|2|3|4|5) (?:words|minutes|hours|days|nights|weeks|times|kids"
    r"|children|people|things)\b"
)
_OUT_OF = deferred(r"\bout of (five|ten|5|10)\b")
#: "They walked us out at four o'clock", "up at 5am": a time of day, not the rating.
_A_TIME = deferred(
    r"\b(?:(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve) ?"
    r"(?:o'clock|o clock|oclock)|\d{1,2}(?::\d\d)? ?(?:o'clock|am|pm|a\.m\.|p\.m\.))(?!\w)"
)
_BETWEEN = deferred(r"\b(\w+) (?:or|to|and|slash|maybe|perhaps) (?:a |an )?(\w+)\b")
#: "a rough one", "that one", "no one", "one to what?", "one of them's crying": the word one,
#: not the number.
_ONE_NOT_A_NUMBER = deferred(
    r"\b(?:(?:a|an) (?!one\b|solid\b|firm\b|clear\b|definite\b|low\b|strong\b)\w+ one"
    r"|(?:the|that|this|another|which|each|every|no) (?:\w+ )?one"
    r"|(?:good|bad|rough|long|hard|tough|great|busy|quiet|lovely|nice|strange|weird|odd|big) one"
    r"|one to (?:what|which|five)|back one"
    r"|one (?=of (?:them|those|these|the|us|our|my|his|her|their)\b))"
    r"\b(?! and| or| to)"
)
#: A number said and taken back in the same breath: "a four, not a two", "not four and a half".
_NUMBER_WORD = r"(?:\d+(?:[.,]\d+)?|one|two|three|four|five|six|seven|eight|nine|ten)"
#: A number taken back: "a three. no, actually, make it a four" is a four, and so are "three,
#: no, four", "two. kidding! five" and "I was going to say three but it's more like four".
_CORRECTION = deferred(
    r"\b(?:make it|mek it|call it|put it down as|actually|i mean|no wait|wait no|or rather"
    r"|(?:just |only )?(?:kidding|joking)"
    rf"|change (?:it|that) to|more like|no(?= (?:a |an )?{_NUMBER_WORD}\b))\b"
)
_NOT_THIS = deferred(rf"\bnot (?:a |an )?{_NUMBER_WORD}(?: and a half| point five)?\b")
_ANY_NUMBER = deferred(rf"\b{_NUMBER_WORD}\b")
#: Where the other partner's number begins, when both are said at once.
_THEIRS_AFTER = deferred(
    r"\b(?:and|but|while|whereas) (?:he|she|my (?:husband|wife|partner|boyfriend|girlfriend)"
    r"|[a-z]+) (?:says|said|thinks|would say|'d say|reckons|gives it|is a|is like|is more)\b"
)
#: The other partner's number, said of them in the same breath as the speaker's own: "she says
#: two", "Ruth says three", "hers is two", "he'd say two". Who says it is a name or a word for
#: the partner, never the speaker ("i'd say", "we said") nor the day ("it's a three").
_THEIRS_SAID = deferred(
    r"\b(?:(?:he|she|they|hers|his|theirs|(?:my|her|his) (?:husband|wife|partner|boyfriend"
    r"|girlfriend|hubby|missus|other half|better half))"
    r" (?:is|was|goes|would go|gave it|gives it|would give it)"
    r"|he's|she's|he'd say|she'd say|they'd say|he'd go|she'd go|he'd give it|she'd give it"
    r"|(?!(?:i|we|you|it|that|this|which|who|today|tonight|mine|me|us|one|both|everyone)\b)"
    r"[a-z]+ (?:says|said|thinks|reckons|would say|gives it|would give it|rates it|puts it at))"
    r" (?:(?:a|an|like|like a|about|about a|maybe|maybe a|only|only a|just|just a) )?"
    rf"{_NUMBER_WORD}(?: and a half| point five)?\b"
)
#: The speaker's own number, said as theirs: "mine is three", "I'm answering mine so three",
#: "I'd give it a four", "I'd say a four".
_MINE_SAID = deferred(
    r"\b(?:mine(?: is|'s| would be)?|(?:i'm|i am) answering (?:mine|for me)(?: so)?"
    r"|i'd say|i would say|i say|i'd go|i'll go|i'd give it|i would give it|i give it"
    r"|i'll say|i'm a|i'm at|for me(?: it's| it is)?)"
    rf" (?:(?:so|a|an|like|like a|about|about a|maybe|maybe a|solid|a solid) )?({_NUMBER_WORD})\b"
)
#: After a number, words that make it no whole rating: a half, a range, an age, a time.
_NOT_A_WHOLE_RATING = (
    r"(?! and a half| and half| point five| or| to| year| years| month| months| minutes| hours"
    r"| o'clock)"
)
#: The other partner's number given as theirs, plainly, in the present ("she's a five", "hers
#: is two", "for him it's a three", "Mia's a five"): with the speaker's own said as plainly,
#: both numbers of a two-partner check-in. Not what they would say ("she says two": they may
#: want to say it themselves), nor an age ("she's a five year old").
_THEIRS_GIVEN = deferred(
    r"\b(?:she's|he's|she is|he is|hers is|his is|hers's|for her(?: it's| it is)?"
    r"|for him(?: it's| it is)?|(?:my|her|his) (?:husband|wife|partner|boyfriend|girlfriend"
    r"|hubby|missus|other half|better half)(?:'s| is)"
    r"|(?!(?:it|that|this|what|there|here|today|tonight|mine|who|which|everything|everyone"
    r"|life|day|let|he|she|one|how|where)\b)[a-z]+'s)"
    r" (?:(?:a|an|at a|at|like a|about a|maybe a|probably a|more like a|a solid) )?"
    rf"(one|two|three|four|five|[1-5])\b{_NOT_A_WHOLE_RATING}"
)
#: The speaker's own number said plainly as theirs: "I'm four", "I'm a four", "I am at a four".
_MINE_GIVEN = deferred(
    r"\b(?:i'm|i am) (?:(?:a|an|at a|at|like a|about a|maybe a|probably a|more like a|a solid) )?"
    rf"(one|two|three|four|five|[1-5])\b{_NOT_A_WHOLE_RATING}"
)
#: The speaker answers for themselves only ("I'm answering mine"): the other's number is theirs
#: to give.
_ANSWERING_MINE = deferred(r"\b(?:i'm|i am) answering (?:mine|for me|for myself)\b")
_SOUNDS_LIKE_WHOLE = deferred(r"^(?:a |an |like a |like |maybe |i'd say |i say )?(\w+)$")
#: "A solid tree, we was alright": a word heard for a number, said as a rating is ("a solid"),
#: with more said after it.
_SOUNDS_LIKE_FIRST = deferred(
    r"^(?:a |an )?(?:solid|firm|strong|weak|clear|definite|low|high|good) (\w+)\b"
)


@dataclass(frozen=True)
class RatingHeard:
    """A rating as heard: ``value`` (one to five) when a number was said, ``said`` when it was
    not a whole number (three and a half: said 3.5, value 4), ``in_words`` when only words were
    said ("pretty good": 4), ``out_of_range`` for a number no rating can be (seven)."""

    value: int | None = None
    said: float | None = None
    in_words: int | None = None
    out_of_range: bool = False
    #: The other partner's number, when it was given plainly with the speaker's own ("I'm a
    #: four, she's a five": value 4, theirs 5).
    theirs: int | None = None


def _number(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    return _NUMBER_WORDS.get(word)


def _digit(word: str) -> int:
    """One digit said as a word or written ("seven", "7")."""
    return int(word) if word.isdigit() else _NUMBER_WORDS[word]


def _whole_after_a_decimal(raw: str) -> RatingHeard | None:
    """ "Three point seven. fine. four": a whole number said after a decimal is the one kept
    (the decimal is said back with it); None when no whole number follows the last decimal."""
    decimals = list(_DECIMAL.finditer(raw))
    if not decimals:
        return None
    last = decimals[-1]
    after = normalise(raw[last.end() :])
    after = _ONE_NOT_A_NUMBER.sub(" ", after) if len(after.split()) > 1 else after
    later = [n for n in (_number(word) for word in after.split()) if n is not None]
    if not later or not in_range(later[-1]):
        return None
    return RatingHeard(value=later[-1], said=float(f"{last.group(1)}.{last.group(2)}"))


def _round(value: float) -> int:
    """Halves go up: three and a half is kept as a four."""
    return int(value + 0.5)


#: "No wait, I meant two", said just after a rating was taken: that rating, changed.
_RATING_TAKEN_BACK = deferred(
    r"^(?:(?:no|nope|sorry|wait|oops|actually|hang on|oh|hold on|um|erm)\s)+"
    r"(?:i meant|i mean|make it|make that|meant|it's|it was|it should be|change it to"
    r"|change that to|put)\s(?:a |an )?(one|two|three|four|five|[1-5])$"
)


def rating_taken_back(text: str) -> int | None:
    """The number of "no wait, I meant two", said right after a rating was taken; else None."""
    said = _RATING_TAKEN_BACK.match(normalise(text))
    return _number(said.group(1)) if said is not None else None


#: The number meant, said with "go back": "go back, I meant four. June's reminding me…".
_RATING_MEANT = deferred(
    r"\b(?:i meant|i mean|meant|make it|make that|change it to|change that to|it should be"
    r"|should have been|should've been)\s(?:a |an )?(one|two|three|four|five|[1-5])\b"
)


def rating_meant(text: str) -> int | None:
    """The number "I meant four" names, anywhere in what was said (said with a "go back" to a
    rating just given, it is that rating, changed); else None."""
    said = _RATING_MEANT.search(normalise(text))
    return _number(said.group(1)) if said is not None else None


_ONE_TO_FIVE = r"(?:a |an )?(one|two|three|four|five|[1-5])\b"
#: "That wasn't a number", "that wasn't her rating": the number just taken was never one.
_NOT_A_RATING = deferred(
    r"\b(?:that|it|this)(?: one)? (?:wasn't|was not|isn't|is not|weren't|were not)"
    r" (?:a number|a rating|an answer|(?:my|her|his|our) (?:number|rating|answer))\b"
)
#: The number said not to be someone's: "she's not a one", "neither of us is a one", "hers
#: wasn't a one", "mine was a three, not a one".
_NOT_THEIRS = deferred(
    r"\b(?:(?:she's|he's|i'm|she is|he is|i am|we're|we are) not"
    r"|neither of us (?:is|was)|nobody (?:is|was)|nobody's"
    r"|(?:hers|his|mine|that|it|her number|his number|my number|her rating|his rating|my rating)"
    r" (?:wasn't|isn't|was not|is not|shouldn't be|should not be)"
    r"|(?:(?<=one )|(?<=two )|(?<=three )|(?<=four )|(?<=five )|(?<=[1-5] ))not)"
    r" (?:a|an) (one|two|three|four|five|[1-5])\b"
)
#: The number meant instead: "change hers to a four", "make mine a three", "mine was a three",
#: "it was a four".
_MEANT_INSTEAD = deferred(
    r"\b(?:(?:change|put|fix|set|make) (?:hers|his|mine|her|him|me|it|that|hers|the one)"
    r"(?: (?:number|rating|one))?(?: (?:to|as|down as))?"
    r"|(?:hers|his|mine|she|he|it|that|i) (?:was|is|should be|should have been|'s|meant)"
    r"(?: (?:actually|really))?) " + _ONE_TO_FIVE
)
#: Asks for a number to be changed: "change", "fix", "make".
_ASKS_TO_CHANGE = deferred(r"\b(?:change|fix|make|put|set) (?:hers|his|mine|her|him|me|it|that)\b")


@dataclass(frozen=True)
class RatingFix:
    """A rating put right: ``wrong`` is the number said not to be someone's ("she's not a one"),
    ``right`` the number meant ("change hers to a four"); either may be unknown."""

    wrong: int | None = None
    right: int | None = None


def read_rating_fix(text: str) -> RatingFix | None:
    """A rating taken back or put right ("no that wasn't a number", "she's not a one", "can you
    change hers to a four", "wait, mine was a three, not a one"); None when ``text`` is none."""
    words = normalise(text.replace("-", " "))
    wrong = _NOT_THEIRS.search(words)
    meant = _MEANT_INSTEAD.search(words)
    if not (_NOT_A_RATING.search(words) or wrong or _ASKS_TO_CHANGE.search(words)):
        return None
    if wrong is None and meant is None and not _NOT_A_RATING.search(words):
        return None
    return RatingFix(
        wrong=_number(wrong.group(1)) if wrong is not None else None,
        right=_number(meant.group(1)) if meant is not None else None,
    )


def read_rating(text: str, vocab: Vocabulary) -> RatingHeard:
    """The connection rating in ``text``: "like a four", "three and a half", "maybe three",
    "four out of five", "a one, regrettably", "ugh, two i guess", "pretty good"."""
    raw = _A_COUNT.sub(" ", _ISH.sub(r"\1", text.lower().replace("-", " ")))
    raw = _A_TIME.sub(" ", raw)
    theirs = _THEIRS_AFTER.search(raw)
    if theirs is not None and _ANY_NUMBER.search(raw[: theirs.start()]):
        raw = raw[: theirs.start()]  # "four, and he says two": the speaker's own number first
    mine = _THEIRS_SAID.sub(" ", raw)
    if mine != raw and _ANY_NUMBER.search(mine):
        # "I'd say a four. Ruth says three": the other's number, said of them, is theirs.
        raw = mine
    kept = _NOT_THIS.sub(" ", raw)
    if kept != raw and _ANY_NUMBER.search(kept):
        raw = kept  # "a four, not a two": the two was taken back
    raw = _POINT.sub(lambda m: f" {_digit(m.group(1))}.{_digit(m.group(2))} ", raw)
    later = _whole_after_a_decimal(raw)
    if later is not None:
        return later
    halves: list[float] = []
    for match in _DECIMAL.finditer(raw):
        halves.append(float(f"{match.group(1)}.{match.group(2)}"))
    words = normalise(_DECIMAL.sub(" ", raw))
    for match in _HALF.finditer(words):
        # "Wan and a hauf": a word heard for a number is the number before a half.
        whole = _number(match.group(1)) or _SOUNDS_LIKE.get(match.group(1))
        if whole is not None:
            halves.append(whole + (0.5 if "bit" not in match.group(0) else 0.0))
    words = _HALF.sub(" ", words)
    scale = 10 if any(m.group(1) in ("ten", "10") for m in _OUT_OF.finditer(words)) else 5
    words = _OUT_OF.sub(" ", words)
    taken_back = [
        found.end()
        for found in _CORRECTION.finditer(words)
        if _ANY_NUMBER.search(words[found.end() :])
    ]
    if taken_back and not halves:
        # "A three, no, make it a four", "three, no, four actually": the number after the last
        # correction that has one; "two actually, I miss her" is still a two.
        words = words[taken_back[-1] :]

    words = _ONE_NOT_A_NUMBER.sub(" ", words) if len(words.split()) > 1 else words
    numbers = [float(n) for n in (_number(w) for w in words.split()) if n is not None] + halves
    if halves and all(abs(n - halves[0]) <= 1 for n in numbers):
        numbers = [halves[0]]  # "almost a five, so four and a half": the half is the rating
    between = _BETWEEN.search(words)
    if between is not None:
        low, high = _number(between.group(1)), _number(between.group(2))
        if low is not None and high is not None and abs(high - low) == 1:
            numbers = [(low + high) / 2]
    if scale == 10:
        numbers = [n / 2 for n in numbers]
    distinct = sorted(set(numbers))
    if len(distinct) > 1:
        # "Mine is three, two for him": the number the speaker says is theirs.
        own = {_number(found.group(1)) for found in _MINE_SAID.finditer(words)}
        if len(own) == 1 and None not in own:
            distinct = [float(own.pop() or 0)]
    if len(distinct) == 1:
        said = distinct[0]
        value = _round(said)
        if not in_range(value):
            return RatingHeard(out_of_range=True)
        if said != value:
            return RatingHeard(value=value, said=said)
        return RatingHeard(value=value, theirs=_theirs_given(text, value))
    if not distinct:
        core = trim_fillers(words, vocab)
        alone = _SOUNDS_LIKE_WHOLE.match(core) or _SOUNDS_LIKE_FIRST.match(core)
        if alone is not None and alone.group(1) in _SOUNDS_LIKE:
            return RatingHeard(value=_SOUNDS_LIKE[alone.group(1)])
        in_words = _rating_in_words(words, vocab)
        if in_words is not None:
            return RatingHeard(in_words=in_words)
    return RatingHeard()


def _theirs_given(text: str, value: int) -> int | None:
    """The other partner's number in ``text``, when the speaker gave their own (``value``) as
    theirs and the other's as the other's, each once and plainly ("okay she's a five, and I'm a
    four"); None when either is missing or said more than one way ("I'm a three, no, a four").
    """
    words = normalise(text.replace("-", " "))
    if _ANSWERING_MINE.search(words):
        return None
    own = {
        _number(found.group(1))
        for pattern in (_MINE_SAID, _MINE_GIVEN)
        for found in pattern.finditer(words)
    }
    theirs = {_number(found.group(1)) for found in _THEIRS_GIVEN.finditer(words)}
    if own != {value} or len(theirs) != 1:
        return None
    other = theirs.pop()
    return other if other is not None and in_range(other) else None


def _rating_in_words(words: str, vocab: Vocabulary) -> int | None:
    best: tuple[int, int] | None = None
    for name, value in _WORD_RATINGS.items():
        length = vocab.ratings[name].longest(words)
        if length and (best is None or length > best[0]):
            best = (length, value)
    return best[1] if best else None


# --- a fight ---------------------------------------------------------------------------------

#: Words just before a fight word that make it a hope or a habit, not tonight's fight ("how
#: we fi let it go" asks, in Patois, how to let a grudge go).
_NOT_A_FIGHT_NOW = deferred(
    r"\b(?:(?<!can't )(?<!cannot )(?<!can not )(?<!won't )stop|stopped|no more|less|fewer"
    r"|without|not|never|don't|avoid|instead of|how to"
    r"|how do we|how can we|how (?:we|wi) fi|better at|fight fair|fighting fair)\b(?: \w+){0,2} ?$"
)


#: "Without it turning into a fight": a fight wished away, not one had.
_A_FIGHT_AVOIDED = deferred(
    r"\bwithout (?:it|that|this|things|us|we|anything|everything)(?: \w+){0,3} ?$"
)


#: Said with a laugh: a squabble told as a joke is not a fight to be met with care.
_IN_FUN = deferred(
    r"\b(?:it was hilarious|so funny|it's our thing|it is our thing|we always do|lol|haha|hahaha"
    r"|just joking|only joking|in a fun way|all in good fun|for fun|we laughed"
    r"|nothing big|nothing serious|no big deal|all good now|we're fine now|over it now)\b"
)
#: Words just after a fight word that make it a wish: "argue less", "fight fairer".
_A_WISH_AFTER = deferred(r" (?:less|fewer|better|fairly|fairer|more kindly|more gently)\b")


def fight_words(text: str, vocab: Vocabulary) -> int:
    """How many words the longest phrase has that says the couple fought (0: none does).

    "We had a fight before bed", "we keep arguing about bedtime", "we had
    words this afternoon" say so; "that we stop arguing about bedtime" (a hope)
    and "how do we argue less" (a wish for a practice) do not.
    """
    words = normalise(text)
    found = [
        len(words[start:end].split())
        for start, end in vocab.fight.spans(words)
        if not _NOT_A_FIGHT_NOW.search(words[:start])
        and not _A_FIGHT_AVOIDED.search(words[:start])
        and not _A_WISH_AFTER.match(words[end:])
    ]
    if found and _IN_FUN.search(words):
        return 0  # "we fought like cats and dogs over the remote, it was hilarious"
    return max(found, default=0)


def speaks_of_a_fight(text: str, vocab: Vocabulary) -> bool:
    """Whether ``text`` says the couple fought, or are still upset from a fight."""
    return fight_words(text, vocab) > 0


def flares_up(text: str, vocab: Vocabulary) -> bool:
    """Whether ``text`` is a jab between the partners, said in answer ("you were pretty relaxed
    with her too weren't you. Dana come on, I'm trying here"): tension, never good news."""
    return vocab.after_a_fight["flare_up"].found(normalise(text))


def heartfelt(text: str, vocab: Vocabulary) -> bool:
    """Whether ``text`` plainly comes from the heart, understood or not: an apology, a fight,
    or a warm or heavy tone ("he held my hand the whole way home")."""
    words = normalise(text)
    return (
        vocab.apologies.found(words)
        or speaks_of_a_fight(text, vocab)
        or read_tone(text, vocab) is not Tone.PLAIN
    )


# --- the tone of an answer --------------------------------------------------------------------


class Tone(Enum):
    """What an open answer carries, so the acknowledgement fits it (never stored)."""

    HEAVY = "heavy"
    WARM = "warm"
    PLAIN = "plain"


#: Words just before a tone word that turn it around ("not sad", "no stress today").
_NOT_BEFORE = deferred(r"\b(?:not|no|never|wasn't|isn't|didn't|without|less)(?: \w+)? ?$")
#: "Kind of" as a hedge ("it kind of sucks", "we kind of just watched telly"), not a kindness:
#: "that was kind of her" still is one.
_KIND_OF_HEDGE = deferred(r"\bkind of\b(?! (?:you|him|her|them|us|me|my|his|their|your)\b)")


def read_tone(text: str, vocab: Vocabulary) -> Tone:
    """Heavy when the answer speaks of worry, stress, sadness or a hard day; warm when it
    speaks of a kindness, a laugh or gratitude; plain otherwise. Heavy wins a tie: "she
    made me laugh on a rough day" is met gently."""
    words = _KIND_OF_HEDGE.sub("kinda", normalise(text))
    found = {
        tone: sum(
            1
            for start, _ in vocab.tones[tone.value].spans(words)
            if not _NOT_BEFORE.search(words[:start]) and not _A_FIGHT_AVOIDED.search(words[:start])
        )
        for tone in (Tone.HEAVY, Tone.WARM)
    }
    if found[Tone.HEAVY] and found[Tone.HEAVY] >= found[Tone.WARM]:
        return Tone.HEAVY
    return Tone.WARM if found[Tone.WARM] else Tone.PLAIN


# --- names -----------------------------------------------------------------------------------

#: Words said before a name ("I'm", "my husband is", "and this here's"): a name may follow.
_NAME_MARKERS = frozenset(
    {
        "i'm", "im", "am", "myself", "is", "it's", "its", "he's", "hes", "she's", "shes",
        "here's", "that's", "thats", "this's", "name's", "names", "called", "named", "call",
        "and", "an", "plus", "me", "we're", "are", "husband's", "wife's", "partner's",
        "hubby's", "missus's", "boyfriend's", "girlfriend's", "na", "husbands", "wifes",
        "hubbys", "partners", "ahm", "two", "second", "secondly",
    }
)  # fmt: skip
#: Words said around names that neither are one nor introduce one ("my wife", "also", "um").
_AROUND_NAMES = frozenset(
    {
        "i", "we", "my", "our", "his", "her", "hers", "him", "he", "she", "this", "that", "these",
        "there", "here", "name", "the", "a", "an", "of", "to", "for", "with", "or", "also", "too",
        "wife", "husband", "partner", "boyfriend", "girlfriend", "fiance", "fiancee", "spouse",
        "missus", "mrs", "mr", "hubby", "other", "half", "better", "babe", "baby", "honey",
        "darling", "dear", "love", "sweetheart", "just", "only", "ugh", "um", "uh", "er", "oh",
        "ok", "okay", "well", "so", "yes", "yeah", "hi", "hello", "hey", "both", "us", "you",
        "your", "first", "second", "one", "again", "sorry", "actually", "really", "please",
        "speaking", "be", "be's", "kidding", "joking", "no", "not", "confusing", "know",
        "it", "in", "crime", "put", "down", "as", "can", "call", "write", "say", "y'all",
        "ya'll", "himself", "herself", "shoot", "oops",
        "whoops", "ha", "haha", "gosh", "blimey", "crikey", "everybody", "everyone",
        "everybody's", "everyone's", "real", "pleased", "meet", "maybe", "guess", "suppose",
        "think", "amazing", "absolute", "legend", "superstar", "star", "couple", "gorgeous",
        "beautiful", "wonderful", "handsome", "firstly",
    }
)  # fmt: skip
#: Words said of a moment after "this is" or "it's" ("this is awkward", "it's late"): what
#: people say mid-practice or mid-check-in far more often than their names.
_SAID_OF_THINGS = frozenset(
    {
        "dumb", "stupid", "silly", "awkward", "weird", "strange", "odd", "hard", "tough",
        "difficult", "easy", "fine", "good", "great", "nice", "lovely", "fun", "funny", "boring",
        "pointless", "useless", "cheesy", "corny", "cringe", "cringey", "embarrassing", "long",
        "late", "early", "nothing", "something", "everything", "all", "fake", "lame", "ridiculous",
        "uncomfortable", "comfortable", "helpful", "useful", "interesting", "new", "ok", "alright",
        "crazy", "mad", "sad", "scary", "intense", "heavy", "cute", "sweet", "true", "right",
        "wrong", "over", "done", "enough", "too", "much", "what", "how", "why", "who", "when",
        "where", "working", "not", "never", "always", "getting", "going", "gonna", "taking",
        "about", "like", "been", "hopeless", "annoying", "tiring", "exhausting", "cold", "hot",
        "warm", "wet", "rainy", "raining", "dark", "quiet", "busy", "noisy", "loud",
        "tired", "exhausted", "sleepy", "bored", "happy", "stressed", "calm", "peaceful",
        "bread", "butter", "salt", "pepper", "rice", "beans", "fish", "chips", "tea", "coffee",
        "by", "myself", "ourselves", "alone", "tonight", "today", "home", "here", "back",
        "up", "out", "off", "away", "asleep", "upstairs", "downstairs", "around",
    }
)  # fmt: skip
#: "were" is how a recogniser writes "we're" ("were not really speaking"), never a name.
_NOT_NAMES = (
    _NAME_MARKERS | _AROUND_NAMES | _SAID_OF_THINGS | {"thanks", "thank", "nickname", "were"}
)
#: Words that take back the names said before them ("my name's mud tonight, but it's Dai",
#: "Killer, that's my nickname, real names Marco and Jess", "staff sergeant retired, ha, no,
#: it's Mike"), when names follow them. Only one: after two ("Kez and Dan, but the baby's not
#: part of this") both names are already said.
_CORRECTING = frozenset({"but", "real", "proper", "no"})
_NAME_WORD = deferred(r"^[a-z][a-z']*$")
#: "But fine, Leon and Stella": giving in after names said in play ("I'm the sun and she's the
#: moon"), the real ones follow, even after two.
_GIVING_IN = frozenset({"fine", "okay", "ok", "alright", "seriously", "honestly"})
#: "Steve, Stephen actually": the name just said, put right by the next.
_PUT_RIGHT = frozenset({"actually", "rather"})
#: Who a name's "'s" belongs to ("Tomasz's husband Ben"): a possessive, not "Ted's my other half".
_RELATIONS = frozenset(
    {"husband", "wife", "partner", "boyfriend", "girlfriend", "fiance", "fiancee", "spouse",
     "missus", "hubby", "other", "better"}
)  # fmt: skip


def read_names(text: str, whole: bool = False) -> list[str]:
    """The first names in ``text``, in order, capitalised ("myself Lakshmi, and my husband is
    Suresh" → Lakshmi, Suresh). A name stands first, or after a word that introduces one
    ("I'm", "and", "he's", "my wife is"); other words ("spelled the Irish way") are passed
    over. With ``whole``, every word must be a name or a word around names, or there are
    none: "we're still mad at each other" names nobody. At most two."""
    names: list[str] = []
    taken_back: list[str] = []
    may_name = True
    said = normalise(text).split()
    for at, word in enumerate(said):
        before = said[at - 1] if at else ""
        after = said[at + 1] if at + 1 < len(said) else ""
        if word.endswith("'s") and after in _RELATIONS and word not in _NAME_MARKERS:
            continue  # "that's Tomasz's husband Ben"
        giving_in = word in _GIVING_IN and before == "but" and len(names) == 2
        if (word in _CORRECTING and len(names) == 1) or giving_in:
            names, taken_back, may_name = [], names, True
        elif (
            after in _PUT_RIGHT
            and names
            and before.capitalize() == names[-1]
            and _NAME_WORD.match(word)
            and word not in _NOT_NAMES
        ):
            names[-1] = word[0].upper() + word[1:]
        elif word in _NAME_MARKERS:
            may_name = True
        elif word in _AROUND_NAMES:
            continue
        elif may_name and _NAME_WORD.match(word) and len(word) > 1 and word not in _NOT_NAMES:
            name = word[:-2] if word.endswith("'s") else word  # "Ted's my other half"
            names.append(name[0].upper() + name[1:])
            may_name = False
        elif whole:
            return []
        else:
            may_name = False
    return (names or taken_back)[:2]


# --- a time of day ------------------------------------------------------------------------------

#: The morning named for the reminder ("her morning" is the other's time zone, not ours).
_MORNING = deferred(
    r"\b(?:(?<!i )(?<!make )(?<!set )(?<!put )(?<!do )am|a m|in the morning"
    r"|(?<!her )(?<!his )(?<!their )morning|early birds?)\b"
)
_CLOCK = deferred(r"\b(\d{1,2})[:.](\d{2})\b")
_NUMBER_RUN = deferred(
    r"\b(?:(?:twenty|thirty|forty|fifty)(?: (?:one|two|three|four|five|six|seven|eight|nine))?"
    r"|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
    r"|fifteen|sixteen|seventeen|eighteen|nineteen|\d{1,2})\b"
)


_PAST = deferred(r"\b\w+ (?:minutes )?past \w+")
#: "twenty to nine", not "dead to the world by eleven" nor "the reminder to eight thirty": minutes
#: before "to", the hour after it.
_TO = deferred(
    r"\b(?:\d{1,2}|five|ten|twenty(?: five)?|twenty-five)(?: minutes)? to (?:one|two|three|four"
    r"|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})\b"
)
#: "nine thirty", "eight forty five": minutes said right after the hour, not "eleven, eight
#: hours ahead".
_HOUR_THEN_MINUTES = deferred(
    r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})"
    r" (?:and |oh |o )?(?:(?:twenty|thirty|forty|fifty)(?: \w+)?|ten|fifteen|\d{2}|five|zero"
    r"|one|two|three|four|six|seven|eight|nine)\b(?!')"
)
#: The time chosen after others were weighed: "option one nine, option two half nine, go with
#: half nine", "after the news, so say ten past nine".
_CHOSEN = deferred(r"\b(?:go with|let's go with|we'll go with|let's say|so say|say)\b")
#: "Hawf eight", "hauf nine": half, as it is said in Scotland.
_HALF_SAID = deferred(r"\b(?:hawf|hauf)\b")


def read_time(text: str) -> time | None:
    """The time of day in ``text``: "nine pm", "quarter past nine", "ten and half",
    "eight and thirty in evening", "at twenty one o'clock", "21:30". A bare hour
    from one to eleven is the evening's (a reminder for the check-in), unless the
    morning is named."""
    raw = _HALF_SAID.sub("half", text.lower())
    corrections = sorted(
        [*_CORRECTION.finditer(raw), *_CHOSEN.finditer(raw)], key=lambda found: found.end()
    )
    if corrections and _ANY_NUMBER.search(raw[corrections[-1].end() :]):
        raw = raw[corrections[-1].end() :]  # "eight, no, actually make it nine"
    clock = _CLOCK.search(raw)
    words = normalise(_CLOCK.sub(" ", raw)).replace("o'clock", "").replace("oclock", "")
    # "Twenty to midnight" is twenty to twelve, at night.
    words = re.sub(r"\bto midnight\b", "to twelve", words)
    if "midnight" in words.split():
        return time(0, 0)
    if "noon" in words.split() or "midday" in words.split():
        return time(12, 0)
    numbers = [number_value(m.group(0)) for m in _NUMBER_RUN.finditer(words)]
    values = [n for n in numbers if n is not None]
    minute = 0
    if clock is not None:
        hour, minute = int(clock.group(1)), int(clock.group(2))
    elif not values:
        return None
    else:
        hour = values[0]
        past = _PAST.search(words)
        to = _TO.search(words)
        quarter_to = re.search(r"\bquarter to (\w+)", words)
        if re.search(r"\bhalf past\b", words):
            minute = 30
        elif re.search(r"\bquarter past\b", words):
            minute = 15
        elif quarter_to is not None:
            # "Nine, no, nine forty five, quarter to ten": the hour said after "to".
            hour, minute = (number_value(quarter_to.group(1)) or hour) - 1, 45
        elif past is not None and len(values) >= 2:
            minute, hour = values[0], values[1]  # "ten past nine"
        elif to is not None and len(values) >= 2 and 0 < values[0] < 60:
            minute, hour = 60 - values[0], values[1] - 1  # "twenty to nine"
        elif re.search(r"\bhalf (?=\w)", words) and not re.search(r"\bhalf an?\b", words):
            minute = 30  # "half nine" is half past nine
        elif re.search(r"\band (?:a )?half\b", words):
            minute = 30
        elif len(values) >= 2 and values[1] < 60 and _HOUR_THEN_MINUTES.search(words):
            minute = values[1]
    if not 0 <= hour <= 24 or not 0 <= minute < 60:
        return None
    morning = _MORNING.search(words) is not None
    if 1 <= hour <= 11 and not morning:
        hour += 12
    elif hour == 12 and morning:
        hour = 0
    return time(hour % 24, minute)
