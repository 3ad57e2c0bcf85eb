"""Round 3 of the Arabic lists (issue 9, t3c): families of wordings, not single lines.

Each miss of the fresh2 Arabic and Arabizi sets was named as a family (blood declared forfeit,
self-harm as a habit, a burn, the head against a wall, a burden, things given away, a date set,
the police and a friend caught, a family's "I'll kill you", the means in hand and all of it
tonight, locked in, thrown out, forced marriage, exorcism and "cure", not wanting to live, ...)
and covered with word classes and `together` rules of content/ar/safety.yaml. The sentences
below are new variants written for this work (other verbs, dialects, word orders, Arabizi
spellings), never the fresh2 lines; each family's look-alikes (an exam, a wedding date, a
kitchen cut, a sermon, charity, the police and a thief) must stay quiet. Shipped lists, every
locale loaded."""

from __future__ import annotations

import pytest

from bot.safety import RiskDetector

# (text, level, category): Arabic script, across dialects
AR_FIRES: list[tuple[str, str, str]] = [
    # honour: blood declared forfeit
    ("اهلي هدروا دمي من يوم ما عرفوا عني", "high", "others"),
    ("عمي قال صار دمي مهدور اذا رجعت عالضيعة", "high", "others"),
    ("ابوي اهدر دمي قدام العيلة كلها", "high", "others"),
    # self-harm as a habit, a blade, to calm down; burns; the head against a wall
    ("بجرح ايدي كل ليلة لحتى ارتاح", "elevated", "self_harm"),
    ("كنجرح دراعي بالموس ملي كنتقلق", "elevated", "self_harm"),
    ("نجرح فخدي بشفرة وما حد درى", "elevated", "self_harm"),
    ("بشطب ايدي كل ما اتضايق", "elevated", "self_harm"),
    ("بشطب بالموس كل ما اتضايق", "elevated", "self_harm"),
    ("بحرق ايدي بالسيجارة لما اتعصب", "elevated", "self_harm"),
    ("حرگت ايدي بالجگارة البارحة", "elevated", "self_harm"),
    ("كنحرق يدي بالبريكة باش نرتاح", "elevated", "self_harm"),
    ("بضرب راسي بالحيط لحد ما ادوخ", "elevated", "self_harm"),
    ("كنخبط راسي مع الحيط كل ليلة", "elevated", "self_harm"),
    ("ضربت راسي بالحيطة حتى ينزل الدم", "elevated", "self_harm"),
    # a burden; no hope about life
    ("حاسة حالي حمل تقيل على اهلي من زمان", "elevated", "hopeless"),
    ("انا عالة على الكل", "elevated", "hopeless"),
    ("حاسس اني تقيل على الكل وما حدا بدو ياني", "elevated", "hopeless"),
    ("ما في امل بهالحياة", "elevated", "hopeless"),
    ("فقدت الامل بكل شي", "elevated", "hopeless"),
    # not wanting to live
    ("ما بقيت باغي نعيش", "high", "intent"),
    ("ما عدت اريد الحياة", "high", "intent"),
    # things given away
    ("فرقت حوايجي على صحابي وما عاد محتاجهم", "high", "farewell"),
    ("عطيت كل اغراضي لاصحابي، ما رح احتاجها", "high", "farewell"),
    ("وزعت كتبي وهدومي على صحباتي ومحدش فاهم ليه", "high", "farewell"),
    # a letter written and left
    ("كتبت الرسالة وحطيتها تحت مخدتي، الليلة بخلص", "high", "farewell"),
    ("كتبت رسالة لاهلي وقلتلهم مش ذنبكم", "high", "farewell"),
    # a date set, and what comes after
    ("حددت التاريخ، بعدها ما رح اتقل على حدا", "high", "plan"),
    ("اخترت اليوم، بعد ما امشي ما رح تشوفوني", "high", "plan"),
    ("حددت اليوم، اخر الشهر", "elevated", "plan"),
    # the means in hand: all of them tonight; prepared and beside me; a box and nobody home
    ("جبت حبوب المنوم وهبلعهم كلهم الليلة", "high", "plan"),
    ("عندي البنادول ورح ابلعهم كلهم هلق", "high", "plan"),
    ("جهزت كل شي والحبوب جنبي عالسرير", "high", "plan"),
    ("رتبت كل شي، الحبل قدامي", "high", "plan"),
    ("عندي علبة حبوب امي وكلهم نايمين", "high", "plan"),
    ("واقف عالجسر هلق وبفكر انط", "high", "plan"),
    # the police: a friend caught, and my number, our chats, an app date
    ("البوليس مسكو صاحبي وعنده رقمي، خايف", "high", "others"),
    ("الشرطة قبضت على صاحبي من جريندر وعرفوا اسمي", "high", "others"),
    ("اعتقلوا صديقي امبارح، وعندهم محادثاتنا", "high", "others"),
    # "I'll kill you" from the family: if again, if seen with him, if queer
    ("ابوي قالي اذا شفتك معه مرة تانية بقتلك", "high", "others"),
    ("اخويا قالي لو عرفت انك كده هدبحك", "high", "others"),
    ("امي قالت لو سمعت انك مثلي رح اقتلك", "high", "others"),
    ("ابوي هدد انه يقتلني اذا ما تغيرت", "high", "others"),
    ("خالي حلف يذبحني لو رجعت شفت صاحبي", "high", "others"),
    # locked in, thrown out, and the threat of it
    ("اهلي سكرو عليي الباب من يومين", "high", "others"),
    ("ابوي قفل علي باب الغرفة وما بيخليني اطلع", "high", "others"),
    ("طردوني من البيت وانا هلق بالشارع", "high", "others"),
    ("ابوي طردني من البيت لما عرف", "high", "others"),
    ("طردوني من البيت", "elevated", "others"),
    ("اهلي رح يرموني بالشارع اذا عرفوا", "high", "others"),
    ("اهلي بدهم يطردوني لاني مثلي", "high", "others"),
    ("ابوي قال رح يطردني", "elevated", "others"),
    # conversion, with no healer named
    ("بدهم ياخدوني عند دكتور يعالجني من المثلية", "high", "others"),
    ("اهلي بدهم يغيروني من اني مثلي", "high", "others"),
]

