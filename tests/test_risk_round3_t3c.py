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
from tests.conftest import assert_reads, rules_no_text_reaches

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
    # round 3, second pass (probes beyond the misses)
    ("تعبت من الحياة وبدي ارتاح للابد", "high", "intent"),
    ("والله لو عندي الجرأة كان قتلت حالي من زمان", "high", "intent"),
    ("لولا امي كان انتحرت", "high", "intent"),
    ("مش عايز اكمل في الدنيا دي", "high", "intent"),
    ("احسن لو ما خلقت", "elevated", "hopeless"),
    ("نازل عالبحر الليلة وما راجع", "high", "plan"),
    ("ماشي صوب النهر ومش راجع", "high", "plan"),
    ("قاعد على الشباك والطابق العاشر تحتي", "elevated", "plan"),
    ("عارف وين وامتى رح اعملها", "elevated", "plan"),
    ("حطيت الحبل بالسقف", "high", "plan"),
    ("اذا صار فيي شي، قولوا لامي اني بحبها", "elevated", "farewell"),
    ("مسحت كل صوري وحساباتي، خلص ما عاد في شي", "elevated", "farewell"),
    ("امبارح اخدت كل حبوبي وصحيت بالمستشفى", "high", "attempt"),
    ("اخدت بنادول كتير وغسلولي معدتي", "high", "attempt"),
    ("حاولت بس انقطع الحبل", "high", "attempt"),
    ("شنقت حالي السنة الماضية بس انقطع الحبل", "high", "attempt"),
    ("بعض ايدي لحد ما تنزف", "elevated", "self_harm"),
    ("بجرح ايدي لحد ما ينزف", "elevated", "self_harm"),
    ("اخوي كسرلي ضلعي لما لقاني بالشات", "high", "others"),
    ("قالولي اذا ما تجوزت بنت عمي رح يتبروا مني ويقتلوني", "high", "others"),
    ("اهلي مصادرين جوازي وتلفوني", "high", "others"),
    ("واحد من التطبيق مصورني وبدو الف", "high", "others"),
    ("قالي بفضحك والصور عندي", "high", "others"),
    ("قلي اذا ما بتجي لعندي بفضحك عند اهلك", "elevated", "others"),
    ("الامن استدعاني وسألني عن صحابي المثليين", "high", "others"),
    ("الشرطة سألوني عن المثليين بالحارة", "high", "others"),
    ("امي قالت رح تتبرا مني اذا ما تغيرت", "elevated", "others"),
    ("ابوي رح يتبرى مني لاني مثلي", "elevated", "others"),
    # round 3, third pass
    ("راح اذبح نفسي الليلة", "high", "intent"),
    ("بدي انهي حالي", "high", "intent"),
    ("عندي مسدس بالبيت وبفكر استعمله على حالي", "high", "plan"),
    ("بدي اطخ حالي بفرد ابوي", "high", "plan"),
    ("رجعت اشطب على ايدي", "elevated", "self_harm"),
    ("عمامي حالفين يقتلوني اذا رجعت عالبلد", "high", "others"),
    ("ابوي رماني برا البيت بنص الليل", "high", "others"),
    ("اهلي بيجوزوني لابن عمي الشهر الجاي وانا ما بدي", "high", "others"),
    ("اخوي حط السكين على رقبتي", "high", "others"),
    ("واحد من جريندر سرقني وضربني", "high", "others"),
    ("الشرطة داهموا الحفلة واخدوا كل الشباب", "high", "others"),
    ("حياتي ما الها معنى", "elevated", "hopeless"),
    # last pass: Gulf and Iraqi danger from others
    ("ابوي يطقني كل ما يشوفني لابس شي ضيق", "high", "others"),
    ("اخوي طقني لين طاح سني", "high", "others"),
    ("عمي قال بيغسل عاره فيني", "high", "others"),
    ("الهيئة مسكوني مع صاحبي", "high", "others"),
    ("اهلي ناويين يودوني عند مطوع يقرا علي", "high", "others"),
    ("ابويه يكتلني اذا عرف", "high", "others"),
    ("هلي طردوني وانا هسه بالشارع", "high", "others"),
    ("بابا قال هيوديني مصحة علشان يعالجني", "high", "others"),
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
    # round 3, second pass
    ("ta3ebt men el 7ayat w bdi erta7 lal abad", "high", "intent"),
    ("lawla mama kan ente7art men zaman", "high", "intent"),
    ("7addadt el yom, ba3dha khalas", "high", "plan"),
    ("nazel 3al ba7r el layle w mesh raje3", "high", "plan"),
    ("ra2e7 3ala el nahr w ma ra7 erja3", "high", "plan"),
    ("bokra el sob7 ra7 erme 7ali 2eddem el 2atr", "high", "plan"),
    ("eshtarayt shafrat w khabbayton bel 7ammam", "high", "plan"),
    ("iza sar fiye shi, 2olo la mama eni b7ebbha", "elevated", "farewell"),
    ("hay akher marra b7ke ma3kon", "elevated", "farewell"),
    ("akher layle, intebho 3ala 7alkon", "high", "farewell"),
    ("mbere7 a5adt kol 7boubi w fe2t bel mostashfa", "high", "attempt"),
    ("7awalt bas n2ata3 el 7abel", "high", "attempt"),
    ("sane2t 7ali bas n2ata3 el 7abel", "high", "attempt"),
    ("baba kol yom byedrobni 3ashan ana mesh rajel kfaye", "high", "others"),
    ("akhouya kasarli dl3i lama la2ani 3al chat", "high", "others"),
    ("ahli msadrin jawazi w telefoni", "high", "others"),
    ("wa7ad men el app msawarni w bido alf", "high", "others"),
    ("el amn estad3ani w sa2alni 3an s7abi", "high", "others"),
    ("mama ra7 tetbarra menni iza ma tghayyart", "elevated", "others"),
    # round 3, third pass
    ("bedi mout w khalas", "high", "intent"),
    ("ra7 eshrab chlor el layle", "high", "plan"),
    ("7abayebi hay risalti el akhira", "high", "farewell"),
    ("rje3t shatteb 3ala edi", "elevated", "self_harm"),
    ("khayye 7at el sekkine 3ala ra2bti", "high", "others"),
    ("3mami 7alfin yo2tlouni iza rje3t 3al balad", "high", "others"),
    ("ahli bijawzouni la ibn 3ammi w ana ma bade", "high", "others"),
    ("wa7ad men grindr sara2ni w darabni", "high", "others"),
    ("el shorta dahamo el 7afle w a5adou kol el shabab", "high", "others"),
    # round 3, core wordings in more spellings
    ("nebghi nmout", "high", "intent"),
    ("ghadi nqtl rasi", "high", "intent"),
    ("ma fi fayde men 7ayati", "elevated", "hopeless"),
    ("ana 3ib2 3ala ahli", "elevated", "hopeless"),
    ("7ayati ma ilha ma3na", "elevated", "hopeless"),
    ("bade ekhtefi men el donya", "high", "intent"),
    ("ya rab 5edni", "elevated", "hopeless"),
    ("baba y6gni kil ma yshofni labes shay thayyeg", "high", "others"),
    ("abuy yqool bydba7ni iza dara", "high", "others"),
    ("ekhwani 2aflo 3alay bel ghorfa w 5ethaw jawali", "high", "others"),
    ("el hay2a meskoni ma3 rab3i", "high", "others"),
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
    # second pass
    "بدي ارتاح شوي من الشغل",
    "بدي ارتاح للابد من هالمدير",
    "لولا امي كان ما نجحت",
    "لو عندي الجرأة كان قلتله بحبه",
    "ياريتني ما رحت عالحفلة",
    "رايح عالبحر وما راجع الا الصبح",
    "قاعد على الشباك بتفرج عالمطر",
    "ساكن بالطابق العاشر والمنظر حلو",
    "الحبل بالسقف للزينة",
    "اذا صار فيي شي بالعملية، قولوا لامي اني بحبها",
    "مسحت كل صوري القديمة، خلص ما عاد بدي ياهم",
    "اخدت كل حبوبي الصبح",
    "حاولت اصلح السيارة وما زبطت",
    "حاولت بس ما مت من الضحك",
    "بحك جلدي من الحساسية",
    "بعض اظافري لما اتوتر",
    "اخوي كسرلي قلبي لما سافر",
    "اذا رفضت العريس امي رح تزعل",
    "اهلي مصادرين تلفوني لحد ما تخلص الامتحانات",
    "صاحبي صورني وانا نايم وبدو يضحك",
    "امي رح تتبرا مني اذا شافت علاماتي",
    "الشرطة استدعتني كشاهد على الحادث",
    "الامن سألني عن صحابي بالجامعة لما ضاعت محفظتي",
    # third pass
    "رح اذبح الخروف بالعيد",
    "بدي انهي الشغل الليلة",
    "ناوية انهي حالي من هالعلاقة",
    "عندي مسدس ماء وبستعمله على اخوي",
    "رجعت اشطب الكلمات الغلط",
    "رجعت اقطع البصل وجرحت ايدي",
    "عمامي حالفين يجيبوا هدية",
    "اهلي بيجوزوا اختي الشهر الجاي وانا مبسوطة",
    "واحد من جريندر ضربني بلوك",
    "حط السكين على رقبة الخروف",
    "الحياة ما الها معنى بدون قهوة",
    "ابوي يطقني نكت كل يوم",
    "طقني الحر اليوم",
    "الشيخ يقرا على الناس بالمسجد",
    "رح ياخدوني عند الشيخ نزوره بالعيد",
    "اهلي طردوني من الغرفة لاني كنت عالي الصوت",
    "الهيئة مسكوا واحد مع مخدرات",
    "اخدوني على المصحة ازور جدي",
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
    # second pass
    "ta3ban w bdi erta7 shway",
    "7addadt el yom lel safar, ba3dha khalas",
    "lawla mama kan sa2att bel emte7an",
    "iza sar fiye shi bel 3amaliye 2olo la mama eni b7ebbha",
    "rayi7 3al ba7r w mesh raje3 abl el layl",
    "akhouya kasarli el telephone",
    "baba kol yom byedrobni bel tawle",
    "hay akher marra b7ke ma3kon 3an el siyase",
    "masa7t kol sowari el 2adime, 5alas kolshi",
    "ana 3a shebbek el tabe2 el 3asher w el manzar 7elo",
    "el shorta estad3atni ka shahed",
    "wa7ad msawarni w bido dollar 3ashan el sowra",
    "ahli msadrin telefoni la ba3d el emte7anat",
    "bokra ra7 erme 7ali 3al takht w nam kel el nhar",
    # third pass
    "ra7 edba7 el 5aroof",
    "bedi mout men el da7ek",
    "ra7 eshrab chai el layle",
    "risalti el akhira kanet 2abl shahr",
    "jouzi byedrobni bel play",
    "el shorta dahamo bayt el tajer",
    "rje3t shatteb el kalimat",
    "ma fi fayde men el mosalsal",
    "ekhwani 2aflo el bab 3alay bel ghalat",
    "baba y6gni nukat",
]


