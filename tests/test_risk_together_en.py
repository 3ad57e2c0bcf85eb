"""The English `together` rules of content/en/safety.yaml: what each is for, and the look-alikes
each must leave alone (the shipped lists, every locale loaded)."""

from __future__ import annotations

import pytest

from bot.safety import RiskDetector

FIRES = [
    ("the rope is in my backpack", "high", "plan"),
    ("i have the blade and nobody is home", "high", "plan"),
    ("been saving up my antidepressants for weeks", "high", "plan"),
    ("i have the pills in my drawer. counted them twice", "elevated", "plan"),
    ("im on the ledge of my building rn", "high", "plan"),
    ("im on the roof of my building rn", "elevated", "plan"),
    ("i picked the date. saturday when theyre all at the wedding", "high", "plan"),
    ("took like 30 paracetamol an hour ago i feel sick", "high", "attempt"),
    ("last time i tried i woke up in the hospital and nobody said a word", "high", "attempt"),
    ("drank bleach yesterday and nobody knows", "high", "attempt"),
    ("if i dont reply tmrw, thank you for being kind to me", "high", "farewell"),
    ("deleted all my accounts. just wanted to say bye to someone", "high", "farewell"),
    ("wish i could just fall asleep and not wake up", "high", "intent"),
    ("my brother broke my nose when he saw my messages", "high", "others"),
    ("if my parents ever see my chats with her im dead, like actually dead", "high", "others"),
    ("my uncles keep talking about cleaning the family's name", "high", "others"),
    ("they took me to a sheikh who did ruqya on me for hours", "high", "others"),
    ("my parents are sending me to a pastor who fixes gay kids", "high", "others"),
    ("someone screenshotted my chats and says hes going to post them", "high", "others"),
    ("a boy in my class threatens to tell everyone im bi", "high", "others"),
    ("met a guy from grindr and 4 guys were waiting, they filmed me", "high", "others"),
    ("cops stopped me and went through my grindr", "high", "others"),
    ("my family disowned me last night", "elevated", "others"),
    ("i keep looking at the bridge on my way to school", "elevated", "plan"),
    ("i scratch my skin until it bleeds when my dad yells", "elevated", "self_harm"),
    ("whats the point of waking up tmrw honestly", "elevated", "hopeless"),
    ("if i disappeared no one at home would even look for me", "elevated", "hopeless"),
    ("i've got a bottle of vodka and my mom's pills", "high", "plan"),
    ("i'm in the bathroom with a razor", "high", "plan"),
    ("tonight i end it", "high", "intent"),
    ("my family is planning to take me back home to marry", "high", "others"),
    ("my mom took me to a doctor to make me straight", "high", "others"),
    ("they beat me up at school because im gay", "high", "others"),
    ("he says he'll send my pictures to my family", "high", "others"),
    ("my stepdad touches me when mom is at work", "high", "others"),
    ("my brother threatened me with a knife", "high", "others"),
    ("i ate a whole pack of pills", "high", "attempt"),
    ("im not gonna make it to my birthday", "elevated", "hopeless"),
    ("i'm going to the bridge tonight", "elevated", "plan"),
    ("a guy im talking to says he'll show everyone my nudes", "high", "others"),
    ("i have bruises from my father", "high", "others"),
    ("the men at the checkpoint took my phone and saw my photos", "high", "others"),
    ("they want to take me to my home country to marry me", "high", "others"),
    ("the police are raiding gay places, i'm scared they'll find me", "high", "others"),
    ("i burn my arms with cigarettes", "elevated", "self_harm"),
]

