"""Round 3 of issue 9 for Polish, Russian (also in Latin letters), Turkish, Japanese and Chinese
(helper t3b): wordings that generalise. Each family of wordings a miss of the fresh2 sets (or a
probe of our own) belonged to is covered by a class and a rule, or by a phrase with its forms;
these are NEW variants of each family, written before the lists were edited (other verbs,
tenses, word orders, slang, no diacritics), and the benign look-alikes each could be taken for.

- `RULES`: every together rule this round added fires by itself at its level and category on a
  sentence written for it (and the shipped lists rate that sentence at least as high).
- `PROBES`: the shipped lists rate each variant at exactly its level, with its category.
- `LOOK_ALIKES`: the shipped lists leave each look-alike at `none`.
"""

from __future__ import annotations

# (locale, rule as written in the file, a sentence it is for)
RULES: list[tuple[str, str, str]] = [
    # ---------------------------------------------------------------- Polish
    ("pl", "{lykne} + {naraz} + {tabl}", "mam dwa opakowania xanaxu i dziś połknę wszystkie leki"),
    ("pl", "{zrobie_to} + {decyzja}", "jutro to skończę, wszystko zaplanowałem"),
    ("pl", "{zabieraja} + {uwolnienie}", "mama każe mi chodzić na modlitwy o uwolnienie"),
    ("pl", "{skonczyc} + {beznadzieja}", "nigdy nie będzie lepiej, chcę żeby to się skończyło"),
    ("pl", "{lepiej_by} + {jakbym}", "wszystkim byłoby lepiej gdybym po prostu zniknęła"),
    ("pl", "{list_do} + {zostawiony}", "mam już napisany list do rodziców, leży w szufladzie"),
    ("pl", "{proba_s} + {uda}", "już raz próbowałam, za drugim razem się uda"),
    ("pl", "{bije_sie} + {do_krwi}", "biję się pięściami po nogach"),
    # ---------------------------------------------------------------- Russian
    ("ru", "{podnimus} + {na_kryshu} + {vysotka}", "ночью залезу на крышу высотки"),
    ("ru", "{zakonchu} + {reshil}", "я все решила, закончу со всем этим в субботу"),
    ("ru", "{ruzhe} + {dostup}", "у отчима есть травмат, знаю где он лежит"),
    ("ru", "{prygnut_pod} + {pod}", "сегодня прыгну под электричку"),
    (
        "ru",
        "{rodnoi} + {delaet}",
        "отец сказал, если увидит еще раз, он меня прибьет",
    ),
    (
        "ru",
        "{rodnye} + {delayut}",
        "родители сказали что если узнают еще раз, выгонят меня из дома",
    ),
    ("ru", "{soobshchit} + {dengi}", "участковый требует денег иначе сообщит в школу"),
    ("ru", "{rodnoi} + {pozhelal}", "отец сказал что я ему не сын и чтобы я сдох"),
    ("ru", "{rodnye} + {pozhelal}", "родные говорят лучше бы ты не родилась"),
    ("ru", "{rodnye} + {naidut}", "родственники из чечни сказали что найдут меня где угодно"),
    ("ru", "{rodnoi} + {naidut}", "брат сказал, что из-под земли достанет меня"),
    ("ru", "{rodnoi_lat} + {delaet_lat}", "otec menya izbil kogda uznal"),
    ("ru", "{etot_raz} + {proshly}", "в прошлый раз не получилось, в этот раз доведу до конца"),
    ("ru", "{luchshe_by} + {sbila}", "вот бы меня сбила машина по дороге домой"),
    ("ru", "{menty} + {propaganda}", "участковый сказал что мои посты это пропаганда"),
    ("ru", "{pisma} + {v_stole}", "написала письма родителям и сестре, они в столе"),
    # ---------------------------------------------------------------- Turkish
    ("tr", "{ates} + {yaktim}", "çakmakla kolumu yakıyorum"),
    ("tr", "{bitirecegim} + {karar_verdim}", "cuma günü her şeyi bitireceğim, kararımı verdim"),
    ("tr", "{yere} + {atlayacagim}", "yarın okuldan sonra köprüye gidip atlayacağım"),
    ("tr", "{veda_m} + {yazdim}", "herkese veda mesajı yazdım"),
    ("tr", "{deneme} + {bu_sefer}", "geçen sene bileklerimi kesmiştim, bu sefer daha derin"),
    ("tr", "{aile} + {tehdit_seni}", "babam bana eşcinsel olursan seni keserim dedi"),
    ("tr", "{aileler} + {tehdit_seni}", "ailem bir daha görürsek seni öldürürüz dedi"),
    (
        "tr",
        "{goturmek} + {doktor} + {duzelt}",
        "annemler beni doktora götürüp düzeltecekmiş, hastalıkmış",
    ),
    # ---------------------------------------------------------------- Japanese
    ("ja", "{shinu} + {kimeru}", "来週の金曜に死ぬって決めた"),
    ("ja", "{taisetsu} + {ageta} + {hitsuyou}", "宝物は全部妹に譲った、私にはもう必要ないから"),
    ("ja", "{jibun_o} + {naguru}", "頭を壁に打ち付けてる"),
    ("ja", "{takai} + {koeta}", "歩道橋の手すり乗り越えた"),
    ("ja", "{tegami} + {oita}", "両親に手紙を書いて机に置いた"),
    # ---------------------------------------------------------------- Chinese (zh, zh-Hant)
    ("zh", "{gaochu} + {xiamian}", "在桥上，下面是江"),
    ("zh", "{dingri} + {jiu}", "日子我已经选好了，就这周六"),
    ("zh", "{tuofu} + {buyong}", "我把狗托付给邻居了，以后不用我养了"),
    ("zh", "{dao} + {cang}", "我把水果刀藏在枕头底下了"),
    ("zh", "{zida} + {shang}", "我用头撞墙，撞到额头都青了"),
    ("zh", "{meiyisi} + {jieshu}", "活着没意思，想结束了"),
    ("zh", "{gei} + {zuihouxin}", "给爸妈写了最后一封信"),
    ("zh-Hant", "{gou} + {hah}", "我喺天台，下面係馬路"),
    ("zh-Hant", "{dingjat} + {jau}", "日子揀好咗，就下個禮拜五"),
    ("zh-Hant", "{tok} + {msai}", "隻貓交俾朋友照顧咗，以後唔使我理"),
    ("zh-Hant", "{dou} + {chong}", "我將把刀收埋喺枕頭底"),
    ("zh-Hant", "{zida} + {sheung}", "我摑自己摑到塊面腫晒"),
    ("zh-Hant", "{seungci} + {gamci}", "上次食藥死唔去，今次食多啲"),
    ("zh-Hant", "{jia} + {saatngo}", "屋企人話如果我再同女仔一齊就劏咗我"),
    ("zh-Hant", "{mou} + {hoisum}", "我死咗佢哋就開心晒"),
    ("zh-Hant", "{uk} + {beiyan}", "我喺屋企成日俾人打"),
    ("zh-Hant", "{kyutding} + {gamman}", "我決定咗，就今晚"),
    # ---------------------------------------------------------------- second pass
    ("pl", "{rodzina} + {wyrzekl}", "ojciec powiedział, że jestem dla niego martwy"),
    ("pl", "{rodzina} + {grozi_smierc}", "tata grozi że mnie zastrzeli jak się dowie"),
    # ---- a third pass: look-alikes written against this round's own rules
    ("pl", "{lykne} + wszystkie + {cudze}", "łyknę wszystkie leki babci jak wszyscy zasną"),
    # ---- a fourth pass
    ("pl", "{nalykam} + {tabl}", "nałykam się tabletek dziś w nocy"),
    ("pl", "{przepraszam} + {koniec}", "przepraszam was wszystkich, to już koniec"),
    ("pl", "{rodzice} + {martwy}", "moja rodzina mówi że wolą mnie martwego niż z chłopakiem"),
    ("pl", "{rodzina} + {martwy}", "ojciec mówi że wolałby mnie martwego"),
    ("pl", "{dni} + {nie_jem}", "nie jadłam od trzech dni i nie zamierzam"),
    ("pl", "{ostatni} + {tu_jestem}", "dzisiaj jest ostatni dzień jak tu jestem"),
    ("ru", "{paroli} + {esli_chto}", "если что, мои пароли в заметках, кота заберите"),
    ("tr", "{bugun} + {hepsini_bit}", "bugün her şeyi bitiriyorum"),
    ("tr", "{yoruldum} + {gidiyorum}", "artık yoruldum, bu gece gidiyorum"),
    ("zh", "{anmian} + {maihao}", "我买好了安眠药"),
]

