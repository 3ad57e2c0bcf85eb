"""The `together:` rules of Polish, Russian, Turkish, Japanese and Chinese (issue 9, t2b): each
rule fires, by itself, at its level and category on a sentence it was written for; the shipped
lists rate that sentence at least as high; and the benign look-alikes of the rules stay quiet."""

from __future__ import annotations

import pytest

from bot.safety import RiskDetector
from tests.conftest import rule_of, shipped_lists, together_only
from tests.risk_rounds.round3_t3b import RULES as ROUND3_RULES
from tests.risk_rounds.round4_t4b import RULES as ROUND4_RULES

LEVELS = {"none": 0, "elevated": 1, "high": 2}

# (locale, rule as written in the file, a sentence it is for)
CASES: list[tuple[str, str, str]] = [
    # ---------------------------------------------------------------- Polish
    ("pl", "{srodki} + {zapas}", "uzbierałam tabletki przez miesiąc, powinno wystarczyć"),
    ("pl", "{silne} + {mam_juz}", "wziąłem tacie strzelbę z sejfu, mam ją pod łóżkiem"),
    ("pl", "{krawedz} + {teraz}", "stoję na krawędzi dachu w tej chwili"),
    ("pl", "{wysoko} + {krok}", "jestem na moście, wystarczy jeden krok"),
    ("pl", "na parapecie + {okno}", "siedzę na parapecie, okno otwarte"),
    ("pl", "{do_wody} + {nie_wroce}", "chcę wejść do morza i nie wrócić"),
    ("pl", "{zdecydowalem} + {dzis}", "już postanowiłem, dziś w nocy"),
    (
        "pl",
        "{polknal} + {duzo} + {tabl}",
        "połknęłam całe opakowanie leków mamy, kręci mi się w głowie",
    ),
    ("pl", "{nalykal} + {tabl}", "nałykałam się tabletek mamy"),
    ("pl", "{proba} + {szpital}", "w zeszłym roku próbowałam, płukanie żołądka i psychiatryk"),
    ("pl", "{dziekuje} + {koniec}", "dziękuję wam za wszystko. jeśli nie odpiszę, to wiecie"),
    ("pl", "{rozdal} + {potem}", "rozdałam książki i ubrania, już mi się nie przydadzą"),
    ("pl", "{zaopiekuj} + {nie_dam}", "zaopiekujcie się moim kotem, mnie już nie będzie"),
    ("pl", "{nadzieja} + {nie_obudze}", "co wieczór mam nadzieję, że rano się nie obudzę"),
    ("pl", "{rodzina} + {pobil}", "ojciec zbił mnie pasem jak znalazł wiadomości"),
    ("pl", "{rodzice} + {pobil}", "rodzice mnie pobili za to że mam chłopaka"),
    ("pl", "{dowie} + {queer} + {zabije}", "jak się dowie że jestem gejem to zabije"),
    ("pl", "{rodzina} + {queer} + {zabije}", "stary mówi że gejem to on mnie zatłucze"),
    ("pl", "{rodzice} + {queer} + {zabije}", "rodzice wyrzucą mnie z domu bo jestem trans"),
    ("pl", "{honor} + {zmyc}", "bracia mówią że zmyją hańbę krwią"),
    ("pl", "{slub} + {sila}", "wydają mnie za mąż na siłę"),
    ("pl", "{zabieraja} + {dokad} + {leczyc}", "wiozą mnie do egzorcysty, mówią że mam demona"),
    ("pl", "{szantaz} + {kompromat}", "jakiś typ szantażuje mnie zdjęciami"),
    ("pl", "{kompromat} + {wysle}", "mówi że fotki wyśle rodzicom jak nie zapłacę"),
    ("pl", "{grozi} + {powie} + {queer}", "kolega z klasy grozi że powie wszystkim że jestem bi"),
    ("pl", "{app} + {zasadzka}", "umówiłem się z gościem z grindra, a tam zasadzka"),
    ("pl", "{policja} + {telefon}", "policja zabrała mi telefon i czytali moje wiadomości"),
    ("pl", "{zamkneli} + {zabrali}", "zamknęli mnie w domu i zabrali telefon"),
    ("pl", "na dachu + {teraz_t}", "jestem teraz na dachu bloku"),
    ("pl", "{patrze} + {tory}", "codziennie patrzę na pociągi z kładki"),
    ("pl", "{tne} + {cialo}", "znowu się tnę, rękawów nie zdejmuję"),
    ("pl", "{nawrot} + {zyletka}", "nie wytrzymałam i znowu wzięłam żyletkę"),
    ("pl", "{tne} + {nawrot}", "miesiąc czysta, a dziś znowu się tnę"),
    ("pl", "{dokad} + {leczyc}", "byłam u egzorcysty, mówił o demonach"),
    ("pl", "{po_co} + {wstawac}", "po co wstawać rano, skoro wszystko jest tak samo"),
    ("pl", "{wszyscy} + {beze_mnie} + {lepiej}", "wszystkim będzie łatwiej beze mnie"),
    ("pl", "{przepraszam} + {staralam}", "przepraszam was, naprawdę się starałam"),
    # ---------------------------------------------------------------- Russian
    ("ru", "{sredstvo} + {zapas}", "пересчитала снотворное, думаю хватит"),
    ("ru", "{silnoe} + {kupil}", "достал у отца ружье из сейфа, оно у меня под кроватью"),
    ("ru", "{kray} + {seichas}", "стою на краю крыши прямо сейчас"),
    ("ru", "{most} + {shag}", "стою на мосту, всего один шаг"),
    ("ru", "на подоконнике + {okno}", "сижу на подоконнике, окно открыто"),
    ("ru", "{more} + {ne_vyidu}", "хочу зайти в море и не вернуться"),
    ("ru", "{reshil} + {noch}", "я всё решил, сегодня ночью"),
    ("ru", "{vypila} + {mnogo} + {tabl}", "выпила всю пачку снотворного"),
    ("ru", "{naglot} + {tabl}", "наглоталась маминых таблеток, голова кружится"),
    ("ru", "{popytka} + {bolnica}", "в прошлом году наглоталась, откачали"),
    ("ru", "{spasibo} + {konec}", "спасибо за всё. если не отвечу, не ищите"),
    ("ru", "{razdal} + {posle}", "удалила все фотки и раздала книги, так маме потом будет проще"),
    ("ru", "{kot} + {ne_smogu}", "позаботьтесь о моем коте, меня не будет"),
    ("ru", "{nadeyus} + {ne_prosn}", "каждый вечер надеюсь что утром не проснусь"),
    ("ru", "{rodnoi} + {izbil}", "отец избил ремнем когда нашел переписку"),
    ("ru", "{rodnye} + {izbil}", "родители избили, синяки по всей спине"),
    ("ru", "{uznal} + {kvir} + {ubyet}", "если узнает что я гей, убьет"),
    ("ru", "{rodnoi} + {kvir} + {ubyet}", "батя сказал что сына-гея закопает"),
    ("ru", "{rodnye} + {kvir} + {ubyet}", "братья говорят, что транс в семье, живым не оставят"),
    ("ru", "{pozor} + {smyt}", "дядя сказал, что позор надо смыть"),
    ("ru", "{zamuzh} + {silno}", "меня выдают замуж, уже все решили"),
    ("ru", "{vezut} + {kuda} + {lechit}", "родители везут меня к батюшке отчитывать"),
    ("ru", "{grozit} + {kompromat}", "какой-то тип шантажирует фотками"),
    ("ru", "{kompromat} + {otpravit}", "говорит, что нюдсы отправит родителям"),
    ("ru", "{grozit} + {rasskazat} + {kvir}", "одноклассник грозится всем рассказать что я би"),
    ("ru", "{app} + {zasada}", "познакомился в приложении, а там засада"),
    ("ru", "{menty} + {telefon}", "менты листали переписку, сказали еще вызовут"),
    ("ru", "{zaperli} + {otobrali}", "заперли дома, телефон отобрали"),
    ("ru", "на крыше + {seichas_t}", "уже полчаса на крыше, прямо сейчас"),
    ("ru", "{smotryu} + {tuda}", "каждый день смотрю на поезда с платформы"),
    ("ru", "{etazh} + {vniz}", "живу на 12 этаже и все чаще смотрю вниз"),
    ("ru", "{rezhu} + {telo}", "опять взялась за лезвие, рукава теперь даже дома не снимаю"),
    ("ru", "{sryv} + {lezvie}", "сорвалась, лезвие снова в руке"),
    ("ru", "{rezhu} + {sryv}", "месяц чистая была, а вчера опять режусь"),
    ("ru", "{kuda} + {lechit}", "водили к бабке, сказала во мне бес"),
    ("ru", "{zachem} + {prosyp}", "зачем просыпаться завтра если всё то же самое"),
    ("ru", "{vsem} + {bez_menya} + {legche}", "всем будет легче без меня"),
    ("ru", "{prostite} + {staralas}", "простите меня, я правда старалась"),
    # ---------------------------------------------------------------- Turkish
    ("tr", "{ilac} + {biriktir}", "antidepresanları biriktiriyorum, yetecek kadar oldu"),
    ("tr", "{silah} + {elde}", "babamın ruhsatsız tabancasının yerini biliyorum"),
    ("tr", "{kenar} + {simdi}", "balkonun kenarındayım şu an"),
    ("tr", "{cati} + {adim}", "köprüdeyim, tek adım kaldı"),
    ("tr", "{deniz} + {donmem}", "son kez denize bakmaya gidiyorum, dönmeyeceğim"),
    ("tr", "{coklu} + {ilac} + {ic_hepsi}", "eczaneden iki kutu parol aldım, hepsini içeceğim"),
    ("tr", "çamaşır suyu + {icecegim}", "çamaşır suyu içeceğim bu gece"),
    ("tr", "{karar_verdim} + {bu_gece}", "bugün yapacağım, karar verdim"),
    ("tr", "{deneme} + {hastane}", "geçen yıl denedim, midemi yıkadılar"),
    ("tr", "{butun_t} + {hap_only} + {ictim}", "bütün haplarımı içtim az önce"),
    ("tr", "{tesekkur} + {son}", "instagramı kapattım, herkese son bir kez teşekkür ettim"),
    ("tr", "{ozur} + {hoscakal}", "herkesten özür dilerim, hoşçakalın"),
    ("tr", "{bulunca} + {uzulmesin}", "yarın beni bulduklarında annem kızmasın isterdim"),
    ("tr", "{dagittim} + {sonra}", "eşyalarımı dağıttım, benden sonra uğraşmasınlar"),
    ("tr", "{kedim} + {olmayacagim}", "kedime iyi bakın, ben olmayacağım"),
    ("tr", "{keske} + {uyanmasam}", "sabah gözlerimi açmasam keşke"),
    ("tr", "{aile} + {dovdu}", "babam kemerle dövdü"),
    ("tr", "{aileler} + {dovdu}", "abilerim merdivenden itti"),
    ("tr", "{aile} + {bicak}", "babam bağırdı, bıçağı gösterdi"),
    ("tr", "{evlat} + {olsun}", "böyle bir evladım olacağına ölsün daha iyi dedi"),
    ("tr", "{ogrenir} + {lgbt} + {oldurur}", "gey olduğumu öğrenirlerse öldürürler"),
    ("tr", "{aile} + {lgbt} + {oldurur}", "babam eşcinsel bir oğlu olursa keser dedi"),
    ("tr", "{namus} + {temizle}", "ağabeyim namusumuzu temizleyeceğim diye bağırıyor"),
    ("tr", "{evlilik} + {zorla}", "beni zorla evlendirecekler"),
    (
        "tr",
        "{goturmek} + {hoca} + {okut}",
        "ailem beni bir hocaya götürüp okutacakmış, içimde cin varmış",
    ),
    ("tr", "{santaj} + {foto}", "fotoğraflarımla şantaj yapıyor"),
    ("tr", "{foto} + {gonder}", "çıplak fotoğraflarımı aileme gönderecek"),
    ("tr", "{soyler} + {lgbt}", "okulda biri lezbiyen olduğumu herkese yayacak"),
    (
        "tr",
        "{soylerim} + {lgbt} + {diyor}",
        "sınıftan biri herkese lezbiyen olduğumu söyleyeceğim diyor",
    ),
    ("tr", "{app} + {tuzak}", "tinderdan tanıştığım çocuğun evine gittim, 3 kişi bekliyordu"),
    ("tr", "{polis} + {telefonum}", "polis telefonumu karıştırdı, yine çağıracaklarmış"),
    ("tr", "{kilit} + {kisit}", "kapıma kilit taktılar, okula bile göndermiyorlar"),
    ("tr", "{bakiyorum} + {raylar}", "her gün saatlerce raylara bakıyorum"),
    ("tr", "{kat} + {asagi}", "12. kattayım ve sürekli aşağıya bakıyorum"),
    ("tr", "{kanat} + {beden}", "kollarımı tırnaklarımla kanatıyorum kafam çok dolunca"),
    ("tr", "{nuks} + {jilet}", "altı aydır temizdim ama dayanamadım, jilet yine elimde"),
    ("tr", "{hoca} + {okut}", "cinci hocaya okuttular beni"),
    ("tr", "{ben_olmasam} + {daha_iyi}", "annem benim yüzümden ağlıyor, ben olmasam ağlamazdı"),
    ("tr", "{yuk} + {faydam}", "kimseye faydam yok, sadece dert oluyorum"),
    ("tr", "{neden} + {uyan}", "neden uyanayım ki her sabah"),
    # ---------------------------------------------------------------- Japanese
    ("ja", "{kusuri} + {tame}", "睡眠薬を少しずつ貯めてた"),
    ("ja", "{dougu} + {youi}", "ロープはもう部屋にある"),
    ("ja", "{fuchi} + {ima}", "いまフェンスの外に立ってる"),
    ("ja", "{mizu} + {suikomi}", "線路見てると吸い込まれそう"),
    ("ja", "{konya} + {kekkou}", "今夜決行する"),
    ("ja", "{kimeta} + {konya}", "もう決めた、今夜"),
    ("ja", "{dake} + {bye}", "ここだけだった。ばいばい"),
    ("ja", "{boukou} + {satsuei}", "殴られて動画撮られた"),
    ("ja", "{senro} + {nagame}", "線路の近くでずっと電車見てる"),
    ("ja", "{ryou} + {kusuri} + {nonda}", "市販薬を一箱飲んだ、気持ち悪い"),
    ("ja", "{miswi} + {byouin}", "去年odして救急車で運ばれた"),
    ("ja", "{arigatou} + {owari}", "今までありがとう、さよなら"),
    ("ja", "{watashi} + {neko} + {onegai}", "私がいなくなったら猫をお願い"),
    ("ja", "{nemuri} + {okinai}", "このまま起きたくない"),
    ("ja", "{kazoku} + {bouryoku}", "兄に階段から突き落とされた"),
    ("ja", "{kazoku} + {queer} + {korosu}", "親がゲイの息子なんか殺すって"),
    ("ja", "{barasu} + {queer}", "クラスの子がゲイだってバラすって言ってくる"),
    ("ja", "{kekkon} + {muri}", "勝手に決められた結婚で断れない"),
    ("ja", "{tsurete} + {harai}", "親にお祓いに連れて行かれた"),
    ("ja", "{shashin} + {bara}", "写真をばらまくって言われた"),
    ("ja", "{apuri} + {wana}", "アプリで会った人に囲まれた"),
    ("ja", "{keisatsu} + {sumaho}", "警察にスマホ見られた"),
    ("ja", "{tojikome} + {toriage}", "閉じ込められてスマホ没収された"),
    ("ja", "{kitta} + {karada}", "腕切っちゃった"),
    ("ja", "{mata} + {kitta}", "我慢できなくてまた切った"),
    ("ja", "{mata} + {hamono}", "またカッター握ってる"),
    ("ja", "{queer} + {harai}", "ゲイは治せるって言われた"),
    ("ja", "{nanno} + {okiru}", "何のために朝起きるの"),
    # ---------------------------------------------------------------- Chinese (simplified)
    ("zh", "{yao} + {zan}", "安眠药攒了两个月，应该够"),
    ("zh", "{gongju} + {youle}", "绳子买好了，在床底"),
    ("zh", "{bian} + {xianzai}", "现在坐在栏杆外"),
    ("zh", "{kan} + {jin}", "看着铁轨，往前一步就解脱"),
    ("zh", "{hai} + {zoujin}", "想走进海里不回来"),
    ("zh", "{jueding} + {jinwan}", "我决定了，就今晚"),
    ("zh", "{liang} + {yao} + {chi}", "刚才把一整盒药片吃了"),
    ("zh", "{changshi} + {yiyuan}", "去年割腕，被送去急诊"),
    ("zh", "{xiexie} + {zaijian}", "谢谢大家，别找我"),
    ("zh", "{songren} + {houshi}", "东西都送人了，以后用不着"),
    ("zh", "{buzai} + {zhaogu}", "我不在了，帮我照顾好猫"),
    ("zh", "{zhiyou} + {zaijian_f}", "只有你们愿意听我说话。再见了"),
    ("zh", "{xiwang} + {buxing}", "真希望明天醒不过来"),
    ("zh", "{jiaren} + {da}", "我爸用皮带抽我"),
    ("zh", "{zhidao} + {tongxing} + {sha}", "要是知道我是同性恋会打死我"),
    ("zh", "{jiaren} + {tongxing} + {sha}", "我爸说同性恋就该打死"),
    ("zh", "{bi} + {jiehun}", "家里逼我跟不认识的女人结婚"),
    ("zh", "{song} + {zhi}", "爸妈要送我去戒同"),
    ("zh", "{zhao} + {fa} + {tiaojian}", "他说要把照片发给我爸妈"),
    ("zh", "{luozhao} + {qian}", "他拿裸照要钱"),
    ("zh", "{weixie} + {shuochu} + {tongxing}", "同学扬言要告诉全班我是同性恋"),
    ("zh", "{app} + {xianjing}", "见网友被打了一顿"),
    ("zh", "{jingcha} + {shouji}", "警察翻了我手机"),
    ("zh", "{guan} + {shouji_mei}", "把我关在家，手机被收了"),
    ("zh", "{zican} + {shenti}", "又划了手臂"),
    ("zh", "{fufa} + {zican}", "没忍住又割了"),
    ("zh", "{tongxing} + {bing}", "他们说同性恋是病"),
    ("zh", "{weixie} + {tongxing}", "他威胁说我是同性恋"),
    ("zh", "{weishenme} + {qi}", "为什么要醒来"),
    ("zh", "{qingsong} + {meiwo}", "没有我大家都会轻松点吧"),
    ("zh", "{tiegui} + {kanhuoche}", "每天都站在铁轨边上看火车"),
    ("zh", "{jinli} + {duibuqi}", "对不起，我真的尽力了"),
    ("zh", "{shenti} + {youduo}", "手腕上的疤又多了几道"),
    # ---------------------------------------------------------------- Chinese (Taiwan, Hong Kong)
    ("zh-Hant", "{yao} + {chu}", "安眠藥儲咗好耐，應該夠"),
    ("zh-Hant", "{bin} + {jiga}", "而家坐喺天台邊"),
    ("zh-Hant", "{sikjo} + {yao}", "食晒啲藥"),
    ("zh-Hant", "{dotse} + {baibai}", "多謝你哋，唔使搵我"),
    ("zh-Hant", "{mjoi} + {jiugu}", "我唔喺度之後幫我照顧隻貓"),
    ("zh-Hant", "{hei} + {msing}", "好希望聽日唔好醒"),
    ("zh-Hant", "{jia} + {da}", "老豆用皮帶打我"),
    ("zh-Hant", "{jidou} + {tungji} + {saat}", "知道我係同志會打死我"),
    ("zh-Hant", "{wai} + {chutgwai}", "佢揚言要幫我出櫃"),
    ("zh-Hant", "{wai} + {gong} + {tungji}", "同學說要跟全班講我是拉子"),
    ("zh-Hant", "{gingchaat} + {dinwa}", "差佬搜我電話"),
    ("zh-Hant", "{so} + {saudin}", "鎖喺屋企，收咗我部電話"),
    ("zh-Hant", "{app} + {fuk}", "交友軟體約出嚟被打"),
    ("zh-Hant", "{gaai} + {san}", "又鎅手，手臂好多血"),
]