# plain wordings added with the rules (phrases, not rules)
PHRASES = [
    ("i won't be a problem for anyone after tonight", "high", "farewell"),
    ("i took everything in the medicine cabinet", "high", "plan"),
    ("my father said he will slaughter me", "high", "others"),
    ("my brothers are looking for me, they want to kill me", "high", "others"),
    ("i am not safe at home", "high", "others"),
    ("i know how i'm going to do it", "high", "plan"),
    ("i'm scared i'll do something", "high", "intent"),
    ("i cut deeper than usual last night", "elevated", "self_harm"),
    ("googled painless ways", "high", "plan"),
    ("my dad said he would rather see me dead", "high", "others"),
    ("my family took me to an exorcist", "high", "others"),
    ("they say i'm possessed", "high", "others"),
    ("im tired of existing", "elevated", "hopeless"),
    ("i ran away from home, my family is looking for me", "elevated", "others"),
    ("i have a plan and i don't know if i can keep myself from doing it", "high", "intent"),
    ("i'm driving fast and thinking of swerving", "high", "intent"),
    ("i need someone to talk me out of it", "elevated", "hopeless"),
    ("i'm never going to be happy, might as well end it", "high", "intent"),
    ("i hope i get hit by a car", "high", "intent"),
    ("i wouldn't mind if i died in my sleep", "high", "intent"),
    ("i have enough pills to do it", "high", "plan"),
    ("don't look for me", "elevated", "hopeless"),
    ("i'm bleeding a lot", "elevated", "self_harm"),
    (
        "I've been thinking about it a lot lately. I don't think I can hold on.",
        "elevated",
        "hopeless",
    ),
    ("Every night I lie awake wishing I wouldn't wake up.", "high", "intent"),
    ("It's getting harder to find reasons to stay.", "elevated", "hopeless"),
    ("My family would be better off with me gone.", "elevated", "hopeless"),
    ("I'm looking up ways to do it.", "high", "plan"),
    ("he pushed me down the stairs", "high", "others"),
    ("they said a real man would kill a son like me", "high", "others"),
    ("i was kicked out and im sleeping in a park", "elevated", "others"),
    ("no more pain soon", "elevated", "hopeless"),
]

LOOK_ALIKES = [
    "i keep my prep pills in my bag so my parents dont find them",
    "hiding my hormones under my bed, my mom checks my room",
    "bought a climbing rope, its in my backpack for tomorrow",
    "the knife is in my drawer, i use it for cooking",
    "my dad took my phone because of my grades lol",
    "we picked the date for the wedding! saturday when everyone is off work",
    "the wedding is already arranged for june and im so excited",
    "my sister is engaged and they are forcing me to wear a pink dress",
    "took 20 mg of my meds this morning",
    "i took 2 ibuprofen for my headache",
    "took like 30 photos of the sunset",
    "my therapist helps me accept that im gay",
    "the pastor prayed for my grandma's healing",
    "went to church with my mom, the priest talked about demons in the sermon lol",
    "i'm going to tell my parents that i'm gay this weekend, wish me luck",
    "met a guy on grindr, we were waiting for the bus together and talked for hours",
    "my date was a cop and he was super sweet",
    "the police took my phone as evidence after my bike was stolen",
    "got pulled over, cop luckily didn't arrest me, just a ticket",
    "my cat scratched my arms all over",
    "i cut my finger cooking, blood everywhere",
    "my prep pills are ready at the pharmacy",
    "the honor roll list is out, our name is on it",
    "loaded the shotgun for the clay shooting at the range",
    "i sent my photos to my mom from the trip",
    "i can't see a future where i can afford a house",
    "the doctor said the cast will heal my arm",
    "my dad cut the cake with a knife",
    "burned my hand on the stove lol",
    "i can't stop myself eating chocolate",
    "we no longer feel safe to live on the same street as this man",
    "should i be following someone else's lesson plans",
    "bye everyone see you tomorrow at practice",
    "its over for me, i failed the driving test again haha",
    "i love being alone with my thoughts on a sunday",
    "i hope i get hit by inspiration for this essay",
    "my dad and i went hiking, bruises everywhere lol",
    "my brother left me a black eye in boxing practice, proud of him",
]


@pytest.mark.parametrize(("text", "level", "category"), FIRES + PHRASES)
def test_each_rule_fires_where_it_is_meant_to(
    shipped_detector: RiskDetector, text: str, level: str, category: str
) -> None:
    result = shipped_detector.assess(text)
    assert result.level == level and category in result.categories, (text, result)


@pytest.mark.parametrize("text", LOOK_ALIKES)
def test_their_look_alikes_stay_quiet(shipped_detector: RiskDetector, text: str) -> None:
    assert shipped_detector.assess(text).level == "none", text
