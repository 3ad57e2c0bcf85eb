"""The shipped lists' word-class lines: each family of lines fires on sentences nobody wrote
into the lists (forms the classes make), and stays quiet on the look-alikes beside them.

The sentences are the test writer's own, not copies of any benchmark set."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from bot.safety import RiskDetector, SafetyLists

CONTENT = Path(__file__).resolve().parent.parent / "content"


@pytest.fixture(scope="module")
def detector(shipped_detector: RiskDetector) -> RiskDetector:
    return shipped_detector  # the shipped lists, built once (tests/conftest.py)


# (text, category): every one at the top level
MUST_FIRE_HIGH = [
    # en: family x threat / harm / throwing out / forced marriage / "cures"; police
    ("my stepdad threatened to break my legs", "others"),
    ("my brothers said they would stab me", "others"),
    ("her brothers will beat me up if they see us together", "others"),
    ("my uncle tried to strangle me", "others"),
    ("my cousins would murder me", "others"),
    ("my parents are going to kick me out when they find out", "others"),
    ("my family wants to marry me off", "others"),
    ("my parents are forcing me to marry my cousin", "others"),
    ("my stepfather whipped me again", "others"),
    ("they want to send me to conversion therapy", "others"),
    ("my mom is taking me to an exorcist", "others"),
    ("the police are looking for me", "others"),
    # en: means x having / ready; sharp things; pills; heights; tracks
    ("i have the rope ready", "plan"),
    ("i've got a blade in my hand", "plan"),
    ("razor against my wrist right now", "plan"),
    ("i just swallowed a handful of sleeping pills", "plan"),
    ("took a whole bottle of tylenol", "plan"),
    ("the overpass is high enough", "plan"),
    ("going to jump off the parking garage", "plan"),
    ("i'm going to lie down on the train tracks", "plan"),
    # en: intent verbs in their forms
    ("i'm planning to end it all", "intent"),
    ("i've decided to take my own life", "intent"),
    ("i really want to stop existing", "intent"),
    ("ready to disappear forever", "intent"),
    # en: attempts; notes left
    ("i attempted to hang myself last year", "attempt"),
    ("nearly overdosed last month on purpose", "attempt"),
    ("i left goodbye letters for my kids", "farewell"),
    # ar: want x die; family x violence and threats; forced marriage; heights; pills; farewell
    ("حابب انتحر والله", "intent"),
    ("قررت اقتل حالي الليلة", "intent"),
    ("ناوية انهي حياتي", "intent"),
    ("ابن عمي ضربني بالحزام", "others"),
    ("خالي هددني بالقتل", "others"),
    ("اخوي بدو يقتلني", "others"),
    ("بابا رح يذبحني اذا عرف اني مثلي", "others"),
    ("امي رح تقتلني اذا عرفت", "others"),
    ("مرت ابوي طردتني من البيت", "others"),
    ("اخواني رح يقتلوني", "others"),
    ("عايزين يجوزوني غصب عني", "others"),
    ("رح انط عن الكوبري", "plan"),
    ("اقفز من العمارة", "plan"),
    ("واقفة على حافة البلكونة", "plan"),
    ("شربت علبة حبوب النوم", "plan"),
    ("شريت سم فيران", "plan"),
    ("سامحيني وداعا", "farewell"),
    # Arabizi
    ("bade mout", "intent"),
    ("bide ente7ar", "intent"),
    ("ghadi ente7er", "intent"),
    ("bde akhles 3omri", "intent"),
    ("khayye ra7 yo2tolni", "others"),
    ("ommi darabetni", "others"),
    ("3ayelti ra7 ye2tlouni", "others"),
    ("sam7ouni wada3an", "farewell"),
    ("حاولت انتحر السنة الماضية", "attempt"),
    ("مرة حاولت اقطع شراييني", "attempt"),
    ("7awalt ente7er", "attempt"),
    # es: intent x act; jumping x heights; pills taken or about to be; the family's violence
    ("estoy pensando en quitarme la vida", "intent"),
    ("decidí ahorcarme esta noche", "intent"),
    ("me voy a lanzar desde el viaducto", "plan"),
    ("me voy a tragar todas mis pastillas", "plan"),
    ("me acabo de tomar un frasco de rivotril", "attempt"),
    ("mi padrastro me pegó con el cinturón", "others"),
    ("mis tíos me echaron de la casa por ser gay", "others"),
    ("mi hermano me amenazó con matarme", "others"),
    # ru: intent x act; jumping x heights; pills; one of the family and the family x violence
    ("решила покончить с собой", "intent"),
    ("собираюсь наложить на себя руки", "intent"),
    ("сброшусь с девятого этажа", "plan"),
    ("наглотаюсь все снотворное", "plan"),
    ("наглоталась всю пачку таблеток", "attempt"),
    ("отчим меня изобьет", "others"),
    ("мои братья хотят меня убить", "others"),
    ("родные выгонят меня из дома", "others"),
    ("brat menya byot", "others"),
    # tr: deciding x the act; jumping x heights; all the pills; the family x violence
    ("intihar etmeye karar verdim", "intent"),
    ("kendimi öldürmeye niyetliyim", "intent"),
    ("uçurumdan atlamak istiyorum", "plan"),
    ("kendimi balkondan atıcam", "plan"),
    ("tüm uyku haplarını içicem", "plan"),
    ("bir kutu antidepresanları yuttum", "attempt"),
    ("üvey babam beni dövdü", "others"),
    ("eniştem beni vuracak", "others"),
    ("abilerim beni öldürecekler", "others"),
    ("amcamlar beni zorla evlendirecekler", "others"),
    # pt: jumping x heights; all the pills; one of the family and the family x violence
    ("vou pular da sacada", "plan"),
    ("quero me jogar do decimo andar", "plan"),
    ("acabei de tomar a caixa inteira de calmantes", "plan"),
    ("vou engolir todos os antidepressivos", "plan"),
    ("meu padrasto me bateu de novo", "others"),
    ("minha família me expulsou de casa", "others"),
    ("meus irmãos querem me matar", "others"),
]

MUST_NOT_FIRE = [
    # en: the games, the jokes and the routines beside the class lines
    "my brother beat me at chess",
    "my cousin beat me at mario kart again",
    "my mom is going to kill me lol i forgot her birthday",
    "my brothers are killing me with their puns",
    "my dad punched the wall",
    "i have my pills ready for the trip",
    "jump off the diving board",
    "left a note for my mom that i'd be late",
    "i almost jumped out of my skin",
    "I nearly killed myself laughing",
    # ar: dying of laughter, hunger, boredom; a parent's joke about grades or being late
    "بدي اموت من الضحك",
    "حابب اموت من الجوع",
    "ماما رح تقتلني اذا تأخرت",
    "نفسي انام",
    "حاولت اتصل فيك",
    # es
    "mi mamá me va a matar si ve las notas",
    "me tomé todas mis pastillas hoy como dice el doctor",
    "voy a saltar del puente al río con mis amigos",
    # ru
    "хочу умереть от смеха",
    # tr
    "çocukken balkondan atladım",
    # pt
    "vou pular da cama cedo",
]


@pytest.mark.parametrize(("text", "category"), MUST_FIRE_HIGH)
def test_a_class_line_fires_on_a_form_nobody_listed(
    detector: RiskDetector, text: str, category: str
) -> None:
    result = detector.assess(text)
    assert (result.level, category in result.categories) == ("high", True), text


@pytest.mark.parametrize("text", MUST_NOT_FIRE)
def test_the_look_alikes_beside_a_class_line_stay_quiet(detector: RiskDetector, text: str) -> None:
    assert detector.assess(text).level == "none", text


def test_a_parents_joke_about_grades_stays_below_the_top_level(detector: RiskDetector) -> None:
    # "بابا رح يذبحني إذا شاف العلامات": بابا's threat is high only with "if he finds out"
    assert detector.assess("بابا رح يذبحني اذا شاف العلامات").level != "high"
    assert detector.assess("my mom will kill me if she finds out").level == "high"  # on purpose
    # a history of the FBI and Dr King: a mention (elevated), not an attempt
    assert detector.assess("an attempt to make him commit suicide").level == "elevated"


@pytest.mark.parametrize("locale", ["en", "ar", "es", "ru", "tr", "pt"])
def test_the_lists_use_classes_and_every_class_is_used(locale: str) -> None:
    data = yaml.safe_load((CONTENT / locale / "safety.yaml").read_text(encoding="utf-8"))
    lists = SafetyLists.model_validate(data)
    lines = [
        line
        for groups in (lists.high, lists.elevated, lists.together.high, lists.together.elevated)
        for phrases in groups.values()
        for line in phrases
    ] + lists.exclude
    named = {name for line in lines for name in _names(line)}
    assert lists.classes and set(lists.classes) == named  # no class left unused


def _names(line: str) -> list[str]:
    return re.findall(r"\{([a-z_]+)\}", line)
