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

import pytest

from bot.safety import RiskDetector
from tests.conftest import assert_reads, rules_no_text_reaches

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
        # second pass, beyond the misses: the last night, how to end it, letters put away,
        # an overdose told as past, a means thought of daily, honour, exorcism by beating, locked
        # in and held, blackmail for money, in custody, a deep wound, a date and the last day, no
        # reason to go on, vanishing, an artery cut and stitched, the tracks, thanks and tired;
        # and their look-alikes (hunger, an exam, a cat minded during a trip, a Mother's Day
        # letter, a checkpoint, a pillow fight, a wedding, a sermon, a door locked to study)
        ("خلص، ما عاد بدي كون عبء على حدا، الليلة اخر ليلة", H, "farewell"),
        ("صرلي اسبوع عم فكر كيف انهيها", H, "plan"),
        ("كتبت لكل واحد رسالة وحطيتهم بالدرج", E, "farewell"),
        ("مرة بلعت علبة كاملة بس استفرغتها", H, "attempt"),
        ("عندي سم فيران بالمطبخ وبفكر فيه كل يوم", H, "plan"),
        ("بدي اموت وخلص", H, "intent"),
        ("اهلي بيقولوا الموت احسن من انك تكون هيك", E, "others"),
        ("عمي قال اللي زيي لازم ينقتل", H, "others"),
        ("خالي بيقول لازم نغسل عارنا", H, "others"),
        ("خطبوني غصب عني وبعد شهر العرس", H, "others"),
        ("الشيخ قال لازم يضربوني لحتى يطلع الشيطان", H, "others"),
        ("قفلوا علي بالغرفة من يومين وسحبوا التلفون", H, "others"),
        ("واحد من السناب عنده صوري وبدو 200 دولار والا بينشرهم", H, "others"),
        ("الشب اللي تعرفت عليه بالتطبيق طلع شرطي وهلق انا بالقسم", H, "others"),
        ("بالتوقيف هلق، سحبوا تلفوني", H, "others"),
        ("جرحت حالي امبارح كتير عميق ولسا عم ينزف", E, "self_harm"),
        ("حددت يوم عيد ميلادي، رح يكون آخر يوم", H, "plan"),
        ("ما بشوف اي سبب اكمل", E, "hopeless"),
        ("لو بقدر اختفي من الوجود كان احسن", E, "hopeless"),
        ("رح ارمي حالي من الشباك اذا رجعوا ضربوني", H, "plan"),
        ("المرة الماضية قطعت شرياني وقطبوني بالمستشفى", H, "attempt"),
        ("ابويا بيضربني بالخرطوم كل ما يشوفني بحط مكياج", H, "others"),
        ("اخوي هدد يقول للكل اني مثلي اذا ما عطيته مصاري", H, "others"),
        ("مليت من حالي، حاسس اني بدي اختفي", E, "hopeless"),
        ("اخر مرة رح احكي معكم، انتبهوا على حالكم", H, "farewell"),
        ("عطيت قطتي لصاحبتي وقلتلها هي الك هلق، ما عاد رح اقدر اهتم فيها", E, "farewell"),
        ("قاعد عسكة القطر وما بدي قوم", H, "plan"),
        ("حبيت قول شكرا لكل حدا ساعدني، خلص انا تعبت", E, "farewell"),
        ("رح موت من الجوع، شو في اكل؟", N, ""),
        ("امتحان بكرا رح يقتلني", N, ""),
        ("عطيت قطتي لصاحبتي لاني مسافرة اسبوع", N, ""),
        ("كتبت رسالة لامي بعيد الام", N, ""),
        ("الشرطة وقفتني عالحاجز وطلعت بعد ربع ساعة عادي", N, ""),
        ("اخوي ضربني بالمخدة ونحنا عم نلعب", N, ""),
        ("عرس اختي بعد شهر وانا متحمسة", N, ""),
        ("الشيخ حكى عن الشيطان بخطبة الجمعة", N, ""),
        ("قفلت الباب على حالي لادرس", N, ""),
        ("بدي اختفي من السوشال ميديا شوي", N, ""),
        ("عم فكر كيف انهي المشروع", N, ""),
        ("جهزت كل شي، هاي اخر ليلة الي", H, "plan"),
        ("كتبت رسالة لكل واحد، اذا ما رديت بكرا بتعرفوا ليش", H, "farewell"),
        ("تعرفت على واحد بجريندر وطلع كمين، انا بالمخفر هلق", H, "others"),
        ("الشرطة مسكتني، انا موقوف من الصبح", H, "others"),
        ("انا موقوف عن الشغل اسبوع", N, ""),
        # fifth pass: the risk told through a detail of the day (you won't find me tomorrow, pills
        # in a pocket on the way to the sea, a relative in my room at night, the police beat me)
        ("اليوم اخر مرة بشوف البحر", E, "farewell"),
        ("حطيت الحبوب بجيبي ونازل عالكورنيش", H, "plan"),
        ("رتبت غرفتي وكتبت لامي، خلص", E, "farewell"),
        ("مسحت كل شي من تلفوني وسكرت الانستا، خلص ما عاد في شي", E, "farewell"),
        ("صرلي يومين ما اكلت وما بدي اكل، ما عاد في داعي", E, "hopeless"),
        ("بكرا الصبح ما رح تلاقوني", H, "farewell"),
        ("كل ما بسمع صوت المفتاح بالباب برجف، ابوي رجع سكران", E, "others"),
        ("خطيبي عرف عن ماضيي وهددني يفضحني قدام اهلي", H, "others"),
        ("عمي بيدخل غرفتي بالليل وما بعرف لمين احكي", H, "others"),
        ("ابن عمي بيتحرش فيي كل ما نكون لحالنا", H, "others"),
        ("ابوي رجع سكران وانا برجف بغرفتي", E, "others"),
        ("اخدت كل حبوب جدتي وقاعدة ناطرة", H, "attempt"),
        ("ما عاد حدا بحاجتي", E, "hopeless"),
        ("لو مت بكرا مين رح يعرف؟", E, "hopeless"),
        ("الشرطة وقفوني لاني لابس تنورة وضربوني", H, "others"),
        ("اليوم اخر مرة بشوف البحر قبل ما ارجع عالشغل", N, ""),
        ("حطيت الحبوب بجيبي عشان وجع الراس", N, ""),
        ("بكرا الصبح ما رح تلاقوني بالبيت، عندي شغل بكير", N, ""),
        ("اخدت حبوب الضغط تبع جدتي للصيدلية", N, ""),
        # fourth pass: danger from others (beaten with an agal, a passport taken, a wedding or a
        # hijab "or else", filmed and money asked, thrown out with nowhere to sleep, ran away)
        ("ابوي كل يوم يسبني ويضربني بالعقال", H, "others"),
        ("اهلي سحبوا جوازي وما يخلوني اطلع من البيت", H, "others"),
        ("عمي قال اذا ما تزوجت ولد عمي بيذبحني", H, "others"),
        ("الولد اللي قابلته من التطبيق صورني وانا بدون ملابس وهلق يطلب فلوس", H, "others"),
        ("واحد عم يهددني ينشر صوري عالفيس اذا ما رجعتله", H, "others"),
        ("اهلي رموني برا وما عندي مكان انام فيه", H, "others"),
        ("هربت من البيت وانا بالشارع هلق", E, "others"),
        ("اخوي ضربني لحد ما غبت عن الوعي", H, "others"),
        ("امي رح تتبرا مني وتطردني اذا ما لبست الحجاب", E, "others"),
        ("ابوي اخذ جوازي ليجدده", N, ""),
        ("هربت من البيت ساعتين ورجعت", N, ""),
        ("صورني صاحبي بالعرس", N, ""),
        # third pass: "I want to die" in more dialects (Sudanese, Yemeni, Libyan, Tunisian,
        # Algerian, Gulf, Iraqi) and their love and laughter idioms
        ("داير اموت", H, "intent"),
        ("اريد اخلص من روحي", H, "intent"),
        ("نحب نموت", H, "intent"),
        ("حابب نموت", H, "intent"),
        ("اشتي اموت", H, "intent"),
        ("نبي نموت", H, "intent"),
        ("عايزة اكتل نفسي", H, "intent"),
        ("أرغب في الموت", H, "intent"),
        ("ودي اذبح عمري", H, "intent"),
        ("راح اكتل نفسي", H, "intent"),
        ("بغيت نموت", H, "intent"),
        ("ناوي انهي روحي", H, "intent"),
        ("داير اموت من الجوع", N, ""),
        ("نبي نموت من الضحك", N, ""),
        ("نحب نموت عليك", N, ""),
        ("حابب نموت فيك", N, ""),
        ("اشتي اموت من الضحك", N, ""),
        ("جهزت كل شي للعرس، هاي اخر ليلة الي بالعزوبية", N, ""),
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
        # second pass, beyond the misses (the same families in Arabizi, Gulf and Maghrebi)
        ("kol shi jehez, el leile akher leile", H, "plan"),
        ("katabt risale la kel wa7ad w 7atayton bel dorj", E, "farewell"),
        ("marra bla3t 3elbe kemle bas rajja3ton", H, "attempt"),
        ("3andi sem fi2ran bel matbakh w bfakker fi kel yom", H, "plan"),
        ("msh 2adra akammel, nefsi anam w ma as7ash", H, "intent"),
        ("bde mout w khalas", H, "intent"),
        ("ahli bi2oulo el mot a7san men enak tkoun heik", E, "others"),
        ("3ammi 2al li metli lazem yen2etel", H, "others"),
        ("khali 2al lazem neghsel 3arna", H, "others"),
        ("khatabouni ghasban 3anni w el 3ers ba3d shahr", H, "others"),
        ("el sheikh 2al lazem yedrbouni la ytla3 el shaytan", H, "others"),
        ("2aflo 3alay el oda men yomen w sa7abo telefoni", H, "others"),
        ("wa7ed men snap 3ando sowari w bido 200 dolar aw byenshorhon", H, "others"),
        ("el shab li t3arraft 3aleh 3al app tele3 shorti w hala2 ana bel makhfar", H, "others"),
        ("bel tawqif hala2, sa7abo telefoni", H, "others"),
        ("jara7t 7ali mbere7 ktir 3ami2 w ba3do 3am yenzef", E, "self_harm"),
        ("7adadt yom 3id milade, ra7 ykoun akher yom", H, "plan"),
        ("ma 3am shouf ay sabab kammel", E, "hopeless"),
        ("law fiyye ekhtefe men el wujud kan a7san", E, "hopeless"),
        ("ra7 erme 7ali men el shebbek iza rje3o darabouni", H, "plan"),
        ("akher marra 2ata3t shiryane w 2atta6ouni bel mostashfa", H, "attempt"),
        ("baba byedrobni bel khartoum kel ma yshofni 7a6et makeup", H, "others"),
        ("akhoya hadadni y2ol lal kol eni gay iza ma 3a6eito masari", H, "others"),
        ("akher marra ba7ki ma3kon, ntebho 3a 7alkon", H, "farewell"),
        ("2a3ed 3a sekket el 2atr w ma bade 2oum", H, "plan"),
        ("bghit nmout, safi ma b9itch nchouf chi 7al", H, "intent"),
        ("l3a2ila dyali 9alou ghadi ydb7ouni ila 3rfou", H, "others"),
        ("abi amoot w artaa7 min kil shay", H, "intent"),
        ("ana 3ayez amoot, mesh 2ader akammel", H, "intent"),
        ("mama 7absatni fel beit w mesh 3ayza tkhalini akhrog", H, "others"),
        ("ra7 mout men el jou3, shu fi akl?", N, ""),
        ("el emte7an bokra ra7 ye2telni", N, ""),
        ("3tit bissti la sa7bti la2anni msefra jem3a", N, ""),
        ("el bolis wa22afouni 3al 7ajez w tele3t ba3d rob3 sa3a", N, ""),
        ("5ayye darabni bel mkhadde w ne7na 3am nel3ab", N, ""),
        ("3ers ekhti ba3d shahr w ana ktir mabsouta", N, ""),
        ("bade ekhtefe men el social media shway", N, ""),
        ("3am fakker kif khalles el project", N, ""),
        ("katabt risale la mama b 3id el umm", N, ""),
        ("ana mayet men el da7ek", N, ""),
        ("el bolis mesekni w ana bel makhfar", H, "others"),
        # fifth pass: the risk told through a detail of the day
        ("7atet el 7boub bi jebi w nazel 3al corniche", H, "plan"),
        ("rattabt ghorfti w katabt la mama, khalas", E, "farewell"),
        ("bokra el sob7 ma ra7 tla2ouni", H, "farewell"),
        ("3ammi byfout 3a ghorfti bel leil w ma ba3ref la min e7ki", H, "others"),
        ("khali 3am yet7arrash fiyi w ma 7ada msade2ni", H, "others"),
        ("baba rje3 sakran w ana barjef", E, "others"),
        ("a5adt kol 7boub teta w 2a3de natra", H, "attempt"),
        ("ma 3ad 7ada b7ajti", E, "hopeless"),
        ("law mett bokra min ra7 ya3ref?", E, "hopeless"),
        ("el bolis wa22founi la2anni labes tannoura w darabouni", H, "others"),
        ("sarli yomen ma akalt w ma bade ekol, ma 3ad fi da3i", E, "hopeless"),
        ("bokra el sob7 ma ra7 tla2ouni bel beit, 3andi dawam", N, ""),
        ("a5adt 7boub el da8et taba3 teta lal saydaliye", N, ""),
        # fourth pass: danger from others, Gulf, Levantine, Egyptian and Maghrebi Arabizi
        ("abouya kol yom ysebbni w ydrobni bel 3e2al", H, "others"),
        ("ahli sa7abo jawazi w ma bykhallouni etla3 men el beit", H, "others"),
        ("el walad li 2abalto men el app sawarni w hala2 byotlob masari", H, "others"),
        ("wa7ed 3am yhadedni yenshor sowari 3al face iza ma rje3tlo", H, "others"),
        ("ahli ramouni barra w ma 3andi masari wala makan", H, "others"),
        ("hrabt men el beit w ana bel share3 hala2", E, "others"),
        ("khayye darabni la7ad ma ghebt 3an el wa3i", H, "others"),
        ("ba3d ma 3erfo eni trans, ahli 2afalo 3alay el bab", H, "others"),
        ("bba gal ila ma tzawjtich wld 3mmi ghadi ydb7ni", H, "others"),
        ("sawarni sa7bi bel 3ers", N, ""),
        ("el app byotlob masari la el ishtirak", N, ""),
        ("hrabt men el beit sa3tein w rje3t", N, ""),
        # third pass: core wordings in other spellings (doubled letters, -y / -e endings, e / i,
        # o / ou), Egyptian futures, Maghrebi; and the idioms of love and laughter
        ("bddi moot", H, "intent"),
        ("7awalt e2tol 7ali el sene el madye", H, "attempt"),
        ("jarrabt marra 2otol 7ale bas ma zabatet", H, "attempt"),
        ("baddi mout", H, "intent"),
        ("bidy mout", H, "intent"),
        ("bedde mout", H, "intent"),
        ("nefsy amoot", H, "intent"),
        ("mabde 3ish", H, "intent"),
        ("ma 3ad baddi 3ish", H, "intent"),
        ("bdi ente7ir", H, "intent"),
        ("bade entehir", H, "intent"),
        ("ra7 2otol 7ale", H, "intent"),
        ("bade e2tol 7ali", H, "intent"),
        ("ana ha2tel nafsi", H, "intent"),
        ("ha2tel nafsy", H, "intent"),
        ("hamawet nafsi", H, "intent"),
        ("hantehar", H, "intent"),
        ("msh 3ayz a3ish", H, "intent"),
        ("mosh 3ayza a3eesh", H, "intent"),
        ("bdi 5alles 3a 7ali", H, "intent"),
        ("ra7 e2ta3 shrayine", H, "intent"),
        ("ta3bt mn el 7aya, bdi khalles", E, "hopeless"),
        ("bghit nmot", H, "intent"),
        ("n7eb nmout", H, "intent"),
        ("abgha amoot", H, "intent"),
        ("aby amot w artaa7", H, "intent"),
        ("bidy mout mn el da7k", N, ""),
        ("n7eb nmout 3lik", N, ""),
        ("ha2tel el namousa di", N, ""),
        ("bghit nmot b dda7k", N, ""),
        ("ra7 2otol el bar2a", N, ""),
    ],
}

PARAMS = [(lang, *case) for lang, cases in CASES.items() for case in cases]


@pytest.mark.parametrize(("lang", "text", "level", "category"), PARAMS)
def test_a_variant_fires_at_its_level_and_a_look_alike_stays_quiet(
    shipped_detector: RiskDetector, lang: str, text: str, level: str, category: str
) -> None:
    assert_reads(shipped_detector, text, level, category)


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
    texts = [text for cases in CASES.values() for text, level, _ in cases if level != N]
    seen, untested = rules_no_text_reaches("ar", texts, lambda rule: "{u_" in rule)
    assert seen > 50 and untested == []
