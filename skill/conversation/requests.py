"""What a couple asks for in their own words: "we want less phone", "something cheap at home".

After "open heart talks" the skill asks what they would like, and the answer
reaches it as the words said. :func:`read_request` turns them into a typed
:data:`Request`, which the handlers serve exactly as they serve the intent
Alexa would have matched (see :mod:`skill.handlers.requests`). It reads by the
most specific words found: each kind of request, each practice and pillar,
each date filter has its phrases (content, :mod:`skill.content.understanding`),
and the longest phrase found decides, with a fixed order breaking ties. A
practice is often asked for by naming the trouble ("he's scrolling the whole
time"), so a trouble named is a practice asked for.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import time
from enum import Enum
from functools import lru_cache

from skill.content.understanding import PhraseSet, Vocabulary
from skill.conversation.names import is_a_state
from skill.conversation.understanding import (
    NOT_NOW_WORDS,
    REMEMBERED_LINES,
    fight_words,
    normalise,
    read_names,
    read_partners,
    read_time,
    trim_fillers,
)
from skill.patterns import deferred

NIGHTLY, WEEKLY = "nightly", "weekly"


@dataclass(frozen=True)
class CheckInRequest:
    """Tonight's check-in (``kind`` nightly or weekly), and who is here when it was said in
    the same breath ("a check-in, just me tonight": 1; 0 when not said)."""

    kind: str = NIGHTLY
    partners: int = 0


@dataclass(frozen=True)
class PracticeRequest:
    """A practice: one by id, one of a pillar, or any (both None)."""

    practice: str | None = None
    pillar: str | None = None


@dataclass(frozen=True)
class PracticeResumeRequest:
    """ "Can we finish the practice from yesterday?", "the listening one, where we left off"."""

    practice: str | None = None


@dataclass(frozen=True)
class PracticeMenuRequest:
    """ "What can you teach us?" """


@dataclass(frozen=True)
class PracticeCountRequest:
    """ "How many practices are there in total?": how many, in which pillars, and one offered."""


@dataclass(frozen=True)
class DateRequest:
    """A date-night idea, with the filters asked for (dimension → value)."""

    #: Read-only: a request read from words is remembered and handed out again.
    filters: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class DateFavouritesRequest:
    """The date ideas the couple saved."""


@dataclass(frozen=True)
class ProgressRequest:
    """ "How are we doing?" """


@dataclass(frozen=True)
class LastTimeRequest:
    """ "What did we do last time?": the last check-in, practice and date idea, as kept."""


@dataclass(frozen=True)
class PrivacyInfoRequest:
    """ "What do you know about us?", "do you record us?" """


@dataclass(frozen=True)
class AboutSkillRequest:
    """ "Are you a real therapist?", "is this therapy?": what the skill is, and is not."""


class SkillQuestion(Enum):
    """A plain question about using the skill, answered in a sentence or two."""

    WHAT_IT_DOES = "what_it_does"
    TIME_OF_DAY = "time_of_day"
    SPEAKERPHONE = "speakerphone"
    #: "Does it still count if she's not doing them with me?": a check-in alone counts.
    SOLO_COUNTS = "solo_counts"
    #: "Does my morning check in still count for the streak?": a check-in counts for its day,
    #: whatever the hour.
    MORNING_COUNTS = "morning_counts"
    #: "My wife thinks a robot is going to fix our marriage": it can't, and what it can do.
    DOUBTS = "doubts"
    #: "Is Jordan going to hear about what I said earlier?": whether what was said is kept or
    #: passed on.
    WHO_HEARS = "who_hears"
    #: "Should we be seeing a counsellor?": the skill is not therapy; a counsellor can help.
    COUNSELLING = "counselling"
    #: "Is there anything for feeling less alone?", "something for feeling lonely": a warm
    #: word, someone to talk to, and something for one; never a date for two.
    LONELY = "lonely"


@dataclass(frozen=True)
class SkillQuestionRequest:
    """ "What exactly do you do?", "is it weird to do this in the morning?", "he's on
    speakerphone, can we still do this?": a short, honest answer, then the choices."""

    question: SkillQuestion


@dataclass(frozen=True)
class DeleteDataRequest:
    """ "Delete everything you have on us." """


@dataclass(frozen=True)
class ForgetTonightRequest:
    """ "Forget what I said tonight." """


class JournalAction(Enum):
    """The opt-in journal: switch it on or off, or read what was kept; or, asked how keeping
    answers works ("if we wanted you to remember what we say, how does that work?"), explain it
    and ask first: only a clear instruction or a yes switches it on."""

    ON = "on"
    ASK = "ask"
    OFF = "off"
    READ = "read"


@dataclass(frozen=True)
class JournalRequest:
    """Keep our answers, stop keeping them, or read them back."""

    action: JournalAction


@dataclass(frozen=True)
class NamesRequest:
    """ "I'm Mike, she's Jen." ``instead_of`` is a name said to be wrong ("his name is Tom,
    not He"): the name kept as that is put right (it is no part of what the request is)."""

    names: tuple[str, ...]
    instead_of: str = field(default="", compare=False)


@dataclass(frozen=True)
class SpeakerRequest:
    """ "This is Sam speaking", "it's Alex": whose voice this is."""

    name: str


@dataclass(frozen=True)
class ForgetNamesRequest:
    """ "Forget our names." """


@dataclass(frozen=True)
class NamesKnownRequest:
    """ "What are our names?", "do you remember my name?" """


@dataclass(frozen=True)
class ChangeNamesRequest:
    """ "Change our names." """


@dataclass(frozen=True)
class ReminderRequest:
    """A nightly reminder, at ``at`` when a time was said."""

    at: time | None = None


@dataclass(frozen=True)
class ReminderListRequest:
    """ "What reminders do we have?" """


@dataclass(frozen=True)
class ReminderStopRequest:
    """ "Turn off the reminder." """


@dataclass(frozen=True)
class HelpRequest:
    """ "What is this?", "how does this work?" """


