"""The Arabic and Arabizi `together` rules of content/ar/safety.yaml: what each is for, and the
look-alikes each must leave alone (the shipped lists, every locale loaded)."""

from __future__ import annotations

import pytest

from bot.safety import RiskDetector

FIRES = [
    # plan: means at hand, alone, a ledge now, everything prepared
    ("عندي مسدس ابوي بالغرفة الحين", "high", "plan"),
    ("الحبل تحت سريري من اسبوع", "high", "plan"),
    ("الحبل جاهز وما حدا بالبيت", "high", "plan"),
    ("صرلي شهر عم جمع حبوب المنوم", "high", "plan"),
    ("عندي علبتين بنادول ولحالي بالبيت", "high", "plan"),
    ("3andi 3elbeten panadol w ma7ad bel beit", "high", "plan"),
    ("انا على حافة السطح هلق", "high", "plan"),
    ("ana 3a 7afet el sat7 hala2", "high", "plan"),
    ("جهزت كل شي، الليلة بخلّص", "high", "plan"),
    # intent: decided, wishing not to wake up or to vanish
    ("أنا مش هكمل، خلاص قررت", "high", "intent"),
    ("خلاص قررت انهي كل شي", "high", "intent"),
    ("ودي اختفي من هالدنيا وافتك", "high", "intent"),
    ("بدي نام وما فيق", "high", "intent"),
    ("2arfan men kol 7aga, nefsi ab2a mesh mawgood", "high", "intent"),
    ("ta3abt, abi arta7 min hal 7ayat kilha", "high", "intent"),
    ("wallah ila 3yit, ghadi nsali m3a rasi had l lil", "high", "intent"),
    # literal phrases added beside the rules
    ("ما عاد بدي كون موجود", "high", "intent"),
    ("ليش عايش اصلا", "high", "intent"),
    ("mabadi 3ish", "high", "intent"),
    ("هرمي نفسي من البلكونة", "high", "plan"),
    # attempt: an overdose by count or box, a past attempt and hospital, poison drunk
    ("بلعت 30 حبة بنادول من ساعة", "high", "attempt"),
    ("اخدت علبتين بنادول وبطني بيوجعني", "high", "attempt"),
    ("bla3t 30 7abbet panadol", "high", "attempt"),
    ("5adt 3elbeten panadol el sob7", "high", "attempt"),
    ("اخر مرة حاولت صحيت بالمستشفى", "high", "attempt"),
    ("شربت كلور امبارح وماحدش عرف", "high", "attempt"),
    # farewell
    ("ودعت اصدقائي اليوم، بعد ما راح ازعج احد", "high", "farewell"),
    ("شكرا على كل شي، واذا ما رديت بكرا مش ذنبكم", "high", "farewell"),
    ("ديروا بالكم على قطتي، انا ما رح اقدر بعد اليوم", "high", "farewell"),
    ("el layle akher layle, sam7ouni", "high", "farewell"),
    ("katabt 3al insta 'shukran 3ala kel shi' w ra7 atfi el telefon", "high", "farewell"),
    ("sam7ouni, ma ra7 tshoufouni ba3d el yom", "high", "farewell"),
    # others: violence told as what happened, threats, honour, marriage, conversion, blackmail
    ("ابوي لما شاف الرسايل كسرلي انفي", "high", "others"),
    ("ماما لما عرفت ضربتني بالحزام", "high", "others"),
    ("اهلي قافلين عليي الباب من جمعة وما عم يخلوني روح ع الجامعة", "high", "others"),
    ("أخويا الكبير قال لو الفضيحة طلعت هيخلص عليا بإيده", "high", "others"),
    ("خويا قالي باش يقتلني كان نزيد نحكي معاه", "high", "others"),
    ("بابا قال اذا عرف اني مثلي رح يقتلني", "high", "others"),
    ("اهلي لو عرفوا اني مثلي رح يقتلوني", "high", "others"),
    ("عمامي بيقولوا شرف العيلة ما بيرجع الا بالدم", "high", "others"),
    ("العرس بعد شهر من غير ما يسألوني وانا ما بعرفه", "high", "others"),
    ("بدهم يزوجوني لابن عمي غصب عني", "high", "others"),
    ("ابوي رح ياخدني عند الشيخ ليطلّع الجن مني، آخر مرة ربطوني", "high", "others"),
    ("ودوني لدكتور نفسي عشان يعالجني من المثلية", "high", "others"),
    ("واحد من السناب مصور محادثاتي ويهددني يرسلها لأخواني", "high", "others"),
    ("واحد كيهددني يفضحني عند العائلة إلا ما عطيتوش الفلوس", "high", "others"),
    ("واحد من الصف بيهددني لأني مثلي", "high", "others"),
    ("رح يقول لاهلي اني مثلي اذا ما رديت عليه", "high", "others"),
    ("رحت على موعد من جريندر وطلع كمين، صوروني وسرقوني", "high", "others"),
    ("البوليس شدّوني وفتشو التيليفون ديالي، قالو غادي يعيطو عليا عاوتاني", "high", "others"),
    ("abouya 2al lw 3eref hay2telni", "high", "others"),
    ("wa7ed 3ando screenshots men el chat w bey2ol hayeb3atha l abuya", "high", "others"),
    ("sa7bi et2abad 3aleh men el app w el bolis 3andohom ra2ami", "high", "others"),
    ("kel jum3a y5athoni 7ag el mutawa3 ye2ra 3alay w ydrebni bel 3asa", "high", "others"),
    ("mn nhar 3erfo, kay3tiwni ghir l khobz w l ma, w msdoud 3lia f lbit", "high", "others"),
    ("ra7 y2ol la ahli eni gay", "high", "others"),
    ("el 3ers ba3d shahr w ana ma ba3rfo", "high", "others"),
    # elevated: near a height now, thinking of jumping, a letter, self-harm, hopelessness
    ("انا عالجسر هلق", "elevated", "plan"),
    ("ana 3al jeser hala2", "elevated", "plan"),
    ("كل ما اعدي على الكوبري بفكر انط", "elevated", "plan"),
    ("الحبوب بدرجي، عديتهم مرتين", "elevated", "plan"),
    ("كتبت رسالة لأمي قبل ما امشي", "elevated", "farewell"),
    ("جرحت ايدي اليوم كمان مرة", "elevated", "self_harm"),
    ("شرّطت يدي بالموس البارح وما قلت لحتى واحد", "elevated", "self_harm"),
    ("جرحت ذراعي مرة أخرى البارحة بشفرة الحلاقة", "elevated", "self_harm"),
    ("هقطع في ايدي تاني النهارده مش قادر", "elevated", "self_harm"),
    ("3awwart edi tani embare7 bel mous", "elevated", "self_harm"),
    ("edi mjarra7a kollha w ma 7ada bye3ref", "elevated", "self_harm"),
    ("لو مت ما حدا رح ينتبه", "elevated", "hopeless"),
    ("بدوني اهلي رح يرتاحوا", "elevated", "hopeless"),
    ("law mett mesh hatefre2 m3 7ad", "elevated", "hopeless"),
    ("شو الفايدة اصحى كل يوم", "elevated", "hopeless"),
    ("shu el fayde as7a kel yom", "elevated", "hopeless"),
    ("ما في فايدة اعيش هيك", "elevated", "hopeless"),
    ("mafi fayde 3ish", "elevated", "hopeless"),
    ("ليش اصحى كل يوم", "elevated", "hopeless"),
    ("نفسي اختفي", "elevated", "hopeless"),
    ("ابوي منعني اطلع من البيت من شهر", "elevated", "others"),
    ("ايدي كلها جروح وبلبس كم طويل بالصيف", "elevated", "self_harm"),
    ("edi kolha jrou7 w bal2bes kom tawile", "elevated", "self_harm"),
    ("ana 3al jisr w bfakker erme 7ali", "elevated", "plan"),
    # a second probe, written after the first rules (other dialects and wordings)
    ("قاعد فوق سطح العمارة الحين", "elevated", "plan"),
    ("واقف على حافة الكوبري دلوقتي", "high", "plan"),
    ("خبيت حبوب امي بالكبت من اسبوعين", "high", "plan"),
    ("بلعت علبة كاملة من البنادول", "high", "attempt"),
    ("وزعت اغراضي على اصحابي، ما رح احتاجها", "high", "farewell"),
    ("اهتموا بقطتي اذا ما رجعت", "high", "farewell"),
    ("ابوي كسر راسي بالعصا لما شافني مع صاحبي", "high", "others"),
    ("خالي قال العار ما يغسله الا الدم", "high", "others"),
    ("خطبوني لرجل كبير وما حد سألني", "high", "others"),
    ("بنت بالمدرسة بتهدد تفضحني اني بحب بنات", "high", "others"),
    ("مبقاش فيا حيل، عايز أنام ومصحاش", "high", "intent"),
    ("بغيت نمشي من هاد الدنيا", "high", "intent"),
    ("baba kassarli edi lamma 3ref", "high", "others"),
    ("3ando sowari w bi hadedni", "high", "others"),
    ("law ma raddet, sam7ouni", "high", "farewell"),
    # a third probe: Iraqi, Gulf, Maghrebi, more Arabizi
    ("اهلي طالعين والحبوب كدامي", "high", "plan"),
    ("شربت ديتول", "high", "attempt"),
    ("اخر مرة راح احجي وياكم", "high", "farewell"),
    ("ابوية ضربني بالصوندة", "high", "others"),
    ("اخويه كسرلي ايدي لان شافني وية ولد", "high", "others"),
    ("عمامي يريدون يغسلون عارهم", "high", "others"),
    ("ابوي قال راح يوديني للسيد يطلع الجني مني", "high", "others"),
    ("تعبت، ابي انام ولا اصحى", "high", "intent"),
    ("بوي ضربني بالسمطة كي عرف", "high", "others"),
    ("خويا هددني يذبحني كان عاود شافني معاه", "high", "others"),
    ("3andi 7bal ta7t el takht", "high", "plan"),
    ("sara2t 7boub mama w 5abbeyton", "high", "plan"),
    ("a5adt 30 7abbe", "high", "attempt"),
    ("bla3t kol 7boub mama", "high", "attempt"),
    ("7awalt w sa7eet bel mostashfa", "high", "attempt"),
    ("يا ريت ما انولدت", "elevated", "hopeless"),
    ("كل الناس راح يرتاحون اذا مت", "elevated", "hopeless"),
    ("ايدي كلها شروط", "elevated", "self_harm"),
    ("bdi ekhtefe", "elevated", "hopeless"),
]