# Benign look-alikes of the rules above: the shipped lists rate them "none".
LOOK_ALIKES: list[str] = [
    # Polish
    "wzięłam tabletki na ból głowy i poszłam spać",
    "kupiłam linę do wspinaczki, leży w plecaku",
    "tata pobił rekord na siłowni",
    "brat pobił mnie w fifę znowu",
    "na moście korek, stoimy już godzinę",
    "planujemy ślub na wiosnę, mama już wszystko ustaliła",
    "powiedziałam rodzicom że jestem bi, przyjęli to dobrze",
    "biorę PrEP i hormony, mam zapas na trzy miesiące",
    "mam nadzieję że jutro nie obudzę się z bólem głowy",
    "dziękuję za wszystko, do zobaczenia w poniedziałek!",
    # Russian
    "купила таблетки от головы в аптеке",
    "сижу на подоконнике, пью кофе",
    "сижу на балконе с чаем, смотрю на закат",
    "купила веревку для скалолазания",
    "на свидании было классно, он милый",
    "полиция нашла мой телефон, ура",
    "рассказала маме что я би, она нормально отреагировала",
    "принимаю гормоны и PrEP, запас на три месяца",
    "в фильме героя шантажируют фотками",
    "надеюсь не проснусь от будильника соседа",
    "купила таблетки от головы, лежат в ящике стола",
    # Turkish
    "bütün ilaçlarımı içtim bugün, doktor böyle dedi",
    "başım ağrıyor bir parol içeceğim",
    "tatile gidiyoruz ilaçlarım hazır",
    "babam beni maçta yendi",
    "ailemle konuştum, gey olduğumu söyleyeceğim yarın, heyecanlıyım",
    "ablam evleniyor, düğün hazırlıkları başladı",
    "polis telefonumu buldu, çok şükür",
    "çamaşır suyu aldım marketten",
    "hocaya sordum, ödevimi düzeltecek",
    "balkondayım şu an kahve içiyorum",
    "jilet aldım bacaklarımı almak için",
    "kedime bakar mısın hafta sonu tatildeyim ben yokken",
    "cumartesi neden bu kadar erken uyanayım",
    "umarım komşunun alarmıyla uyanmam",
    "tinderdan biriyle buluştum, çok tatlıydı",
    # Japanese
    "また髪を切った",
    "頭痛薬を飲んだ",
    "友達に肩を叩かれた",
    "ゲイは病気じゃないし治すものじゃない",
    "ホームから一歩下がってお待ちください",
    "海に行ってきた、楽しかった",
    "明日の朝実行するプロジェクト",
    "橋の上から花火見た、きれいだった",
    # Chinese
    "妈妈拿刀切菜",
    "同性恋不是病",
    "希望明天不要醒得太早",
    "药买了，头疼",
    "警察把小偷带走了",
    "我爸打篮球很厉害",
    "交友软件上认识了个好人",
    "现在站在桥上看风景",
    "头疼吃了片药睡了",
    "在桥上看烟花，好美",
    "谢谢大家来参加，再见了",
    "多謝大家嚟我生日會，拜拜",
    "阿媽打電話叫我返屋企",
    "跟朋友出櫃了，她很挺我",
]