class SmallTalk(Enum):
    """A friendly word that is not a request."""

    HELLO = "hello"
    THANKS = "thanks"
    LOVE = "love"


@dataclass(frozen=True)
class SmallTalkRequest:
    """Hello, thank you, I love you: answered warmly, then what would they like. A hello may
    come with news (``news``: "wedding", "long_marriage", "quiet_house"), met with a word that
    fits it."""

    kind: SmallTalk
    news: str | None = None


@dataclass(frozen=True)
class FightRequest:
    """ "We had a fight": met calmly, with a pause offered and a way back."""


Request = (
    CheckInRequest
    | PracticeRequest
    | PracticeResumeRequest
    | PracticeMenuRequest
    | PracticeCountRequest
    | DateRequest
    | DateFavouritesRequest
    | ProgressRequest
    | LastTimeRequest
    | PrivacyInfoRequest
    | AboutSkillRequest
    | SkillQuestionRequest
    | DeleteDataRequest
    | ForgetTonightRequest
    | JournalRequest
    | NamesRequest
    | SpeakerRequest
    | ForgetNamesRequest
    | ChangeNamesRequest
    | NamesKnownRequest
    | ReminderRequest
    | ReminderListRequest
    | ReminderStopRequest
    | HelpRequest
    | SmallTalkRequest
    | FightRequest
)

#: Requests whose words name them alone, most specific first (ties go to the earlier).
_SIMPLE: tuple[tuple[str, Request], ...] = (
    ("delete_data", DeleteDataRequest()),
    ("forget_tonight", ForgetTonightRequest()),
    ("journal_off", JournalRequest(JournalAction.OFF)),
    ("journal_on", JournalRequest(JournalAction.ON)),
    ("journal_read", JournalRequest(JournalAction.READ)),
    ("names_forget", ForgetNamesRequest()),
    ("names_change", ChangeNamesRequest()),
    ("names_known", NamesKnownRequest()),
    ("reminder_stop", ReminderStopRequest()),
    ("reminder_list", ReminderListRequest()),
    # Ahead of the questions about what is kept in general: "is he going to hear what I said?"
    # asks about one thing said, and is answered where it was asked.
    ("asks_who_hears", SkillQuestionRequest(SkillQuestion.WHO_HEARS)),
    ("privacy_info", PrivacyInfoRequest()),
    ("about_skill", AboutSkillRequest()),
    # "What did we do last time?" before "how did we do": the evenings, not the numbers.
    ("last_time", LastTimeRequest()),
    ("progress", ProgressRequest()),
    ("date_favourites", DateFavouritesRequest()),
    ("weekly_checkin", CheckInRequest(WEEKLY)),
    ("checkin", CheckInRequest(NIGHTLY)),
    ("practice_count", PracticeCountRequest()),
    ("practice_menu", PracticeMenuRequest()),
    ("practice_any", PracticeRequest()),
    # Questions about the skill give way to any request of the same weight ("we used to do this
    # over facetime, now ask us the nightly questions").
    ("asks_what_it_does", SkillQuestionRequest(SkillQuestion.WHAT_IT_DOES)),
    ("asks_time_of_day", SkillQuestionRequest(SkillQuestion.TIME_OF_DAY)),
    ("asks_speakerphone", SkillQuestionRequest(SkillQuestion.SPEAKERPHONE)),
    ("asks_solo_counts", SkillQuestionRequest(SkillQuestion.SOLO_COUNTS)),
    ("asks_morning_counts", SkillQuestionRequest(SkillQuestion.MORNING_COUNTS)),
    ("doubts_the_skill", SkillQuestionRequest(SkillQuestion.DOUBTS)),
    ("help", HelpRequest()),
)
#: Words that ask for help with something ("how do we…", "teach us…"): with a trouble named,
#: a practice; without them, a fight said is a fight.
_ASKING = deferred(
    r"\b(?:how (?:do|can|could|should|to|does) (?:we|i|you|one)?|how to|teach|help (?:us|me|with)"
    r"|practice|practise|exercise|we want|i want|we need|i need|got something|something (?:on|for)"
    r"|give us|can we|work on|get better|what can we do about|what do we do about"
    r"|(?:do you have|have you got|you got|got) anything (?:for|on|about)"
    r"|is there (?:one|something|anything|a practice) (?:for|on|about))\b"
)


#: "We'll skip the check in tonight", "no check in tonight": the check-in named to be left out.
#: ("Why don't we check in", "can't we do the check in" ask for it, and are not this.) So is
#: "not a check in tonight", "I said NOT a check in", "not" right before it ("why not a check
#: in?" asks for one).
_SKIPS_THE_CHECK_IN = deferred(
    r"(?:\b(?:skip|skipping|no|not doing|not do)\b(?: \w+){0,2}?|(?<!\bwhy )\bnot) "
    r"(?:the |our |a )?check[ -]?in\b(?! (?:instead|first|now|please)\b)"
)
#: A question about how something works or whether it can be done, not an instruction: "how
#: does that work", "if we wanted you to…", "do you keep a journal?", "is there a way to…".
#: "Can you keep our answers", "would you keep a record" are asked as requests, and stay them.
_ASKS_HOW_IT_WORKS = deferred(
    r"\bhow (?:does|do|would|will|could|can|did|is|are) |\bhow's\b"
    r"|\bif (?:we|i) (?:wanted|want|were to|did|decided)\b|\bwhat if\b|\bwhat happens\b"
    r"|\bis (?:it|there|that) (?:possible|a way|an option)\b|\b(?:i|we) (?:wonder|was wondering"
    r"|were wondering)\b|\bwondering\b"
    r"|^(?:(?:ok|okay|so|and|but|wait|um|uh|hmm|oh|yeah|right|well) )*(?:do you|does (?:it|that"
    r"|this|the)|did you|are you|is it|is that|is this|can it|could it|would it|will it|do we"
    r"|is there)\b"
)


#: "What have you got?": an open question that asks for the menu only when nothing else is
#: named ("what have you got on spending time together", "a night out, what have you got").
_OPEN_OFFER = deferred(r"\bwhat (?:else )?(?:have you got|have you|do you have|you got)\b")


