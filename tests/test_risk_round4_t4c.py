"""Round 4 of the Arabic and Arabizi risk lists (issue 9, t4c): wordings that generalise.

Each family of wordings the fresh3 sets missed (pills bought so that nobody suspects, an attempt
survived and the thought back, a parent's threat to send me away for good, "nobody would notice
if I went", sitting on an edge high up, a blade in my hand now, a friend caught and me next,
things given away "keep them for ever", told not to come back and sleeping in a car, the pills
and "all of them", self-harm as a habit (cut, bite, burn), a date set and "ending all this",
"if he sees me with him he kills me", Maghrebi "إلى" (if), MSA future threats, praying to be
taken, a wedding "and I don't want him", going and not coming back, summoned by the police,
a threat with a weapon, blackmail for money, Maghrebi "I don't want to live", beaten by
brothers, a "cure" for being queer) is tested with variants of our own (other verbs, tenses,
word orders, dialects, Arabizi spellings), never with the fresh3 lines themselves, and each
with the everyday look-alikes it could be mistaken for (a medicine shortage, hormones, an
antibiotic course, a plant on a balcony, shaving, a summer at an uncle's, a new phone, a road
trip, a teacher's "he'll kill me", a witness summons, a cat's bite, a kitchen burn...).

Checked with the lists alone (the shared detector of tests/conftest.py has no model), so the
model cannot mask a gap. A line is (text, level, category); a look-alike has level "none"."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.safety import RiskDetector, SafetyLists

AR_SAFETY = Path(__file__).resolve().parent.parent / "content" / "ar" / "safety.yaml"

H, E, N = "high", "elevated", "none"

CASES: dict[str, list[tuple[str, str, str]]] = {
    "ar": [
        # A the means bought so that nobody suspects
        ("عم اشتري حبوب منوم من كذا صيدلية عشان ما حدا يشك", H, "plan"),
        ("جمعت علبتين بنادول من صيدليتين حتى ما حدا ينتبه", H, "plan"),
        ("كل يوم بشتري علبة دوا من صيدلية شكل لحتى محدش يشك فيا", H, "plan"),
        ("اشتريت الحبوب على دفعات حتى لا يلاحظ أحد", H, "plan"),
        ("لفيت على كذا صيدلية لحتى لقيت دوا الضغط لامي", N, ""),
        ("اشتريت حبوب الهرمونات من صيدلية بعيدة عشان ما حدا يشك", N, ""),
        ("شريت علبتين بنادول من الصيدلية لان الدوا مقطوع", N, ""),
        # B an attempt survived, and the thought back
        ("حاولت مرة ونجيت بس الافكار رجعت", H, "attempt"),
        ("من سنتين حاولت ونجوت، وهلق الفكرة رجعتلي", H, "attempt"),
        ("حاولت السنة الماضية وما متت", H, "attempt"),
        ("بعد محاولتي الاولى رجعت الفكرة تلاحقني", H, "attempt"),
        ("حاولت اهرب من الزحمة ونجيت بصعوبة", N, ""),
        ("حاولت انام بس الفكرة رجعت براسي", N, ""),
        # C a parent's threat to send me away, for good
        ("ابوي قال اذا ما تغيرت رح يبعتني عالضيعة عند عمي", H, "others"),
        ("امي هددت انها رح تسفرني عند خالي اذا ما تركت هالشي", H, "others"),
        ("بابا بيقول إن لم أتغير سيرسلني إلى البلد ولن أعود", H, "others"),
        ("اهلي قالوا رح يبعتوني عالبلد وما رح ارجع", H, "others"),
        ("ابوي رح يبعتني عند عمي بالصيف لاشتغل معه", N, ""),
        ("امي رح تبعتني عالضيعة اسبوع عند ستي", N, ""),
        # D nobody would notice if I went; better for them
        ("ما حدا رح يلاحظ اذا غبت، بالعكس احسن لهم", E, "hopeless"),
        ("لو اختفيت ما حدا رح يحس", E, "hopeless"),
        ("ما احد بيلاحظ لو رحت، يمكن يرتاحون", E, "hopeless"),
        ("اذا رحت عالحفلة ما حدا رح يحس اني تأخرت", N, ""),
        ("لو رحت بكير احسن للكل عشان الزحمة", N, ""),
        # E on an edge, high up, legs out
        ("قاعدة على حافة البلكون بالطابق العاشر", H, "plan"),
        ("واقف ع طرف السطح ورجليي لبرا", H, "plan"),
        ("قاعد على سور البلكون، رجلي برا", H, "plan"),
        ("انا على حفة الشباك بالدور التاسع", H, "plan"),
        ("قاعدة على البلكون بالطابق العاشر عم اشرب قهوة", N, ""),
        ("حطيت الزرع على حافة البلكون", N, ""),
        # F a blade in my hand, now
        ("الشفرة بايدي هلق وانا بالحمام", H, "plan"),
        ("ماسكة الموس هلق", H, "plan"),
        ("ماسك شفرة دابا", H, "plan"),
        ("ماسك المقص هلق عم قص شعري", N, ""),
        # G a friend caught, and me next
        ("الظابط خد رقمي بعد ما اتقبض على حبيبي من الابلكيشن", H, "others"),
        ("الشرطة اعتقلت صاحبي وعندهم رقمي ومستني دوري", H, "others"),
        ("البوليس شدو صديقي من التطبيق وانا الجاي", H, "others"),
        ("الشرطي خد رقمي عشان يبعتلي محضر الحادثة", N, ""),
        ("مستني دوري بالبنك من ساعة", N, ""),
        # H things given away: keep them for ever, I won't need them
        ("عطيت اختي تلفوني وقلتلها خليه معك على طول", H, "farewell"),
        ("سبت اللابتوب لاخويا الصغير، مش هحتاجه تاني", H, "farewell"),
        ("اعطيت صاحبتي خاتمي وقلتلها خليه عندك للابد", H, "farewell"),
        ("عطيت اختي تلفوني القديم لانو اشتريت جديد", N, ""),
        ("سبت الموبايل عند اختي لحد ما ارجع من السفر", N, ""),
        # I told not to come back, and where I sleep now
        ("امي قالتلي لا ترجعي عالبيت، نايمة بالسيارة", H, "others"),
        ("ابويا طردني وقال متجيش تاني، بايت في العربية", H, "others"),
        ("اهلي قالولي ما ترجع، صرلي يومين نايم بالحديقة", H, "others"),
        ("نايم بالسيارة لان الطريق طويل", N, ""),
        ("ابوي قال لا ترجع متأخر الليلة", N, ""),
        # J the pills, and all of them
        ("عندي حبوب منوم كتير وناوي اخدها كلها", H, "plan"),
        ("الحبوب بدرجي ورح ابلعها كلها", H, "plan"),
        ("جمعت دوا امي وبدي اشربه كله", H, "plan"),
        ("بنادول كتير عندي وقررت اخذهم كلهم", H, "plan"),
        ("الدكتور قال لازم اخد حبوب المضاد الحيوي كلها", N, ""),
        ("حبوب الفيتامين رح اخدها كلها بالترتيب", N, ""),
        # K self-harm as a habit
        ("كل ما ضاقت فيني بجرح دراعي بالموس", E, "self_harm"),
        ("اقص ايدي من ازعل", E, "self_harm"),
        ("باخد الشفرة وبجرح زندي", E, "self_harm"),
        ("كنجرح فخدي كل ما نتقلق", E, "self_harm"),
        ("لما ابكي بخدش معصمي لحد ما ينزف", E, "self_harm"),
        ("اقص شعري من اضوج", N, ""),
        ("بقص ضوافري كل ليلة", N, ""),
        # L decided, a date, and ending all this
        ("قررت اخلص من كلشي بعد رمضان", H, "plan"),
        ("حددت اليوم، بعد العيد سأنهي كل هذا", H, "plan"),
        ("قررت اخلص من هالعذاب اخر الشهر", H, "plan"),
        ("قررت اخلص من كل الاغراض القديمة بعد العيد", N, ""),
        ("قررت انهي كل الشغل قبل العيد", N, ""),
        # M seen with him, and "he kills me" (Iraqi, Gulf)
        ("ابوي اذا شافني ويا صاحبي يذبحني", H, "others"),
        ("خالي قال اذا لقاني مع بنت يقتلني", H, "others"),
        ("عمامي حلفوا يذبحوني", H, "others"),
        ("المدرب اذا شافني متأخر يذبحني", N, ""),
        # N Maghrebi 'إلى' (if) and 'I'll kill you'
        ("خويا قالي إلى شفتك معاه نقتلك", H, "others"),
        ("بابا قال الى عاودتيها نذبحك", H, "others"),
        ("صاحبي قالي إلى عاودتيها نقتلك ههه", N, ""),
        ("بابا قالي الى نجحت نشريلك تيليفون", N, ""),
        # O MSA future threats
        ("أبي قال إنه سيقتلني إذا عرف", H, "others"),
        ("هددني أخي بأنه سيقتلني", H, "others"),
        ("عائلتي ستقتلني إن علموا بأمري", H, "others"),
        ("أخوتي أقسموا أنهم سيذبحونني", H, "others"),
        ("أستاذي سيقتلني إن لم أسلم الواجب", N, ""),
        ("سيقتلني الملل في هذا الاجتماع", N, ""),
        # P praying to be taken
        ("كل ليلة بدعي ربنا ياخدني", H, "intent"),
        ("كل يوم ادعي الله ياخذ روحي", H, "intent"),
        ("ادعي الله يوفقني بالامتحان", N, ""),
        ("الله ياخدك شو بتحكي", N, ""),
        # Q a wedding, and I don't want him
        ("بدهم يزوجوني لابن خالتي وانا ما بدي ياه", H, "others"),
        ("اهلي حجزوني لابن عمي وانا ما اريده", H, "others"),
        ("هيجوزوني الشهر الجاي وانا مش عايزاه", H, "others"),
        ("اختي رح تتجوز ابن عمي وهي مبسوطة", N, ""),
        ("بدهم يزوجوا اخوي الشهر الجاي", N, ""),
        # R going and not coming back
        ("بدي روح وما ارجع", E, "hopeless"),
        ("نفسي امشي ومرجعش تاني", E, "hopeless"),
        ("ابي اطلع وما ارجع ابد", E, "hopeless"),
        ("بدي روح عالسوق وارجع", N, ""),
        # S summoned by the police
        ("الشرطة طلبوني للتحقيق بكرا عشان الصور اللي بتلفوني", H, "others"),
        ("جاني استدعاء من المخفر بسبب محادثاتي، خايف ما ارجع", H, "others"),
        ("الامن بدهم يحققوا معي عن التطبيق", H, "others"),
        ("الشرطة طلبوني كشاهد على الحادث", N, ""),
        ("عندي تحقيق صحفي عن الصور القديمة", N, ""),
        # T a threat of a blow, with a weapon or 'again'
        ("ابويا قال هيفتحلي دماغي لو لبست كده تاني", H, "others"),
        ("اخويا قال رح يكسرلي راسي بالعصاية اذا شافني هيك", H, "others"),
        ("بابا حلف يكسر عضمي لو عملتها تاني", H, "others"),
        ("ابويا هيفتح المحل بكرا", N, ""),
        # every rule reached: more variants of the families above
        ("اشتريت شفرات من محل بعيد عشان ما حدا يشك", H, "plan"),
        ("الحبوب عندي، ابلعها كلها الليلة", H, "plan"),
        ("اهلي عرفوا اني مثلي ورح يسفروني عند عمي", H, "others"),
        ("ابوي قال اذا ما تركت هالشي رح يقتلني", H, "others"),
        ("امي قالت لو ما اتغيرت رح تقتلني", H, "others"),
        ("اخوي قال اذا ما بطلت يذبحني", H, "others"),
        ("بابا قال اذا ما تركته نذبحك", H, "others"),
        ("اهلي قالوا اذا ما تغيرت هيموتوني", H, "others"),
        ("ابويا قال لو ما سبته هيموتني", H, "others"),
        ("ابوي قال ما ترجع، وانا هلق بالشارع", H, "others"),
        ("اخوي قال رح يكسرلي راسي اذا عرف اني مثلي", H, "others"),
        ("الدكتور بيعطيني جلسات كهربا لاني مثلي", H, "others"),
        ("عطوني صدمات كهربائية ليشفوني من المثلية", H, "others"),
        ("الشرطة وقفتني عالحاجز امبارح وخايف يحبسوني", E, "others"),
        ("انا عالسطح ورجليي بالهوا", E, "plan"),
        ("الكهربا مقطوعة وحبيبي ما رد علي", N, ""),
        ("الدكتور قال جلسات العلاج الطبيعي رح تشفيني من وجع الضهر", N, ""),
    ],
    "arabizi": [
        # AA the pills, all of them, tonight or meant
        ("3andi 7obob ktir w ra7 ekhedon kellon el lele", H, "plan"),
        ("el 7ubub gambi w ha5odhom kolohom delwa2ti", H, "plan"),
        ("jama3t dawa w nawi a5edhon killon", H, "plan"),
        ("bde ebla3on kellon hal layle, el panadol 3ande", H, "plan"),
        ("el doctor 2al lazem ekhod el antibiotic kello", N, ""),
        ("jebt el 7obob la mama w ra7 e3tiya yehon", N, ""),
        # BB things given away: I won't need them
        ("a3tet telefoni la ekhti, ma 3ad ra7 e7tejo", H, "farewell"),
        ("3tit el ps la ibn 3ammi, msh ha7tagha tani", H, "farewell"),
        ("wazza3t tyabi 3al kel, ma ra7 e7tajon", H, "farewell"),
        ("a3tet el laptop la khayye la2anno jebt wa7ad jdid", N, ""),
        ("3tit telefoni la 5ayye ta yesla7o", N, ""),
        # CC biting, scratching, cutting until it bleeds
        ("ba3od edi la7ad ma yenzel dam", E, "self_harm"),
        ("kol ma az3al bkharmesh edi 7atta yenzef", E, "self_harm"),
        ("bejra7 zendi la7ad ma yetla3 dam", E, "self_harm"),
        ("el bisse 3addetni w nezel dam", N, ""),
        ("7akket edi men el 7asasiye", N, ""),
        # DD a threat of a blow: a weapon, again
        ("baba 2al ra7 ykasserli ra2si law shafni ma3o tani", H, "others"),
        ("abouya 2al haykasar 3adme bel 3asaya", H, "others"),
        ("akhouya 2al haydrabni bel sekkina law 3amaltaha tani", H, "others"),
        ("baba 2al ra7 yfta7 el ma7al bokra", N, ""),
        # EE a wedding, and I don't want him
        ("bidhom yjawzouni la ibn 3ammi w ana ma bade yeh", H, "others"),
        ("ahli 7ajzini la ibn khalti w ana ma areedo", H, "others"),
        ("ygawezouny el shahr el gay w ana msh 3ayzah", H, "others"),
        ("ekhti ra7 tetjawaz ibn 3ammi w hiye mabsouta", N, ""),
        # FF blackmail: expose me, for money
        ("fi wa7ed 3am yhadedni yfda7ni iza ma ba3atlo masari", H, "others"),
        ("byhaddedni yenshor sowari eza ma dafa3tlo", H, "others"),
        ("wa7ed men grindr bidu yfdha7ni 3and ahli eza ma ba3atlo 300 dolar", H, "others"),
        ("el bank ba3atli eno iza ma dafa3t el fatoura bysakro el 7sab", N, ""),
        # GG Maghrebi: I don't want to live any more
        ("manich 7ab n3ich", H, "intent"),
        ("mab9itch baghi n3ich", H, "intent"),
        ("ma b9itch bagha n3ich had l7ayat", H, "intent"),
        ("manich 7ab nmchi l9raya lyoum", N, ""),
        ("ma b9itch baghi nakol", N, ""),
        # HH beaten by the family, Maghrebi spellings
        ("khwaty drbouni 7it l9aw maquillage", H, "others"),
        ("bba drbni b ssemta", H, "others"),
        ("drbatni mama 7it chafetni m3ah", H, "others"),
        ("drbouni f match dyal lkora", N, ""),
        # II going and not coming back
        ("bade rou7 w ma erja3", E, "hopeless"),
        ("nefsi amshi w ma arga3sh", E, "hopeless"),
        ("bghit nmchi w ma nrj3ch", E, "hopeless"),
        ("bade rou7 3al souk w erja3", N, ""),
        # JJ a 'cure' for being queer
        ("ahli bidhom y3alejouni mn el mithliyye", H, "others"),
        ("el doctor 2al bi2dar yshfini min el shozoz", H, "others"),
        ("3am ya3touni kahraba 3ashan ana gay", H, "others"),
        ("el doctor 3am y3alejni men el 7asasiye", N, ""),
        ("ma fi kahraba bel beit", N, ""),
        # KK summoned by the police
        ("el bolis tlabouni 3al markaz bokra 3ashan el chat", H, "others"),
        ("estad3ouni lel ta7qi2 w khayfe ma erja3", H, "others"),
        ("el bolis tlabouni ka shahed 3al 7adse", N, ""),
        ("tlabouni lel interview bokra", N, ""),
        # LL a date set, and the end
        ("el yom 7addadto, el sabt ra7 khalles 3ala 7ali", H, "plan"),
        ("7adadt el tari5, yom el khamis kolshi ykhlas", H, "plan"),
        ("7adadt el tari5 lal 3ers, yom el jem3a", N, ""),
        # MM burns: a cigarette, a lighter
        ("b7ara2 zendi bel sigara kol lela", E, "self_harm"),
        ("7ara2t edi bel wala3a lamma ddaye2t", E, "self_harm"),
        ("7ara2t edi bel forn w ana 3am e6bokh", N, ""),
        # NN praying to be taken
        ("kol lela bad3i rabbi yakhodni", H, "intent"),
        ("ad3i allah ya5edni w erta7", H, "intent"),
        ("bad3i allah ywaf2ni bel emte7an", N, ""),
        ("allah yakhdak shu ghalabe", N, ""),
        # OO Maghrebi: 'I'll die of' (love, anger, laughter): not a wish to die
        ("kont ghadi nmout b dda7k", N, ""),
        ("ghadi nmout 3lik a sa7bi", N, ""),
        ("baba 2al haykasarli rasi 3ashan ana gay", H, "others"),
        ("abouya 2al law 3eref 3ani ra7 yfta7li rasi", H, "others"),
        ("3ando screenshots w bido yfda7ni", H, "others"),
        ("bi3touni jalasat kahraba 3ashan yshfouni men el mithliye", H, "others"),
        ("el kahraba ma2tou3a men el sob7", N, ""),
    ],
}

PARAMS = [(lang, *case) for lang, cases in CASES.items() for case in cases]


@pytest.mark.parametrize(("lang", "text", "level", "category"), PARAMS)
def test_a_variant_fires_at_its_level_and_a_look_alike_stays_quiet(
    shipped_detector: RiskDetector, lang: str, text: str, level: str, category: str
) -> None:
    found = shipped_detector.assess(text)
    if level == N:
        assert found.level == N, (lang, text, found)
    else:
        assert found.level == level and category in found.categories, (lang, text, found)


@pytest.mark.parametrize("lang", sorted(CASES))
def test_each_script_has_variants_and_look_alikes(lang: str) -> None:
    """At least 20 variants that fire and 10 look-alikes that do not, per script."""
    levels = [level for _, level, _ in CASES[lang]]
    assert sum(level != N for level in levels) >= 20
    assert levels.count(N) >= 10


def test_every_round4_rule_has_a_sentence_above() -> None:
    """Each round 4 `together` rule of content/ar/safety.yaml (a rule naming a `u_` class),
    alone in a detector with the file's classes and modifiers and no phrases, is reached by
    some variant above: no rule goes untested. (The file is parsed once, as in
    tests/test_risk_round3_t3c.py.)"""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(AR_SAFETY.read_text(encoding="utf-8"), Loader=loader)
    keep = {key: data[key] for key in ("classes", "modifiers")}
    texts = [text for cases in CASES.values() for text, level, _ in cases if level != N]
    untested, seen = [], 0
    for level, groups in data["together"].items():
        for category, rules in groups.items():
            for rule in rules:
                if "{u_" not in rule:
                    continue
                seen += 1
                lists = {"high": {}, "elevated": {}, **keep}
                lists["together"] = {level: {category: [rule]}}
                detector = RiskDetector.from_lists([SafetyLists.model_validate(lists)])
                if not any(detector.assess(text).at_risk for text in texts):
                    untested.append(f"{level}.{category}: {rule}")
    assert seen > 50 and untested == []