# (locale, text, level, category): new variants of each family, as people type them
PROBES: list[tuple[str, str, str, str]] = [
    # ---------------------------------------------------------------- Polish
    # a means in hand + "I will take them all"
    ("pl", "łyknę wszystkie leki babci jak wszyscy zasną", "high", "plan"),
    ("pl", "polkne wszystkie proszki ktore mam", "high", "plan"),
    ("pl", "mam cały słoik apapu, zażyję wszystko co mam", "high", "plan"),
    # going to a high place + jumping
    ("pl", "po pracy pojadę na wiadukt i skoczę", "high", "plan"),
    ("pl", "dziś w nocy wejdę na dach bloku i skaczę", "high", "plan"),
    ("pl", "idę na most, rzucę się stamtąd", "high", "plan"),
    # a day chosen + "I'll do it" + decided
    ("pl", "w piątek to zrobię, mam już wszystko przygotowane", "high", "plan"),
    # made to go to a religious "cure"
    ("pl", "wysyłają mnie do egzorcysty bo niby jestem opętana", "high", "others"),
    ("pl", "ojciec zawiózł mnie do księdza żeby ze mnie wypędzić złego ducha", "high", "others"),
    # nothing will change + I want it to end
    ("pl", "nic się nie zmieni, chcę to zakończyć", "high", "intent"),
    ("pl", "chce z tym skonczyc, nie ma wyjscia", "high", "intent"),
    # sleep and never get up; "it'd be best if I vanished"
    ("pl", "chciałabym zasnąć i już nigdy nie wstać", "high", "intent"),
    ("pl", "najlepiej by było jakbym po prostu zniknęła", "high", "intent"),
    ("pl", "nie chce mi się dalej ciągnąć tego życia", "elevated", "intent"),
    # farewell letters; things given away
    ("pl", "napisałam pożegnalne listy do przyjaciół", "high", "farewell"),
    ("pl", "mam już napisany list do rodziców, leży w szufladzie", "elevated", "farewell"),
    ("pl", "oddałam laptopa bratu, i tak mi się już nie przyda", "high", "farewell"),
    # a past attempt + "this time it will work"
    ("pl", "już raz się wieszałam, drugi raz mi się uda", "high", "attempt"),
    # hitting oneself
    ("pl", "walę głową w ścianę aż leci krew", "elevated", "self_harm"),
    # family violence, honour, forced marriage, thrown out
    (
        "pl",
        "ojciec powiedział że jak się dowie że jestem pedałem to mnie zajebie",
        "high",
        "others",
    ),
    ("pl", "brat przyłożył mi nóż do gardła bo jestem lesbijką", "high", "others"),
    ("pl", "ojczym mnie dusił wczoraj wieczorem", "high", "others"),
    ("pl", "rodzina mówi że przynoszę wstyd i że zmyją go moją krwią", "high", "others"),
    ("pl", "jadę do pakistanu na wakacje a tam mnie wydadzą za kuzyna", "high", "others"),
    ("pl", "matka wyrzuciła mnie z domu, śpię na dworcu", "elevated", "others"),
    # blackmail, app traps
    (
        "pl",
        "facet z grindra mówi że jak nie przeleję 500 zł to wyśle screeny mojemu szefowi",
        "high",
        "others",
    ),
    (
        "pl",
        "umówiłem się z kolesiem z aplikacji, na miejscu czekało kilku typów i mnie skopali",
        "high",
        "others",
    ),
    # the sea; a means ready
    ("pl", "pojadę nad jezioro i wejdę do wody aż się skończy", "high", "plan"),
    ("pl", "sznur już wisi w piwnicy", "high", "plan"),
    ("pl", "wiem gdzie tata trzyma pistolet i kiedy go nie ma", "high", "plan"),
    ("pl", "nie ma dla mnie miejsca na tym świecie", "elevated", "hopeless"),
    # ---------------------------------------------------------------- Russian
    # going up to a roof of a tall block
    ("ru", "сегодня поднимусь на последний этаж многоэтажки и всё", "elevated", "plan"),
    ("ru", "пойду на крышу шестнадцатиэтажки после школы", "elevated", "plan"),
    # a day chosen + I'll end it all + decided
    ("ru", "в пятницу все закончу, я уже решил", "high", "plan"),
    ("ru", "решено, скоро все закончится", "high", "plan"),
    ("ru", "vse zakonchu v pyatnicu, uzhe reshila", "high", "plan"),
    # things given away + nothing holds me
    ("ru", "раздал все свои вещи, меня тут больше ничего не держит", "high", "farewell"),
    ("ru", "кота пристроила к подруге, мне уже ничего не нужно", "high", "farewell"),
    # family threats told as what will happen; shaming the family
    ("ru", "дядя сказал что зарежет меня за позор семьи", "high", "others"),
    ("ru", "ты позоришь семью, сказал брат, убью", "high", "others"),
    # taken to a 'cure'
    (
        "ru",
        "родители хотят отправить меня в центр где лечат от гомосексуальности",
        "high",
        "others",
    ),
    ("ru", "мать хочет отвезти меня к бабке чтобы снять порчу", "high", "others"),
    # pay or they will tell
    ("ru", "он сказал что если не заплачу, расскажет родителям что я гей", "high", "others"),
    ("ru", "у отца в сейфе пистолет, я знаю код", "high", "plan"),
    # beyond the misses
    ("ru", "хочу уснуть и больше никогда не проснуться", "high", "intent"),
    ("ru", "я просто хочу перестать существовать", "high", "intent"),
    ("ru", "ne hochu bolshe prosypatsya", "high", "intent"),
    ("ru", "всё, я устала, это мой последний вечер", "elevated", "farewell"),
    ("ru", "меня хотят увезти в деревню и выдать за старика", "high", "others"),
    ("ru", "мать выставила меня на улицу, ночую на вокзале", "elevated", "others"),
    ("ru", "вчера отец запер меня в комнате и забрал телефон", "high", "others"),
    ("ru", "пришел на свидание а там толпа с битами, еле убежал", "high", "others"),
    ("ru", "всем было бы проще если бы меня не было", "elevated", "hopeless"),
    ("ru", "mne nekuda idti, roditeli vygnali", "elevated", "others"),
    # ---------------------------------------------------------------- Turkish
    # never opening my eyes again
    ("tr", "bir daha gözlerimi açmak istemiyorum", "high", "intent"),
    ("tr", "sabah gözümü açmasam keşke", "high", "intent"),
    # things left to someone + I won't need them
    ("tr", "telefonumu ve saatimi kuzenime verdim, bana artık lazım olmayacak", "high", "farewell"),
    ("tr", "kıyafetlerimi arkadaşlara dağıttım, artık ihtiyacım olmayacak", "high", "farewell"),
    # burning oneself
    ("tr", "sigarayı bileğimde söndürdüm yine", "elevated", "self_harm"),
    # forced marriage told as the family's plan
    ("tr", "babam beni amcamın oğluyla evlendirmek istiyor, kaçış yok", "high", "others"),
    ("tr", "abim beni tanımadığım adamla evlendirecek, nişan tarihi belli", "high", "others"),
    # taken to a hoca to have a jinn cast out
    ("tr", "babam beni cinciye götürdü, cinim varmış", "high", "others"),
    ("tr", "annemler beni hocaya okutmaya götürecek", "high", "others"),
    # a dating-app meeting that was the police
    ("tr", "tinderdan biriyle buluştum, sivil polis çıktı", "high", "others"),
    ("tr", "grindrdan konuştuğum adam buluşmaya polislerle geldi", "high", "others"),
    # beyond the misses
    ("tr", "bu hayata devam etmek istemiyorum", "high", "intent"),
    ("tr", "intihar mektubumu yazdım, masamda", "high", "farewell"),
    ("tr", "iki yıl önce hap içip hastanelik olmuştum", "high", "attempt"),
    ("tr", "kendimi yumrukluyorum duvara vurana kadar", "elevated", "self_harm"),
    ("tr", "annem telefonumu kırdı ve beni odaya kapattı", "high", "others"),
    ("tr", "eski sevgilim gey olduğumu herkese yaymakla tehdit ediyor", "high", "others"),
    # ---------------------------------------------------------------- Japanese
    # a day chosen + 'decided to die'
    ("ja", "卒業式の日に死のうと決めてる", "high", "plan"),
    ("ja", "死ぬ日をもう決めた", "high", "plan"),
    ("ja", "クリスマスに終わりにするって決めた", "high", "plan"),
    # things given away + no longer needed
    ("ja", "大事にしてた本を妹にあげた、もう必要ないから", "high", "farewell"),
    # hitting oneself
    ("ja", "自分の顔を殴ってる", "elevated", "self_harm"),
    ("ja", "自分で自分を叩いてしまう", "elevated", "self_harm"),
    # a past overdose
    ("ja", "前に市販薬を大量に飲んで救急車で運ばれた", "high", "attempt"),
    ("ja", "去年オーバードーズして入院した", "high", "attempt"),
    # over the fence
    ("ja", "マンションの屋上の柵を越えた", "high", "plan"),
    # ---------------------------------------------------------------- Chinese (zh, zh-Hant)
    # a high place + what is below
    ("zh", "我现在在桥上，下面是江", "elevated", "plan"),
    ("zh", "我在楼顶，下面就是水泥地", "high", "plan"),
    # a day chosen
    ("zh", "已经定好了日子，就下周五", "elevated", "plan"),
    # a pet entrusted + 'they won't need me'
    ("zh", "把仓鼠送给同学了，以后不用我养了", "high", "farewell"),
    # sent to a 'cure'
    ("zh", "我爸说要把我送进戒同所", "high", "others"),
    ("zh", "我妈说同性恋是精神病，要带我去医院电疗", "high", "others"),
    # a blade hidden
    ("zh", "刀子磨快了，藏在床垫下面", "high", "plan"),
    # hitting oneself
    ("zh", "我扇自己巴掌扇到出血", "elevated", "self_harm"),
    # beyond the misses
    ("zh", "绳子已经挂好了", "high", "plan"),
    ("zh", "家里人要把我嫁给一个四十岁的男人", "high", "others"),
    ("zh", "被爸妈赶出来了，没地方住", "elevated", "others"),
    ("zh", "在探探约的人，到了之后好几个人围着我要钱", "high", "others"),
    ("zh", "我被关在房间里好几天了，手机也被没收了", "high", "others"),
    ("zh", "大家保重，以后别找我了", "high", "farewell"),
    ("zh", "我死了他们就开心了", "elevated", "hopeless"),
    # zh-Hant: Cantonese wordings of the same families
    ("zh-Hant", "好想喺呢個世界消失", "high", "intent"),
    ("zh-Hant", "我好想瞓咗唔好再醒", "high", "intent"),
    ("zh-Hant", "老豆知道我係gay之後用衫架打我", "high", "others"),
    ("zh-Hant", "我俾屋企人趕咗出嚟，冇地方住", "elevated", "others"),
    ("zh-Hant", "我被鎖喺房度幾日，電話都被收咗", "high", "others"),
    ("zh-Hant", "大家保重，以後唔好搵我", "high", "farewell"),
    # ---------------------------------------------------------------- second pass
    # a second pass of new variants, written after the first edits
    ("pl", "jak wrócę ze szkoły to skoczę z 10 piętra", "high", "plan"),
    ("pl", "po co to wszystko, nic się nie zmieni, chcę już odejść", "high", "intent"),
    ("pl", "nikt nie bedzie za mna tesknic jak mnie zabraknie", "elevated", "hopeless"),
    ("pl", "chciałbym zasnąć i już się nie budzić", "high", "intent"),
    ("ru", "отец сказал что выгонит меня если я не перестану быть геем", "high", "others"),
    (
        "ru",
        "завтра в школе всем раздам свои вещи, больше они мне не понадобятся",
        "high",
        "farewell",
    ),
    ("ru", "дома меня бьют каждый день", "high", "others"),
    ("ru", "наелась таблеток, голова кружится", "high", "attempt"),
    ("tr", "evde babamın silahı var, nerede durduğunu biliyorum", "high", "plan"),
    ("tr", "beni bir cinci hocaya götürecekler iyileşeyim diye", "high", "others"),
    ("zh", "我被关在家里一个月了", "elevated", "others"),
    ("zh", "我用小刀划了好多道", "elevated", "self_harm"),
    ("zh", "日子定下来了，就下周一", "elevated", "plan"),
    # ---- a fourth pass
    # a fourth pass: plain wordings
    ("pl", "nie chcę się już budzić rano", "high", "intent"),
    ("pl", "ojciec mnie leje jak się dowiedział że jestem bi", "high", "others"),
    ("pl", "moja rodzina mówi że lepiej żebym był martwy niż gejem", "high", "others"),
    ("ru", "menya b'yut doma", "high", "others"),
    ("ru", "roditeli zaperli menya doma", "high", "others"),
    ("tr", "ilaçların hepsini içtim", "high", "attempt"),
    ("tr", "abim gey olduğumu öğrenince beni bıçakladı", "high", "others"),
    ("zh", "活着太痛苦了", "elevated", "hopeless"),
    # the probes beyond the misses that the lists already caught (kept as a floor)
    ("ja", "生まれてこなければよかった", "elevated", "hopeless"),
    ("ja", "このまま消えてしまいたい", "high", "intent"),
    ("ja", "明日が来なければいいのにって毎日思う", "high", "intent"),
    ("ja", "生きてる意味がわからない、もう終わりにしたい", "high", "intent"),
    ("ja", "遺書書いた", "high", "farewell"),
    ("ja", "家族に手紙を書いて机に置いた", "elevated", "farewell"),
    ("ja", "ロープを買ってきてクローゼットに隠してる", "high", "plan"),
    ("ja", "今から飛び降りる", "high", "plan"),
    ("ja", "ビルの屋上にいる、下見てる", "high", "plan"),
    ("ja", "前にも首吊ろうとしたけど失敗した", "high", "plan"),
    ("ja", "また腕を切ってしまった、止まらない", "elevated", "self_harm"),
    ("ja", "カッターで太もも切ってる", "elevated", "self_harm"),
    ("ja", "父にホモは死ねって言われて殴られた", "high", "others"),
    ("ja", "兄にゲイってばれたら殺すって言われた", "high", "others"),
    ("ja", "親が勝手にお見合い決めてきた、逃げられない", "high", "others"),
    ("ja", "母に教会に連れて行かれて悪魔祓いされた", "high", "others"),
    ("ja", "家を追い出されて公園で寝てる", "high", "others"),
    ("ja", "元彼がゲイだって会社にバラすって脅してくる", "high", "others"),
    ("ja", "アプリで会った人にお金取られて写真ばらまくって言われた", "high", "others"),
    ("ja", "警察に呼ばれて、スマホの中身全部見られた", "high", "others"),
    ("ja", "部屋に閉じ込められてスマホも取られた", "high", "others"),
    ("ja", "もう限界、死にたい", "high", "intent"),
    ("ja", "しにたい", "high", "intent"),
    ("ja", "タヒにたい", "high", "intent"),
    ("zh-Hant", "我而家企喺天台，下面係馬路", "elevated", "plan"),
    ("zh-Hant", "老豆話要送我去矯正中心電擊", "high", "others"),
    ("zh-Hant", "我真係唔想再活落去", "high", "intent"),
    ("zh-Hant", "遺書寫好咗", "high", "farewell"),
    ("zh-Hant", "阿媽逼我嫁俾一個四十歲嘅男人", "high", "others"),
    ("zh-Hant", "有人攞我啲裸照威脅我，唔俾錢就放上網", "high", "others"),
    ("zh-Hant", "喺交友app約嘅人，去到有幾個人圍住我", "high", "others"),
    ("zh-Hant", "差佬查咗我部電話，話會再搵我", "high", "others"),
    ("zh-Hant", "我已經儲咗好多粒安眠藥", "high", "plan"),
    ("zh-Hant", "我又鎅手，流咗好多血", "elevated", "self_harm"),
]