#: Asking for a different one of what was offered ("no, other one", "something else").
_ANOTHER_ONE = deferred(
    r"\b(?:(?:an)?other one|a different one|something else|a different practice"
    r"|another practice|different one|(?:pick|choose|give us|try) another)\b"
)
#: Taking back a wish for a reminder while asked its time ("don't set one after all").
_NO_REMINDER = deferred(
    r"\b(?:don't|do not|no need to) (?:set|bother|need)\b|\bno reminders?\b"
    r"|\b(?:never mind|forget it|changed my mind|after all)\b"
)


#: Asked for a reminder's time, cancelling the one there is ("cancel the one we already have
#: instead", "turn off the old one"): a reminder stopped, not a new one set.
_CANCELS_THE_ONE = deferred(
    r"\b(?:cancel|stop|remove|delete|turn off|switch off|get rid of|scrap|drop)"
    r" (?:the|that|our)(?: old| current| existing| other| first)? ones?\b"
)


def cancels_the_reminder(text: str) -> bool:
    """Whether ``text``, said when asked for a reminder's time, cancels the one already set."""
    return _CANCELS_THE_ONE.search(normalise(text)) is not None


#: Asking how two practices differ: "what's the difference between that and the validation one".
_DIFFERENCE = deferred(
    r"\b(?:difference between|the difference|different from|different to|differ from"
    r"|differs from|how (?:is|does|are) (?:that|this|it|they) (?:differ|different))\b"
)


def practices_compared(text: str, vocab: Vocabulary) -> tuple[str, ...] | None:
    """The practices named, in the order said, when ``text`` asks how practices differ ("what's
    the difference between that and the validation one": validation); None when it does not
    ask that."""
    words = normalise(text)
    if _DIFFERENCE.search(words) is None:
        return None
    named = [
        (spans[0][0], practice_id)
        for practice_id, phrases in vocab.practices.items()
        if (spans := phrases.spans(words))
    ]
    return tuple(practice_id for _, practice_id in sorted(named))


def asks_for_another(text: str) -> bool:
    """Whether ``text`` asks for a different one of what was offered ("no, other one"); "not that
    one" alone declines."""
    return _ANOTHER_ONE.search(normalise(text)) is not None


def declines_a_reminder(text: str) -> bool:
    """Whether ``text``, said when asked for a reminder's time, takes the reminder back."""
    return _NO_REMINDER.search(normalise(text)) is not None


def skips_the_check_in(text: str) -> bool:
    """Whether ``text`` names the check-in to be left out ("not the check in", "no check in
    tonight"), whatever it asks for instead."""
    return _SKIPS_THE_CHECK_IN.search(normalise(text)) is not None


def asks_for_help(text: str) -> bool:
    """Whether ``text`` asks for something ("how do we…", "teach us…", "we need…"), rather than
    telling how things are."""
    return _ASKING.search(normalise(text)) is not None


#: A greeting before names, however it is drawn out ("hiii", "hello again", "hey there").
_GREETING = r"(?:hi+|hiya|hey+|hello+|good evening)(?: (?:there|again|all|both|you two))?"
_NAMES_INTRO = deferred(
    r"^(?:(?:hi|hello|hey) )?(?:i'm|im|i am|my name is|my name's|myself|our names are|we're"
    r"|we are|call me|call us) (?!just|here|tired|ready|both|home|done|back|not|so|too|a |an |the )"
)
_SPEAKER = deferred(
    r"^(?:(?:hi|hello|hey) )?(?:(?:this is|it's|its) )?([a-z]+)(?: (?:speaking|here))?$"
)
_SAYS_WHO = deferred(r"^(?:(?:hi|hello|hey) )?(?:this is|it's|its) |\b(?:speaking|here)$")