# (text, level, category): Arabizi (Latin letters and digits)
ARABIZI_FIRES: list[tuple[str, str, str]] = [
    ("abouya 2al dami mahdour", "high", "others"),
    ("ahli hadarou dami", "high", "others"),
    ("bagra7 edi kol lela", "elevated", "self_harm"),
    ("bajra7 7ali 3ashan arta7", "elevated", "self_harm"),
    ("kandreb rasi m3a l7it", "elevated", "self_harm"),
    ("bjarre7 7ali kol lela", "elevated", "self_harm"),
    ("7eml te2il 3al kel ana", "elevated", "hopeless"),
    ("ma fi amal bhal 7aya", "elevated", "hopeless"),
    ("wazza3t 7ajati 3a as7abi", "high", "farewell"),
    ("farra2t aghradi 3al as7abi w ma 7ada fehim lesh", "high", "farewell"),
    ("farra2t 7ajati, iza ma raddet ma t2la2o", "high", "farewell"),
    ("katabt risale la mama, law ma raddet ma tez3alo", "high", "farewell"),
    ("7addadt el yom, el khamis", "elevated", "plan"),
    ("5tart el yom, ba3d bokra", "elevated", "plan"),
    ("jebt el 7obob w ha5odhom kollohom el leila", "high", "plan"),
    ("3andi el dawa w ra7 ekhedon kellon hala2", "high", "plan"),
    ("jahhazt kol shi w el 7bob janbi", "high", "plan"),
    ("kolshi jehez, el 7abel gambi", "high", "plan"),
    ("3andi 3elbet dawa w kollhom nayemin", "high", "plan"),
    ("3andi 3elbeten panadol w ahli msafrin", "high", "plan"),
    ("ana 3al jisr hala2 w bfakker ent", "high", "plan"),
    ("el police 2abado 3ala sa7bi men el app", "high", "others"),
    ("el amn mesko sa7bi w 3andohom esmi", "high", "others"),
    ("mesko sa7bi w howa 3ando ra2mi", "high", "others"),
    ("el shorta 2abadet 3alay w fatashet telefoni", "high", "others"),
    ("baba 2alli iza shiftak ma3 hal shab ra7 e2tlak", "high", "others"),
    ("khouya gal ila chaftek m3a dak drari ghadi n9tlek", "high", "others"),
    ("abouya 2al iza 3reft enak gay ha2tlak", "high", "others"),
    ("abouy 2al ra7 yo2tolne iza 3eref", "high", "others"),
    ("5ouya ghadi yqtlni ila 3raf bli ana gay", "high", "others"),
    ("mama chafni m3a sa7bi w 2alet ghadi t9tlni", "high", "others"),
    ("mama 2alet iza 3erfet eni gay ra7 t2otolni", "high", "others"),
    ("ahli 3erfo 3anni w darabouni", "high", "others"),
    ("baba hadad enno yo2tolni iza ma tghayyart", "high", "others"),
    ("khayye hadadni bel sekkine", "high", "others"),
    ("ahli 2aflo 3alay el bab men yomen", "high", "others"),
    ("baba sakkar 3layi el oda w a5ad telefoni", "high", "others"),
    ("tardouni men el beit w ma 3andi wein anam", "high", "others"),
    ("tardouni w daba ana f zan9a", "high", "others"),
    ("baba tardni mn dar", "high", "others"),
    ("ahli ra7 yermouni bel share3 iza 3erfo", "high", "others"),
    ("ahli ra7 yotrodouni la2enno ana gay", "high", "others"),
    ("baba ra7 yotrodni", "elevated", "others"),
    ("bidhom yzawjouni bel ghasb", "high", "others"),
    ("ahli ygawzouni w ana mesh 3ayza", "high", "others"),
    ("bghaw yzawjouni bessif", "high", "others"),
    ("ahli bijawzouni bala ma yes2louni", "high", "others"),
    ("baba wadani 3and el sheikh 3ashan yetla3 el jinn menni", "high", "others"),
    ("ahli jabo el fqih ykherej lijnoun li fiya", "high", "others"),
    ("baba ra7 yjible shaikh ye2ra 3alay", "high", "others"),
    ("ahli bidhom ya5douni 3and doctor nafsi y3alejni men el mithliye", "high", "others"),
    ("mabdi 3eesh ba2a", "high", "intent"),
    ("mesh 3ayza a3eesh", "high", "intent"),
    ("ma areed a3ish", "high", "intent"),
    ("areed amout", "high", "intent"),
    ("nawi amout", "high", "intent"),
    ("bdi 2etol 7ali", "high", "intent"),
    ("ana nawi a5alles 3ala 7ayati", "high", "intent"),
    ("7awelt a2tel 7ali abel sana", "high", "attempt"),
    ("7awalet 2etol 7ale", "high", "attempt"),
]