@pytest.mark.parametrize(("text", "level", "category"), AR_FIRES)
def test_arabic_variants_fire(
    shipped_detector: RiskDetector, text: str, level: str, category: str
) -> None:
    assert_reads(shipped_detector, text, level, category)


@pytest.mark.parametrize(("text", "level", "category"), ARABIZI_FIRES)
def test_arabizi_variants_fire(
    shipped_detector: RiskDetector, text: str, level: str, category: str
) -> None:
    assert_reads(shipped_detector, text, level, category)


@pytest.mark.parametrize("text", AR_LOOK_ALIKES + ARABIZI_LOOK_ALIKES)
def test_their_look_alikes_stay_quiet(shipped_detector: RiskDetector, text: str) -> None:
    assert shipped_detector.assess(text).level == "none", text


def test_every_round3_rule_has_a_sentence_above() -> None:
    """Each round 3 `together` rule of content/ar/safety.yaml (a rule naming an `r_` class),
    alone in a detector with the file's classes and modifiers and no phrases, is reached by
    some sentence above: no rule goes untested. (The t2c rules are checked by
    tests/test_risk_together_t2c.py.) The file is parsed once: building a detector per rule
    from the parsed lists keeps this fast."""
    texts = [text for text, _, _ in AR_FIRES + ARABIZI_FIRES]
    # round 4 (`u_` classes): test_risk_round4_t4c.py
    seen, untested = rules_no_text_reaches("ar", texts, lambda r: "{r_" in r and "{u_" not in r)
    assert seen > 50 and untested == []