@lru_cache(maxsize=REMEMBERED_LINES)
def read_request(text: str, vocab: Vocabulary) -> Request | None:
    """The request ``text`` makes, or None when it makes none the skill knows (remembered: a
    turn may ask it of the same words several times, and requests are immutable)."""
    words = normalise(text)
    core = trim_fillers(words, vocab)
    if not core:
        return _small_talk(words, vocab)
    fixed = _name_put_right(core)
    if fixed is not None:
        return fixed
    names = _names(core)
    if names is not None:
        return names
    if vocab.requests["practice_resume"].longest(words) >= 2:
        # "Finish the listening one from yesterday": the practice left part-way, or the one named.
        return PracticeResumeRequest(_practice_resumed(words, vocab))
    # "A practice we haven't heard yet": any one not heard, whatever "heard" would name.
    words = " ".join(_NOT_YET.sub(" ", words).split())
    scored: list[tuple[int, int, Request]] = []
    for order, (name, request) in enumerate(_SIMPLE):
        _score(scored, vocab.requests[name], words, order, request)
    asking = _ASKING.search(words) is not None
    # "She's on the phone", "Ana's on speaker": a partner joining from afar, no trouble named.
    joined = _ON_THE_LINE.search(words)
    practice = _practice(_ON_THE_LINE.sub(" ", words) if joined else words, vocab)
    if practice is not None:
        length, request = practice
        # Naming a trouble asks for the practice for it, however it is put; and a practice
        # named is more than "the practice" or "teach us something" around it.
        scored = [item for item in scored if item[2] != PracticeRequest()]
        scored.append((length + (1 if asking else 0), len(_SIMPLE), request))
    reminder = vocab.requests["reminder"].longest(words)
    if reminder:
        at = read_time(words)
        # "Remind us to check in at half nine": a reminder with a time beats what it is for.
        weight = reminder + (2 if at is not None else 0)
        scored.append((weight, len(_SIMPLE) + 1, ReminderRequest(at)))
    date = _date(words, vocab)
    if date is not None:
        scored.append((date[0], len(_SIMPLE) + 2, date[1]))
    menu = vocab.requests["practice_menu"]
    if (practice or date) and not menu.found(_OPEN_OFFER.sub(" ", words)):
        scored = [item for item in scored if item[2] != PracticeMenuRequest()]
    counselling = vocab.requests["asks_counselling"].longest(words)
    if counselling:
        # "Is there anything for couples after an affair? like should we be seeing a
        # counsellor?": the question is answered before any practice its words name.
        scored.append((counselling + 2, -1, SkillQuestionRequest(SkillQuestion.COUNSELLING)))
    lonely = vocab.requests["asks_lonely"].longest(words)
    if lonely:
        # "The phone one again? no thanks. is there anything for feeling less alone?",
        # "something for feeling lonely": loneliness is met as itself, ahead of the practice or
        # the date its other words name ("phone", "something").
        scored.append((lonely + 2, -1, SkillQuestionRequest(SkillQuestion.LONELY)))
    fight = fight_words(words, vocab)
    if fight:
        # Ahead of every other request of the same weight: a fight is met before anything else.
        scored.append((fight + 1, -1, FightRequest()))
    best = max(scored, key=lambda item: (item[0], -item[1])) if scored else None
    small_talk = _small_talk(words, vocab)
    if small_talk is not None and (best is None or best[0] < 2):
        here = 0
        if best is None and not vocab.requests["hello"].is_whole(core or words):
            # "Hi, it's just me tonight, my wife is in Denver": a hello that says who is here
            # is here for tonight's check-in ("hi, it's just me" alone is a hello).
            here = _who_is_here(words, core, vocab, joined is not None)
        return CheckInRequest(NIGHTLY, here) if here else small_talk
    if best is None:
        here = _who_is_here(words, core, vocab, joined is not None)
        return CheckInRequest(NIGHTLY, here) if here else None
    request = best[2]
    if isinstance(request, CheckInRequest) and _SKIPS_THE_CHECK_IN.search(words):
        # "We'll skip the check in tonight, we're tired": the check-in declined, not asked for;
        # "no, not the check in. date thing. at home, cheap": what is asked instead of it.
        others = [item for item in scored if not isinstance(item[2], CheckInRequest)]
        if not others:
            return None
        request = max(others, key=lambda item: (item[0], -item[1]))[2]
    if request == JournalRequest(JournalAction.ON) and _ASKS_HOW_IT_WORKS.search(words):
        # "If we wanted you to remember what we say, how does that work?": a question, never
        # consent; explained, and asked.
        return JournalRequest(JournalAction.ASK)
    if (
        isinstance(request, DateRequest)
        and not vocab.requests["date"].found(words)
        and (read_partners(words, vocab, min_words=2) == 1 or _one_named_here(words))
    ):
        # "I am by myself tonight": someone alone for tonight's check-in, not an evening date.
        return CheckInRequest(NIGHTLY, 1)
    at = read_time(words)
    if isinstance(request, ChangeNamesRequest) and at is not None:
        return ReminderRequest(at)  # "can you change it to nine": the reminder's time
    if isinstance(request, CheckInRequest):
        weekly = request.kind == NIGHTLY and vocab.requests["weekly_checkin"].found(words)
        here = read_partners(words, vocab, min_words=2) or 0
        return CheckInRequest(WEEKLY if weekly else request.kind, here)
    return request


#: A partner joining from afar ("she's on the phone", "Ana's on speaker tonight"): both are
#: here. Not a partner on the phone to someone else ("on the phone with her mum"), nor always
#: on it ("he's always on the phone" names the trouble).
_ON_THE_LINE = deferred(
    r"\b(?:[a-z]+'s|hes|shes|(?:he|she) is) on (?:the )?(?:phone|speaker|speakerphone"
    r"|speaker phone|line|video|facetime)\b(?! (?:with (?!me\b|us\b)|all|again|constantly|too)\b)"
)
#: One partner named as the one here: "it's just Tom tonight", "only Maria here".
_JUST_ONE_NAMED = deferred(
    r"^(?:(?:hi|hello|hey|so|ok|okay|well) )*(?:it's|its|it is|it'll be|it will be) (?:just|only)"
    r" ([a-z]+)(?:'s)?(?: (?:tonight|here|today|this evening|now))?\b"
)


def _one_named_here(words: str) -> bool:
    """Whether ``words`` (normalised) name one partner as the one here ("it's just Tom
    tonight"); "it's just been a long day" names nobody."""
    said = _JUST_ONE_NAMED.search(words)
    return said is not None and bool(read_names(said.group(1)))


#: A yes or a hello before who is here ("yes both, me and my husband").
_BEFORE_WHO = deferred(rf"^(?:(?:yes|yeah|yep|ok|okay|sure|{_GREETING}) )+")


def _who_is_here(words: str, core: str, vocab: Vocabulary, joined: bool) -> int:
    """Who is here, when that is all that was asked: "my partner is asleep, just me" (1), "we
    are two", "yes both, me and my husband", "both of us, she's on the phone", "Ana's on
    speaker tonight" (2); 0 when it is not said."""
    count = read_partners(words, vocab, min_words=2)
    if count == 1 or (count is None and _one_named_here(words)):
        return 1
    if count == 2:
        said_first = vocab.partners[2].starts(_BEFORE_WHO.sub("", core)) is not None
        if joined or said_first:
            return 2
    return 2 if len(core.split()) >= 2 and vocab.partners[2].is_whole(core) else 0


def _score(
    scored: list[tuple[int, int, Request]], phrases: PhraseSet, words: str, order: int, r: Request
) -> None:
    length = phrases.longest(words)
    if length:
        scored.append((length, order, r))


#: Two names said as who is here ("it's Jordan and Lee", "Dana and Marc here").
_TWO_HERE = deferred(
    rf"^(?:{_GREETING} )?(?:(?:it's|its|this is|here's|here is) ([a-z']+) and ([a-z']+)"
    r"|([a-z']+) and ([a-z']+) here)$"
)
#: A name, then a partner named by who they are ("I'm Tom, my wife Ana is in the kitchen").
_NAME_AND_RELATION = deferred(
    r"^(?:i'm|im|i am|my name is|my name's) ([a-z']+)(?: and)? (?:this is |here's |with )?my "
    r"(?:wife|husband|partner|boyfriend|girlfriend|fiance|fiancee|spouse) (?:is )?([a-z']+)\b"
)
#: Where an introduction may begin after other words ("we're both here, I'm Dana and…").
_INTRO_INSIDE = deferred(r"\b(?:i'm|i am|my name is|our names are|we're|we are) ")


