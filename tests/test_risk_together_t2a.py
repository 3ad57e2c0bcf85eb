"""The `together:` rules of the Spanish, Portuguese, French, Italian and German risk lists
(issue 9, t2a): what a person in danger writes without a death word (the means kept ready, the
edge, the rails, an overdose taken, farewells, violence told as what happened, blackmail, app
traps, the police, being locked in) is found at its level and category, and the everyday
look-alikes of each rule (hormones, PrEP, a headache pill, a climbing rope, a bridge in traffic,
a wedding, coming out by choice, a grounding, an exam day, a normal goodbye) are not.

Each sentence is checked twice: with the shipped lists (what a visitor meets), and with the
file's `together:` rules alone (its classes, exclusions and modifiers, no phrase lists), so a
sentence that a phrase list happens to catch still proves its rule."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
import yaml

from bot.safety import RiskDetector
from tests.conftest import together_only

CONTENT = Path(__file__).resolve().parent.parent / "content"

H, E = "high", "elevated"

# locale -> (text, level, category): one sentence at least for every rule of the file, in the
# order of its `together:` section
FIRES: dict[str, list[tuple[str, str, str]]] = {
    "es": [
        ("tengo guardado el clonazepam de mi abuela, son como 40", H, "plan"),
        ("compré cuchillas en la farmacia y no son pa afeitarme", H, "plan"),
        ("tengo la cuchilla escondida debajo del colchón", H, "plan"),
        ("la soga ya está lista en el ropero", H, "plan"),
        ("agarré la pistola de mi papá, está aquí en mi cuarto", H, "plan"),
        ("estoy sentada en la orilla de la azotea, no sé ni pa qué subí", H, "plan"),
        ("estoy en el andén esperando que pase el tren", H, "plan"),
        ("me quedé mirando el mar, pensando en meterme y no salir", H, "plan"),
        ("hoy lo hago, ya lo decidí", H, "plan"),
        ("ya elegí el puente, el viernes voy", H, "plan"),
        ("abrí el gas sin prenderlo y me voy a dormir", H, "plan"),
        ("ojalá un camión me atropelle de camino a la facu", H, "intent"),
        ("me acabo de tomar todo el frasco de clona con alcohol", H, "attempt"),
        ("me tragué 30 pastillas hace rato", H, "attempt"),
        ("me tomé una caja entera de paracetamol hace una hora", H, "attempt"),
        ("el año pasado terminé en urgencias por lo mismo", H, "attempt"),
        ("ya les dejé cartas a mi hermana y a mi mejor amiga", H, "farewell"),
        ("les encargo a mi gato, ya no voy a poder cuidarlo", H, "farewell"),
        ("gracias por todo, si ya no contesto no se preocupen", H, "farewell"),
        ("si alguien lee esto díganle a mi hermana que no fue su culpa", H, "farewell"),
        ("regalé mi consola y mi ropa, ya no las voy a necesitar", H, "farewell"),
        ("mi hermano me reventó la boca porque vio mis chats", H, "others"),
        ("mis papás me pegaron y luego mi papá me rompió la nariz", H, "others"),
        ("mi viejo me cagó a palos cuando me vio con mi novio", H, "others"),
        ("mi tío dice que si me ve con ella me mata", H, "others"),
        ("mis padres me dijeron que soy trans me matan", H, "others"),
        ("dice que si voy a la marcha me mata", H, "others"),
        ("se enteraron que soy gay y dicen que prefieren un hijo muerto", H, "others"),
        ("mi apá me amenazó con la pistola si vuelvo a ver a mi novio", H, "others"),
        ("mi familia me quiere llevar con un brujo pa que me quite lo gay", H, "others"),
        ('mis papás me van a mandar a un retiro para "sanar mi identidad"', H, "others"),
        ("me van a casar con un señor que ni conozco", H, "others"),
        (
            "un wey tiene mis nudes y dice que se las manda a mi familia si no le deposito",
            H,
            "others",
        ),
        ("mi ex tiene fotos mías y amenaza con enseñárselas a mis papás", H, "others"),
        ("mi ex le va a decir a mis papás que soy gay", H, "others"),
        ("quedé con uno de grindr y eran tres, me robaron el cel", H, "others"),
        ("la poli cayó en la fiesta, yo estoy escondido en un baño", H, "others"),
        ("se llevaron a varios de la fiesta, yo me escondí en el baño", H, "others"),
        ('mi papá me tiene encerrada y sin comer hasta que "me arrepienta"', H, "others"),
        ("mis padres no me dejan salir ni a la tienda", H, "others"),
        ("me quitaron el chip y no me dejan ir ni a la escuela", H, "others"),
        ("hoy me quedé mirando las vías del metro un buen rato", E, "plan"),
        ("hoy es el día, ya está todo preparado", E, "plan"),
        ("fue lindo hablar con ustedes estos meses, chao", E, "farewell"),
        ("ya arreglé todo, gracias por todo", E, "farewell"),
        ("ya lo intente el año pasado y tengo ganas de hacerlo otra vez", E, "attempt"),
        ("me volví a cortar los muslos pa que no se note", E, "self_harm"),
        ("mi mamá tiró mi ropa a la calle y cambió la chapa", E, "others"),
        ("mi papá me quitó el celular y no puedo salir de mi cuarto", E, "others"),
        ("neta pa qué sigo si en mi casa me tratan como basura", E, "hopeless"),
    ],
    "pt": [
        ("tô juntando os remédios de dormir da minha mãe, já tenho uma caixa", H, "plan"),
        ("comprei gilete e não é pra barbear", H, "plan"),
        ("a lâmina tá escondida debaixo da cama", H, "plan"),
        ("a corda já tá pronta, já fiz o nó", H, "plan"),
        ("peguei a arma do meu pai, tá aqui no quarto", H, "plan"),
        ("to sentada na beira da laje agora mesmo", H, "plan"),
        ("tô na estação esperando o trem passar", H, "plan"),
        ("fiquei horas na beira do mar hoje pensando em só entrar e ir", H, "plan"),
        ("hoje eu faço, já decidi", H, "plan"),
        ("já escolhi a ponte, sexta eu vou", H, "plan"),
        ("abri o gás, janelas fechadas", H, "plan"),
        ("tomara que um ônibus me atropele amanhã", H, "intent"),
        ("acabei de tomar a caixa toda de rivotril", H, "attempt"),
        ("engoli 20 comprimidos agora", H, "attempt"),
        ("engoli a caixa toda de remédios", H, "attempt"),
        ("tomei uma cartela inteira de paracetamol", H, "attempt"),
        ("ano passado tentei e fiquei na UTI", H, "attempt"),
        ("escrevi cartas pra minha irmã e pro meu melhor amigo, só pra garantir", H, "farewell"),
        ("cuidem do meu gato, quando eu não estiver aqui", H, "farewell"),
        ("obrigada por tudo, se eu sumir foi bom enquanto durou", H, "farewell"),
        ("se alguém ler isso, fala pra minha irmã que não foi culpa dela", H, "farewell"),
        ("doei minhas coisas, não vou mais precisar", H, "farewell"),
        ("meu padrasto me empurrou da escada quando me viu de batom", H, "others"),
        ("meus pais me deram uma surra quando viram meu namorado", H, "others"),
        ("meu pai já avisou: filho viado ele mata com as próprias mãos", H, "others"),
        ("meu coroa me encheu de porrada quando viu minhas conversas", H, "others"),
        ("meus pais disseram que sou gay vão me matar", H, "others"),
        ("se me ver com ela de novo vai me matar", H, "others"),
        ("descobriram que sou gay e preferem um filho morto", H, "others"),
        ("querem me casar com um rapaz da igreja e eu tenho 17", H, "others"),
        ('o psicólogo da igreja diz que vai me "reverter"', H, "others"),
        ("um cara tem meus nudes e quer dinheiro", H, "others"),
        ("meu ex tem fotos minhas e ameaça mostrar pros meus pais", H, "others"),
        ("meu ex vai contar pra todo mundo que sou trans", H, "others"),
        ("o cara do app marcou num lugar deserto e eram três", H, "others"),
        ("o boy do grindr me roubou e me espancou", H, "others"),
        ("a polícia pegou meu celular e leu minhas conversas", H, "others"),
        ("invadiram a festa e eu tô escondido no banheiro", H, "others"),
        ("meu pai me trancou no quarto sem comer", H, "others"),
        ("meus pais me trancaram em casa", H, "others"),
        ("tiraram meu chip e nem pra escola eu vou", H, "others"),
        ("fiquei olhando os trilhos do metrô um tempão", E, "plan"),
        ("tô na ponte faz uma hora olhando a água", E, "plan"),
        ("hoje é o dia, já tá tudo preparado", E, "plan"),
        ("foi bom conversar com vocês nesses meses, de verdade. tchau", E, "farewell"),
        ("já arrumei tudo, obrigada por tudo", E, "farewell"),
        ("já tentei uma vez e penso em tentar de novo", E, "attempt"),
        ("me cortei nas coxas de novo, até sangrar", E, "self_harm"),
        ("bato a cabeça na parede até parar de pensar", E, "self_harm"),
        ("minha mãe jogou minhas roupas na rua e trocou a fechadura", E, "others"),
        ("meu pai pegou meu celular e não posso sair do quarto", E, "others"),
        ("meus pais me botaram pra fora de casa ontem", E, "others"),
        ("queria apagar, só isso", E, "hopeless"),
    ],
    "fr": [
        ("j'ai mis de côté les somnifères de ma mère, j'en ai une boîte", H, "plan"),
        ("j'ai acheté des lames et c'est pas pour me raser", H, "plan"),
        ("la lame est planquée sous mon lit", H, "plan"),
        ("la corde est prête dans le placard", H, "plan"),
        ("j'ai pris le flingue de mon père, il est là", H, "plan"),
        ("chui assise au bord du toit là maintenant", H, "plan"),
        ("je suis sur le quai j'attends que le train passe", H, "plan"),
        ("je suis resté des heures devant la mer à penser à y entrer", H, "plan"),
        ("ce soir je le fais, c'est décidé", H, "plan"),
        ("j'ai déjà choisi le pont d'où sauter", H, "plan"),
        ("j'ai ouvert le gaz sans l'allumer", H, "plan"),
        ("j'espère qu'un camion me percute demain", H, "intent"),
        ("je viens d'avaler toute la plaquette de xanax", H, "attempt"),
        ("j'ai pris 30 cachets d'un coup", H, "attempt"),
        ("j'ai avalé toute la boîte de doliprane", H, "attempt"),
        ("l'an dernier j'ai fini en réa après ma ts", H, "attempt"),
        ("j'ai écrit des lettres à ma sœur et à ma meilleure amie, au cas où", H, "farewell"),
        ("occupez-vous de mon chat, je pourrai plus m'en occuper", H, "farewell"),
        ("merci pour tout, si je réponds plus c'est normal", H, "farewell"),
        ("si quelqu'un lit ça, dites à ma sœur que c'était pas sa faute", H, "farewell"),
        ("j'ai donné mes affaires, j'en aurai plus besoin", H, "farewell"),
        ("mon frère m'a pété le nez quand il a vu mes messages", H, "others"),
        ("mon père a dit qu'avec un fils pd il me tue", H, "others"),
        ("si je vais à la pride il me tue", H, "others"),
        ("mes parents veulent me marier avec un cousin, j'ai 16 ans", H, "others"),
        ("ma mère m'emmène voir l'imam pour me guérir", H, "others"),
        ("un mec a mes nudes et veut de l'argent", H, "others"),
        ("mon ex a des photos de moi et menace de les montrer à mes parents", H, "others"),
        ("mon ex menace de dire à tout le lycée que je suis trans", H, "others"),
        ("le mec de l'appli m'attendait avec ses potes, ils étaient trois", H, "others"),
        ("les flics ont lu mes messages et vont me rappeler", H, "others"),
        ("ils ont embarqué des gens à la soirée, je me suis caché dans les toilettes", H, "others"),
        ("mon père m'a enfermée dans ma chambre, sans manger", H, "others"),
        ("ils m'ont pris mon tel et me laissent même pas aller en cours", H, "others"),
        ("je suis restée à regarder les rails du métro", E, "plan"),
        ("je reste sur le pont depuis une heure à regarder l'eau", E, "plan"),
        ("c'est le jour, tout est prêt", E, "plan"),
        ("c'était bien de vous parler ces derniers mois, salut", E, "farewell"),
        ("j'ai tout réglé, merci pour tout", E, "farewell"),
        ("j'ai déjà essayé l'an dernier et j'ai envie de recommencer", E, "attempt"),
        ("je me suis remise à me couper les cuisses", E, "self_harm"),
        ("je me tape la tête contre le mur jusqu'à ce que j'arrête de penser", E, "self_harm"),
        ("ma mère a jeté mes affaires dehors et a changé la serrure", E, "others"),
        (
            "mon père m'a confisqué mon téléphone, plus le droit de sortir de ma chambre",
            E,
            "others",
        ),
    ],
    "it": [
        ("sto mettendo da parte le pastiglie di mia nonna, ne ho una scatola", H, "plan"),
        ("ho comprato delle lamette e non sono per la barba", H, "plan"),
        ("la lametta è nascosta sotto il materasso", H, "plan"),
        ("la corda è pronta nell'armadio", H, "plan"),
        ("ho preso la pistola di mio padre, è qui", H, "plan"),
        ("sono seduta sul bordo del tetto proprio adesso", H, "plan"),
        ("sono al binario e aspetto che passi il treno", H, "plan"),
        ("sono rimasto ore davanti al mare a pensare di entrarci e non tornare", H, "plan"),
        ("stasera lo faccio, ho deciso", H, "plan"),
        ("ho già scelto il ponte da cui buttarmi", H, "plan"),
        ("ho comprato la candeggina da bere", H, "plan"),
        ("ho aperto il gas senza accenderlo", H, "plan"),
        ("spero che un camion mi investa domani", H, "intent"),
        ("ho appena preso tutta la scatola di xanax", H, "attempt"),
        ("ho ingoiato 30 pastiglie", H, "attempt"),
        ("ho preso tutta la scatola di tachipirina", H, "attempt"),
        ("sono finita in rianimazione quando ci ho provato", H, "attempt"),
        (
            "ho scritto delle lettere a mia sorella e al mio migliore amico, non si sa mai",
            H,
            "farewell",
        ),
        ("occupatevi del mio gatto, non potrò più farlo io", H, "farewell"),
        ("grazie di tutto, se non rispondo più è normale", H, "farewell"),
        ("se qualcuno legge questo dite a mia sorella che non è colpa sua", H, "farewell"),
        ("ho regalato le mie cose, non mi serviranno più", H, "farewell"),
        ("mio fratello mi ha rotto il naso quando ha visto i miei messaggi", H, "others"),
        ("mio padre dice che con un figlio frocio mi ammazza", H, "others"),
        ("se vado al pride mi ammazza", H, "others"),
        ("i miei dicono che preferiscono un figlio morto", H, "others"),
        ("vogliono farmi sposare con un cugino, ho 16 anni", H, "others"),
        ("mia madre mi porta da uno psicologo della chiesa per guarirmi", H, "others"),
        ("un tipo ha le mie nudes e vuole soldi", H, "others"),
        ("il mio ex ha delle foto mie e minaccia di farle vedere ai miei", H, "others"),
        ("il mio ex minaccia di dire a tutta la scuola che sono trans", H, "others"),
        ("il tipo dell'app mi aspettava, erano in tre", H, "others"),
        ("la polizia mi ha preso il telefono e mi richiameranno", H, "others"),
        ("hanno portato via alcuni dalla festa, io mi sono nascosto in bagno", H, "others"),
        ("mio padre mi tiene chiusa in camera senza mangiare", H, "others"),
        ("mi hanno tolto la sim, non mi fanno più andare a scuola", H, "others"),
        ("sono rimasta a guardare i binari per un'ora", E, "plan"),
        ("sto sul ponte da un'ora a guardare l'acqua", E, "plan"),
        ("oggi è il giorno, è tutto pronto", E, "plan"),
        ("è stato bello parlare con voi in questi mesi, ciao", E, "farewell"),
        ("ho sistemato tutto, grazie di tutto ragazzi", E, "farewell"),
        ("ci ho già provato l'anno scorso e ho voglia di riprovarci", E, "attempt"),
        ("ho ricominciato a tagliarmi le cosce", E, "self_harm"),
        ("sbatto la testa contro il muro finché non smetto di pensare", E, "self_harm"),
        ("mia madre ha cambiato la serratura e ha buttato le mie cose fuori", E, "others"),
        ("mio padre mi ha sequestrato il telefono e non posso uscire dalla stanza", E, "others"),
    ],
    "de": [
        ("ich hab die tabletten von meiner mutter gesammelt", H, "plan"),
        ("hab rasierklingen gekauft, die sind nicht zum rasieren", H, "plan"),
        ("ich hab die klinge neben mir", H, "plan"),
        ("der strick liegt bereit im schrank", H, "plan"),
        ("hab die waffe von meinem vater geholt, liegt hier", H, "plan"),
        ("sitze gerade auf der dachkante und schau runter", H, "plan"),
        ("stehe am gleis und warte auf den durchfahrenden zug", H, "plan"),
        ("war stundenlang am meer und hab dran gedacht einfach reinzugehen", H, "plan"),
        ("heute mach ich es, hab mich entschieden", H, "plan"),
        ("hab mir die brücke schon ausgesucht", H, "plan"),
        ("ich trink heute abend den abflussreiniger", H, "plan"),
        ("hoffentlich überfährt mich morgen ein lkw", H, "intent"),
        ("hoffentlich fährt mich ein lkw um auf dem weg zur uni", H, "intent"),
        ("hab gerade die ganze packung tavor geschluckt", H, "attempt"),
        ("habe eben 30 stück tabletten genommen", H, "attempt"),
        ("hab die ganze packung paracetamol geschluckt", H, "attempt"),
        ("war nach meinem versuch auf der intensiv", H, "attempt"),
        ("bin deswegen in der notaufnahme gelandet und merke es geht wieder los", H, "attempt"),
        ("hab briefe an meine schwester geschrieben, für den fall", H, "farewell"),
        ("kümmert euch um meine katze, ich kann das nicht mehr", H, "farewell"),
        ("danke für alles, wenn ich nicht mehr antworte ist das okay", H, "farewell"),
        ("falls das jemand liest, sagt meiner schwester es war nicht ihre schuld", H, "farewell"),
        ("hab meine sachen verschenkt, brauch ich nicht mehr", H, "farewell"),
        ("mein bruder hat mir die nase gebrochen als er meine chats gesehen hat", H, "others"),
        ("mein vater sagt er bringt mich um weil ich schwul bin", H, "others"),
        ("wenn ich zum csd gehe bringt er mich um", H, "others"),
        ("meine eltern wollen mich mit meinem cousin verheiraten, bin 16", H, "others"),
        ("mein onkel sagt die ehre der familie muss wiederherstellen werden", H, "others"),
        ("meine mutter schickt mich zum imam, um mich zu heilen", H, "others"),
        ("ein typ hat meine nacktbilder und will geld", H, "others"),
        ("mein ex hat fotos von mir und droht sie meinen eltern zu zeigen", H, "others"),
        ("mein ex droht allen zu erzählen dass ich trans bin", H, "others"),
        ("der typ von grindr hat mit seinen freunden gewartet, sie waren zu dritt", H, "others"),
        ("der typ von grindr hat mich mit seinen kumpels verprügelt", H, "others"),
        ("die polizei hat meine chats gelesen und ruft mich wieder an", H, "others"),
        ("die polizei kam auf die party, ich hab mich im klo versteckt", H, "others"),
        ("mein vater hat mich eingesperrt, ohne essen", H, "others"),
        ("hat mir das handy weggenommen und lässt mich nicht mal zur schule", H, "others"),
        ("ich hab heute lange auf die gleise gestarrt", E, "plan"),
        ("heute ist der tag, alles ist vorbereitet", E, "plan"),
        ("war schön mit euch zu reden die letzten monate, tschüss", E, "farewell"),
        ("ich hab alles geregelt, danke für alles", E, "farewell"),
        ("hab es schon mal versucht und will es nochmal", E, "attempt"),
        ("hab mich wieder geritzt, oberschenkel", E, "self_harm"),
        ("ich schlag meinen kopf gegen die wand bis ich nicht mehr denke", E, "self_harm"),
        (
            "meine mutter hat das schloss ausgetauscht und meine sachen vor die tür gestellt",
            E,
            "others",
        ),
        ("mein vater hat mein handy und ich darf mein zimmer nicht verlassen", E, "others"),
    ],
}

# locale -> everyday look-alikes of the rules: nothing at all
QUIET: dict[str, list[str]] = {
    "es": [
        "me tomé mis hormonas como siempre",
        "me tomé dos ibuprofenos por el dolor de cabeza",
        "tengo guardada la PrEP en mi cajón",
        "compré una cuerda para escalar, ya está lista",
        "mis papás están organizando la boda de mi hermana",
        "quiero casarme con mi novia y no quiero esperar",
        "les conté a mis papás que soy gay y me abrazaron",
        "mi mamá me quitó el celular porque reprobé",
        "el cuchillo está en el cajón de la cocina",
        "nos quedamos mirando el mar toda la tarde, qué bonito",
        "gracias por todo, buenas noches",
        "gracias por escucharme, chao",
        "regalé mi ropa vieja que ya no me queda",
        "mi hermano me ganó en el fifa otra vez",
        "hoy es el día de mi examen, ya tengo todo listo",
        "mis fotos del viaje se las mandé a mi familia",
        "me corté el dedo cocinando",
        "estuve un buen rato en la estación esperando el metro",
        "terminé en urgencias otra vez por la alergia",
        "me muero de risa jajajaja",
        "tengo guardado paracetamol por si me duele la cabeza",
        "ya elegí el lugar de la fiesta",
        "mi jefe me dio una paliza en el fifa",
        "el brujo de la novela dice que me cure pronto",
        "le enseñé mis fotos del viaje a mis papás",
        "abrí el gas para hacer la comida y me quedo en la cocina",
        "la policía hizo una redada en el barrio, salió en las noticias",
    ],
    "pt": [
        "tomei meus hormônios hoje de manhã",
        "tomei dois paracetamol pra dor de cabeça",
        "guardo a PrEP na gaveta",
        "comprei uma corda de escalada, já tá pronta",
        "meus pais estão organizando o casamento da minha irmã",
        "contei pros meus pais que sou gay e eles me abraçaram",
        "a faca tá na gaveta da cozinha",
        "ficamos olhando o mar a tarde toda, que lindo",
        "obrigado por tudo, tchau",
        "doei minhas roupas velhas que não servem mais",
        "hoje é o dia da prova, já estudei tudo",
        "mandei minhas fotos da viagem pra minha família",
        "cortei o dedo cozinhando",
        "meu pai me expulsou da sala pq eu tava gritando no jogo kkk",
        "fui parar na emergência de novo com asma",
        "o boy do tinder me bateu uma foto linda",
        "a polícia levou o ladrão, saiu no jornal",
        "comecei uma terapia pra me curar da ansiedade",
    ],
    "fr": [
        "j'ai pris mes hormones ce matin comme d'hab",
        "j'ai pris deux doliprane pour mon mal de tête",
        "je garde ma PrEP dans mon tiroir",
        "j'ai acheté une corde d'escalade, elle est prête pour samedi",
        "mes parents préparent le mariage de ma sœur",
        "j'ai fait mon coming out à mes parents, ça s'est bien passé",
        "le couteau est dans le tiroir de la cuisine",
        "on a regardé la mer toute la soirée, c'était beau",
        "merci pour tout, bonne soirée",
        "j'ai donné mes vieux vêtements, ils me vont plus",
        "mon grand-père est hospitalisé, j'ai essayé de l'appeler",
        "je veux pas me réveiller à 6h demain",
        "je garde du doliprane dans mon tiroir",
        "j'ai ouvert le gaz pour les pâtes, je reste dans la cuisine",
        "j'ai choisi le pont de mai pour partir en vacances",
        "les flics ont embarqué le voleur devant chez moi",
        "je commence une thérapie pour me soigner de ma dépression",
        "c'est à se taper la tête contre les murs ce devoir",
    ],
    "it": [
        "ho preso gli ormoni stamattina come sempre",
        "ho preso due tachipirine per il mal di testa",
        "tengo la PrEP nel cassetto",
        "ho comprato una corda da arrampicata, è pronta per sabato",
        "i miei stanno organizzando il matrimonio di mia sorella",
        "ho fatto coming out con i miei ed è andata bene",
        "mia madre non mi fa uscire sabato perché ho preso un brutto voto",
        "abbiamo guardato il mare tutta la sera, bellissimo",
        "grazie di tutto, buonanotte",
        "ho regalato i vestiti vecchi, non mi stanno più",
        "oggi è il giorno dell'esame, ho studiato tutto",
        "mio nonno è ricoverato, ho provato a chiamarlo",
        "non voglio svegliarmi domani alle 6",
        "tengo da parte la tachipirina per il mal di testa",
        "ho già scelto il ponte per le vacanze",
        "ho aperto il gas per la pasta, resto in cucina",
        "da bere ho preso un succo",
        "la polizia ha portato via il ladro sotto casa",
        "vado in una clinica per curarmi dall'ansia",
    ],
    "de": [
        "hab heute morgen meine hormone genommen",
        "hab zwei ibuprofen gegen kopfschmerzen genommen",
        "die prep liegt in meiner schublade",
        "hab ein kletterseil gekauft, liegt bereit für samstag",
        "meine eltern planen die hochzeit meiner schwester",
        "hab mich bei meinen eltern geoutet, lief gut",
        "das messer liegt in der küchenschublade",
        "wir haben den ganzen abend aufs meer geschaut, so schön",
        "danke für alles, gute nacht",
        "hab meine alten klamotten verschenkt, passen nicht mehr",
        "heute ist der tag der prüfung, hab alles gelernt",
        "hab meine urlaubsfotos an meine familie geschickt",
        "stand ewig am bahnsteig, der zug hatte verspätung",
        "meine oma liegt auf der intensiv, hab versucht sie anzurufen",
        "war mit asthma in der notaufnahme, jetzt gehts wieder",
        "mein bruder hat mich bei fifa wieder geschlagen",
        "grindr hat mir geld abgezogen",
        "die polizei hat bei der demo leute mitgenommen",
        "hab mich getraut meinen eltern zu erzählen dass ich schwul bin",
        "hoffentlich fährt mich jemand nach hause",
        "ich mache eine therapie, um mich von der depression zu heilen",
    ],
}


@cache
def rules_only(locale: str) -> RiskDetector:
    """The detector of a file's together rules alone: its classes, rules, exclusions and
    modifiers, none of its phrase lists."""
    return together_only(locale)


CASES = [(locale, *case) for locale, cases in FIRES.items() for case in cases]
LOOK_ALIKES = [(locale, text) for locale, texts in QUIET.items() for text in texts]


@pytest.mark.parametrize(("locale", "text", "level", "category"), CASES)
def test_a_rule_fires_at_its_level_and_category(
    shipped_detector: RiskDetector, locale: str, text: str, level: str, category: str
) -> None:
    alone = rules_only(locale).assess(text)
    assert (alone.level, alone.categories) == (level, frozenset({category})), text
    shipped = shipped_detector.assess(text)
    assert shipped.level == level and category in shipped.categories, (text, shipped)


@pytest.mark.parametrize(("locale", "text"), LOOK_ALIKES)
def test_a_look_alike_stays_quiet(shipped_detector: RiskDetector, locale: str, text: str) -> None:
    assert rules_only(locale).assess(text).level == "none", text
    assert shipped_detector.assess(text).level == "none", text


@pytest.mark.parametrize("locale", sorted(FIRES))
def test_every_rule_has_a_sentence(locale: str) -> None:
    data = yaml.safe_load((CONTENT / locale / "safety.yaml").read_text(encoding="utf-8"))
    rules = sum(len(lines) for groups in data["together"].values() for lines in groups.values())
    assert len(FIRES[locale]) >= rules


# plain wordings that were missing, added as phrases beside the rules: (locale, text, level)
PHRASES = [
    ("es", "estoy harta de estar viva", E),
    ("es", "nadie me va a extrañar cuando me vaya", E),
    ("es", "estoy parada en las vías ahorita", H),
    ("es", "dejar el gas abierto esta noche", H),
    ("pt", "qual o sentido de acordar amanhã", E),
    ("pt", "queria não acordar amanhã", H),
    ("pt", "tô em cima dos trilhos agora", H),
    ("pt", "minha família diz que vai limpar a honra", H),
    ("fr", "j'aimerais ne pas me réveiller demain", H),
    ("fr", "personne va me regretter", E),
    ("fr", "à quoi ça sert de continuer si chez moi on me traite comme une merde", E),
    ("fr", "je suis debout sur les rails", H),
    ("it", "vorrei non svegliarmi domani", H),
    ("it", "che senso ha andare avanti", E),
    ("it", "sono sui binari adesso", H),
    ("de", "morgen bin ich nicht mehr da", H),
    ("de", "ich hab keinen bock mehr zu leben", H),
    ("de", "ich will morgen nicht aufwachen", H),
    ("de", "ich steh grad auf den gleisen", H),
    ("de", "hab den gashahn aufgedreht", H),
]


@pytest.mark.parametrize(("locale", "text", "level"), PHRASES)
def test_a_plain_wording_is_found(
    shipped_detector: RiskDetector, locale: str, text: str, level: str
) -> None:
    assert shipped_detector.assess(text).level == level, text


@pytest.mark.parametrize(
    "text",
    [
        "je veux pas me réveiller à 6h demain",  # an alarm clock
        "le projet est enfin sur les rails maintenant",
        "il treno è fermo sui binari da un'ora",
        "voy a abrir el gas para cocinar",
        "vi una peli sobre el suicidio, muy fuerte",
        "en el noticiero hablaron de un atentado suicida",
    ],
)
def test_a_look_alike_of_a_plain_wording_is_quiet(
    shipped_detector: RiskDetector, text: str
) -> None:
    assert shipped_detector.assess(text).level == "none", text
