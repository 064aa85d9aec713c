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

The phrasings below are the first ones heard; the wider families (a burden to
everyone, pills saved up, a gun cleaned every night, locked in, keys hidden, a
door hammered on) are content, in ``crisis_words.json``
(:func:`skill.content.care.crisis_words`), checked on load against the sentences
each must hear and the exaggerations none may.
"""

from __future__ import annotations

import re
from enum import Enum
from functools import cache, lru_cache

from skill.alternation import any_of
from skill.content.care import crisis_text, crisis_words
from skill.content.concern import Reading, concern_model
from skill.conversation.understanding import REMEMBERED_LINES
from skill.patterns import deferred


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
#: Not wanting to wake up for an early shift or flight ("it's the roster change, four am").
_EARLY = r"(?!.{0,40}\b(?:roster|shift|alarm|flight|o'clock|early start|\w+ am)\b)"
#: Being alive, here, around (what someone says they no longer want).
_ALIVE = (
    rf"(?:be here|be alive|live|living|exist|wake up{_EARLY}|keep going|go on|carry on|be around"
    r"|be in this world|be on this earth|do this anymore|do any of this|feel anything)"
)
#: What a partner does that harms (hits, pushes, grabs, throws, threatens…). Not "burned me",
#: which is mostly said of a betrayal: burning is heard with what burned (crisis_words.json).
_HARMS = (
    r"(?:hit|hits|hitting|beat|beats|beating|punch\w*|slap\w*|kick\w*|chok\w*|strangl\w*"
    r"|push\w*|shov\w*|grab\w*|threw|throws|throw\w*|hurt|hurts|hurting|bit|bites"
    r"|threaten\w*|attack\w*|strikes|struck|smack\w*|broke my)"
)
#: What earns a joking threat: a choice or a small mishap ("if i pick another bowls night",
#: "when i told her i'd dented the ute").
_MISHAP = (
    r"(?:if|when) i (?:[\w']+ ){0,3}(?:forget|forgot|miss|missed|lose|lost|spend|spent|break|broke"
    r"|eat|ate|dent|dented|scratch|scratched|burn|burnt|burned|pick|picked|choose|chose|book"
    r"|booked|suggest|suggested|order|ordered|play|played|put on|sing|sang)\b"
)
#: A grab that saved someone ("grabbed me by the arm to stop me stepping in front of a bike").
_RESCUE = (
    r"(?:by the \w+ )?(?:to (?:stop|save|catch|steady) me|before i (?:fell|fall|slipped|tripped"
    r"|stepped|went)|so i (?:didn't|wouldn't) (?:fall|slip|trip|step))\b"
)
#: Who or what is harmed; "beat me at cards", "hit us with it" are games and idioms, and "she'll
#: hit me for that" ends a joke.
_HARMED = (
    r"(?:me|us|stuff at me|things at me|my|the kids|the children|her|him|down|into)"
    r"(?! at\b| to it| with (?:it|that|one|another|a|an|your|some)\b| up\b| back\b"
    rf"| {_MISHAP}| {_RESCUE}| for (?:that|saying (?:that|so))$)"
)
#: A grab in fondness or to pull someone back ("grabbed me round the waist and danced me round
#: the kitchen", "grabbed my arm and yanked me back when i nearly stepped out"), unless it is
#: by the throat, the neck or the hair.
_FOND_GRAB = (
    rf"{_PARTNER} (?:\w+ )?grab\w* (?:me|my|us)\b(?!(?: \w+){{0,4}} (?:throat|neck|hair|wrists?"
    r"|face)\b)(?: [\w']+){0,8} (?:danc\w*|kiss\w*|cuddl\w*|hug\w*|(?:yanked|pulled) me back"
    r"|out of the way|(?:when|as) i (?:nearly|almost)|soppy)\b"
)
#: A woman partner as the one who acts ("she", "my wife"): the "her" that follows her is
#: mostly her own ("she's just grabbing her tea"), not someone harmed.
_SHE = r"(?:she|she's|she'll|she'd|my (?:wife|girlfriend|missus|fiancee)|wife)"
#: What follows "her" after her when it is someone held or hurt: by the arm, her neck.
_HER_HARMED = (
    r"(?: by| against| down| into|$| (?:arm|arms|wrist|wrists|hair|neck|throat|face"
    r"|shoulder|shoulders|hand|hands|head)\b)"
)
#: "Kill", but not as a wish ("would kill for a picnic", in Patois "kill fi") nor as the
#: telling-off a forgotten anniversary or a dented car earns ("would kill me if I forgot").
_KILL = (
    r"kill(?! (?:for|fi)\b)(?! (?:me|us) (?:if|when) (?:i|we) (?:forget|forgot|miss|missed|lose"
    r"|lost|spend|spent|break|broke|eat|ate|dent|dented|scratch|scratched|burn|burnt|burned"
    r"|don't|didn't)\b)"
)
#: A partner's threat: what they will do, or said they would.
_WILL = (
    r"(?:will|would|'ll|'d|is going to|is gonna|said he'd|said she'd|says he'll|says she'll"
    r"|said he will|said she will|say he will|say she will|threatens to|threatened to)"
)
#: Control: taking or watching what is one's own.
_TAKES = (
    r"(?:takes?|took|taking|keeps?|kept|keeping|hides?|hid|hiding|checks?|checking|checked"
    r"|reads?|reading|tracks?|tracking|monitors?|monitoring|controls?|controlling|watches"
    r"|watching|goes through|going through|went through|smash\w*|broke|breaks|break|destroy\w*)"
)
_MINE = (
    r"(?:all |the whole )?(?:my |ma |the |of my )?(?:whole )?(?:phone|cellphone|passport|keys"
    r"|car keys|money|cards|bank|location|messages|texts|email|documents|papers|wallet|salary|wages"
    r"|pay|pension|receipts|finances|accounts)"
)
#: What one jumps off for fun or in a hurry ("she made me jump off the sofa and dance").
_FURNITURE = (
    r"(?:sofa|couch|settee|bed|chair|table|stool|trampoline|diving board|swing|slide|bus|stage"
    r"|step|steps|ladder|boat|bike|horse|bandwagon|deep end|phone|call)\b"
)
#: What a phone is borrowed for ("took my phone to order pizza").
_ERRAND = (
    r"(?:to|so (?:he|she) could) (?:order|ring|call|google|look up|play"
    r"|take (?:a )?(?:photo|picture|selfie|video)|find|pay|book"
    r"|check the (?:time|weather|score|map))\b"
)
#: A phone taken for an evening without phones ("took my phone off me at teatime, phone free
#: tea"): a shared rule, not control.
_PHONE_FREE = (
    r"(?:off me |away )?(?:at|for|during|over|before) (?:tea|teatime|tea time|dinner|supper|meals?"
    r"|mealtimes?|bedtime|date night)\b|(?:off me |away )?(?:for |at )?(?:a )?phone free\b"
)
#: Keys kept from someone who has been drinking: care, not control.
_DRINKING = (
    r"(?:when|after|if|because|cos|since) i(?:'ve| have|'d| had)? (?:had )?"
    r"(?:a few|a drink|a couple|been drinking|a skinful)\b"
    r"|so i (?:don't|can't|won't|wouldn't) drive\b"
)
#: Things held by arrangement, not control: keys kept by the one who doesn't lose them, a
#: card held at one's own asking in gambling recovery, a phone tracked by both for safe drives,
#: mileage checked for the business ("she keeps the car keys because i lose them").
_AGREED = (
    r"(?!.{0,60}\b(?:(?:because|cause|cos|since|as) (?:i|i'm|we|we're) (?:\w+ ){0,2}(?:lose|loses"
    r"|lost|losing|asked|hopeless|useless|claim|agreed|forget)|(?:only|just) (?:cos|cause|because)"
    r" i|i asked (?:him|her|them) to|we (?:both )?(?:agreed|switched|set|turned|share)"
    r"|(?:my|our|his|her) recovery|recovery plan|through the business"
    r"|so i (?:don't|can't|won't|wouldn't) drive)\b)"
)
#: What a partner kindly won't let one do: pay, help, do a chore or do it alone.
_KIND_REFUSAL = (
    r"(?:pay|help|lift a finger|carry|cook|clean|tidy|wash up|do (?:the )?(?:dishes|washing up"
    r"|washing|cooking|cleaning|hoovering|ironing)|do (?:it|this|that|them) (?:alone|by myself"
    r"|on my own)|go (?:halves|dutch)|split the (?:bill|check))\b"
)
#: "End it all" taken back as something else ("the streaming subscriptions i mean"), but not "i
#: mean it".
_NOT_LIFE = r"(?!.{0,60}\b(?:i mean(?! it\b)|subscriptions?|memberships?|contracts?|the lease)\b)"
#: Words of self-harm: said outright, or as not wanting to be here any more.
_SELF_HARM_PHRASES = (
    r"suicid\w*",
    r"kill(?:ing)? my ?self",
    r"hurt(?:ing)? my ?self",
    r"harm(?:ing)? my ?self",
    r"cut(?:ting)? my ?self",
    r"self harm\w*",
    r"end(?:ing)? (?:my (?:own )?life|it all|everything)\b" + _NOT_LIFE,
    # "end it" alone is also how people close the skill; it needs a wish or plan before it.
    r"(?:want|wanna|going|gonna|plan\w*|thoughts? (?:about|of)|think\w* (?:about|of)|decided)"
    r" (?:to )?end(?:ing)? (?:it|things)\b(?! here| there| now| for| tonight)" + _NOT_LIFE,
    r"take (?:my (?:own )?life|all (?:my|the) (?:pills|tablets))",
    # Not a partner's threat to take one if I leave: that is coercion (heard as violence).
    r"(?<!he'll take an )(?<!he'd take an )(?<!he will take an )overdos\w*",
    r"(?:all|whole bottle of|a bottle of) (?:my |the |of my )?(?:\w+ )?(?:pills|tablets)",
    r"(?:pills|tablets) (?:all )?at once",
    r"(?:the |my )?(?:pills|tablets|rope|gun) (?:in front of me|ready|saved up)",
    # Not "I wanted to die of embarrassment", "dying to try it".
    # Nor "after that spin class i wanted to die": worn out by a workout.
    r"(?<!class i )(?<!workout i )(?<!session i )(?<!gym i )(?<!run i )(?<!hike i )"
    r"(?:want|wanted|wanna|going|gonna|plan|planning) to die\b(?! (?:of|from|laughing)\b)",
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
    # "they'd all be better off if i'd gone": "all" and a past wish, written "id" by a recogniser.
    r"(?:everyone|everybody|they|he|she|the kids|my family)(?:'d| would)? (?:all )?(?:be )?better"
    r" (?:off )?(?:if i|if id|without me)",
    r"(?:not|won't|will not|never) (?:going to |gonna )?be (?:around|here)"
    r" (?:much )?(?:longer|anymore|for it|to)",
    r"(?:won't|will not) be (?:around|here)",
    r"don't plan on being (?:here|around)",
    r"i'll be gone",
    r"(?:no|any|what's the|what is the) (?:point|reason) (?:in |of )?"
    r"(?:living|going on|carrying on|being alive|being here|anymore)",
    r"don't see (?:much |any |the )?point (?:in )?(?:carrying on|going on|living|anymore)",
    r"no future for me",
    r"nothing to live for",
    # "no wake up" is Nigerian Pidgin for "not wake up".
    r"sleep and (?:not|never|no) wake up",
    r"not waking up",
    r"go to sleep forever",
    r"go away forever",
    r"disappear forever",
    r"driv\w* (?:off|into) (?:the road|a tree|a wall|the river|traffic)",
    rf"jump(?:ing)? (?:off|in front of)\b(?! (?:the |my |our |a )?{_FURNITURE})",
    r"step in front of",
    r"hang(?:ing)? my ?self",
    r"how many more nights there'll be",
    r"looking up ways to",
    r"un ?aliv\w*",
    # Wanting it all to stop, to be over, to not exist.
    r"(?:want|wish|need) (?:it all|everything|all of it|the pain|my life) (?:to )?(?:just )?"
    r"(?:end|stop|be over)",
    r"(?:disappear|go to sleep|go away) (?:for good|for ever)",
    r"(?:not|stop|stopped) exist\w*(?: anymore| any more)?\b",
    r"tired of (?:bein[g']? (?:alive|here|around)|living|life|existing)",
    r"(?:wish|hope) i (?:just )?(?:wouldn't|won't|would not|don't|didn't|never) wake up",
    r"(?:don't|do not) care if i (?:wake up|live|die|make it)",
    r"(?:freer|happier|easier|better) (?:off )?if i (?:was|were) (?:dead|gone)",
    r"if i (?:was|were) dead",
    # Feeling a burden.
    # Not a burden on the staff for a week with a bad back.
    r"(?:i'm|i am|i feel|feel like|i've become|i've been) (?:\w+ ){0,3}(?:a )?burden\b"
    r"(?! (?:on|to) (?:the )?(?:staff|team|crew|colleagues|workmates|shop|budget|finances)\b)",
    # Hopelessness about tomorrow.
    r"(?:point|reason) (?:of|in|to) (?:tomorrow|anything|it all|any of it|life|waking up"
    r"|getting up)",
    r"(?:can't|cannot|don't|do not) see (?:a|any) way out",
    r"(?:everything|life|it all)(?: feels| is|'s| seems) (?:so |just )?(?:pointless|hopeless)",
    # Not being here for long: for Christmas, by then, soon.
    # A recogniser writes "i'll" as "ill"; "think ill still be" has no other reading.
    r"(?:don't|dinnae|do not) think (?:i'll|ah'll|ill) (?:still )?be (?:here|around)"
    r" (?:for|by|at|next|much|long|to see)",
    r"if i'm (?:still )?(?:around|here|alive) (?:by then|then|that long)",
    r"(?:not|don't|do not) (?:planning|plan) on being (?:here|around|alive)",
    r"(?:not|won't|will not) (?:going to |gonna )?be (?:around|here) soon",
    # Goodbyes, letters for after, things given away, affairs put in order.
    r"said my goodbyes",
    r"know it was (?:a )?goodbye",
    r"(?:said|saying) goodbye to (?:everyone|everybody|the kids|my (?:kids|children|family))",
    r"letters?\b.{0,40}\b(?:in case something happens to me|for after|when i'm gone)",
    r"(?:giving|given|gave|give) (?:away )?(?:all )?my (?:\w+ ){0,2}(?:stuff|things|belongings"
    r"|possessions)\b",
    r"i won't be needing (?:it|them|him|her|anything|any of it|anyway|anymore)\b",
    r"speed(?:ing)? things (?:along|up)\b.{0,20}$",
    r"tell (?:my|the) (?:kids|children) i love them",
    # Wanting to be with someone who has died.
    r"be with (?:\w+ ){1,3}again\b.{0,10}wherever",
    # Means and plans: pills counted or saved, a bridge, the sea, how it would be done.
    r"how (?:many|much) (?:of )?(?:my |the )?(?:\w+ )?(?:pills|tablets|paracetamol|meds"
    r"|medication)",
    r"(?:saving|saved|stockpil\w*|hoard\w*) (?:up )?(?:my |the )?(?:pills|tablets|meds"
    r"|medication)",
    r"look\w* (?:down )?at (?:the|my) (?:pills|tablets|bridge|river|tracks|rope|gun)\b",
    r"(?:the|a) bridge\b.{0,60}\b(?:keep going back|jump|long time)",
    r"into the (?:sea|river|ocean|lake|water)\b.{0,20}(?:not|never) (?:coming|come|came) back",
    r"how i(?:'d| would) do it\b",
    r"(?:leave|go|gone)\b.{0,15}\bi'm planning",
    # Hurting oneself, said plainly or half-said.
    # Not "he throws the plates at me, one cut my head": a thing thrown did it.
    r"(?<!one )(?<!it )(?<!that )(?<!which )(?<!plate )(?<!glass )"
    r"(?:scratch\w*|cut\w*|burn\w*|bang\w*) (?:at )?my (?:arms|wrists|legs|skin|head)\b",
    r"till (?:they|it|i) bleed",
    r"(?:did|do|doing|done) (?:something|things) to my ?self",
    r"bad thoughts about (?:my ?self|hurting)",
    r"crisis (?:line|number|helpline|team)",
    # Others better off, lighter, breathing easier without me; gone, soon. Not for a night
    # out: "the kids will be fine without me for one night", "...without me hogging the telly".
    r"(?:manage|cope|fine|better|lighter|happier|freer|easier|quieter|calmer|simpler|peaceful|alright"
    r"|okay|grand)\b[^.]{0,25}"
    r"\bwithout me\b(?! (?:for (?!good|ever)|tonight|this|at|on|while|around|hogging|till|until"
    r"|there|to)\b)",
    r"(?:be|'d be) (?:fine|better|okay|alright) with just (?:her|him|them)",
    r"(?:once|when|after) i(?:'m| am|'ve) gone\b",
    r"better off (?:shot|rid) of me",
    r"worth more (?:dead|to (?:her|him|them) (?:with|than))",
    r"life insurance",
    r"if i (?:wasn't|weren't|was not) (?:here|around|alive)",
    r"(?:such a|a real|a total|just a|only a|nothing but a) burden",
    r"(?:a )?(?:weight|drain) on (?:everybody|everyone|them|him|her|the family)",
    r"waste of (?:oxygen|space|air)",
    r"mout'? (?:to|fi) feed",
    # Not wanting tomorrow: not waking, not opening one's eyes, not seeing the sun.
    r"(?:won't|wouldn't|never|not) open my eyes",
    rf"(?:nuh|no|don't|dont|not) want (?:fi |to )wake up{_EARLY}",
    r"(?:not sure|don't know if) i want to see (?:the sun|tomorrow|the morning)",
    r"(?:not|no) (?:planning on|plans for) (?:there being )?a tomorrow",
    r"tired (?:a|of) (?:living|life|breathing|bein[g']? alive)",
    # Not "done with living in this flat" or "done with life admin".
    r"(?:done|finished) with (?:living|life|it all)"
    r"\b(?! in| with| like| here| there| at| out| admin)",
    r"ready (?:fi|to) leave (?:dis|this) world",
    r"disappear from (?:this|the) (?:life|world|earth)",
    r"(?:vanish|switch off|tap\w* out)(?:,)? (?:like )?(?:for good|forever|for ever)",
    r"(?:have|be) it all (?:be )?over",
    r"nothing (?:is )?(?:ever )?going to get better",
    r"(?:can't|don't|cannot) see (?:any |the )?point in (?:next week|tomorrow|anything|going on"
    r"|carrying on|living)",
    r"point (?:of|a|in) (?:me |mi )?(?:even )?being here",
    # Not "no reason to live in the city".
    r"(?:no|nuh) reason (?:to|fi) (?:keep going|live|living)\b(?! (?:in|with|near|at|by|like)\b)",
    r"(?:not|won't|will not) be alive (?:by|for|at|next|after)",
    r"(?:don't|do not) (?:expect|plan|intend) to be alive",
    r"(?:i |mi )?(?:wan|want to|wanna) die\b",
    r"(?:don't|do not|can't) see why i should (?:carry on|go on|keep going|be here|live)",
    r"be wherever (?:she|he|they) (?:is|are)",
    r"going (?:right )?after (?:her|him)\b",
    r"last thing i (?:hear|say|do)\b",
    r"be the last time\b",
    r"if i don't make it (?:back|home)\b.{0,40}relieved",
    r"i'm going (?:right )?after\b",
    r"(?:no|nuh|don't|dont) (?:get |have |got )?(?:any )?reason (?:to|fi) live"
    r"\b(?! (?:in|with|near|at|by|like)\b)",
    r"how much i want to be alive",
    r"(?:going to|gonna) still be alive",
    r"won't (?:matter|need \w+|be needing \w+) after (?:friday|this weekend|tonight|tomorrow"
    r"|this week|next week)",
    r"shan't be needing",
    r"i won't need reminding",
    r"where i'm going\b",
    r"(?:soon|won't be long) (?:nobody|no one) (?:a go |will )?need",
    r"(?:made|make|making) my (?:mind up|arrangements)",
    r"(?:got|have|had) it all (?:sorted|planned|arranged)\b",
    r"(?:for much longer|on her own soon|on his own soon)",
    r"(?:still )?be alive, i don't plan",
    r"(?:end|ending) (?:am|it) tonight",
    r"end am\b",
    # Goodbyes, notes, apologies for what is about to happen.
    r"say (?:cheerio|goodbye|bye) to (?:somebody|someone|everyone) properly",
    r"i'm sorry for what i'm about to do",
    r"finds the note",
    r"tell (?:my \w+|him|her|them|\w+) i'm sorry\b.{0,40}(?:understand|about to|after)",
    r"letters? to (?:the kids|my kids|the children|everyone|him|her)\b.{0,30}(?:written|done"
    r"|ready|drawer)",
    r"without (?:him|her|them) knowing (?:that's what|it was)",
    r"after i'm gone",
    # Means: pills and vials kept, a blade, a rope, a gun looked at, a bridge, a platform's edge,
    # a balcony, the tracks, the river, the sea, a car in a closed garage, the road.
    # Not someone else's counted out for the week ("counted out jamie's tablets into the dosette").
    r"(?:count\w*|saving|saved|stash\w*|hoard\w*|stockpil\w*|collect\w*)\b"
    r"(?! (?:out |up )?(?:\w+'s|his|her|their|the patients'?|the residents'?)\b).{0,40}"
    r"\b(?:pills|tablets|insulin|vials|meds|medication|pens)"
    r"(?!.{0,40}\b(?:dosette|pill ?box|pill organi[sz]er|blister packs?)\b)",
    r"(?:pills|tablets|vials|insulin)\b.{0,40}\b(?:enough|lined up|stash|in a sock|haven't told"
    r"|in my hand|out already|kick in)",
    # Not "take them off" (names, reminders), "take them out", "take them with us".
    r"(?:bottle of pills|tablets to kick in"
    r"|take them\b(?! (?:off|out|away|down|back|with|home|along|up|over|apart|to)\b))\b.{0,30}$",
    r"vials? home",
    r"stopped (?:taking )?my (?:\w+ )?(?:tablets|pills|meds|medication|insulin) on purpose",
    r"(?:the|a) blade\b",
    r"(?:the|a) rope\b(?! swing| bridge| course| ladder)",
    r"\bi(?:'ve| have)? (?:been )?(?:sitting|sat|looking at|holding)\b.{0,30}"
    r"\b(?:shotgun|rifle|gun|pistol)\b",
    r"looking down at the (?:water|river|tracks|road)",
    r"close to the edge|near the edge|edge of the (?:platform|roof|cliff|bridge|balcony)",
    rf"jump\w* (?:from|off) the\b(?! {_FURNITURE})",
    r"balcony\b.{0,60}\b(?:step|jump|easy|edge)",
    r"(?:train line|the tracks)\b.{0,50}\b(?:every time|goes past|step|in front)",
    r"how cold (?:it|the water) would be",
    r"(?:the|that) river\b.{0,40}\b(?:cold|deep|mostly|keep thinking)",
    r"walk\w* into the (?:sea|river|ocean|lake|water)",
    r"thinking about (?:those|the) cliffs",
    r"car running in (?:a|the) (?:shut |closed )?garage",
    r"engine running in the (?:shed|garage)",
    r"wouldn't (?:even )?brake",
    r"car (?:just )?(?:leaves|goes off|went off) the road",
    r"lie down in the snow|lying down in the \w+ field",
    r"(?:googl\w*|research\w*|looking up|look up|reading up on) (?:\w+ )?(?:ways|methods)\b",
    r"reading up on how long it takes",
    r"go through with it",
    r"wait\w* for the right (?:night|time|moment)",
    r"i don buy the thing",
    # Hurting oneself.
    r"\bcutting (?:again|myself)\b|started cutting",
    r"burn\w* my (?:arm|arms|leg|legs|skin|hand|wrist)\b",
    r"(?:wanted|want) it to hurt me",
    r"hurt (?:me|myself) on purpose",
    r"use it on my ?self",
    r"number for wanting to die",
    r"did it last \w+ and i (?:get|understand) why",
    r"should just make it official",
)
#: Words of violence or fear at home: a partner who hurts, threatens or frightens.
_VIOLENCE_PHRASES = (
    rf"(?!{_SHE} (?:\w+ )?{_HARMS} (?:\w+ )?her\b(?!{_HER_HARMED}))"
    rf"(?!{_FOND_GRAB})"
    rf"{_PARTNER} (?:\w+ )?{_HARMS} (?:\w+ )?{_HARMED}",
    rf"{_PARTNER} {_WILL} (?:really )?(?:{_KILL}|hurt|hit|take the kids|take my|send me back"
    r"|lose it)",
    # "she'd kill me if I left her out" or "...left the lights on" is not leaving someone.
    r"(?:kill|hurt|hit) me (?:if|when) i (?:ever )?(?:(?:leave|left)"
    r"(?! (?:\w+ ){0,2}(?:out|on|off|behind|open|lying|there|early|late)\b)"
    r"|tell|told|try|go|went|talk|speak)\b",
    # Not "she'd destroy me" at bowling: beaten at a game.
    r"(?:he|she)(?:'ll| will|'d| would) (?:smash|break|destroy)\b(?! (?:me|us)\b)",
    r"throw me (?:across|against|down|out)",
    r"(?:kill|hurt|hit) me (?:next time|after)",
    r"really hurt me",
    r"next time he'll",
    r"next time she'll",
    # Not an eager yes ("heck yes, hit us") nor a bill that strangles ("it's strangling us").
    r"(?<!yes )(?<!yeah )(?<!go on )(?<!go ahead )(?<!ready )(?<!okay )(?<!ok )(?<!it's )"
    r"(?<!it is )"
    r"(?:hit|hits|hitting|punch\w*|slap\w*|kick\w*|chok\w*|strangl\w*|beat|beats|beating)"
    rf" (?:me|us)\b(?! at\b| to it| with| up\b| back\b| {_MISHAP}"
    r"| for (?:that|saying (?:that|so))$)",
    # Not "threatened to leave if i pick the music again", "threatens to make us sing".
    r"threaten\w* (?:me|us|to)\b(?! make (?:me|us) (?:watch|listen|eat|sing|dance|play|cook))"
    rf"(?! leave {_MISHAP})",
    rf"(?:afraid|scared|frightened|terrified) (?:of|from) {_PARTNER}",
    r"(?:afraid|scared|frightened|terrified) (?:to|of) (?:go|going|be|being) (?:home|here|back)",
    r"(?:afraid|scared|frightened|terrified) (?:when|for when|of what happens when)"
    r" (?:he|she|they) (?:come|comes|get|gets|is|are)",
    r"(?:he|she) scares me",
    r"(?:he|she) frightens me",
    r"scared of him",
    r"scared of her",
    # Not "I'm scared she'll kill me when she sees the bill": a telling-off, not a threat.
    # Nor "i'm scared of the results but she keeps me going": scared of a thing, not of her.
    r"i'm scared\b(?!.{0,40} when (?:he|she) sees the)"
    r"(?! (?:of|about|for) (?:the|my|our|this|that|it)\b(?! (?:husband|wife|partner|boyfriend"
    r"|girlfriend|ex|man|fella|bloke|missus|life|safety)\b))\b.{0,30}\b(?:him|her|he|she)\b",
    r"i am scared",
    r"(?:don't|do not|never) feel safe",
    r"not safe (?:at home|with|here)",
    r"fear for my (?:life|safety)",
    r"domestic (?:violence|abuse)",
    r"(?:he|she) (?:is|gets|got|becomes|became|can be) (?:really )?violent",
    r"(?:afraid|scared|frightened|terrified)(?: i am| i'm)? of (?:him|her)\b",
    r"(?:he|she)(?:'s| is| was|'s been| has been| gets| can be) (?:real |really |so |very )?"
    r"(?:scary|frightening|terrifying|threatening|dangerous)",
    # Hands on, held, pinned, dragged, things thrown, fists through walls.
    r"(?:hands?|fingers|arm) (?:round|around|on) my (?:neck|throat)",
    r"(?:held|holds|holding|pinned|pins|pin) me (?:down|against|to)\b",
    r"(?:dragged|drags|yanked|pulled) me (?:to|by|out|into|across|along)\b",
    r"(?:threw|throws|throwing|thrown|chucked|hurled|flung) (?:a |the |his |her |my )?\w+"
    r" at (?:me|my|us)\b",
    # "the toddler's not throwing things anymore" is good news, not a threat.
    r"(?<!not )(?<!stopped )(?:throws|threw|throwing) (?:things|stuff)\b(?! away| out)",
    r"(?:punch\w*|kick\w*|smash\w*|fist through) (?:the |a )?(?:wall|door|window)\b",
    r"(?:scream\w*|yell\w*|shout\w*) in my face",
    r"(?:kick\w*|hit|hurt\w*|beat\w*|punch\w*) the (?:dog|cat|kids|children|baby|pet)\b",
    r"(?:locked|locks|locking) me (?:out|in)\b",
    rf"{_PARTNER} {_WILL} (?:smash|break|destroy)\b(?! (?:me|us)\b)",
    r"(?:tore|tears|ripped|rips|destroyed|smashed|broke) (?:up )?(?:all )?(?:ma|my)"
    r" (?:photos|things|stuff|clothes|phone|letters)",
    r"(?:guns?|knife|knives|weapons?) in the house",
    # Bruises hidden or explained away.
    r"(?:hide|hiding|cover|covering|sees?|telling everyone) (?:\w+ ){0,2}bruises?\b",
    r"bruises (?:are|were) from",
    r"told (?:the )?(?:nurse|doctor|hospital|police|everyone|them) (?:that )?i (?:fell|walked"
    r" into|tripped)",
    # Living on edge.
    # Not around a parent after his heart operation.
    r"walk\w* on eggshells\b(?! (?:round|around|with|near) (?:her|his|my|our|the) (?:dad|mum|mom"
    r"|father|mother|parents|gran|grandad|nan|boss|sister|brother|in laws|teenager|kids)\b)",
    r"(?:set|sets|setting) (?:him|her) off",
    r"(?:there'll|there will|there'd|there would) be hell\b",
    r"never know what (?:mood|state) (?:he|she)(?:'ll| will)? (?:be|is) in",
    r"so (?:he|she) (?:wouldn't|wouldnae|won't|doesn't) (?:go off|go aff|lose it|kick off"
    r"|explode)",
    # Hiding to speak, asking for help about a partner, somewhere safe.
    r"hiding (?:in the \w+|from (?:him|her))",
    r"(?:had|have) to lock (?:the|my) door",
    # Not the skill's voice lost on a speakerphone or in the next room ("he can't hear you
    # through the phone", "can you speak up, he can't hear you").
    r"(?:he|she) (?:can't|cannot|can not|mustn't|must not) (?:know|hear(?! you\b)|find out)",
    r"(?:can't|cannot|can not|mustn't|must not|don't|do not) let (?:him|her|them) (?:hear|see"
    r"|know|catch) (?:me |that i'm |i'm )?(?:call\w*|talk\w*|speak\w*|ring\w*|us\w* (?:this|you)"
    r"|doing this|on (?:this|here))\b",
    r"(?:he's|she's|he is|she is) listening\b.{0,40}\b(?:can't|cannot|have to|has to|so i)",
    r"(?:have|has|had) to say \w+,? (?:he|she)'s listening",
    r"(?:making|makes|made|forcing|forces|forced) me (?:to )?say",
    r"(?:helpline|help line|number|someone)\b.{0,40}\babout (?:my )?(?:husband|wife|partner"
    r"|boyfriend|girlfriend|him|her)\b",
    r"(?:somewhere|a place|someplace) safe to (?:stay|go|sleep)",
    # Asking for a helpline, a refuge, a protection order, quietly.
    r"\b(?:helpline|hotline|refuge|women's shelter|shelter for women|protection order"
    r"|restraining order)\b",
    r"number\b.{0,25}for women",
    r"(?:he's|she's) (?:only |just )?in the next room",
    # Watched, followed, tracked, kept from friends and family.
    r"(?:go|goes|going|went) through my (?:phone|texts|messages|emails|cellphone)",
    r"(?:followed|follows|following) me\b",
    r"(?:looking|driving round looking|out looking) for me",
    r"always (?:finds|knows where) (?:me|i)",
    r"(?:app|tracker) on my (?:phone|car)",
    r"knows where we (?:moved|live|are)\b",
    r"(?:cameras|neighbours|neighbors|brother) (?:all round|watching)",
    r"watching the house",
    r"prove where i (?:am|was|go)",
    r"(?:pictures|photos) of (?:who|where) i'm",
    r"(?:not|nuh|never) allowed (?:fi |to )?(?:have|out|go|see|use|be on)",
    r"i'm not (?:allowed|to give)",
    r"checks? i've blocked",
    r"says they're poison",
    r"reads everything on",
    r"(?:don't|doesn't|do not) (?:want|let) (?:him|her) know(?:ing)? i",
    r"(?:he|she) doesn't know i (?:use|listen|talk)",
    # Money and papers taken or rationed.
    r"wants? the receipts? back",
    r"ask (?:him|her) for money",
    r"(?:take|takes|tek|took|taken) (?:all )?(?:mi|my) (?:pay|wages|salary)",
    r"(?:let|lets) me keep\b.{0,30}(?:my own|of my) (?:wages|money|pay)",
    r"can't see my own (?:wages|money|account)",
    r"(?:had|has|took|takes) my bank card",
    r"can't (?:even )?buy \w+ without asking",
    r"keeps? my (?:\w+ and my )?(?:papers|passport|documents|id)\b",
    rf"(?:taken|took|takes|hid|hides) (?:the |my )?(?:\w+ )?keys (?:off|from) me(?! {_DRINKING})"
    + _AGREED,
    rf"(?:tek|took|takes|taken) (?:weh )?(?:mi|my) phone\b(?! {_ERRAND}| {_PHONE_FREE})",
    r"(?:broke|smashed|broken) my (?:hearing aid|telephone|phone|glasses)",
    # Told what to say; listening right now.
    r"(?:tells?|told|instructed|wants) (?:me|mi) (?:to|fi) (?:say|seh|give)",
    r"answers he wants me to give",
    r"(?:have|has|haffi|gotta|got) to say (?:five|what he wants|what she wants)",
    r"(?:gotta|have to|got to|must) say something nice",
    r"listening to every word",
    r"(?:standing|sitting|right) (?:behind|next to) me\b.{0,30}(?:careful|listening|say)",
    r"(?:he's|she's) right here so\b",
    r"making me do this",
    r"put five\b.{0,20}please",
    r"or (?:there'll be|i'll pay for it|there will be) (?:trouble|hell)",
    r"i'll pay for it later",
    r"haffi do wha him seh",
    r"take it out on me",
    r"i'll (?:get a beating|regret it)",
    r"don't say anything out loud",
    # Fear: tiptoeing, flinching, safer when away, the next time, sleeping ready to run.
    r"tiptoe\w* (?:round|around) (?:him|her)",
    r"what sort of (?:night|mood)",
    r"flinch\w*",
    r"(?:i'm|i feel|we're) safer when (?:he|she)",
    r"count the days till (?:he|she)",
    r"could (?:actually )?breathe for once",
    r"(?:get through|survive) the next time",
    r"the only time i'm not scared",
    r"sleep with my (?:keys|shoes)",
    r"(?:sleep|slept|sleeping) in the car\b",
    r"lock myself in\b",
    r"locked in the \w+ room",
    r"locks? (?:the )?(?:\w+ )?door from the outside",
    r"hid(?:e|ing)? in the (?:bathroom|bedroom|car|toilet|closet|wardrobe)",
    r"till i shake|until i shake",
    r"how (?:do i|to|can i) (?:get out|leave)\b.{0,40}(?:find me|finds me|without (?:him|her))",
    r"without (?:him|her) finding",
    # Hurt, threatened, weapons.
    r"came at me\b",
    r"knife\b.{0,20}(?:at me|to me|on me)",
    r"points? (?:it|a gun|the gun|a knife) at me",
    r"(?:gun|pistol|rifle|shotgun)\b.{0,60}\b(?:when he's mad|make a point|at me)",
    r"put (?:his|her) fist through",
    r"(?:threw|throws|throwing|thrown|chucked|hurled|flung) (?:a |the |his |her |my )?(?:\w+ ){1,2}"
    r"at (?:me|my|us)\b",
    r"marks on my (?:neck|throat|arms|face|wrists)",
    r"black and blue",
    r"pinned (?:me )?against|me pinned",
    r"gripping my arm",
    r"drag me (?:out|by)",
    r"(?:broke|cracked|broken) my (?:wrist|arm|ribs|nose|jaw)",
    # Not a prisoner or patient at work ("went for me on the wing, i had to do a restraint").
    # Nor a dog, a goose or a customer ("the dog at number forty went for me again").
    r"^(?!.*\b(?:dog|dogs|goose|geese|swan|cat|bull|horse|cow|ram|bees?|wasps?|seagulls?"
    r"|customer|punter|drunk|patient)\b.{0,40}\bwent for me).*?\b"
    r"went for me\b(?!.{0,60}\b(?:restrain\w*|on shift|at work|patients?|prisoners?|inmates?)\b)",
    r"(?:break|broken) my legs",
    r"put me through the window",
    r"i'm next\b",
    r"booted (?:her|him|the dog)",
    r"(?:report|reporting) me to",
    r"immigration\b",
    r"go to the (?:guards|police|cops|gardai)\b",
    r"(?:forces|forced|makes|made) me (?:to )?sleep with",
    r"(?:never|didn't|did not) (?:agree|agreed|consent\w*) to",
    r"(?:forces|forced|makes|made) me\b.{0,30}said no",
    r"decides what time i (?:go|eat|sleep)",
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
    # Not kindness or a shared chore ("he won't let me pay", "she won't let me help with the
    # dishes", "she won't let me do it alone").
    rf"{_PARTNER} (?:won't|doesn't|does not|don't|never|not|will not) (?:let|allow) me"
    rf"(?! {_KIND_REFUSAL})",
    r"(?:nuh|not|won't|doesn't) (?:mek|make|let) (?:mi|me) (?:see|talk)",
    r"(?:not|never) allowed to (?:see|go|leave|talk|speak|have|use|call|sign|buy|spend|work"
    r"|drive|wear|visit)",
    r"(?:says|said|tells me|told me) i'm not allowed",
    r"(?:won't|doesn't|does not|didn't|no|not|never|hasn't|doesnae|willnae) (?:let|lets"
    r"|letting) me (?:leave|see|go|out|talk|speak|have|use|call|visit|work)",
    # Not a phone borrowed to order pizza, nor keys hidden after a few drinks.
    rf"{_PARTNER} {_TAKES} (?:my |all my )?{_MINE}\b(?! {_ERRAND}| {_DRINKING}| {_PHONE_FREE})"
    + _AGREED,
    r"tracks my location",
    r"(?:decides|controls) (?:everything|where i go|who i see|who i talk to|what i)",
    r"ask (?:him|her) for every penny",
    r"have to ask (?:him |her )?for (?:every|any|bus|my own) ?(?:penny|money|fare)?",
    r"gives me pocket money",
    r"(?:no|any) money of my own",
    r"(?:explain|checks?|account for) every (?:single )?(?:penny|pound|dollar|rupee|cent)",
    r"checks? (?:everything|every \w+) i (?:do|say|buy|spend)",
    r"(?:check|checks|checking|checked) (?:who|where|what) i\b",
    r"(?:keeps|kept|controls|takes|holds) (?:all of it|everything i earn)",
    r"deport\w*",
    r"(?:have|get) me sent back",
    r"(?:no one|nobody|no-one) (?:would|will|'d) (?:ever )?believe me",
    r"(?:telling|tells|told|says|said) (?:me )?(?:that )?(?:things|it) never happened",
    rf"{_PARTNER} keeps the money",
    r"send me back to my country",
    r"take the kids (?:and|so) i'd never",
    r"never see (?:them|the kids|my kids) again",
    # Nor a partner who would come along ("if i ever leave he's coming with me").
    r"if i (?:ever )?(?:(?:leave|left)"
    r"(?! (?:\w+ ){0,2}(?:out|on|off|behind|open|lying|there|early|late)\b)"
    r"(?!.{0,25}\b(?:coming|come|comes|going) (?:with me|too)\b)"
    r"|try to leave|told anyone|tell anyone|speak to (?:the )?police)",
    r"(?:if|when) (?:he|she) (?:finds out|hears (?:it|me|us|this)|catches me)",
    # Not the joke that ends a line ("four and a half but don't tell him").
    r"please (?:don't|do not) tell (?:him|her)",
    r"(?:don't|do not) tell (?:him|her)\b(?! ?$| i said (?:so|that)\b)",
    r"(?:he|she) mustn't know",
    r"(?:he|she) doesn't know i'm",
    r"gets angry when i talk to",
    r"told the doctor i fell",
    r"number (?:you|to) call if your (?:husband|wife|partner)",
    r"only (?:reason i can|do this when (?:he|she)'s out)",
)


@cache
def _patterns() -> tuple[tuple[Crisis, re.Pattern[str]], ...]:
    """The patterns, compiled on first use: some hundred alternatives take a noticeable
    tenth of a second to compile, which a cold start that hears no words (a launch) skips.
    Each is filed by first letter (:func:`skill.alternation.any_of`), which reads a line
    several times quicker than the plain alternation and finds the same lines."""
    wider = crisis_words().patterns
    return (
        (Crisis.SELF_HARM, any_of(_SELF_HARM_PHRASES + wider[Crisis.SELF_HARM.value])),
        (Crisis.VIOLENCE, any_of(_VIOLENCE_PHRASES + wider[Crisis.VIOLENCE.value])),
        (Crisis.ABUSE, any_of(_ABUSE_PHRASES + wider[Crisis.ABUSE.value])),
    )


# The readers below remember their lines (as many as the other line readers, REMEMBERED_LINES):
# a turn asks about its words several times (the care handler, the check-in's answer, the
# journal, the gentle word), and a pattern search of some hundreds of alternatives, or a model's
# sum, is worth doing once. Forgotten as the next turn starts (:mod:`skill.conversation.lines`).


@lru_cache(maxsize=REMEMBERED_LINES)
def detect_crisis(text: str | None) -> Crisis | None:
    """The kind of crisis ``text`` speaks of, or None; self-harm is checked first."""
    if not text:
        return None
    words = crisis_text(text)
    for crisis, pattern in _patterns():
        if pattern.search(words):
            return crisis
    return None


@lru_cache(maxsize=REMEMBERED_LINES)
def hears_crisis(text: str | None, content_locale: str) -> Crisis | None:
    """The crisis ``text`` speaks of, for the full care answer: what the word families hear,
    or else what the learned second ear is sure of (its care threshold, where it erred on
    about one ordinary line in eight hundred it had not seen)."""
    found = detect_crisis(text)
    if found is not None or not text:
        return found
    model = concern_model(content_locale)
    kind = second_ear(text, content_locale).kind_at(model.care_threshold)
    return None if kind is None else Crisis(kind)


@lru_cache(maxsize=REMEMBERED_LINES)
def may_speak_of_crisis(text: str | None, content_locale: str) -> Crisis | None:
    """What the learned second ear (:mod:`skill.content.concern`) hears in ``text`` that the
    word families above do not: self-harm or violence, or None.

    Below its care threshold only a gentle word follows: there this ear errs more than the
    families do (about one ordinary line in a hundred on lines it had not seen), so it does
    not stop the evening. (At the care threshold :func:`hears_crisis` has already answered
    with care.)
    """
    if not text or detect_crisis(text) is not None:
        return None
    model = concern_model(content_locale)
    kind = second_ear(text, content_locale).kind_at(model.threshold)
    if kind is not None:
        # "He wants to go to the mountains with me again": a fond wish for time together is
        # left out, and what is left asked again (a worry said with it is still heard); so
        # is trust hurt after an affair ("he still won't tell me everything he said to her").
        rest = without_set_asides(text)
        if rest != crisis_text(text):
            kind = second_ear(rest, content_locale).kind_at(model.threshold) if rest else None
    return None if kind is None else Crisis(kind)


@cache
def _set_asides() -> re.Pattern[str]:
    """The fond wishes and the words of trust hurt of ``crisis_words.json`` in one pattern (or
    one that finds nothing)."""
    words = crisis_words()
    aside = words.fond + words.trust_hurt
    return re.compile(r"\b(?:" + "|".join(aside) + ")" if aside else r"(?!)")


def without_set_asides(text: str) -> str:
    """``text`` as the crisis words read it, less its fond wishes for time together ("he
    wants to go to the mountains with me again") and its words of trust hurt after an affair
    ("he still won't tell me everything he said to her"), for the second ear to hear once
    more."""
    return " ".join(_set_asides().sub(" ", crisis_text(text)).split())


@lru_cache(maxsize=REMEMBERED_LINES)
def second_ear(text: str, content_locale: str) -> Reading:
    """The learned second ear's reading of ``text``, once for both of its thresholds."""
    return concern_model(content_locale).reading(text)


#: After a care answer: a question about the line itself ("is this call free?", "those lines
#: are for women"), answered before the numbers again.
_ABOUT_THE_LINE = deferred(
    r"\b(?:is (?:it|this|the call|this call|that) free|does it cost|cost anything"
    r"|who (?:answers|will answer)|for women|for men|i'm a man|i am a man|is it private"
    r"|is it confidential|will they tell"
    r"|do i have to give my name|is it anonymous)\b"
)
#: After a care answer: taking it back or letting it be ("forget I said that", "I'm fine").
_LET_IT_BE = deferred(
    r"\b(?:forget (?:i|we) said (?:that|it|anything)|forget that|ignore (?:that|me|it)"
    r"|(?:no )?it's (?:fine|ok|okay|nothing)|i'm (?:fine|ok|okay|alright)|i didn't mean it"
    r"|(?:i|we) (?:was|were) joking|just joking)\b"
)


#: After a care answer: "no, I mean permanently", "you don't understand": saying more, not
#: declining, even when it starts with "no".
_SAYS_MORE = deferred(
    r"\b(?:i mean|i meant|that's not what i|you don't understand|i'm serious|i am serious"
    r"|for good|permanently|forever|for real|not joking)\b"
)


#: After a disclosure: someone may be listening ("what if he hears", "shh, he's coming"). The
#: answer is then a short goodbye, never the numbers again out loud.
_OVERHEARD = deferred(
    r"\b(?:sh+|what if (?:he|she|they) (?:hears?|finds? out|sees?|checks?)"
    r"|(?:he|she|they)(?:'s| is| are|'re) (?:coming|back|awake|up|home|listening|here)"
    r"|(?:he|she|they) (?:might|could|will|can) (?:hear|see)|can't talk|cannot talk"
    r"|(?:got to|gotta|have to|need to) go|talk quieter|be quiet|quieter please)\b"
)
#: Whether anything shows in the Alexa app, or can be deleted there ("does any of this show up
#: in the alexa app?", "will he see it. the card thing on the app. can you delete it"): asked by
#: someone whose phone may be read, and answered plainly wherever it is asked.
_ABOUT_THE_APP = deferred(
    r"\b(?:app|voice history|card thing|cards? (?:in|on) (?:the|my|his|her|your) (?:alexa )?app)\b"
    r".{0,60}\b(?:show\w*|appear\w*|see|sees|seen|saw|visible|delete\w*|remove\w*|erase\w*"
    r"|clear\w*|get rid of|saved|recorded|stored)\b"
    r"|\b(?:show\w*|pop\w*|come|comes|appear\w*|see|sees|seen|saw|visible|delete\w*|remove\w*"
    r"|erase\w*|clear\w*|get rid of|saved|recorded|stored)\b.{0,60}\b(?:app|voice history"
    r"|card thing)\b"
    r"|\b(?:delete|remove|erase|clear|get rid of) (?:the|that|this|those|any|your) cards?\b"
    r"|\b(?:show\w*|pop\w*|come|comes) up (?:on|in) (?:my|his|her|the) (?:phone|alexa)\b"
)
#: Taking a disclosure of control back as too small to count ("no, it's not like that. he's not
#: violent or anything. I shouldn't have said it"): met with reassurance, never a goodbye.
_MINIMISES = deferred(
    r"\b(?:(?:it's|it is|it was|it's really) not (?:like that|that bad|so bad|a big deal"
    r"|what (?:it|you) (?:sounds?|think))|not like that"
    r"|(?:he's|she's|he is|she is|they're|they are) not (?:violent|like that|dangerous|a bad (?:man"
    r"|woman|person|guy))\b|(?:he|she|they)(?: would|'d) never (?:hurt|hit|touch) me"
    r"|(?:he|she) (?:doesn't|does not|never) (?:hurt|hit|hits|hurts) me"
    r"|shouldn't have (?:said|told you|mentioned) (?:it|that|anything)|shouldn't have said"
    r"|(?:i'm|i am|i was) (?:just )?(?:overreacting|exaggerating|being (?:silly|dramatic|stupid))"
    r"|(?:that's|it's|that is|it is) (?:probably |just |all )?normal)\b"
)
#: A phone or messages read or watched by a partner ("he goes through my phone", "she reads my
#: messages"), whatever else is said: no card for the rest of the session.
_WATCHED = deferred(
    rf"\b{_PARTNER} (?:\w+ ){{0,2}}(?:checks?|checking|checked|reads?|reading|goes through"
    r"|going through|went through|looks? (?:at|through)|looking (?:at|through)|tracks?|tracking"
    r"|monitors?|monitoring|watches|watching|sees|scrolls? through)"
    r" (?:all (?:of )?)?my (?:phone|cell|messages|texts|emails?|chats|whatsapps?|location|app"
    r"|apps|alexa|notifications)\b"
)


def asks_about_the_app(text: str) -> bool:
    """Whether ``text`` asks whether anything shows in the Alexa app, or to delete it there."""
    return _ABOUT_THE_APP.search(crisis_text(text)) is not None


def minimises(text: str) -> bool:
    """Whether ``text``, after a care answer, takes the disclosure back as too small to count
    ("he's not violent or anything, I shouldn't have said it"), saying nothing more."""
    return _MINIMISES.search(crisis_text(text)) is not None and not says_more(text)


def speaks_of_being_watched(text: str) -> bool:
    """Whether ``text`` says a partner reads or watches one's phone or messages."""
    return _WATCHED.search(crisis_text(text)) is not None


#: After a disclosure: asking where help is again ("what was that number?", "who can I call").
_ASKS_FOR_THE_NUMBER = deferred(
    r"\b(?:say (?:it|that|them) again|what (?:was|is|were) (?:that|the|those) numbers?"
    r"|(?:the|that) numbers? again|repeat (?:it|that|the numbers?)|who (?:can|do|should) i"
    r" (?:call|ring|talk to|text)|where (?:can|do) i (?:get|find) help"
    r"|i need (?:help|the number))\b"
)


#: Told that the help given before was a mistake or a joke ("we were just joking around", "that
#: was a joke", "you gave us a hotline number out of nowhere"); never "I'm not joking".
_FALSE_ALARM = deferred(
    r"\b(?:(?:we|i|we're|i'm|he|she|they|he's|she's|they're)(?: was| were| are| is| am)?"
    r" (?:just |only |totally |only just |all )?(?:joking|kidding|messing|mucking|fooling"
    r"|having a laugh)(?: around| about)?|(?:that|it)(?: was|'s| is) (?:just |only )?(?:a )?joke"
    r"|(?:just|only) (?:a )?(?:joke|joking|kidding)|out of nowhere|by mistake"
    r"|(?:was|that's|it's) a mistake|a misunderstanding|misunderstood|misheard"
    r"|got (?:it|that|us) (?:all )?wrong|(?:a )?false alarm)\b"
)
#: A help line, or the help given before, spoken of ("some hotline thing", "you gave us").
_THE_HELP = deferred(
    r"\b(?:hot ?lines?|help ?lines?|crisis lines?|numbers?"
    r"|(?:you|it|alexa) (?:gave|told|said|read|played|sent))\b"
)
#: The help line's own name, which alone is heard as asking for it quietly.
_HELP_LINE_NAMES = re.compile(r"\b(?:hot ?lines?|help ?lines?|crisis lines?)\b")


def calls_it_a_false_alarm(text: str) -> bool:
    """Whether ``text`` says the help given before was a mistake or a joke ("we were just
    joking around, we're totally fine"), without saying more ("I'm not joking")."""
    return _FALSE_ALARM.search(crisis_text(text)) is not None and not says_more(text)


def speaks_of_the_help(text: str) -> bool:
    """Whether ``text`` speaks of a help line or of what the skill gave or said before."""
    return _THE_HELP.search(crisis_text(text)) is not None


def without_the_false_alarm(text: str) -> str:
    """``text`` less its calling the help a mistake or a joke, and less the help line's name,
    to hear whether it says anything new of crisis ("we were joking last night, but he does
    hit me sometimes")."""
    words = crisis_text(text)
    return _HELP_LINE_NAMES.sub(" ", _FALSE_ALARM.sub(" ", words))


def only_a_false_alarm(text: str, content_locale: str) -> bool:
    """Whether ``text`` calls the help a mistake or a joke and says nothing of crisis besides:
    neither the word families nor the learned second ear hear anything in what is left."""
    if not calls_it_a_false_alarm(text):
        return False
    rest = without_the_false_alarm(text)
    return (
        hears_crisis(rest, content_locale) is None
        and may_speak_of_crisis(rest, content_locale) is None
    )


#: After a care answer: not knowing what to do ("I don't know, I just don't know what to do"),
#: which is neither a yes nor a no, and no reason to say goodbye.
_UNSURE = deferred(
    r"^(?:(?:i|um|uh|erm|well|oh|honestly|really|just|i just|and|but|so|sorry|i mean) )*"
    r"(?:(?:i )?(?:just |really |honestly |truly )?(?:don't|do not|dont) (?:really |even )?know"
    r"|(?:i'm|i am) (?:just |really )?not sure|(?:i have |i've got )?no idea)"
    r"(?: (?:what to do|what i should do|what i'm going to do|what to say|what to think"
    r"|where to start|where to go|what i want|what happens now|anymore|any more|really|either"
    r"|at all|i don't know|i just don't know|i'm not sure|honestly|now|tonight))*$"
)


def unsure_what_to_do(text: str) -> bool:
    """Whether, after a care answer, ``text`` says only that they don't know what to do."""
    return _UNSURE.search(crisis_text(text)) is not None


def may_be_overheard(text: str) -> bool:
    """Whether, after a disclosure, someone says another person may be listening."""
    return _OVERHEARD.search(crisis_text(text)) is not None


def asks_for_the_number(text: str) -> bool:
    """Whether, after a disclosure, someone asks to hear where help is again."""
    return _ASKS_FOR_THE_NUMBER.search(crisis_text(text)) is not None


def says_more(text: str) -> bool:
    """Whether a reply to a care answer says more about the crisis, however it begins."""
    return _SAYS_MORE.search(crisis_text(text)) is not None


def asks_about_the_line(text: str) -> bool:
    """Whether ``text`` asks about the help line just named (free? for anyone? private?)."""
    return _ABOUT_THE_LINE.search(crisis_text(text)) is not None


def lets_it_be(text: str) -> bool:
    """Whether ``text`` takes a disclosure back or asks to leave it ("forget I said that")."""
    return _LET_IT_BE.search(crisis_text(text)) is not None


#: The help lines asked for again, at any point, whatever was said before ("can you say those
#: numbers again", "what was that number again, the one you said yesterday", "what's that
#: hotline again", "the number you gave me"): words that look back at numbers already given.
_HELP_LINE = r"(?:hot ?lines?|help ?lines?|crisis lines?|life ?lines?|support lines?|free lines?)"
_LOOKS_BACK = (
    r"(?:again|you (?:gave|said|told|mentioned|read)|from (?:before|yesterday|last night))"
)
_A_NUMBER = r"(?:that|the|those|these) (?:phone |help |crisis |emergency )?numbers?"
_HELP_LINE_AGAIN = re.compile(
    rf"\b(?:{_HELP_LINE}\b.{{0,30}}\b{_LOOKS_BACK}|{_LOOKS_BACK}\b.{{0,20}}\b{_HELP_LINE}"
    rf"|{_HELP_LINE} (?:number )?you (?:gave|said|told|mentioned))\b"
)
_NUMBERS_AGAIN = re.compile(
    rf"\b(?:{_A_NUMBER} {_LOOKS_BACK}|numbers? (?:that )?you (?:gave|said|told|mentioned)"
    rf"|(?:say|repeat|tell me|give me) {_A_NUMBER}\b.{{0,12}}\bagain)\b"
)


#: The numbers asked for in a few words, the whole line ("the number", "the numbers", "that
#: number again", "what was the number"): no other question of the skill's is answered so.
_A_FEW_WORDS = re.compile(
    r"^(?:(?:um|uh|erm|so|and|yeah|yes|ok|okay|hey|alexa|sorry|please|can i have|can i get"
    r"|give me|i need) )*(?:what (?:was|is|were|are|was it) )?(?:that|the|those|these)"
    r" (?:phone |help |crisis |emergency )?numbers?(?: (?:again|please|once more))*$"
)


def asks_again_for_help_lines(text: str, *, scale_asked: bool = False) -> bool:
    """Whether ``text`` asks for the help lines given before. With ``scale_asked`` (a number from
    one to five was just asked for) "the numbers again" is the scale, and only a help line named
    counts."""
    words = crisis_text(text)
    if _HELP_LINE_AGAIN.search(words):
        return True
    return not scale_asked and (
        _NUMBERS_AGAIN.search(words) is not None or _A_FEW_WORDS.match(words) is not None
    )


def without_asking_for_help_lines(text: str) -> str:
    """``text`` less its asking for the help lines again, to hear whether it says more."""
    words = crisis_text(text)
    if _A_FEW_WORDS.match(words):
        return ""
    return _NUMBERS_AGAIN.sub(" ", _HELP_LINE_AGAIN.sub(" ", words))


#: After a disclosure, or in any evening: easing out of it ("sorry about before, I just needed
#: to say it", "thanks for not making a big deal"), to be met gently, never with "I didn't catch
#: that".
_EASES_OUT = re.compile(
    r"\b(?:sorry (?:about|for) (?:before|earlier|last night|yesterday|that|all that|the other"
    r" (?:night|day))|(?:just )?needed to (?:say|get) (?:it|that)(?: out)?"
    r"|(?:thanks|thank you|thank u) (?:for )?(?:not making (?:a |such a )?(?:big )?(?:deal|fuss)"
    r"|listening|hearing me|being (?:so )?(?:kind|nice|there|gentle))"
    r"|not making (?:a |such a )?big deal)\b"
)
#: Thanks said on its own ("ok. thank you", "thanks"), however it begins.
_THANKS = re.compile(
    # "K thanks": a texter's "ok" said aloud ("k", "kk", "mkay") thanks as "ok" does.
    r"^(?:(?:ok|okay|k|kk|kay|mkay|yeah|yes|alright|all right|right|um|uh|oh|well) )*"
    r"(?:thank you|thanks|thank u|cheers|ta)(?: (?:so much|very much|a lot|again|alexa))*$"
)


def eases_out_of_it(text: str) -> bool:
    """Whether ``text`` apologises for, or thanks for, what was said before, gently."""
    return _EASES_OUT.search(crisis_text(text)) is not None


def only_thanks(text: str) -> bool:
    """Whether ``text`` is thanks and nothing more ("ok. thank you")."""
    return _THANKS.match(crisis_text(text)) is not None