#: Two names said first, before a request ("hello, we are Anjali and Rohit, kindly…").
_NAMES_FIRST = deferred(
    rf"^(?:{_GREETING} )?(?:we are|we're|this is|it's|its) ([a-z']+) and "
    r"([a-z']+) (?!here$)\w"
)


def names_said_first(text: str) -> tuple[str, ...]:
    """The two first names a request opens with, if it does (else none)."""
    said = _NAMES_FIRST.match(normalise(text))
    if said is None:
        return ()
    names = [name for word in said.groups() for name in read_names(word)]
    return tuple(names) if len(names) == 2 else ()


#: Two names introduced anywhere in a longer line: "shh. we're Jess and Priya. not the check
#: in…", "yes. oh, and we're June and Harold, by the way", "I want you to call us Maya and Sam".
_TWO_IN_PASSING = deferred(
    r"\b(?:we're|we are|call us|our names are|our names)"
    r" (?!just\b|both\b|here\b|not\b|so\b|too\b)([a-z']+) and ([a-z']+)\b"
)
#: One name introduced between other words: "it's just me again. I'm Robin. he's asleep".
_ONE_IN_PASSING = deferred(
    r"(?:^|\b(?:again|yes|yeah|hi|hello|hey|ok|okay|oh|and|so|well|anyway|alexa|tonight) )"
    r"(?:i'm|i am) ([a-z']+)(?= (?:he's|she's|he|she|my|and|by|from|here|again|tonight|just"
    r"|yeah|yes|ok|okay)\b|$)"
)
#: Asked for last, plainly: "… ok forget the date for a sec. call us Maya and Sam".
_NAMES_ASKED_LAST = deferred(
    r"\bcall (?:us|me) [a-z']+(?: and [a-z']+)?(?: (?:our|my) names?| please| thanks)?$"
    # "Did you get our names? Maya and Sam": asked about, then said.
    r"|\b(?:did|have|do|can) you (?:get|got|have|know|remember|catch|hear|heard)"
    r" (?:our|my) names?(?: right)? [a-z']+(?: and [a-z']+)?$"
)
#: Endings of words that describe a state, not a name ("I'm knackered", "I'm starving").
_A_STATE = deferred(r"(?:ed|ing|ful|less|ous|ish|ive|ly)$")
#: Words said after "I'm" far more often than a name.
_NOT_A_NAME_AFTER_I_AM = frozenset(
    {
        "on", "off", "in", "at", "afraid", "glad", "ready", "scared", "sick", "ill", "awake",
        "sorry", "sure", "cold", "hungry", "starving", "knackered", "shattered", "fine", "good",
        "well", "okay", "alright", "ok", "nineteen", "twenty", "thirty", "forty", "fifty",
        "sixty", "seventy", "eighty", "nervous", "upset", "angry", "cross", "mad", "sad", "free",
        "out", "still", "also", "gonna", "going", "trying", "doing", "feeling", "not",
        "only", "just", "really", "so", "too", "very", "pretty", "quite", "bit", "kinda",
    }
)  # fmt: skip


def names_in_passing(text: str) -> tuple[str, ...]:
    """First names introduced somewhere in a longer line ("bestie we're Zoe and Marcus. and yeah
    fine, check in"; "it's just me again. I'm Robin. he's asleep"): two joined by "and" after
    "we're", "call us" or "our names", or one after "I'm" between other words; none else.
    Never a pronoun or a common word ("I'm knackered", "we're tired and cranky")."""
    words = normalise(text)
    for found in _TWO_IN_PASSING.finditer(words):
        names = [name for word in found.groups() for name in read_names(word, whole=True)]
        if len(names) == 2 and not any(_A_STATE.search(n.lower()) for n in names):
            return tuple(names)
    one = _ONE_IN_PASSING.search(words)
    if (
        one is not None
        and not _A_STATE.search(one.group(1))
        and one.group(1) not in _NOT_A_NAME_AFTER_I_AM
    ):
        named = read_names(one.group(1), whole=True)
        if named:
            return (named[0],)
    return ()


def names_asked_last(text: str) -> bool:
    """Whether ``text`` ends by asking to be called by name ("… call us Maya and Sam", "did you
    get our names? Maya and Sam")."""
    return _NAMES_ASKED_LAST.search(normalise(text)) is not None


#: Said around a name being changed, not part of it ("call me Samuel from now on", "my name is
#: Aleksander, not Olek, please change").
_AROUND_A_CHANGE = deferred(
    r"\b(?:from now on|instead|going forward|please change(?: it)?|change it|not [a-z']+)\b"
)


#: Names asked for plainly, whatever follows them ("can you call us Aoife and Ciaran, not just
#: you two", "set our names to Jess and Kofi please, bass and drums", "I'm Priya and he's Tom,
#: can you remember that"): only the one or two words after the asking are read.
_NAMED_PLAINLY = deferred(
    r"^(?:(?:hi|hello|hey|good evening) )?(?:(?:can|could|would|will) you |please |just |so )*"
    r"(?:call (?:me|us)|(?:set|change|put) (?:our names|my name|the names)(?: on here)? (?:to|as)"
    r"|our names are|my name is|my name's)"
    r" (?!(?:something|anything|else|by|what|whatever|that|it|this|tomorrow|later|back|when|at"
    r"|in|on|the|a|an)\b)([a-z']+)(?: and (?:(?:he|she) is |he's |she's |this is |that's )?"
    r"([a-z']+))?\b"
    r"|^(?:(?:hi|hello|hey) )?(?:i'm|i am) ([a-z']+) and (?:he's|she's|this is|that's) ([a-z']+)\b"
)