# the look-alikes of those families: everyday speech that must stay quiet
AR_LOOK_ALIKES: list[str] = [
    "دمي خفيف والكل بحبني",
    "ضغط دمي عالي اليوم ولازم روح عالدكتور",
    "هدروا وقتي بالاجتماع ساعتين",
    "جرحت ايدي وانا بقطع البصل",
    "بحرق البخور كل ليلة عشان ارتاح",
    "نسيت السيجارة بالولاعة وحرقت الكنبة",
    "بدي اضرب راسي بالحيط من هالشغل",
    "بطبخ كل ليلة حتى ارتاح",
    "حركت ايدي بسرعة بالرياضة",
    "الشنطة تقيلة على ايدي",
    "الاكل كان تقيل عالمعدة",
    "ما في امل بالمنتخب هالسنة",
    "وزعت اغراضي القديمة على الجمعية قبل ما انتقل",
    "عطيت كتبي لاختي الصغيرة لانها بالثانوي",
    "وزعت الحلو على رفقاتي بعيد ميلادي",
    "حددت يوم العرس الخميس الجاي",
    "حددت اليوم للامتحان بعد بكرا",
    "حددت موعد مع الدكتور يوم الخميس",
    "كتبت رسالة لاستاذي عن المشروع",
    "الشرطة مسكت الحرامي اللي سرق تلفوني",
    "الشرطة مسكت صاحبي لانه كان سايق بسرعة",
    "صاحبي قالي بقتلك اذا تأخرت",
    "الدكتور قال اخدهم كلهم قبل ما نام",
    "اخدت حبوب الضغط الليلة",
    "جهزت كل شي للرحلة والشنطة جنبي",
    "امي سكرت الباب عشان البرد",
    "طردوني من الشغل وانا بلا فلوس",
    "عندي علبة حبوب امي بشنطتي لاعطيها اياها",
    "بنتعالج من الانفلونزا كلنا",
]

ARABIZI_LOOK_ALIKES: list[str] = [
    "dami te2il 3layhom",
    "wazza3t el 7elo 3al as7abi",
    "7addadet el yom lel safar, ba3d bukra",
    "el police mesko el 7arami",
    "baba 2al ra7 e2tlak iza ma najja7t",
    "el doctor 2al ekhod el dawa kello",
    "jahhazt kol shi lel safar",
    "el emte7an hay2telni bokra",
    "el emte7an da hay2telni, msh fahem 7aga",
    "el shoghl da hay2telni",
    "baba sakkar 3alay el khatt",
    "tardouni men el sha3'el",
    "3ersi ba3d shahr w ana far7ana",
    "el sheikh 2ara 3alay ro2ya bas 3adi ana btl3ab ma3o",
    "shoft film 3an el jinn",
    "bagra7 edi bel sekkina w ana ba6bo5",
    "ma fi amal bel mountakhab",
]


@pytest.mark.parametrize(("text", "level", "category"), AR_FIRES)
def test_arabic_variants_fire(
    shipped_detector: RiskDetector, text: str, level: str, category: str
) -> None:
    result = shipped_detector.assess(text)
    assert result.level == level and category in result.categories, (text, result)


@pytest.mark.parametrize(("text", "level", "category"), ARABIZI_FIRES)
def test_arabizi_variants_fire(
    shipped_detector: RiskDetector, text: str, level: str, category: str
) -> None:
    result = shipped_detector.assess(text)
    assert result.level == level and category in result.categories, (text, result)


@pytest.mark.parametrize("text", AR_LOOK_ALIKES + ARABIZI_LOOK_ALIKES)
def test_their_look_alikes_stay_quiet(shipped_detector: RiskDetector, text: str) -> None:
    assert shipped_detector.assess(text).level == "none", text