# (locale, text): benign look-alikes of those families
LOOK_ALIKES: list[tuple[str, str]] = [
    # ---------------------------------------------------------------- Polish
    ("pl", "wezmę wszystkie tabletki ze sobą na obóz"),
    ("pl", "połknę wszystkie witaminy rano, obiecuję"),
    ("pl", "w sobotę skaczę na bungee z mostu"),
    ("pl", "skoczę do sklepu po chleb"),
    ("pl", "idę na most zrobić zdjęcia zachodu słońca"),
    ("pl", "w sobotę zrobię zakupy, zaplanowałam menu"),
    ("pl", "zdecydowałam, zrobię to ciasto na urodziny mamy"),
    ("pl", "byłam na rekolekcjach w wakacje, fajnie było"),
    ("pl", "chcę z tym skończyć, rzucam palenie"),
    ("pl", "ten związek nie ma sensu, chcę z tym skończyć"),
    ("pl", "moja mama zabiła mnie wzrokiem jak to powiedziałam"),
    ("pl", "umieram ze śmiechu z tego mema"),
    ("pl", "tata wziął broń na polowanie"),
    ("pl", "napisałam list motywacyjny do pracy"),
    # ("sznur do bielizny wisi na balkonie" was here: since session 12 a rope for the laundry
    # is no exclusion, the pretext people give for buying one; rope + hangs stays high)
    ("pl", "najlepiej by było jakbym zniknęła z tej imprezy"),
    # ---------------------------------------------------------------- Russian
    ("ru", "завтра поднимусь на крышу пофоткать закат"),
    ("ru", "пойду на крышу покурить"),
    ("ru", "в пятницу все закончу с ремонтом"),
    ("ru", "я все решила, закончу курсы в мае"),
    ("ru", "раздала вещи подругам, переезжаю в другую квартиру"),
    ("ru", "кота пристроила к подруге на время отпуска"),
    ("ru", "позор какой, сказал брат про мою прическу"),
    ("ru", "у деда в сарае ружье для охоты"),
    ("ru", "участковый приходил, спрашивал про соседей"),
    ("ru", "чуть не умерла со смеху"),
    ("ru", "этот сериал меня убивает"),
    ("ru", "пришел на свидание а там никого, обидно"),
    ("ru", "купила верёвку для скалолазания"),
    ("ru", "сегодня прыгну с парашютом"),
    ("ru", "в прошлый раз не получилось сдать, в этот раз доведу до конца"),
    # ---------------------------------------------------------------- Turkish
    ("tr", "yarın erken uyanmak istemiyorum ya"),
    ("tr", "sabah okula gitmek için uyanmak istemiyorum"),
    ("tr", "eski kıyafetlerimi yardım kampanyasına verdim, artık lazım olmaz"),
    ("tr", "çakmakla mumu yaktım"),
    ("tr", "abim nişanlandı, düğün tarihi belli"),
    ("tr", "hocaya ödevimi götürdüm"),
    ("tr", "buluşmaya polis arkadaşım da geldi"),
    ("tr", "cuma günü sınav bitecek, kararımı verdim tatile gidiyorum"),
    ("tr", "gülmekten öldüm resmen"),
    ("tr", "bu dizi beni öldürüyor"),
    ("tr", "bugün son gecem burada, yarın tatile dönüyoruz"),
    ("tr", "annem telefonumu tamire götürdü"),
    ("tr", "annem beni doktora götürdü, grip için ilaç verdiler"),
    ("tr", "yarın köprüden bungee ile atlayacağım"),
    # ---------------------------------------------------------------- Japanese
    ("ja", "誕生日にケーキ作るって決めた"),
    ("ja", "死ぬ気で頑張るって決めた"),
    ("ja", "古い服は全部友達にあげた、もういらないから"),
    ("ja", "壁に頭ぶつけた、痛い笑"),
    ("ja", "自分を殴りたいくらい恥ずかしい"),
    ("ja", "お酒飲みすぎて救急車で運ばれた"),
    ("ja", "ハードル越えた"),
    ("ja", "死ぬほど笑った"),
    ("ja", "テスト死んだ"),
    ("ja", "推しが尊すぎて死ぬ"),
    ("ja", "父に怒られた"),
    ("ja", "snsから消えるって決めた"),
    ("ja", "死ぬまで推すって決めた"),
    # ---------------------------------------------------------------- Chinese (zh, zh-Hant)
    ("zh", "我在桥上堵车，下面是江，风景不错"),
    ("zh", "我们在天台烧烤，下面是马路"),
    ("zh", "把猫托付给朋友了，出差一周"),
    ("zh", "菜刀磨好了放在厨房"),
    ("zh", "恨不得扇自己一巴掌，这么蠢"),
    ("zh", "真想抽自己两巴掌"),
    ("zh", "笑死我了"),
    ("zh", "这游戏难死了"),
    ("zh", "我爸送我去驾校"),
    ("zh", "已经定好了餐厅，就在学校旁边"),
    ("zh-Hant", "笑死我"),
    ("zh-Hant", "我哋喺天台燒烤，下面係馬路"),
    ("zh-Hant", "阿媽打我電話問我幾點返"),
    # ---------------------------------------------------------------- second pass
    ("pl", "skoczę do koleżanki z drugiego piętra"),
    ("pl", "rzucam pracę, nic się nie zmieni, chcę odejść z firmy"),
    ("pl", "brat zabija czas graniem na konsoli"),
    ("zh", "疫情被关在家里一个月了"),
    # ---- a third pass: look-alikes written against this round's own rules
    ("pl", "zdecydowałam, jutro to zrobię - idę do fryzjera"),
    ("pl", "zaplanowałam wszystko na wesele siostry, w sobotę to się stanie"),
    ("pl", "wezmę wszystkie leki które przepisał lekarz, jak zawsze"),
    ("pl", "połknę wszystkie tabletki antybiotyku do końca kuracji"),
    ("pl", "napisałam list do mamy na dzień matki"),
    ("pl", "oddałam sukienkę siostrze, już mi się nie przyda bo urosłam"),
    ("ru", "решила: в пятницу все закончу и поеду в отпуск"),
    ("ru", "знаю где лежит пистолет из игры, надо пройти уровень"),
    ("ru", "раздала старые вещи, они мне больше не нужны"),
    ("ru", "написала письмо маме из лагеря"),
    ("ru", "родители сказали что найдут меня если я опоздаю"),
    ("tr", "kararımı verdim, projeyi bu hafta bitireceğim"),
    ("tr", "eski kitaplarımı kardeşime verdim, artık lazım olmayacak"),
    ("tr", "sigarayla elimi yaktım yanlışlıkla"),
    ("ja", "ゲームで死ぬって決めたキャラ"),
    ("ja", "来年留学するって決めた"),
    ("ja", "大事なものは友達にあげた、引っ越しで荷物減らしたいから"),
    ("zh", "把猫托付给朋友了，以后就拜托你了，我出差一个月"),
    ("zh", "刀藏在厨房抽屉里"),
    ("zh-Hant", "隻貓交俾朋友照顧咗，我去旅行一個月"),
    # ---- a fourth pass
    ("pl", "dzisiaj jest ostatni dzień jak tu jestem na wakacjach, jutro wracam"),
    ("pl", "nie chcę się budzić rano do szkoły"),
    ("pl", "przepraszam, to koniec mojej zmiany"),
    ("pl", "nie jadłam od rana bo nie miałam czasu"),
    ("ru", "на всякий случай пароли от вайфая в заметках"),
    ("tr", "bugün hepsini bitiriyorum ödevlerin"),
    ("tr", "artık yoruldum, bu gece eve gidiyorum"),
    ("zh", "我买了布洛芬"),
]


# Each rule of RULES fires by itself at its level, and the shipped lists rate its sentence at
# least as high: tests/test_risk_together_t2b.py runs both over its own cases and these.

# every case as (locale, text, level, category), a look-alike at level "none"; the fewest
# variants and look-alikes each language has (read by tests/test_risk_rounds.py)
CASES = PROBES + [(locale, text, "none", "") for locale, text in LOOK_ALIKES]
MINIMUM = (1, 1)