#: A name kept wrong, put right: "his name is Tom, not He", "call me Ana, not Anna".
_PUT_RIGHT_NAME = deferred(
    r"\b(?:(?:his|her|my) name(?: is|'s)|(?:he's|she's|he is|she is|i'm|i am) called"
    r"|call (?:him|her|me)) ([a-z']+) not ([a-z']+)\b"
)


def _name_put_right(core: str) -> NamesRequest | None:
    said = _PUT_RIGHT_NAME.search(core)
    if said is None:
        return None
    right = read_names(said.group(1))
    return NamesRequest((right[0],), said.group(2).capitalize()) if right else None


def _names(core: str) -> NamesRequest | SpeakerRequest | None:
    core = " ".join(_AROUND_A_CHANGE.sub(" ", core).split())
    found = _names_from_start(core)
    if found is not None:
        return found
    plainly = _NAMED_PLAINLY.match(core)
    if plainly is not None:
        named = [name for word in plainly.groups() if word for name in read_names(word)]
        if named:
            return NamesRequest(tuple(named[:2]))
    for intro in _INTRO_INSIDE.finditer(core):
        if intro.start() > 0:
            found = _names_from_start(core[intro.start() :])
            if isinstance(found, NamesRequest) and len(found.names) == 2:
                return found  # only both names: "we're tired, I'm off to bed" names nobody
    return None


def _names_from_start(core: str) -> NamesRequest | SpeakerRequest | None:
    speaker = _SPEAKER.match(core)
    if speaker is not None and _SAYS_WHO.search(core) and read_names(speaker.group(1)):
        return SpeakerRequest(read_names(speaker.group(1))[0])
    for pattern in (_TWO_HERE, _NAME_AND_RELATION):
        pair = pattern.match(core)
        if pair is not None:
            names = [name for word in pair.groups() if word for name in read_names(word)]
            if len(names) == 2:
                return NamesRequest(tuple(names))
    intro = _NAMES_INTRO.match(core)
    if intro is None:
        return None
    names = read_names(core, whole=True)
    if intro.group(0).split()[-1] in ("we're", "are") and len(names) < 2:
        return None  # "we're fighting", "we're exhausted": a state, not a name
    if any(is_a_state(name) for name in names):
        return None  # "I'm knackered": how they are, not who
    return NamesRequest(tuple(names)) if names else None


#: Said of practices not yet heard ("one we haven't heard yet"), naming none of them.
_NOT_YET = deferred(
    r"\b(?:we|i|you) (?:haven't|have not|havent|never|didn't|did not)(?: ever)?(?: yet)?"
    r" (?:heard|done|tried|had|did|read)(?: (?:yet|before|already))?\b"
    r"|\b(?:we've|i've|you've) never (?:heard|done|tried|had|read)(?: (?:yet|before))?\b"
)


def _practice_resumed(words: str, vocab: Vocabulary) -> str | None:
    """The practice a wish to finish one names: said with the wish ("the listening one, where we
    left off"), or by a name of two words or more; not a word said after it of something else
    ("can we finish the practice from yesterday, the dog interrupted")."""
    spans = vocab.requests["practice_resume"].spans(words)
    upto = words[: max(end for _, end in spans)] if spans else words
    named = _practice_named(upto, vocab)
    if named is not None:
        return named
    found = _practice(words, vocab)
    if found is not None and found[0] >= 2 and isinstance(found[1], PracticeRequest):
        return found[1].practice
    return None


def _practice_named(words: str, vocab: Vocabulary) -> str | None:
    """The id of the practice ``words`` name, if one (not a pillar) is named."""
    named = _practice(words, vocab)
    request = named[1] if named is not None else None
    return request.practice if isinstance(request, PracticeRequest) else None


def _practice(words: str, vocab: Vocabulary) -> tuple[int, Request] | None:
    """The practice or pillar whose words are the most specific in ``words``, if any."""
    best: tuple[int, Request] | None = None
    for practice_id, phrases in vocab.practices.items():
        length = phrases.longest(words)
        if length and (best is None or length > best[0]):
            best = (length, PracticeRequest(practice=practice_id))
    for pillar_id, phrases in vocab.pillars.items():
        length = phrases.longest(words)
        if length and (best is None or length > best[0]):
            best = (length, PracticeRequest(pillar=pillar_id))
    return best


#: "Not tonight" declines; it does not ask for an idea that fits an evening. "No budget" sets
#: no limit (it is also said by those who have none: no filter either way).
_NOT_A_FILTER = deferred(
    NOT_NOW_WORDS + r"|\b(?:no|any) budget\b|\bbudget doesn't matter\b"
    r"|\b(?:doesn't|does not|don't|do not|needn't|need not) (?:have to |need to )?be "
    r"(?:free|cheap|expensive|fancy|at home|out)\b"
)


def read_date_aversion(words: str, vocab: Vocabulary) -> dict[str, str]:
    """The date filters a kind of evening turned down steers toward: "we're not outdoorsy",
    "we don't do loud restaurants", "no way, it's freezing out" (ideas at home); empty when
    none is turned down."""
    return {
        dimension: value
        for steers in (vocab.date_aversions, vocab.date_weather)
        for dimension, values in steers.items()
        for value, phrases in values.items()
        if phrases.found(words)
    }


def blames_the_weather(words: str, vocab: Vocabulary) -> bool:
    """Whether ``words`` (normalised) give the weather as the reason for another kind of
    evening ("no way it's freezing out"): a no to going out in it, not to the idea."""
    weather = vocab.date_weather
    return any(phrases.found(words) for values in weather.values() for phrases in values.values())


def without_aversions(words: str, vocab: Vocabulary) -> str:
    """``words`` with every kind of evening turned down, and the weather that turned it down,
    taken out ("not into bars" is no bar, "freezing out" no wish to go out)."""
    for steers in (vocab.date_aversions, vocab.date_weather):
        for values in steers.values():
            for phrases in values.values():
                for start, end in reversed(phrases.spans(words)):
                    words = f"{words[:start]} {words[end:]}"
    return " ".join(words.split())