LOOK_ALIKES = [
    # medicine that is routine: hormones, PrEP, the pill, a headache, a dose or a time
    "حبوب منع الحمل مخبية بدرجي عشان امي ما تشوفها",
    "عم خبي حبوب الهرمونات تحت سريري",
    "بلشت آخد حبوب البريب، مخبيها بشنطتي",
    "اخدت حبتين بنادول للصداع",
    "اخدت حبة بنادول وبعد 20 دقيقة راح الوجع",
    "اخدت 20 ملغ من دوائي الصبح",
    "اخدت 20 صورة للغروب",
    "bla3t 2 panadol lal rasi",
    "شربت علبة كاملة عصير",
    # a rope for camping or climbing, a kitchen knife, a shaving cut, cooking
    "الحبل في الشنطة للمخيم",
    "اشتريت حبل تسلق، هو بشنطتي لبكرا",
    "السكينة بالدرج، بستعملها للطبخ",
    "جرحت ايدي بالسكين وانا بقطع البصل",
    "جرحت دقني بشفرة الحلاقة وانا بحلق",
    # heights and bridges in daily life, 'نط' as 'pop over to'
    "انا عالسطح عم اتفرج عالغروب",
    "بدي انط عالبحر بكرا مع الشباب",
    "كل ما اعدي على الكوبري بتذكر ايام الجامعة",
    # deciding to leave a course or a relationship
    "قررت مش هكمل في الكلية دي، هحول",
    "خلاص قررت، مش هكمل معاه، خلصت العلاقة",
    # weddings, engagements, a cousin's wedding
    "العرس الجمعة الجاية وانا متحمسة كتير",
    "خطوبة اختي بعد شهر، العريس ابن خالتي",
    "عرس ابن عمي الأسبوع الجاي",
    "baddi 3ers kbir ya shabab",
    # a sermon, a grandmother's ruqya, a therapist who helps, depression treated
    "رحت على الجامع، الشيخ حكى عن الجن بالخطبة",
    "الشيخ قرأ رقية لجدتي المريضة",
    "el sheikh 2ara 3ala teta",
    "معالجي النفسي بيساعدني اتقبل اني مثلي",
    "رحت لطبيب نفسي عشان يعالجني من الاكتئاب",
    # coming out by choice; a parent's anger as a joke; shame over the dishes
    "رح قول لأهلي اني مثلي هالويكند، ادعولي",
    "أمي رح تقتلني إذا تأخرت",
    "ماما رح تقتلني اذا ما رتبت غرفتي ههههه",
    "mama ra7 t2tolni iza et2a5art",
    "ابوي اخد تلفوني عشان العلامات",
    "عار عليه ما يغسل الصحون",
    "هاد الامتحان غادي يقتلني",
    "قريت خبر فالجريدة على واحد انتحر، الله يرحمو",
    # police and apps in ordinary life; an injection at an appointment
    "الشرطة اخدوا تلفوني كدليل بعد ما انسرق",
    "البوليس وقفوني عالحاجز وطلبوا الهوية",
    "el bolis wa2afouni 3al 7ajez",
    "تعرفت على واحد من جريندر وكان لطيف كتير",
    "ضربوني ابرة بالموعد عند الدكتور",
    "بعتت صوري لأهلي من السفر",
    # everyday goodbyes and thanks, a letter that says I'll be late
    "شكرا على كل شي اليوم، نحكي بكرا",
    "مع السلامة، نحكي بكرا",
    "bye nshoufak bokra",
    "el layle a7la layle, shukran ya shabab",
    "كتبت رسالة لأمي انو رح اتأخر",
    "شو الفايدة من هالاجتماع",
    "لو مت من الضحك مين رح يلومني",
    "بدي اختفي عن السوشال ميديا شوي",
    "وزعت اغراضي القديمة على الجمعية، ما رح احتاجها",
    "الكلور بالخزانة",
    "شربت قهوة بالطريق وحطيت بنزين بالسيارة",
    "شربت مي وحطيت مطهر عالجرح",
    "البوي فريند تبعي جابلي ورد",
    "ابويه جابلي موبايل جديد",
    "السيد قال الجني بالقصة كان لطيف",
    "اهلي برا والحبل بالحديقة للغسيل",
    "الحبوب قدامي على الطاولة، اخدت وحدة للصداع",
    "ahli msafrin w ana la7ali bel beit, 3am etfarraj 3al netflix",
    "5abbeyton la 3id milad ekhti",
    "a5adt 30 sora",
    "7awalt arou7 3al mostashfa bas ma la2et taxi",
    "bdi ekhtefe shway 3an el social media",
    "3andi 7abel lal camping bel shanta",
    # a negation before a part cancels the rule
    "ما في حبل تحت سريري، رميته",
    "البوليس ما فتشوا تلفوني الحمد لله",
]


@pytest.mark.parametrize(("text", "level", "category"), FIRES)
def test_each_rule_fires_where_it_is_meant_to(
    shipped_detector: RiskDetector, text: str, level: str, category: str
) -> None:
    result = shipped_detector.assess(text)
    assert result.level == level and category in result.categories, (text, result)


@pytest.mark.parametrize("text", LOOK_ALIKES)
def test_their_look_alikes_stay_quiet(shipped_detector: RiskDetector, text: str) -> None:
    assert shipped_detector.assess(text).level == "none", text