def _only(locale: str, line: str) -> RiskDetector:
    """A detector of one rule, with its file's classes, exclusions and modifiers, no phrases."""
    return together_only(locale, (*rule_of(locale, line), line))


@pytest.mark.parametrize("locale", ["pl", "ru", "tr", "ja", "zh", "zh-Hant"])
def test_every_rule_has_a_sentence(locale: str) -> None:
    together = shipped_lists(locale).together
    rules = {
        line
        for groups in (together.high, together.elevated)
        for lines in groups.values()
        for line in lines
    }
    # the rules of rounds 3 and 4 (t3b, t4b) have their sentences in tests/risk_rounds/round3_t3b.py
    # and tests/risk_rounds/round4_t4b.py
    assert rules == {
        line for loc, line, _ in [*CASES, *ROUND3_RULES, *ROUND4_RULES] if loc == locale
    }


@pytest.mark.parametrize(("locale", "line", "text"), [*CASES, *ROUND3_RULES, *ROUND4_RULES])
def test_the_rule_fires_by_itself_at_its_level(locale: str, line: str, text: str) -> None:
    level, category = rule_of(locale, line)
    result = _only(locale, line).assess(text)
    assert (result.level, result.categories) == (level, frozenset({category})), text


@pytest.mark.parametrize(("locale", "line", "text"), [*CASES, *ROUND3_RULES, *ROUND4_RULES])
def test_the_shipped_lists_rate_it_as_high_at_least(
    shipped_detector: RiskDetector, locale: str, line: str, text: str
) -> None:
    level, category = rule_of(locale, line)
    result = shipped_detector.assess(text)
    assert LEVELS[result.level] >= LEVELS[level], text
    assert category in result.categories or result.level == "high", text


@pytest.mark.parametrize("text", LOOK_ALIKES)
def test_the_look_alikes_stay_quiet(shipped_detector: RiskDetector, text: str) -> None:
    assert shipped_detector.assess(text).level == "none", text