def read_date_filters(words: str, vocab: Vocabulary) -> dict[str, str]:
    """The date filters ``words`` name: for each, the value whose words are the longest found
    ("not expensive" is a low budget, though it holds "expensive"); a kind of evening turned
    down sets the filter it steers toward ("we're not outdoorsy": at home)."""
    steered = read_date_aversion(words, vocab)
    if steered:
        words = without_aversions(words, vocab)
    words = _NOT_A_FILTER.sub(" ", words)
    filters: dict[str, str] = {}
    for dimension, values in vocab.date_filters.items():
        best: tuple[int, str] | None = None
        for value, phrases in values.items():
            length = phrases.longest(words)
            if length and (best is None or length > best[0]):
                best = (length, value)
        if best is not None:
            filters[dimension] = best[1]
    return filters | steered


#: The most words a date request made only of filters has ("something cheap at home tonight").
_FILTERS_ALONE_AT_MOST = 7


#: "Anything quick and cosy", "something to get us moving": what follows asks for an idea,
#: however much was said around it.
_ANYTHING = deferred(r"\b(?:anything|something|somethin) ((?:\w+ ?){1,4})")


def _asks_for_a_kind(words: str, vocab: Vocabulary) -> bool:
    """Whether ``words`` ask for "anything" or "something" of a kind a date filter names."""
    return any(read_date_filters(said.group(1), vocab) for said in _ANYTHING.finditer(words))


#: "What can we do about that?": help with a trouble, not something to do on a date.
_ABOUT_A_TROUBLE = deferred(r"\bwhat (?:can|could|should|do) (?:we|i) do about\b")


def _date(words: str, vocab: Vocabulary) -> tuple[int, DateRequest] | None:
    """A date request: date words, or filters named on their own ("something adventurous")."""
    if _ABOUT_A_TROUBLE.search(words):
        return None
    asked = vocab.requests["date"].longest(words)
    filters = read_date_filters(words, vocab)
    of_a_kind = _asks_for_a_kind(words, vocab)
    alone = len(words.split()) <= _FILTERS_ALONE_AT_MOST or of_a_kind
    if not asked and (not filters or not alone):
        # "she says I tune her out" names no date: filter words ask for one only when
        # they are most of what was said, or are what "anything" or "something" is to be.
        return None
    # "We stay home, what is something cosy to do together": something of a kind, with more
    # said of it, asks for an idea more than its words ("do together") name a practice.
    return max(asked, 1, len(filters) + 1 if of_a_kind else 0), DateRequest(filters)


#: "I just wanted to say I love this thing": what is said next is the warm word.
_WANTED_TO_SAY = deferred(r"^(?:i |we )?(?:just )?(?:wanted|want|wanna) (?:to )?say ")


def _small_talk(words: str, vocab: Vocabulary) -> Request | None:
    """Hello, thanks or "I love you", said at the start."""
    words = _WANTED_TO_SAY.sub("", words)
    core = trim_fillers(words, vocab)
    for kind in (SmallTalk.LOVE, SmallTalk.THANKS, SmallTalk.HELLO):
        phrases = vocab.requests[kind.value]
        if phrases.starts(words) is not None or (core and phrases.starts(core) is not None):
            news = _news(words, vocab) if kind is SmallTalk.HELLO else None
            return SmallTalkRequest(kind, news)
    return None


def _news(words: str, vocab: Vocabulary) -> str | None:
    """The news told with a hello ("oh hi, we just got married last weekend"), if any."""
    return next((name for name, phrases in vocab.news.items() if phrases.found(words)), None)


# --- after a date idea was pitched ----------------------------------------------------------


#: "What did we just save? what was it called?": the name of the idea just kept.
_WHAT_WAS_SAVED = deferred(
    r"\bwhat (?:did|have) (?:we|you|i) (?:just )?(?:save|saved|keep|kept)\b"
    r"|\bwhat (?:was|is|was that|is that) (?:it|that|that one|the one we saved) called\b"
    r"|\bwhat's (?:it|that|that one) called\b"
    r"|\bwhat was (?:the name of )?(?:it|that|that one) again\b"
)


def asks_what_was_saved(text: str) -> bool:
    """Whether ``text`` asks the name of the idea just saved ("what did we just save?")."""
    return _WHAT_WAS_SAVED.search(normalise(text)) is not None


class DateFollowUp(Enum):
    """What a couple says about the idea on the table."""

    ANOTHER = "another"
    DETAILS = "details"
    #: "How much does that cost?", "is it expensive?": its cost band, not the steps.
    COST = "cost"
    LOVE = "love"
    SAVE = "save"
    DISLIKE = "dislike"


#: Tried in this order: an explicit save or dislike first, since "no thanks" and "we love it"
#: hold words the others share.
_FOLLOW_UP_ORDER = (
    DateFollowUp.SAVE,
    DateFollowUp.DISLIKE,
    DateFollowUp.LOVE,
    DateFollowUp.COST,
    DateFollowUp.DETAILS,
    DateFollowUp.ANOTHER,
)


#: A plain no at the start of what is said about an idea ("nah, something cosier").
_A_BARE_NO = deferred(r"^(?:\w+ )?(?:no|nah|nope|naw)\b")


def says_a_bare_no(words: str) -> bool:
    """Whether ``words`` (normalised) open with a plain no ("ew no, he hates crowds")."""
    return _A_BARE_NO.match(words) is not None


#: A practice asked for by name or kind, when a date idea is on the table.
_A_PRACTICE = deferred(
    r"\b(?:practices?|exercises?|the one (?:about|on|where|for)|something on|work on)\b"
)


def _longest_filter_words(words: str, vocab: Vocabulary) -> int:
    """Words in the longest date filter phrase found in ``words`` (0: none)."""
    return max(
        (
            phrases.longest(words)
            for values in vocab.date_filters.values()
            for phrases in values.values()
        ),
        default=0,
    )


#: How much "what is fondue?" weighs against the other follow-ups: as a phrase of two words.
_A_QUESTION_OF_ITS_OWN = 2


#: Said after "but", these take back a liking said before it.
_INSTEAD_OF_A_LIKING = (DateFollowUp.DISLIKE, DateFollowUp.ANOTHER)


