"""Noticing when someone speaks of crisis, so the skill stops and points to real help.

A check-in invites people to say what is on their mind, and sometimes that is
far more than a practice can hold. When words speak of self-harm, or of
violence, fear or control at home, whatever was going on stops and the
person hears a short, caring answer that names professional help for where
they live (:mod:`skill.content.care`). The handlers run this on every piece of
text a request carries, in any slot of any intent, before anything else.

People rarely say it outright. So besides the plain words ("I want to kill
myself", "he hits me") the patterns listen for the indirect ones: not wanting
to be here, everyone being better off, not being around much longer; being
scared of a partner or to go home, a partner who pushes, grabs, threatens,
takes the phone or the passport, decides who one may see. They lean toward
care: a false alarm costs a gentle interruption, a missed one costs far more.
Everyday exaggerations ("this traffic is killing me", "I could murder a
pizza", "I'm dying to see him") do not match, because the patterns need a
person as the one harmed, or a wish not to live.
"""

from __future__ import annotations

import re
from enum import Enum


class Crisis(Enum):
    """The kinds of crisis the skill answers differently."""

    SELF_HARM = "self_harm"
    VIOLENCE = "violence"
    ABUSE = "abuse"


#: Someone who may be the one doing harm at home.
_PARTNER = (
    r"(?:he|she|they|him|her|them|he's|she's|they're|he'll|she'll|he'd|she'd"
    r"|my (?:husband|wife|partner|boyfriend|girlfriend|spouse|ex|fiance|fiancee|man|missus)"
    r"|husband|wife|partner)"
)
#: Being alive, here, around (what someone says they no longer want).
_ALIVE = (
    r"(?:be here|be alive|live|living|exist|wake up|keep going|go on|carry on|be around|be in this"
    r" world|be on this earth|do this anymore|do any of this|feel anything)"
)
#: What a partner does that harms (hits, pushes, grabs, throws, threatens…).
_HARMS = (
    r"(?:hit|hits|hitting|beat|beats|beating|punch\w*|slap\w*|kick\w*|chok\w*|strangl\w*"
    r"|push\w*|shov\w*|grab\w*|threw|throws|throw\w*|hurt|hurts|hurting|bit|bites"
    r"|threaten\w*|attack\w*|strikes|struck|smack\w*|burn\w*|broke my)"
)
#: Who or what is harmed.
_HARMED = r"(?:me|us|stuff at me|things at me|my|the kids|the children|her|him|down|into)"
#: A partner's threat: what they will do, or said they would.
_WILL = (
    r"(?:will|would|'ll|'d|is going to|is gonna|said he'd|said she'd|says he'll|says she'll"
    r"|said he will|said she will|say he will|say she will|threatens to|threatened to)"
)
#: Control: taking or watching what is one's own.
_TAKES = (
    r"(?:takes?|took|keeps?|kept|hides?|hid|checks?|reads?|tracks?|monitors?|controls?|watches)"
)
_MINE = (
    r"(?:phone|passport|keys|car keys|money|cards|bank|location|messages|texts|email|documents"
    r"|papers|wallet)"
)
#: Words of self-harm: said outright, or as not wanting to be here any more.
_SELF_HARM_PHRASES = (
    r"suicid\w*",
    r"kill(?:ing)? my ?self",
    r"hurt(?:ing)? my ?self",
    r"harm(?:ing)? my ?self",
    r"cut(?:ting)? my ?self",
    r"self harm\w*",
    r"end(?:ing)? (?:my (?:own )?life|it all|things|everything|it)\b",
    r"take (?:my (?:own )?life|all (?:my|the) (?:pills|tablets))",
    r"overdos\w*",
    r"(?:all|whole bottle of|a bottle of) (?:my |the |of my )?(?:\w+ )?(?:pills|tablets)",
    r"(?:pills|tablets) (?:all )?at once",
    r"(?:the |my )?(?:pills|tablets|rope|gun) (?:in front of me|ready|saved up)",
    r"(?:want|wanted|wanna|going|gonna|plan|planning) to die",
    r"wish i (?:was|were|could be) dead",
    r"wish i (?:wasn't|weren't|was not|were not) (?:here|alive|born|around)",
    rf"(?:don't|do not|dont|didn't|no longer|never) (?:really )?(?:want|wish|wanna) to {_ALIVE}",
    rf"not sure i (?:really )?(?:want|wish|wanna) to {_ALIVE}",
    rf"(?:don't|do not|dont) (?:want|wish) to {_ALIVE}",
    rf"(?:don't think|not sure|do not think) i (?:want|wanna|wish) to {_ALIVE}",
    r"(?:not sure|don't know if|doubt) i'll (?:still )?be (?:around|here)",
    r"(?:can't|cannot|can not) (?:go on|keep going|carry on|do this anymore)",
    r"(?:can't|cannot|can not) take (?:it|this) anymore",
    r"better off (?:without me|with me gone|dead)",
    r"better off if i (?:was|were|wasn't|weren't|just wasn't|was gone|were gone|died|disappeared)",
    r"(?:everyone|everybody|they|he|she|the kids|my family)(?:'d| would)? (?:be )?better"
    r" (?:off )?(?:if i|without me)",
    r"(?:not|won't|will not|wont|never) (?:going to |gonna )?be (?:around|here)"
    r" (?:much )?(?:longer|anymore|for it|to)",
    r"won't be (?:around|here)",
    r"don't plan on being (?:here|around)",
    r"i'll be gone",
    r"(?:no|any|what's the|what is the) (?:point|reason) (?:in |of )?"
    r"(?:living|going on|carrying on|being alive|being here|anymore)",
    r"don't see (?:much |any |the )?point (?:in )?(?:carrying on|going on|living|anymore)",
    r"no future for me",
    r"nothing to live for",
    r"sleep and (?:not|never) wake up",
    r"not waking up",
    r"go to sleep forever",
    r"go away forever",
    r"disappear forever",
    r"driv\w* (?:off|into) (?:the road|a tree|a wall|the river|traffic)",
    r"jump(?:ing)? (?:off|in front of)",
    r"step in front of",
    r"hang(?:ing)? my ?self",
    r"how many more nights there'll be",
    r"looking up ways to",
)
#: Words of violence or fear at home: a partner who hurts, threatens or frightens.
_VIOLENCE_PHRASES = (
    rf"{_PARTNER} (?:\w+ )?{_HARMS} (?:\w+ )?{_HARMED}",
    rf"{_PARTNER} {_WILL} (?:really )?(?:kill|hurt|hit|take the kids|take my|send me back|lose it)",
    r"(?:kill|hurt|hit) me (?:if|when|next time|after)",
    r"really hurt me",
    r"next time he'll",
    r"next time she'll",
    r"(?:hit|hits|hitting|punch\w*|slap\w*|kick\w*|chok\w*|strangl\w*|beat|beats|beating)"
    r" (?:me|us)\b",
    r"threaten\w* (?:me|us|to)\b",
    rf"(?:afraid|scared|frightened|terrified) (?:of|from) {_PARTNER}",
    r"(?:afraid|scared|frightened|terrified) (?:to|of) (?:go|going|be|being) (?:home|here|back)",
    r"(?:afraid|scared|frightened|terrified) (?:when|for when|of what happens when)"
    r" (?:he|she|they) (?:come|comes|get|gets|is|are)",
    r"(?:he|she) scares me",
    r"(?:he|she) frightens me",
    r"scared of him",
    r"scared of her",
    r"i'm scared\b.{0,30}\b(?:him|her|he|she)\b",
    r"i am scared",
    r"(?:don't|do not|never) feel safe",
    r"not safe (?:at home|with|here)",
    r"fear for my (?:life|safety)",
    r"domestic (?:violence|abuse)",
    r"(?:he|she) (?:is|gets|got|becomes|became|can be) (?:really )?violent",
)
#: Words of abuse and control: forced, kept from friends, money, phone or papers.
_ABUSE_PHRASES = (
    r"abus\w*",
    r"rap(?:e|ed|es|ing)",
    r"sexual(?:ly)? assault\w*",
    r"assaulted",
    r"molest\w*",
    r"(?:forces|forced|makes|made) me (?:to )?(?:do|have) (?:things|sex|stuff)",
    r"makes me do things",
    rf"{_PARTNER} (?:won't|wont|doesn't|does not|don't|never|not|will not) (?:let|allow) me",
    r"(?:not|never) allowed to (?:see|go|leave|talk|speak|have|use|call)",
    r"(?:won't|doesn't) let me (?:leave|see|go|out|talk|speak|have|use|call)",
    rf"{_PARTNER} {_TAKES} (?:my |all my )?{_MINE}",
    r"tracks my location",
    r"(?:decides|controls) (?:everything|where i go|who i see|who i talk to|what i)",
    r"ask (?:him|her) for every penny",
    r"have to ask for (?:every|any) (?:penny|money)",
    rf"{_PARTNER} keeps the money",
    r"send me back to my country",
    r"take the kids (?:and|so) i'd never",
    r"never see (?:them|the kids|my kids) again",
    r"if i (?:leave|told anyone|tell anyone|speak to (?:the )?police)",
    r"(?:if|when) (?:he|she) finds out",
    r"(?:don't|do not|please don't) tell (?:him|her)",
    r"(?:he|she) mustn't know",
    r"(?:he|she) doesn't know i'm",
    r"gets angry when i talk to",
    r"told the doctor i fell",
    r"number (?:you|to) call if your (?:husband|wife|partner)",
    r"only (?:reason i can|do this when (?:he|she)'s out)",
)


def _any_of(phrases: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(phrases) + ")")


_SELF_HARM = _any_of(_SELF_HARM_PHRASES)
_VIOLENCE = _any_of(_VIOLENCE_PHRASES)
_ABUSE = _any_of(_ABUSE_PHRASES)
_PATTERNS: tuple[tuple[Crisis, re.Pattern[str]], ...] = (
    (Crisis.SELF_HARM, _SELF_HARM),
    (Crisis.VIOLENCE, _VIOLENCE),
    (Crisis.ABUSE, _ABUSE),
)
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'"})
_NOT_WORDS = re.compile(r"[^a-z' ]+")


def detect_crisis(text: str | None) -> Crisis | None:
    """The kind of crisis ``text`` speaks of, or None; self-harm is checked first."""
    if not text:
        return None
    words = " ".join(_NOT_WORDS.sub(" ", text.lower().translate(_APOSTROPHES)).split())
    for crisis, pattern in _PATTERNS:
        if pattern.search(words):
            return crisis
    return None
