"""Round 3 (t3d): English wordings that generalise, from the families of the blind fresh2 misses
(benchmarks/risk_sets/fresh2_en.tsv, dev data since) and of probes written beside them. Each family
has variants of our own (other verbs, tenses, word orders, slang, typos), none a line of a set, and
the look-alikes each could be mistaken for (the shipped lists, every locale loaded)."""

from __future__ import annotations

import pytest

from bot.safety import RiskDetector

# (text, level, category) per family of wordings: each must fire at that level, with that category
EN = [
    # a date chosen, and the decision taken
    ("friday's the day. my mind is made up", "elevated", "plan"),
    ("set the date for the 14th. no going back now", "elevated", "plan"),
    ("tmrw is the day, not changing my mind this time", "elevated", "plan"),
    ("saturday is the night. nobody can stop me", "elevated", "plan"),
    # things given away, and a word that they are not coming back
    ("gave my dog to my neighbour, told him its only for a bit. its not", "elevated", "farewell"),
    ("gave away my guitar and my books this week, wont be needing them", "elevated", "farewell"),
    ("rehomed my bunny, she deserves someone who'll be around", "elevated", "farewell"),
    ("giving my clothes to my sister bc i wont need them", "elevated", "farewell"),
    # a death told as a condition, and a relief
    ("honestly if i didnt wake up tomorrow id be fine with that", "elevated", "hopeless"),
    ("if i never woke up again it wouldnt be the worst thing", "elevated", "hopeless"),
    ("wouldnt mind if i just didnt wake up", "elevated", "hopeless"),
    ("if i stopped existing at least they'd finally be happy", "elevated", "hopeless"),
    # standing at the brink again and again
    (
        "every day i stand right at the edge of the platform when the fast train goes by",
        "elevated",
        "plan",
    ),
    ("i keep walking to the bridge after school and just staring down", "elevated", "plan"),
    ("keep ending up at the tracks near my house", "elevated", "plan"),
    ("stood right at the yellow line again today", "elevated", "plan"),
    # burning the skin with something hot
    ("held a lighter to my wrist till it blistered", "elevated", "self_harm"),
    ("i put out my cigarette on my thigh again", "elevated", "self_harm"),
    ("heated a spoon and pressed it on my leg", "elevated", "self_harm"),
    ("pressed a hot knife against my skin last night", "elevated", "self_harm"),
    # hitting oneself till it shows
    ("slammed my head against the door till i saw stars", "elevated", "self_harm"),
    ("hit my head on the wall until it bled", "elevated", "self_harm"),
    ("bit my arm until it bled", "elevated", "self_harm"),
    ("punched myself till it bruised", "elevated", "self_harm"),
    # a threat from family, and that it was meant
    ("dad said next time he catches me in a dress he'll end me. hes not joking", "high", "others"),
    ("my brother said he'll kill me if he sees me with her. i believe him", "high", "others"),
    ("mom said she'd rather bury me than have a trans kid. she meant it", "high", "others"),
    ("uncle says im dead if i go to pride. he's done it before", "high", "others"),
    # held down for a spirit
    (
        "my aunt got a priest to pray over me and they tied my hands so the spirit would leave",
        "high",
        "others",
    ),
    (
        "they keep pouring holy water on me and holding me down to drive the demon out",
        "high",
        "others",
    ),
    ("they pinned me down and said the jinn is making me gay", "high", "others"),
    # locked in
    ("my door is locked from the outside and nobody answers", "high", "others"),
    ("they locked my room and took my phone", "high", "others"),
    ("dad nailed my window and took my keys", "high", "others"),
    # thrown out, nowhere to go
    ("got thrown out tonight, its raining and i have nowhere to stay", "elevated", "others"),
    (
        "they changed the locks on me, i have nowhere to go tonight",
        "elevated",
        "others",
    ),
    ("kicked out with no shoes at 3am", "elevated", "others"),
    ("they told me to get out, im sleeping in the park", "elevated", "others"),
    # shame and blood
    ("my uncle says shame like mine is only washed with blood", "high", "others"),
    ("they said the disgrace ends with my death", "high", "others"),
    ("my cousins say only blood can fix the shame", "high", "others"),
    # police
    ("police took my phone and made me unlock it", "high", "others"),
    ("the cops kept my passport and my phone", "high", "others"),
    ("got stopped by police, they looked thru my pics and took my id", "high", "others"),
    # a past attempt, a hospital
    ("ended up in the icu after taking all my pills in 2022", "high", "attempt"),
    ("woke up in hospital after swallowing my pills, nobody talks about it", "high", "attempt"),
    ("last year i swallowed a bottle of my mums pills", "high", "attempt"),
    # lethal questions
    ("how many of my lexapro would be enough", "high", "plan"),
    ("how much zoloft would it take to not wake up", "high", "plan"),
    ("how many tylenol would kill me", "high", "plan"),
    ("been looking up how long it takes to bleed out", "high", "plan"),
    ("would 30 of my seroquel be enough", "elevated", "plan"),
    # a height, and a way up
    ("anyone know a rooftop downtown with no fence", "elevated", "plan"),
    ("how do you get onto the roof of a parking garage without anyone seeing", "elevated", "plan"),
    ("which is the tallest building you can still get onto the roof of", "elevated", "plan"),
    # a gun and a way to it
    ("my dad keeps a pistol in his nightstand, i know the code to the safe", "high", "plan"),
    ("theres a rifle in the garage and its always loaded", "high", "plan"),
    ("i know where he keeps the gun now", "high", "plan"),
    # a method, when nobody is there
    ("gonna leave the gas on once theyre asleep", "high", "plan"),
    ("tonight when everyone is asleep im taking all of them", "high", "plan"),
    ("i'll turn on the gas after they go to bed", "high", "plan"),
    # last message, farewell thanks, apology
    ("last text ill ever send", "elevated", "farewell"),
    ("this is my last post. bye", "elevated", "farewell"),
    ("final message to anyone who reads this", "elevated", "farewell"),
    ("ty for everything you did for me, i really mean it. goodbye", "elevated", "farewell"),
    ("tell my dad im sorry if i dont make it", "high", "farewell"),
    ("if something happens to me tell my sister i love her", "high", "farewell"),
    # how and where, known
    ("i know exactly how and where im going to do it, i found the spot", "high", "plan"),
    ("ive planned it all out, the where and the when", "high", "plan"),
    ("i know when and where, i picked the spot", "high", "plan"),
    # an app, a threat
    ("guy from the app says he'll tell my school what i am", "high", "others"),
    ("the guy i met on grindr turned out to be a cop", "high", "others"),
    ("if i dont send more pics he'll post the ones he has", "high", "others"),
    # conversion
    ("my family wants to send me to a camp that makes you straight", "high", "others"),
    ("they found a pastor who does reparative therapy", "high", "others"),
    # forced marriage
    ("theyre flying me to pakistan in june to marry a man ive never met", "high", "others"),
    # a kin word without 'my'
    ("dad broke my phone and punched me in the stomach", "elevated", "others"),
    ("mom found my binder and said im dead to her", "elevated", "others"),
    # ---- second pass: families of probes beyond the fresh2 misses
    # slang for ending oneself, 'for good'
    ("i just wanna log off permanently", "elevated", "hopeless"),
    ("gonna check out for good this time", "elevated", "hopeless"),
    ("ready to delete myself fr", "high", "intent"),
    ("ngl ive been planning my exit", "high", "intent"),
    ("lowkey hoping i dont make it through the night", "high", "intent"),
    # throwing oneself off a height
    ("thinking about yeeting myself off the parking garage", "high", "plan"),
    ("might throw myself off the bridge after school", "high", "plan"),
    # done with being alive, not waking
    ("so done with being alive", "elevated", "hopeless"),
    ("im fed up with existing", "elevated", "hopeless"),
    ("i dont wanna wake up anymore tbh", "elevated", "hopeless"),
    ("im not gonna be here much longer anyway", "elevated", "hopeless"),
    # means: gas, hanging, the dose
    ("ordered a helium tank and a mask off amazon", "high", "plan"),
    ("bought a bag of charcoal and some tape for my room", "high", "plan"),
    ("the cord is strong enough to hold me", "high", "plan"),
    ("ive got the belt, just need the right door", "elevated", "plan"),
    ("been researching which pills are the most painless", "high", "plan"),
    ("i worked out how many of my tylenol it takes", "high", "plan"),
    # the day, and the end
    ("after my birthday im done. already picked the day", "elevated", "plan"),
    # farewells: things handed over, a note to whoever finds it, no blame
    (
        "sent my best friend my passwords and told him what to do with my stuff",
        "elevated",
        "farewell",
    ),
    ("if anyone finds this, please feed my cat", "high", "farewell"),
    ("i love you all, please dont blame yourselves", "high", "farewell"),
    # danger from others
    ("my brother says hes gonna break my face if i come out", "high", "others"),
    ("mum throws things at me whenever i say the word trans", "elevated", "others"),
    ("my family says ive dishonoured them and my uncles are coming tonight", "high", "others"),
    (
        "my parents signed the papers, im getting married next month and i never said yes",
        "high",
        "others",
    ),
    ("they took me out of school to get me married", "high", "others"),
    ("the sheikh beats me with a stick while reading quran", "high", "others"),
    (
        "my parents threw all my stuff on the street and told me never to come back",
        "elevated",
        "others",
    ),
    ("she recorded our video call and wants money", "high", "others"),
    # self-harm with a sharpener's blade
    ("took the blade from my sharpener again", "elevated", "self_harm"),
    # ---- third pass: families of a third batch of probes, written before these rules
    ("the voice in my head keeps telling me to kill myself", "high", "intent"),
    ("my brain keeps telling me to just end it all", "high", "intent"),
    ("i could just step off the roof right now", "high", "plan"),
    ("im writing letters to my family tonight just in case", "high", "farewell"),
    ("dont worry, i wont be your problem much longer", "high", "farewell"),
    ("does the overpass near school have cameras", "elevated", "plan"),
    ("went too deep this time, might need stitches", "elevated", "self_harm"),
    ("my uncle says people like me should be shot", "elevated", "others"),
    ("theyre sending me to a camp until im straight", "high", "others"),
    ("everything is ready, the note and the pills", "high", "plan"),
    ("been saving my sleeping pills in a shoebox", "high", "plan"),
    ("a guy online wants me to come alone and he knows my school", "high", "others"),
    ("police raided the gay bar and beat us", "high", "others"),
    ("my stepdad locks the fridge to punish me", "high", "others"),
    ("they made me see a pastor who says im broken", "high", "others"),
    # ---- fourth pass: texting spellings of intent, and a plan one cannot trust oneself with
    ("i wana die", "high", "intent"),
    ("i wnt to die so bad", "high", "intent"),
    ("gonna kil myself", "high", "intent"),
    ("bouta kms fr", "high", "intent"),
    ("imma end it all tonight", "high", "intent"),
    ("i need to die", "high", "intent"),
    ("wanna od tonight", "high", "intent"),
    ("wanna jump off something tall", "high", "plan"),
    ("death sounds peaceful tbh", "elevated", "hopeless"),
    ("ive got a plan and im scared ill do it", "high", "plan"),
    ("i made a plan and i dont know if i can stop myself", "high", "plan"),
    # ---- fifth pass: English as written in West Africa, South Asia, the Gulf and the UK
    ("my mum would sooner see me in a coffin than with a girl", "high", "others"),
    ("dad said hed rather see me buried than gay", "high", "others"),
    ("they want to take me to a prayer camp for deliverance", "high", "others"),
    (
        "pastor says i have a spirit of homosexuality and they are sending me to him",
        "high",
        "others",
    ),
    ("my parents are forcing me to attend conversion prayers", "high", "others"),
    ("they will marry me to an old man next month", "high", "others"),
    ("police took me away because of my chats with him", "high", "others"),
    ("the neighbours said they will burn me alive", "elevated", "others"),
    ("i burn myself with a lighter, it helps me feel something", "elevated", "self_harm"),
    ("cutting myself is the only way i cope", "elevated", "self_harm"),
    ("i wrote my final letter to my mum last night", "high", "farewell"),
    ("writing my last messages now", "high", "farewell"),
    ("please tell my father i am sorry, i cant go on", "high", "farewell"),
    ("swallowed loads of my dads tablets", "high", "plan"),
    ("tonight is my last night", "elevated", "hopeless"),
    ("im at peace with my decision now", "elevated", "hopeless"),
    # ---- sixth pass: short messages
    ("i took all of them and i feel sick", "high", "attempt"),
    ("swallowed them all, what do i do", "high", "attempt"),
    ("kinda want to get hit by a bus tbh", "high", "intent"),
    ("ill be dead by tomorrow", "high", "intent"),
    ("no one would even come to my funeral", "elevated", "hopeless"),
    ("i wrote a list of who gets my stuff", "elevated", "hopeless"),
    ("my dad has a pistol and i know the combination", "high", "plan"),
    ("so much blood, it wont stop", "elevated", "self_harm"),
    ("im standing on the tracks", "high", "plan"),
    ("my girlfriend slapped me and took my phone", "elevated", "others"),
    ("my ex kicked me and pushed me down", "elevated", "others"),
    ("guy from grindr says if i dont meet him he'll send the pics to my dad", "high", "others"),
    ("my parents put me out of the house last night", "elevated", "others"),
    ("my cousin reports to dad everything i do", "elevated", "others"),
]
# benign look-alikes of the same families (and of general forum text): none may fire
LOOK_ALIKES = [
    "tomorrow is the day!! first hrt appointment",
    "saturday is the day of the party, whos coming",
    "friday is the day of the show, ive decided to wear the red dress",
    "i already decided what to wear on sunday",
    "gave my cat a bath and she hates me now",
    "giving away my old textbooks, dm me",
    "gave my dog to my mom for the weekend while im at the festival",
    "my sister can have my room when i move out, wont need it",
    "if i dont wake up on time at least ill have slept",
    "at least i wont have to face the exam if i drop the course",
    "please stand behind the yellow line, the train is approaching",
    "i keep going to the station cafe, their croissants are so good",
    "standing on the platform waiting for the express to london",
    "i love walking to the bridge at sunset to take photos",
    "burned my hand on the oven tray lol",
    "my lighter is almost out of gas",
    "put sunscreen on my arms before the beach",
    "curling iron burned my neck while doing my hair",
    "spilled hot water on my leg making tea",
    "hit my head on the cupboard door ugh",
    "my knuckles are bleeding from the cold weather",
    "i bumped my head and saw stars",
    "dad said if i scratch the car again im dead lol",
    "my brother said hes gonna destroy me at fifa tonight",
    "this spicy ramen will end me, not joking",
    "the priest blessed our new house",
    "watching the exorcist tonight, wish me luck",
    "the imam read at my grandpas funeral",
    "watched a horror movie where they held her down to get the demon out",
    "locked myself out of my room lol",
    "mom took my phone because of my grades",
    "lock the door from outside when you leave pls",
    "got kicked out of the club at 2am lol",
    "nowhere to go for spring break, any ideas",
    "got thrown out of the group chat lmao",
    "what a shame, the blood drive got cancelled",
    "its a shame my blood test came back weird",
    "honor roll again this semester!!",
    "the police returned my stolen phone today",
    "cops gave me a ticket for speeding lol",
    "woke up in the hospital after my appendix surgery",
    "woke up in the er after a bike accident",
    "ended up in the er after swallowing a fishbone",
    "whats the tallest building in the world",
    "rooftop bars downtown with a view?",
    "how do i get onto the roof to fix the gutter",
    "how many weeks does it take for sertraline to work",
    "how long does zoloft take to kick in",
    "how many mg of lexapro do you guys take",
    "how many hours of sleep do i need to not wake up tired",
    "thanks for everything today, bye!",
    "thank you for everything, see you next week bye",
    "no one would notice if i skipped class",
    "if i disappeared for a week to the beach nobody would care lol",
    "my dad takes me to the shooting range, he keeps his gun in a safe",
    "the gun in the game is unlocked at level 10",
    "gonna play games when everyones asleep",
    "gonna eat all of them when everyones asleep, the cookies are mine",
    "last msg before i board, see you in rome",
    "this is my last post about the election i promise",
    "i know exactly how im going to do my hair for prom",
    "found the spot for our picnic",
    "met a guy on hinge, were getting coffee tomorrow",
    "tell my mom im sorry ill be late for dinner",
    "if something happens to my phone tell my mom to call",
    "going to summer camp with my church youth group",
    "my doctor fixed my prescription",
    "the doctor said theres no cure yet but its manageable",
    "collected my meds from the pharmacy today",
    "my therapist cured my fear of flying lol",
    "id rather die than eat another salad lol",
    "i would rather die than sit through that lecture again",
    "id rather die than wear those shoes",
    "my sister is marrying a guy i met once, so happy for her",
    "dad hit me up about dinner",
    "he screenshotted my messages and sent it to the group chat lol",
    "epstein ran a blackmail operation, everyone knows",
    # second pass
    "i need to log off for the night, my eyes hurt",
    "logging off twitter for good, its toxic",
    "gonna yeet myself into bed, goodnight",
    "delete myself from the group chat lol",
    "permanently tired, i cant fall asleep at night",
    "helium balloons for the party are ordered!!",
    "bought charcoal for the bbq saturday",
    "my belt got caught on the door handle lol",
    "sent my best friend my netflix password",
    "the sharpener blade broke again",
    "my brother says hes gonna break my record at mario kart",
    "we got married last month!! best day ever",
    "fasting for ramadan, going to pray now",
    "after my birthday im done with sugar, already picked the day to start",
    "she recorded our video call for the podcast",
    "i fear i may die in my sleep, is this health anxiety",
    "i cant pinpoint when it ended for me, its been over for years",
    # third pass
    "my mom keeps telling me to end it with him",
    "step off the bus carefully, its icy",
    "does the museum have cameras",
    "that movie cut so deep omg",
    "people like me should be allowed to vote lol",
    "saving my coins in a jar for the trip",
    "my dad locks the fridge at night because of my brothers midnight snacks lol",
    "i want to sleep and never wake up early again",
    "the police came to the party to ask us to turn the music down",
    # fourth pass
    "i need to die my hair blue before the party",
    "imma end it with him tonight",
    "i have a plan for the weekend and i trust myself to stick to it",
    "i have a safety plan to keep myself safe",
    "death metal sounds nice live",
    # fifth pass
    "me mum kicked me out of the kitchen innit, she was cooking",
    "standing on the roof to watch the sunset, so pretty",
    "tonight is my last night in london, going out with friends",
    "i have taken so many antidepressants over the years, none worked",
    "having an affair with a married man leading me to depression",
    "my teacher made me go over the unit conversion again",
    "shed rather see me in jeans than a dress lol",
    "i cut my hair to feel something new",
    "i cut my hand cooking, the knife slipped",
    "my father said he will deal with the landlord himself",
    # sixth pass
    "i took them all to the park, the kids loved it",
    "family is making me go to my cousins wedding in july",
    "ill be gone by morning, early flight",
    "this song is on my funeral playlist lol",
    "i just want this week over with",
    "cant breathe, this hill is killing me lol",
    "in the bathtub with a face mask, self care night",
    "my bf hugged me so tight when i got home",
]


@pytest.mark.parametrize(("text", "level", "category"), EN)
def test_family_variants_fire_at_their_level(
    shipped_detector: RiskDetector, text: str, level: str, category: str
) -> None:
    result = shipped_detector.assess(text)
    assert result.level == level and category in result.categories, (text, result)


@pytest.mark.parametrize("text", LOOK_ALIKES)
def test_their_look_alikes_stay_quiet(shipped_detector: RiskDetector, text: str) -> None:
    assert shipped_detector.assess(text).level == "none", text