def _but_then(words: str, vocab: Vocabulary, lengths: dict[DateFollowUp, int]) -> None:
    """ "Ooh that sounds fun but sam hates that kind of thing, another one": a liking said
    before "but" gives way to a no or another asked for after it (``lengths`` changed)."""
    _, but, after = words.rpartition(" but ")
    follow_ups = vocab.date_follow_ups
    if (
        but
        and lengths[DateFollowUp.LOVE]
        and not follow_ups[DateFollowUp.LOVE.value].found(after)
        and any(follow_ups[f.value].found(after) for f in _INSTEAD_OF_A_LIKING)
    ):
        lengths[DateFollowUp.LOVE] = 0


#: Said of the time or money there is ("we've only got an hour", "that's too long").
_WHAT_THERE_IS = deferred(r"\b(?:only (?:got|have)|too (?:long|far|dear|expensive|pricey))\b")
#: Filter words this near the start lead what is said ("a fancy one, it's our anniversary").
_LEADING_WORDS = 3


def _asks_for_filters(words: str, vocab: Vocabulary, filters: Mapping[str, str]) -> bool:
    """Whether the ``filters`` named in ``words``, said about an idea on the table, ask for an
    idea of that kind: said in a few words ("something cheaper"), or first ("shorter, himself
    is up at five"), or two of them ("anythin for the hoose, free, it's chuckin it doon"), or
    with words that ask ("another one, but at home", "we've only got an hour"), or a kind of
    evening turned down ("we're not really outdoorsy people, to be honest"). One filter word
    deep in a long thought ("…when she needs a break instead of just getting quiet") is not."""
    leading = " ".join(words.split()[:_LEADING_WORDS])
    return (
        len(words.split()) <= _FILTERS_ALONE_AT_MOST
        or len(filters) >= 2
        or bool(read_date_filters(leading, vocab))
        or vocab.date_follow_ups["another"].found(words)
        or _asks_for_a_kind(words, vocab)
        or vocab.requests["date"].found(words)
        or _ASKING.search(words) is not None
        or _WHAT_THERE_IS.search(words) is not None
        or bool(read_date_aversion(words, vocab))
    )


#: "What is fondue? I not know", "what's a tapas": what a thing named in the idea is, asked on
#: its own or with not knowing it (not "what are you?", "what's next?", "what's wrong?").
_WHAT_IS_A_THING = deferred(
    r"^(?:so |and |um |sorry )?what(?: is|'s| are) (?:a |an |the )?"
    r"(?!(?:you|we|they|it|this|that|our|my|your|next|else|up|wrong|new|happening|going)\b)"
    r"\w+(?: \w+)?"
    r"(?: (?:i|we) (?:don't|do not|not|never) (?:know|knew|heard of)(?: (?:it|that|this|one))?"
    r"| never heard of (?:it|that|one))?$"
)


def _asks_what_a_thing_is(words: str) -> bool:
    """Whether ``words`` (normalised) ask only what a thing is ("what is fondue i not know")."""
    return _WHAT_IS_A_THING.match(words) is not None


@lru_cache(maxsize=REMEMBERED_LINES)
def read_date_follow_up(text: str, vocab: Vocabulary) -> DateFollowUp | Request | None:
    """What ``text`` says about the pitched idea: a follow-up, a new request (new filters,
    the favourites), or None."""
    words = normalise(text)
    if len(words.split()) <= 3:
        small_talk = _small_talk(words, vocab)
        if small_talk is not None:
            return small_talk  # "love you", "thanks": a warm word, not a romantic wish
    asked = read_request(text, vocab)
    if isinstance(asked, ProgressRequest):
        # "How are we doing overall": how they are doing, not how the idea goes.
        return asked
    if isinstance(asked, PracticeRequest | PracticeMenuRequest) and _A_PRACTICE.search(words):
        # "Skip the date, we need something on saying how we feel": a practice instead.
        return asked
    lengths = {f: vocab.date_follow_ups[f.value].longest(words) for f in _FOLLOW_UP_ORDER}
    if not lengths[DateFollowUp.DETAILS] and _asks_what_a_thing_is(words):
        lengths[DateFollowUp.DETAILS] = _A_QUESTION_OF_ITS_OWN
    _but_then(words, vocab, lengths)
    best = max(lengths.values())
    if vocab.requests["date_favourites"].longest(words) > lengths[DateFollowUp.SAVE]:
        return DateFavouritesRequest()  # "what's on our list" asks; "stick it on our list" saves
    if isinstance(asked, CheckInRequest) and vocab.requests["checkin"].longest(words) > best:
        # "Ok and can we do a quick check in too": the check-in, not a quick idea.
        return asked
    filters = read_date_filters(words, vocab)
    if filters and not _asks_for_filters(words, vocab, filters):
        # "Maybe if she told me when she needs a break instead of just getting quiet",
        # "honestly a four, this week killed me but tonight's nice": a thought said in passing,
        # whose words happen to name a mood or a time, is no new wish for an idea.
        filters = {}
    if lengths[DateFollowUp.COST] > _longest_filter_words(words, vocab):
        # "Is it expensive?" asks about this one; "something not too expensive" asks for another.
        filters = {}
    if filters and lengths[DateFollowUp.DISLIKE] <= 1 and _A_BARE_NO.match(words):
        # "Nah, something we can do at home": a no to this one that asks for another kind.
        lengths[DateFollowUp.DISLIKE] = 0
    verdict = max(lengths[f] for f in (DateFollowUp.SAVE, DateFollowUp.LOVE, DateFollowUp.DISLIKE))
    if filters and not verdict and (best < 2 or lengths[DateFollowUp.ANOTHER] == best):
        # "Something cheaper", "something else, quick and romantic": a new idea with those
        # filters. A save or a verdict said with a filter word ("bookmark that for when he's
        # home") is about the idea on the table.
        return DateRequest(filters)
    if best:
        return next(f for f in _FOLLOW_UP_ORDER if lengths[f] == best)
    return read_request(text, vocab)
