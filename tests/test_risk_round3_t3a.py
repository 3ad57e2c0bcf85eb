"""Round 3 of the Spanish, Portuguese, French, Italian and German risk lists (issue 9, t3a):
wordings that generalise. Each family of wordings the fresh2 blind sets missed (a date chosen and
decided, hopelessness with a wish to end "this", tired of existing, self-harm "on purpose",
hitting oneself, a message left for after, leaving for good, a pet given away for good, lying on
the tracks, a garage with the engine on, charcoal, poison kept hidden, a gun I know where to
find, exorcism and healers, honour "settled", police slurs and threats, blackmail "if I don't do
what he wants", locked in with a key...) is tested with variants of our own (other verbs, tenses,
word orders, slang, no accents), never with the fresh2 lines themselves, and each with the
everyday look-alikes it could be mistaken for (an exam day, a breakup, moving abroad, a kitchen
burn, a climbing knot, quitting smoking "for ever", a match day, binge-watching...).

A line is (text, level, category); a look-alike has level "none"."""

from __future__ import annotations

import pytest

from bot.safety import RiskDetector
from tests.conftest import assert_reads

H, E, N = "high", "elevated", "none"

CASES: dict[str, list[tuple[str, str, str]]] = {
    "es": [
        # A date chosen + decided
        ("el sábado es el día, ya está decidido", H, "plan"),
        ("el 15 es el dia, no hay vuelta atras", H, "plan"),
        ("mañana es el día y ya lo decidí, nadie me va a detener", H, "plan"),
        ("el domingo lo hago, ya lo decidi", H, "plan"),
        ("en mi cumple es el dia, lo tengo decidido", H, "plan"),
        ("el viernes es el día de la boda de mi prima", N, ""),
        ("mañana es el día del examen, ya estudié todo", N, ""),
        ("el sábado es el día del orgullo, ya decidí que voy", N, ""),
        # B giving things away + won't need
        ("ya repartí mis cosas, donde voy no las necesito", H, "farewell"),
        ("regalé mis tenis, ya no me van a hacer falta", H, "farewell"),
        ("les di mis juegos a mis primos, ya no los ocupo", H, "farewell"),
        ("vendí mi bici porque me compré otra", N, ""),
        ("le regalé mi ropa vieja a mi prima, ya no me queda", N, ""),
        # C conversion / exorcism
        ("mis papás me quieren llevar con el pastor pa que me saquen el demonio", H, "others"),
        ("mi abuela dice que en la iglesia me van a sacar los demonios", H, "others"),
        ("me llevaron con un curandero para que me quitaran lo gay", H, "others"),
        ("el pastor dice que tengo un demonio y me van a hacer una liberación", H, "others"),
        ("el pastor habló del demonio en la misa del domingo", N, ""),
        ("fui con el curandero para que me quitara el dolor de espalda", N, ""),
        # D hopelessness + wish to end
        ("ya no veo salida, lo mejor es acabar con esto de una vez", H, "intent"),
        ("nadie me acepta, quiero terminar con esto", H, "intent"),
        ("ya no aguanto más, quiero que esto se acabe ya", E, "hopeless"),
        ("ya no veo salida", E, "hopeless"),
        ("no le veo salida a nada", E, "hopeless"),
        ("vamos a acabar con esto de una vez, que mañana hay examen", N, ""),
        ("creo que lo mejor es terminar con esto, ya no somos felices juntos", N, ""),
        ("no veo la salida del estacionamiento", N, ""),
        # E farewell: sorry + thanks + loved you
        ("perdón a todos, gracias por todo, los quise mucho", H, "farewell"),
        ("gracias por todo, siempre los quise. adiós", H, "farewell"),
        ("perdónenme, los quise mucho, adiós", H, "farewell"),
        ("gracias por todo, los quiero mucho, nos vemos mañana", N, ""),
        ("perdón a todos por lo de ayer, gracias por todo", N, ""),
        # beyond: wish to be gone
        ("cansada de existir", E, "hopeless"),
        ("estoy harto de existir la verdad", E, "hopeless"),
        ("ojalá no despertara mañana", H, "intent"),
        ("quisiera dormirme y ya no despertar", H, "intent"),
        ("me gustaría desaparecer para siempre", H, "intent"),
        ("a veces quisiera no existir", E, "hopeless"),
        # means in hand
        ("compré veneno para ratas y lo tengo escondido en mi cuarto", H, "plan"),
        ("tengo las pastillas de mi mamá escondidas debajo de la cama", H, "plan"),
        ("me voy a encerrar en la cochera con el carro prendido", H, "plan"),
        ("ya tengo el carbón y la cinta para las ventanas", H, "plan"),
        ("compré veneno para ratas porque hay ratones en la cocina", N, ""),
        ("dejé el carro prendido en la cochera para calentarlo", N, ""),
        # tracks
        ("mañana me acuesto en las vías del tren", H, "plan"),
        ("me voy a acostar en las vías", H, "plan"),
        # farewell: message for after
        ("le grabé un audio a mi mamá para que lo escuche cuando ya no esté", H, "farewell"),
        ("escribí una carta para mi hermana para que la lea cuando me haya ido", H, "farewell"),
        # self-harm
        ("me quemé el brazo con la plancha a propósito", E, "self_harm"),
        ("me rasguño hasta sangrar", E, "self_harm"),
        ("me di de golpes en la cara hasta que me dolió", E, "self_harm"),
        ("me quemé con la plancha sin querer", N, ""),
        # others
        ("mi tío dijo que va a limpiar la vergüenza de la familia", H, "others"),
        (
            "mis hermanos dicen que manché el honor de la familia y que ellos se van a encargar",
            E,
            "others",
        ),
        ("los polis me revisaron, me dijeron maricón y que van a volver por mí", H, "others"),
        (
            "un chavo tiene capturas de mis chats y dice que las sube si no hago lo que quiere",
            H,
            "others",
        ),
        ("no me dejan salir de la casa y en la noche cierran mi cuarto con llave", H, "others"),
        ("mi papá me encierra con llave en mi cuarto", H, "others"),
        ("mis papás me corrieron y duermo en la calle desde hace una semana", E, "others"),
        ("mi familia dice que me van a mandar al pueblo a casarme con un señor", H, "others"),
        ("mi papá dijo que prefiere verme en un cajón que con un hombre", H, "others"),
        ("los polis pararon el carro y revisaron los papeles", N, ""),
        ("mi mamá cierra la puerta con llave en la noche por seguridad", N, ""),
        # second look-alike pass: what the new words could be mistaken for
        ("hoy es el día de la entrevista, ya está decidido que voy de traje", N, ""),
        # third pass: plain wordings across the list, and their look-alikes
        ("neta ya me quiero morir no aguanto", H, "intent"),
        ("ya no kiero vivir", H, "intent"),
        ("a veces pienso en matarme y ya", H, "intent"),
        ("ya tengo todo listo para esta noche, la soga y la carta", H, "plan"),
        ("estoy en la azotea de mi edificio y no me quiero bajar", H, "plan"),
        ("la otra vez me tome como 30 pastillas y desperte en el hospital", H, "attempt"),
        ("ya lo intenté dos veces y esta vez no voy a fallar", E, "attempt"),
        ("cuiden a mi perrito porfa, yo ya no voy a estar", H, "farewell"),
        ("me volvi a cortar despues de 3 meses limpia", E, "self_harm"),
        ("mi papá me agarró a cinturonazos cuando vio mis mensajes", H, "others"),
        ("mi mamá dice que si soy lesbiana me va a matar", H, "others"),
        ("me sacaron de la casa con mis cosas en bolsas de basura", E, "others"),
        ("mi ex me dijo que si lo dejo va a subir mis nudes", H, "others"),
        ("me citaron por grindr y eran puros polis", H, "others"),
        ("mi familia me quiere mandar a una clínica para volverme hetero", H, "others"),
        ("mi hermano me amenazó con un cuchillo por ser gay", H, "others"),
        ("siento que soy un estorbo para todos", E, "hopeless"),
        ("me muero de sueño jaja", N, ""),
        ("esa película me mató de risa", N, ""),
        ("mañana me corto el pelo por fin", N, ""),
        ("me tomé dos pastillas para el dolor de cabeza", N, ""),
        ("voy a subir mis stickers al grupo", N, ""),
        ("gracias por todo, si ya llegué te aviso", N, ""),
        ("pienso en cambiarme de carrera", N, ""),
        ("tomo todas las pastillas que me recetó el doctor", N, ""),
        # fourth pass: new wordings of every kind of risk (a sharpened knife, 'it would be easier
        # without me', accounts deleted, a place that 'cures gays', threats to out), and everyday
        # look-alikes (love, series, climbing, PrEP and hormones, cooking, family rows, a breakup,
        # a late train)
        ("ojala no existiera la neta", E, "hopeless"),
        ("afilé el cuchillo de la cocina y lo tengo en mi cuarto", H, "plan"),
        ("tengo el arma de mi tío escondida en mi mochila", H, "plan"),
        ("me voy a aventar del puente de la avenida esta noche", H, "plan"),
        ("la última vez me corté las venas y me encontró mi hermana", H, "attempt"),
        ("le dejé una carta a mi mamá debajo de su almohada", H, "farewell"),
        ("borré todas mis redes, ya no hace falta nada", H, "farewell"),
        ("mi papá dijo que si me ve con vestido me mata", H, "others"),
        ("mis tíos me van a llevar a un lugar donde curan a los gays", E, "others"),
        ("la policía me detuvo por besar a mi novio y me golpearon", H, "others"),
        (
            "un tipo me dijo que si no le paso dinero va a contarle a mi familia que soy gay",
            H,
            "others",
        ),
        ("todo sería más fácil si yo no estuviera", E, "hopeless"),
        ("me quemé con un cigarro a propósito", E, "self_harm"),
        ("me muero por verte mañana", N, ""),
        ("esta serie me está matando de lo buena que está", N, ""),
        ("compré una cuerda para escalar este finde", N, ""),
        ("empecé con la prep y las hormonas este mes", N, ""),
        ("corté cebolla con el cuchillo nuevo y me lloraban los ojos", N, ""),
        ("mi mamá y yo nos peleamos por los platos otra vez", N, ""),
        ("terminé con mi novia y estoy triste", N, ""),
        ("el tren se retrasó una hora en el puente", N, ""),
        # fifth pass: leaving this world, 'if I don't answer tomorrow you'll know why', which
        # bridge, 'if I don't marry him', a date who locked me in, scratching till it bleeds, no
        # meaning in going on; and look-alikes (an app that won't log me out, 'I know which bridge
        # you mean', pills bought at a pharmacy, an accident)
        ("ya me cansé de vivir así, me quiero ir de este mundo", H, "intent"),
        ("tengo guardadas las pastillas de mi abuela para el sábado", H, "plan"),
        ("ya sé de qué puente me voy a tirar", H, "plan"),
        ("si mañana no contesto ya saben por qué", H, "farewell"),
        ("el año pasado me tomé un bote de pastillas y casi no la cuento", H, "attempt"),
        ("mi padrastro me pega cada vez que llega borracho", H, "others"),
        ("mis papás me dijeron que si no me caso con él me desheredan y me echan", E, "others"),
        ("el de tinder me encerró en su depa y no me deja salir", H, "others"),
        ("me rasco los brazos hasta que sangran", E, "self_harm"),
        ("no le encuentro sentido a seguir viviendo", E, "hopeless"),
        ("ya me cansé de este trabajo", N, ""),
        ("el sábado voy a tirarme en paracaídas", N, ""),
        ("la app no me deja salir de la sesión", N, ""),
        ("ya sé de qué puente hablas, el de la avenida", N, ""),
        ("tuve un accidente de moto y casi no la cuento", N, ""),
        ("si no contesto es que estoy en el cine", N, ""),
    ],
    "pt": [
        # tired of existing
        ("to cansada de existir", E, "hopeless"),
        ("cansei de existir sabe", E, "hopeless"),
        ("tô exausto de existir", E, "hopeless"),
        ("farta de existir", E, "hopeless"),
        # poison / means hidden
        ("comprei chumbinho e escondi no meu quarto", H, "plan"),
        ("o veneno de rato ta escondido no armario", H, "plan"),
        ("peguei os remédios da minha mãe, tão escondidos debaixo da cama", H, "plan"),
        ("comprei veneno de rato pq tem rato no quintal", N, ""),
        ("tem chumbinho no quintal do vizinho", N, ""),
        # message left for after
        ("gravei um audio pra minha mae ouvir depois que eu me for", H, "farewell"),
        ("escrevi uma carta pra minha irmã ler quando eu não estiver mais aqui", H, "farewell"),
        ("deixei um vídeo pros meus pais verem depois que eu partir", H, "farewell"),
        ("gravei um audio pra minha mae ouvir depois que eu for dormir", N, ""),
        ("escrevi uma carta pra minha vó no aniversário dela", N, ""),
        # a date chosen, leaving for good
        ("dia 20 eu vou embora de vez, ja ta decidido", H, "plan"),
        ("sexta é o dia, já decidi, não adianta falar nada", H, "plan"),
        ("vou embora de vez", E, "farewell"),
        ("no meu aniversário eu faço, já tá decidido", H, "plan"),
        ("vou embora de vez pra portugal em março", N, ""),
        ("sexta é o dia da prova, já estudei tudo", N, ""),
        # hitting oneself
        ("fico dando soco na minha propria cara ate doer", E, "self_harm"),
        ("me dou tapa na cara até sangrar", E, "self_harm"),
        ("dou murro na parede até sangrar a mão", E, "self_harm"),
        ("me queimei com o ferro de propósito", E, "self_harm"),
        # police
        ("os policiais me enquadraram e me chamaram de sapatão", H, "others"),
        ("a pm me parou, me bateu e disse que vai voltar pra me pegar", H, "others"),
        ("a polícia parou o ônibus e revistou todo mundo", N, ""),
        # no point in living
        ("ja nao vejo sentido em continuar vivo", E, "hopeless"),
        ("não tem sentido continuar vivendo", E, "hopeless"),
        ("nao vejo sentido em viver assim", E, "hopeless"),
        ("não faz sentido continuar discutindo isso", N, ""),
        # honour
        ("meu tio disse que vai resolver essa vergonha", H, "others"),
        ("meu pai falou que vai lavar a honra da familia", H, "others"),
        ("minha família descobriu e eu to com medo de morrer", E, "others"),
        ("morri de vergonha na apresentação", N, ""),
        # tracks
        ("amanhã vou deitar nos trilhos do trem", H, "plan"),
        ("vou me deitar na linha do trem hoje", H, "plan"),
        ("quero me jogar na frente do trem", H, "plan"),
        ("o trem parou na linha por causa de um problema", N, ""),
        # farewell: the only ones
        ("obrigada por tudo, vcs foram os únicos que me trataram bem", H, "farewell"),
        ("vcs foram os unicos que me entenderam. tchau", H, "farewell"),
        ("vocês foram as únicas que se importaram comigo, adeus", H, "farewell"),
        ("obrigado por tudo, vcs são demais, até amanhã", N, ""),
        # pet given away for good
        ("dei meu gato pra vizinha cuidar pra sempre", H, "farewell"),
        ("deixei meu cachorro com a minha tia de vez", H, "farewell"),
        ("deixei meu gato com a vizinha no fim de semana", N, ""),
        ("adotei um gato e vou cuidar dele pra sempre", N, ""),
        # beyond
        ("queria dormir e não acordar nunca mais", H, "intent"),
        ("tomara que eu não acorde amanhã", H, "intent"),
        ("vou me trancar na garagem com o carro ligado", H, "plan"),
        ("comprei carvão pra queimar no quarto com a janela fechada", H, "plan"),
        ("meu pai disse que prefere me ver num caixão do que sapatão", H, "others"),
        ("o pastor quer fazer uma sessão de libertação pra tirar o demônio de mim", H, "others"),
        ("me levaram num pai de santo pra tirar o encosto gay", H, "others"),
        (
            "um cara tem prints das minhas conversas e diz que manda pra minha mãe se eu não "
            "fizer o que ele quer",
            H,
            "others",
        ),
        ("meus pais me trancam no quarto à noite e pegam meu celular", H, "others"),
        (
            "minha família quer me mandar pro interior pra casar com um homem mais velho",
            H,
            "others",
        ),
        ("o cara do grindr marcou comigo e apareceram três caras, me bateram", H, "others"),
        ("me corto com a lâmina do apontador", E, "self_harm"),
        ("ja tentei me matar duas vezes", H, "attempt"),
        ("sou um peso pra todo mundo", E, "hopeless"),
        ("vou me jogar nessa festa hoje", N, ""),
        ("deitei na grama e dormi", N, ""),
        # second look-alike pass: what the new words could be mistaken for
        ("dei meus parabéns pra ela, amiga pra sempre", N, ""),
        ("tirei prints da conversa pra mandar pra minha mãe ver que fofo", N, ""),
        ("vou mandar minhas fotos da viagem pra minha mãe", N, ""),
        ("obrigado por tudo, vc foi o único que me ajudou hoje", N, ""),
        ("de vez em quando deixo meu gato com a vizinha", N, ""),
        # third pass: plain wordings across the list, and their look-alikes
        ("eu so queria morrer sabe", H, "intent"),
        ("to pensando seriamente em me matar", H, "intent"),
        ("ja separei os remedios, hoje a noite eu tomo tudo", H, "plan"),
        ("to no alto do predio e nao quero descer", H, "plan"),
        ("ja tentei me matar ano passado e quase consegui", H, "attempt"),
        ("tomei uns 20 comprimidos agora", H, "attempt"),
        ("se eu nao aparecer mais, saibam que eu amo vcs", H, "farewell"),
        ("voltei a me cortar depois de meses", E, "self_harm"),
        ("meu pai me deu uma surra de cinto quando viu minhas mensagens", H, "others"),
        ("minha mae me expulsou de casa quando contei que sou trans", H, "others"),
        ("meu ex ta ameacando postar meus nudes se eu terminar", H, "others"),
        ("marquei com um cara do grindr e era uma armadilha, me roubaram", H, "others"),
        ("meus pais querem me internar numa clinica pra me curar", E, "others"),
        ("meu irmao disse que me mata se me ver com outra menina", H, "others"),
        ("sou um fardo pra minha familia", E, "hopeless"),
        ("nada mais faz sentido pra mim", E, "hopeless"),
        ("morri de rir com esse video kkkk", N, ""),
        ("to morta de cansaço hoje", N, ""),
        ("vou matar aula amanha", N, ""),
        ("vou postar minhas fotos da praia amanhã", N, ""),
        # fourth pass: new wordings of every kind of risk (a sharpened knife, 'it would be easier
        # without me', accounts deleted, a place that 'cures gays', threats to out), and everyday
        # look-alikes (love, series, climbing, PrEP and hormones, cooking, family rows, a breakup,
        # a late train)
        ("queria simplesmente deixar de existir", H, "intent"),
        ("afiei a faca da cozinha e guardei no meu quarto", H, "plan"),
        ("peguei a arma do meu tio e escondi na mochila", H, "plan"),
        ("hoje a noite eu pulo da ponte", H, "plan"),
        ("da ultima vez eu cortei os pulsos e minha irma me achou", H, "attempt"),
        ("deixei uma carta pra minha mae embaixo do travesseiro dela", H, "farewell"),
        ("apaguei todas as minhas redes, nao precisa mais", H, "farewell"),
        ("meu pai disse que se me ver de vestido me mata", H, "others"),
        ("meus tios vão me levar num lugar que cura gay", E, "others"),
        ("a policia me prendeu por beijar meu namorado e me bateram", H, "others"),
        ("um cara disse que se eu nao pagar ele conta pra minha familia que sou gay", H, "others"),
        ("tudo seria mais facil se eu nao estivesse aqui", E, "hopeless"),
        ("me queimei com cigarro de proposito", E, "self_harm"),
        ("morrendo de saudade de vc", N, ""),
        ("essa serie ta me matando de tão boa", N, ""),
        ("comprei uma corda de escalada pro fim de semana", N, ""),
        ("comecei a prep e os hormonios esse mes", N, ""),
        ("cortei cebola com a faca nova e chorei", N, ""),
        ("briguei com minha mae por causa da louça de novo", N, ""),
        ("terminei com minha namorada e to triste", N, ""),
        ("o trem atrasou uma hora na ponte", N, ""),
        # fifth pass: leaving this world, 'if I don't answer tomorrow you'll know why', which
        # bridge, 'if I don't marry him', a date who locked me in, scratching till it bleeds, no
        # meaning in going on; and look-alikes (an app that won't log me out, 'I know which bridge
        # you mean', pills bought at a pharmacy, an accident)
        ("cansei de viver assim, quero ir embora desse mundo", H, "intent"),
        ("tenho guardado os remedios da minha avó pro sabado", H, "plan"),
        ("ja sei de qual ponte eu vou pular", H, "plan"),
        ("se amanha eu nao responder ja sabem o motivo", H, "farewell"),
        ("ano passado tomei um vidro de remedio e quase nao voltei", H, "attempt"),
        ("meu padrasto me bate toda vez que chega bebado", H, "others"),
        ("meus pais disseram que se eu nao casar com ele me deserdam e me expulsam", E, "others"),
        ("o cara do tinder me trancou no apartamento dele e nao me deixa sair", H, "others"),
        ("me coço ate sangrar os braços", E, "self_harm"),
        ("nao encontro sentido em continuar vivendo", E, "hopeless"),
        ("cansei desse trabalho", N, ""),
        ("sabado vou pular de paraquedas", N, ""),
        ("o app nao me deixa sair da conta", N, ""),
    ],
    "fr": [
        # self-harm: taillader, scarifier, entailler + blood / arms
        ("je me suis encore tailladé les bras hier soir jusqu'au sang", E, "self_harm"),
        ("je me taillade les cuisses", E, "self_harm"),
        ("je me suis entaillé le poignet", E, "self_harm"),
        ("je me suis brûlée exprès avec mon briquet", E, "self_harm"),
        ("je me griffe jusqu'au sang", E, "self_harm"),
        ("je me suis coupé en faisant la cuisine", N, ""),
        ("je me suis brûlé avec le four", N, ""),
        # honour
        (
            "mes frères disent que j'ai sali l'honneur de la famille et qu'ils vont régler ça",
            H,
            "others",
        ),
        (
            "mon père dit que je suis la honte de la famille et qu'il va laver l'honneur",
            H,
            "others",
        ),
        ("mon oncle va régler ça lui-même, j'ai déshonoré la famille", H, "others"),
        ("j'ai sali l'honneur de la famille", E, "others"),
        ("on va régler ça entre nous demain au bureau", N, ""),
        # police
        ("les flics m'ont contrôlé et humilié parce que je suis trans", H, "others"),
        ("les keufs m'ont traité de pédé et ont dit qu'ils me retrouveraient", H, "others"),
        ("la police m'a frappé pendant le contrôle", H, "others"),
        ("les flics ont contrôlé mes papiers dans le métro", N, ""),
        # a relative's gun + I know where
        (
            "mon oncle a un fusil de chasse dans le garage, je sais où il range les cartouches",
            H,
            "plan",
        ),
        ("mon père a une arme, je sais où il la cache", H, "plan"),
        ("je sais où mon père garde son flingue", H, "plan"),
        ("mon oncle a un fusil de chasse, il va à la chasse le dimanche", N, ""),
        # exorcism
        ("ils m'ont amenée chez un prêtre pour un exorcisme", H, "others"),
        ("ma mère veut me faire exorciser", H, "others"),
        ("ils m'emmènent chez un marabout pour m'enlever le gay", H, "others"),
        ("on a regardé l'exorciste hier soir, trop flippant", N, ""),
        # farewell: leaving for good
        (
            "merci à vous tous, c'était bien de vous connaître, je m'en vais pour de bon",
            H,
            "farewell",
        ),
        ("je m'en vais pour de bon", E, "farewell"),
        ("prenez soin de vous, moi je pars pour toujours", H, "farewell"),
        ("je m'en vais pour de bon à montréal en septembre", N, ""),
        ("merci à vous tous, à demain", N, ""),
        # Québec: can't anymore, nothing left here
        ("tabarnak chu pu capable, j'ai pu rien à faire icitte", E, "hopeless"),
        ("je suis pu capable", E, "hopeless"),
        ("j'ai plus rien à faire sur cette terre", E, "hopeless"),
        ("j'ai plus ma place ici, je suis plus capable", E, "hopeless"),
        ("j'ai plus rien à faire ici, je rentre chez moi", N, ""),
        # no reason to go on
        ("je vois plus de raison de continuer", E, "hopeless"),
        ("j'ai aucune raison de vivre", E, "hopeless"),
        ("je vois pas pourquoi je continuerais à vivre", E, "hopeless"),
        # thrown out, couch-surfing
        ("je dors chez des potes à droite à gauche depuis mon coming out", E, "others"),
        ("je dors dans ma voiture depuis que mes parents m'ont viré", E, "others"),
        # beyond
        ("je suis fatiguée d'exister", E, "hopeless"),
        ("marre d'exister", E, "hopeless"),
        ("j'aimerais m'endormir et plus jamais me réveiller", H, "intent"),
        ("je voudrais disparaître pour de bon", E, "hopeless"),
        ("je vais m'allonger sur les rails", H, "plan"),
        ("je vais m'enfermer dans le garage avec le moteur allumé", H, "plan"),
        ("j'ai acheté du charbon pour ma chambre, les fenêtres sont fermées", H, "plan"),
        ("samedi c'est le jour, c'est décidé", H, "plan"),
        ("le 12 c'est le jour, personne m'arrêtera", H, "plan"),
        ("samedi c'est le jour du match, c'est décidé on y va", N, ""),
        (
            "j'ai enregistré un message vocal pour ma mère, pour quand je serai plus là",
            H,
            "farewell",
        ),
        ("j'ai donné mon chat à ma voisine pour toujours", H, "farewell"),
        (
            "un mec a des captures de mes conversations et dit qu'il les envoie à mes parents si "
            "je fais pas ce qu'il veut",
            H,
            "others",
        ),
        ("mes parents m'enferment à clé dans ma chambre", H, "others"),
        ("mon père a dit qu'il préfère me voir dans un cercueil que avec un mec", H, "others"),
        ("ils veulent m'envoyer au bled pour me marier avec un vieux", H, "others"),
        ("le mec de grindr est venu avec trois potes et ils m'ont frappé", H, "others"),
        ("je me frappe la tête contre le mur", E, "self_harm"),
        ("j'ai déjà fait une ts l'an dernier et je veux recommencer", H, "attempt"),
        ("j'ai déjà essayé ce resto, je veux recommencer", N, ""),
        ("je suis pu capable de manger épicé", N, ""),
        # second look-alike pass: what the new words could be mistaken for
        ("je suis plus capable que lui en maths", N, ""),
        ("je bosse à droite à gauche depuis deux ans", N, ""),
        ("merci à tous, si je réponds pas c'est que je dors", N, ""),
        ("il a pris mes photos et il les envoie à ma mère par mail", N, ""),
        # third pass: plain wordings across the list, and their look-alikes
        ("jveux mourir sérieux", H, "intent"),
        ("j'ai envie d'en finir", H, "intent"),
        ("chui sur le toit de l'immeuble là", H, "plan"),
        ("j'ai fait une ts l'année dernière", H, "attempt"),
        ("je viens d'avaler toute la boîte de doliprane", H, "attempt"),
        ("si je reviens plus, sachez que je vous aimais", H, "farewell"),
        ("j'ai recommencé à me scarifier", E, "self_harm"),
        ("mon père m'a frappé avec sa ceinture quand il a vu mes messages", H, "others"),
        ("ma mère m'a foutu dehors quand j'ai fait mon coming out", E, "others"),
        ("un mec menace de balancer mes nudes à mes parents", H, "others"),
        ("le rdv grindr c'était un guet-apens, ils m'ont tabassé", H, "others"),
        (
            "mes parents veulent m'envoyer dans un centre pour me soigner de l'homosexualité",
            H,
            "others",
        ),
        ("mon frère a dit qu'il me tue s'il me voit avec une meuf", H, "others"),
        ("je suis un fardeau pour tout le monde", E, "hopeless"),
        ("plus rien n'a de sens", E, "hopeless"),
        ("je suis mort de rire", N, ""),
        ("ce prof va me tuer avec ses devoirs", N, ""),
        ("j'ai pris un doliprane pour ma migraine", N, ""),
        ("on a fait un escape game trop bien", N, ""),
        ("merci pour tout, si je reviens pas avant 20h mangez sans moi", N, ""),
        ("je pense poster mes photos de vacances", N, ""),
        # fourth pass: new wordings of every kind of risk (a sharpened knife, 'it would be easier
        # without me', accounts deleted, a place that 'cures gays', threats to out), and everyday
        # look-alikes (love, series, climbing, PrEP and hormones, cooking, family rows, a breakup,
        # a late train)
        ("j'aimerais juste plus exister", H, "intent"),
        ("j'ai aiguisé le couteau de cuisine et je l'ai gardé dans ma chambre", H, "plan"),
        ("j'ai pris le flingue de mon oncle, il est dans mon sac", H, "plan"),
        ("ce soir je saute du pont", H, "plan"),
        ("la dernière fois je me suis ouvert les veines et ma sœur m'a trouvé", H, "attempt"),
        ("j'ai laissé une lettre à ma mère sous son oreiller", H, "farewell"),
        ("j'ai supprimé tous mes réseaux, ça sert plus à rien", H, "farewell"),
        ("mon père a dit que s'il me voit en robe il me tue", H, "others"),
        ("mes oncles veulent m'emmener dans un endroit qui soigne les gays", E, "others"),
        (
            "les flics m'ont arrêté parce que j'embrassais mon copain et ils m'ont frappé",
            H,
            "others",
        ),
        ("un mec dit que si je paye pas il dit à tous que je suis gay", H, "others"),
        ("tout serait plus simple si j'étais plus là", E, "hopeless"),
        ("je me suis brûlé avec une cigarette exprès", E, "self_harm"),
        ("je meurs d'envie de te voir", N, ""),
        ("cette série me tue tellement elle est bien", N, ""),
        ("j'ai acheté une corde d'escalade pour le week-end", N, ""),
        ("j'ai commencé la prep et les hormones ce mois-ci", N, ""),
        ("j'ai coupé des oignons avec le nouveau couteau", N, ""),
        ("je me suis engueulé avec ma mère pour la vaisselle", N, ""),
        ("j'ai rompu avec ma copine et je suis triste", N, ""),
        ("le train a eu une heure de retard sur le pont", N, ""),
        # fifth pass: leaving this world, 'if I don't answer tomorrow you'll know why', which
        # bridge, 'if I don't marry him', a date who locked me in, scratching till it bleeds, no
        # meaning in going on; and look-alikes (an app that won't log me out, 'I know which bridge
        # you mean', pills bought at a pharmacy, an accident)
        ("j'en ai marre de vivre comme ça, je veux quitter ce monde", H, "intent"),
        ("j'ai gardé les somnifères de ma grand-mère pour samedi", H, "plan"),
        ("je sais déjà de quel pont je vais sauter", H, "plan"),
        ("si demain je réponds pas vous saurez pourquoi", H, "farewell"),
        (
            "l'an dernier j'ai avalé une boîte de cachets et j'ai failli pas m'en sortir",
            H,
            "attempt",
        ),
        ("mon beau-père me frappe à chaque fois qu'il rentre bourré", H, "others"),
        (
            "mes parents m'ont dit que si je l'épouse pas ils me renient et me mettent dehors",
            E,
            "others",
        ),
        ("le mec de tinder m'a enfermé chez lui et me laisse pas sortir", H, "others"),
        ("je me gratte les bras jusqu'au sang", E, "self_harm"),
        ("je trouve plus de sens à continuer à vivre", E, "hopeless"),
        ("j'en ai marre de ce boulot", N, ""),
        ("samedi je vais sauter en parachute", N, ""),
        ("l'appli me laisse pas sortir de mon compte", N, ""),
        ("je sais déjà de quel pont tu parles", N, ""),
        ("j'ai pris une boîte de doliprane à la pharmacie", N, ""),
    ],
    "it": [
        # wish to disappear
        ("vorrei sparire e basta", E, "hopeless"),
        ("voglio scomparire per sempre", E, "hopeless"),
        ("vorrei svanire nel nulla", E, "hopeless"),
        ("vorrei non esistere più", E, "hopeless"),
        ("vorrei sparire per un weekend in montagna", N, ""),
        ("voglio sparire dai social per un po", N, ""),
        ("vorrei sparire dalla vergogna", N, ""),
        # car exhaust in a garage
        ("mi chiudo in garage con la macchina accesa", H, "plan"),
        ("mi chiudo in macchina in garage col motore acceso", H, "plan"),
        ("ho lasciato la macchina accesa in garage per scaldarla", N, ""),
        # a date chosen + decided
        ("ho deciso che lo faccio il 31", H, "plan"),
        ("sabato è il giorno, ho deciso", H, "plan"),
        ("lo faccio dopo capodanno, ormai ho deciso", H, "plan"),
        ("ho deciso che lo faccio il tatuaggio a maggio", N, ""),
        ("sabato è il giorno della partita, ho deciso che vengo", N, ""),
        # self-harm
        ("mi sono fatta i tagli sulle cosce", E, "self_harm"),
        ("mi faccio i tagli con il temperino", E, "self_harm"),
        ("mi taglio con la lametta del temperino", E, "self_harm"),
        ("mi sono bruciata apposta con l'accendino", E, "self_harm"),
        ("mi sono tagliato col coltello mentre cucinavo", N, ""),
        # hitting oneself
        ("mi prendo a pugni in testa quando litigano", E, "self_harm"),
        ("mi prendo a schiaffi da sola", E, "self_harm"),
        ("mi do i pugni in faccia", E, "self_harm"),
        ("mi prendo a pugni con mio fratello alla play", N, ""),
        # farewell: don't look for me
        ("ciao a tutti, è stato bello. non cercatemi", H, "farewell"),
        ("è stato bello conoscervi, non cercatemi più", H, "farewell"),
        ("grazie di tutto, non mi cercate", H, "farewell"),
        ("sono in vacanza, non cercatemi fino a lunedì", N, ""),
        # giving away
        ("ho regalato tutti i miei vestiti, tanto a me non servono più", H, "farewell"),
        ("ho dato via la play, tanto non mi serve più", H, "farewell"),
        ("ho regalato i miei libri a mio cugino, non mi serviranno più", H, "farewell"),
        ("ho regalato i vestiti vecchi alla caritas, non mi stanno più", N, ""),
        # conversion
        (
            "i miei mi vogliono portare da uno psicologo cattolico che guarisce l'omosessualità",
            H,
            "others",
        ),
        ("mi portano da un prete per curare l'omosessualità", H, "others"),
        ("mia madre mi ha portato da un esorcista per togliermi il frocio", H, "others"),
        ("hanno vietato le terapie che pretendono di curare l'omosessualità", N, ""),
        # blackmail
        ("un ragazzo ha gli screen delle mie chat e dice che li pubblica a scuola", H, "others"),
        ("ha le mie foto e dice che le manda ai miei se non faccio quello che vuole", H, "others"),
        ("mi ricatta con gli screenshot delle chat", H, "others"),
        ("ha pubblicato le mie foto delle vacanze su instagram", N, ""),
        # confinement
        (
            "non mi fanno uscire di casa, mi tolgono il telefono e chiudono la porta a chiave",
            H,
            "others",
        ),
        ("mio padre mi chiude a chiave in camera", H, "others"),
        ("mi chiudono in camera a chiave", H, "others"),
        ("chiudo la porta a chiave quando esco", N, ""),
        # beyond
        ("sono stanco di esistere", E, "hopeless"),
        ("non vedo più nessun motivo per andare avanti", E, "hopeless"),
        ("vorrei addormentarmi e non svegliarmi più", H, "intent"),
        ("domani mi sdraio sui binari", H, "plan"),
        ("ho comprato il veleno per topi e l'ho nascosto in camera", H, "plan"),
        ("so dove mio padre tiene la pistola", H, "plan"),
        ("ho registrato un vocale per mia madre da sentire quando non ci sarò più", H, "farewell"),
        ("ho dato il mio gatto alla vicina per sempre", H, "farewell"),
        ("mio zio dice che devo lavare il disonore della famiglia", H, "others"),
        ("mio padre dice che preferisce vedermi in una bara", H, "others"),
        ("i miei vogliono mandarmi giù al paese per sposare un uomo più grande", H, "others"),
        ("gli sbirri mi hanno chiamato frocio e mi hanno picchiato", H, "others"),
        (
            "la polizia mi ha fermato, mi ha insultato e ha detto che tornano a prendermi",
            H,
            "others",
        ),
        ("quello di grindr si è presentato con tre amici e mi hanno pestato", H, "others"),
        ("dormo in macchina da quando i miei mi hanno cacciato", E, "others"),
        ("ho già provato ad ammazzarmi l'anno scorso", H, "attempt"),
        ("stasera mi sparo una maratona di film horror", N, ""),
        ("mi sparo un caffè e arrivo", N, ""),
        ("ho deciso che lo faccio il 15 del mese", H, "plan"),
        ("ho deciso che lo faccio il tatuaggio a maggio", N, ""),
        # second look-alike pass: what the new words could be mistaken for
        ("non c'è nessun motivo per continuare la discussione", N, ""),
        ("il tipo dell'app si è presentato con dei fiori", N, ""),
        ("le mie foto del mare le pubblica domani sul suo profilo", N, ""),
        ("il prete ha pregato per guarire la nonna", N, ""),
        # third pass: plain wordings across the list, and their look-alikes
        ("voglio morire sul serio", H, "intent"),
        ("penso di ammazzarmi", H, "intent"),
        ("stasera prendo tutte le pastiglie che ho", H, "plan"),
        ("sono sul tetto del palazzo e non voglio scendere", H, "plan"),
        ("ho già tentato il suicidio l'anno scorso", H, "attempt"),
        ("ho appena ingoiato tutta la scatola di tachipirina", H, "attempt"),
        ("se non mi sentite più, sappiate che vi voglio bene", H, "farewell"),
        ("ho ricominciato a tagliarmi", E, "self_harm"),
        ("mio padre mi ha preso a cinghiate quando ha visto i messaggi", H, "others"),
        ("mia madre mi ha cacciato di casa perché sono gay", E, "others"),
        ("il mio ex minaccia di mandare le mie foto ai miei", H, "others"),
        ("l'appuntamento di grindr era una trappola, mi hanno derubato", H, "others"),
        ("i miei vogliono mandarmi in un centro per guarirmi", E, "others"),
        ("mio fratello ha detto che mi ammazza se mi vede con una ragazza", H, "others"),
        ("sono un peso per tutti", E, "hopeless"),
        ("niente ha più senso", E, "hopeless"),
        ("sto morendo dal ridere", N, ""),
        ("ho preso una tachipirina per il mal di testa", N, ""),
        ("mi taglio i capelli domani", N, ""),
        ("grazie di tutto, se non torno entro le otto chiamate mamma", N, ""),
        # fourth pass: new wordings of every kind of risk (a sharpened knife, 'it would be easier
        # without me', accounts deleted, a place that 'cures gays', threats to out), and everyday
        # look-alikes (love, series, climbing, PrEP and hormones, cooking, family rows, a breakup,
        # a late train)
        ("vorrei solo smettere di esistere", H, "intent"),
        ("ho affilato il coltello della cucina e l'ho messo in camera", H, "plan"),
        ("ho preso la pistola di mio zio, ce l'ho nello zaino", H, "plan"),
        ("stanotte mi butto dal ponte", H, "plan"),
        ("l'ultima volta mi sono tagliata le vene e mi ha trovato mia sorella", H, "attempt"),
        ("ho cancellato tutti i miei social, non serve più a niente", H, "farewell"),
        ("mio padre ha detto che se mi vede con il vestito mi ammazza", H, "others"),
        ("i miei zii mi vogliono portare in un posto dove curano i gay", E, "others"),
        (
            "la polizia mi ha fermato perché baciavo il mio ragazzo e mi hanno picchiato",
            H,
            "others",
        ),
        ("un tipo dice che se non lo pago dice alla mia famiglia che sono gay", H, "others"),
        ("sarebbe tutto più facile se non ci fossi", E, "hopeless"),
        ("mi sono bruciata con la sigaretta apposta", E, "self_harm"),
        ("muoio dalla voglia di vederti", N, ""),
        ("questa serie mi uccide da quanto è bella", N, ""),
        ("ho comprato una corda da arrampicata per il weekend", N, ""),
        ("ho iniziato la prep e gli ormoni questo mese", N, ""),
        ("ho tagliato le cipolle col coltello nuovo", N, ""),
        ("ho litigato con mia madre per i piatti", N, ""),
        ("ho lasciato la mia ragazza e sono triste", N, ""),
        ("il treno è rimasto fermo un'ora sul ponte", N, ""),
        # fifth pass: leaving this world, 'if I don't answer tomorrow you'll know why', which
        # bridge, 'if I don't marry him', a date who locked me in, scratching till it bleeds, no
        # meaning in going on; and look-alikes (an app that won't log me out, 'I know which bridge
        # you mean', pills bought at a pharmacy, an accident)
        ("sono stanco di vivere così, voglio andarmene da questo mondo", H, "intent"),
        ("ho messo da parte le pillole di mia nonna per sabato", H, "plan"),
        ("so già da quale ponte buttarmi", H, "plan"),
        ("se domani non rispondo sapete perché", H, "farewell"),
        ("il mio patrigno mi picchia ogni volta che torna ubriaco", H, "others"),
        ("i miei hanno detto che se non lo sposo mi diseredano e mi cacciano", E, "others"),
        ("quello di tinder mi ha chiuso in casa sua e non mi fa uscire", H, "others"),
        ("mi gratto le braccia fino a farle sanguinare", E, "self_harm"),
        ("non trovo più senso a continuare a vivere", E, "hopeless"),
        ("sono stanco di questo lavoro", N, ""),
        ("sabato mi butto col paracadute", N, ""),
        ("l'app non mi fa uscire dall'account", N, ""),
        ("lo so già, il viadotto è chiuso", N, ""),
        ("ho preso una scatola di tachipirina in farmacia", N, ""),
    ],
    "de": [
        # wish to sleep and be gone
        ("am liebsten würde ich einfach einschlafen und weg sein", H, "intent"),
        ("ich will einschlafen und nie mehr aufwachen", H, "intent"),
        ("einfach einpennen und nie wieder aufwachen", H, "intent"),
        # pills + enough
        (
            "hab mir heute tabletten aus der apotheke geholt, zwei packungen, reicht glaub ich",
            H,
            "plan",
        ),
        ("hab paracetamol gekauft, drei packungen, das sollte reichen", H, "plan"),
        ("ich hab genug tabletten zusammen, das müsste reichen", H, "plan"),
        ("hab ibuprofen geholt, zwei packungen, das reicht für den winter", N, ""),
        ("zwei packungen nudeln, reicht glaub ich", N, ""),
        # going to the tracks
        ("morgen früh geh ich zu den gleisen hinterm bahnhof", H, "plan"),
        ("heute nacht geh ich an die gleise", E, "plan"),
        ("ich geh zu den gleisen", E, "plan"),
        ("ich fahr morgen früh zum bahnhof", N, ""),
        # a date + "I'll end it"
        ("an meinem geburtstag mach ich schluss, das steht fest", H, "plan"),
        ("am freitag mach ich schluss, hab mich entschieden", H, "plan"),
        ("am freitag mach ich schluss mit ihm, das steht fest", N, ""),
        ("mit meinem freund mach ich schluss, steht fest", N, ""),
        # giving away
        (
            "hab meinen hasen und meine bücher verschenkt, brauch ich ja bald nicht mehr",
            H,
            "farewell",
        ),
        ("hab meine klamotten verschenkt, brauch ich eh nicht mehr", H, "farewell"),
        ("meine playstation hab ich verschenkt, werd ich nicht mehr brauchen", H, "farewell"),
        ("hab meine alten klamotten verschenkt, passen mir eh nicht mehr", N, ""),
        # burned, cut on purpose
        ("hab mir mit dem bügeleisen den arm verbrannt, absichtlich", E, "self_harm"),
        ("ich hab mich mit absicht verbrannt", E, "self_harm"),
        ("hab mir die hand verbrüht, mit absicht", E, "self_harm"),
        ("hab mir beim kochen die hand verbrannt", N, ""),
        ("hab den kuchen absichtlich verbrennen lassen lol", N, ""),
        # conversion
        (
            "meine oma schleppt mich jeden sonntag zu einem prediger der für meine heilung betet",
            H,
            "others",
        ),
        ("der pastor hat mir die hände aufgelegt um das schwule auszutreiben", H, "others"),
        ("meine eltern bringen mich zu einem heiler der mich normal machen soll", H, "others"),
        ("der pfarrer betet für die heilung meiner oma", N, ""),
        # police + parents
        ("die polizei hat mich mitgenommen und will meine eltern anrufen", H, "others"),
        ("die bullen haben mich schwuchtel genannt und verprügelt", H, "others"),
        ("die polizei hat bei der demo leute mitgenommen", N, ""),
        # parents will kill me
        ("meine eltern bringen mich um wenn sie das erfahren", H, "others"),
        ("wenn mein vater das rausfindet schlägt er mich tot", H, "others"),
        # farewell: you won't hear from me
        ("tschüss ihr lieben, danke für alles. ihr hört nichts mehr von mir", H, "farewell"),
        ("danke für alles, ihr seht mich nie wieder", H, "farewell"),
        ("ihr hört nie wieder von mir", E, "farewell"),
        ("bin ab morgen im urlaub, ihr hört eine woche nichts von mir", N, ""),
        # stop forever
        ("alles sinnlos, soll einfach aufhören für immer", H, "intent"),
        ("ich will für immer aufhören zu existieren", H, "intent"),
        ("alles ist sinnlos", E, "hopeless"),
        ("ich will dass alles aufhört", E, "hopeless"),
        ("ich will für immer aufhören zu rauchen", N, ""),
        # hitting oneself
        ("ich schlag mir selber so lange gegen den kopf bis es still wird", E, "self_harm"),
        ("ich schlage mich selbst wenn ich wütend bin", E, "self_harm"),
        ("ich hau mir ins gesicht bis es wehtut", E, "self_harm"),
        # beyond
        ("bin so müde zu existieren", E, "hopeless"),
        ("hab keinen grund mehr weiterzumachen", E, "hopeless"),
        ("ich setz mich ins auto in der garage und lass den motor laufen", H, "plan"),
        ("ich hab grillkohle gekauft für mein zimmer und die fenster abgeklebt", H, "plan"),
        ("ich weiß wo mein vater seine waffe versteckt", H, "plan"),
        ("ich hab rattengift gekauft und unterm bett versteckt", H, "plan"),
        (
            "hab eine sprachnachricht für meine mutter aufgenommen, für wenn ich nicht mehr da bin",
            H,
            "farewell",
        ),
        ("hab meine katze der nachbarin gegeben, für immer", H, "farewell"),
        (
            "mein bruder sagt ich hab die ehre der familie beschmutzt und er wird das regeln",
            H,
            "others",
        ),
        ("mein vater sperrt mich in meinem zimmer ein und nimmt mir das handy weg", H, "others"),
        ("meine eltern wollen mich in der türkei mit meinem cousin verheiraten", H, "others"),
        (
            "ein typ hat screenshots von meinen chats und schickt sie meinen eltern wenn ich "
            "nicht mache was er will",
            H,
            "others",
        ),
        (
            "der typ von grindr kam mit zwei kumpels und die haben mich zusammengeschlagen",
            H,
            "others",
        ),
        (
            "ich penn seit wochen bei freunden auf der couch weil meine eltern mich rausgeworfen "
            "haben",
            E,
            "others",
        ),
        ("hab letztes jahr schon versucht mich umzubringen", H, "attempt"),
        ("die hitze bringt mich um", N, ""),
        ("mathe bringt mich noch um", N, ""),
        # second look-alike pass: what the new words could be mistaken for
        ("der pfarrer betet für meine heilung nach der op", N, ""),
        ("bei der firmung hat mir der pfarrer die hände aufgelegt", N, ""),
        ("hab mich am grill verbrannt, an den armen", N, ""),
        ("die polizei kommt wieder wegen dem unfall", N, ""),
        ("ich mach schluss mit dem rauchen, steht fest", N, ""),
        ("morgen früh fahr ich zu gleis 3", N, ""),
        # third pass: plain wordings across the list, and their look-alikes
        ("ich will nicht mehr leben", H, "intent"),
        ("ich denk drüber nach mich umzubringen", H, "intent"),
        ("heute abend nehm ich alle tabletten die ich habe", H, "plan"),
        ("ich steh auf dem dach und will nicht runter", H, "plan"),
        ("ich hab letztes jahr versucht mich umzubringen", H, "attempt"),
        ("hab gerade die ganze packung schlaftabletten genommen", H, "attempt"),
        ("falls ich mich nicht mehr melde, ich hab euch lieb", H, "farewell"),
        ("ich ritz mich wieder", E, "self_harm"),
        (
            "mein vater hat mich mit dem gürtel geschlagen als er die nachrichten gesehen hat",
            H,
            "others",
        ),
        ("meine mutter hat mich rausgeschmissen weil ich trans bin", E, "others"),
        ("mein ex droht meine nacktbilder meinen eltern zu schicken", H, "others"),
        ("das date von grindr war eine falle, die haben mich ausgeraubt", H, "others"),
        ("meine eltern wollen mich in eine klinik schicken damit ich normal werde", H, "others"),
        ("mein bruder sagt er bringt mich um wenn er mich mit einem jungen sieht", H, "others"),
        ("ich bin eine last für alle", E, "hopeless"),
        ("nichts hat mehr einen sinn", E, "hopeless"),
        ("ich lach mich tot", N, ""),
        ("die hausaufgaben bringen mich noch um", N, ""),
        ("hab eine ibuprofen gegen kopfschmerzen genommen", N, ""),
        ("ich geh morgen zum friseur", N, ""),
        ("danke für alles, falls ich nicht wiederkomme vor acht esst ohne mich", N, ""),
        ("ich will meine urlaubsbilder posten", N, ""),
        # fourth pass: new wordings of every kind of risk (a sharpened knife, 'it would be easier
        # without me', accounts deleted, a place that 'cures gays', threats to out), and everyday
        # look-alikes (love, series, climbing, PrEP and hormones, cooking, family rows, a breakup,
        # a late train)
        ("ich will einfach nicht mehr existieren", H, "intent"),
        ("hab das küchenmesser geschliffen und in mein zimmer gelegt", H, "plan"),
        ("hab die pistole von meinem onkel genommen, sie ist in meinem rucksack", H, "plan"),
        ("heute nacht spring ich von der brücke", H, "plan"),
        (
            "letztes mal hab ich mir die pulsadern aufgeschnitten und meine schwester hat mich "
            "gefunden",
            H,
            "attempt",
        ),
        ("hab alle meine accounts gelöscht, brauch ich eh nicht mehr", H, "farewell"),
        ("mein vater hat gesagt wenn er mich im kleid sieht bringt er mich um", H, "others"),
        ("meine onkel wollen mich an einen ort bringen wo sie schwule heilen", E, "others"),
        (
            "die polizei hat mich festgenommen weil ich meinen freund geküsst hab und hat mich "
            "geschlagen",
            H,
            "others",
        ),
        (
            "ein typ sagt wenn ich nicht zahle erzählt er meiner familie dass ich schwul bin",
            H,
            "others",
        ),
        ("alles wäre leichter wenn ich nicht mehr da wäre", E, "hopeless"),
        ("hab mich mit einer zigarette verbrannt, mit absicht", E, "self_harm"),
        ("ich sterbe vor sehnsucht nach dir", N, ""),
        ("die serie bringt mich um so gut ist sie", N, ""),
        ("hab ein kletterseil fürs wochenende gekauft", N, ""),
        ("hab mit prep und hormonen angefangen diesen monat", N, ""),
        ("hab zwiebeln mit dem neuen messer geschnitten", N, ""),
        ("hab mich mit meiner mutter wegen dem abwasch gestritten", N, ""),
        ("hab mit meiner freundin schluss gemacht und bin traurig", N, ""),
        ("der zug stand eine stunde auf der brücke", N, ""),
        # fifth pass: leaving this world, 'if I don't answer tomorrow you'll know why', which
        # bridge, 'if I don't marry him', a date who locked me in, scratching till it bleeds, no
        # meaning in going on; and look-alikes (an app that won't log me out, 'I know which bridge
        # you mean', pills bought at a pharmacy, an accident)
        ("ich hab keine kraft mehr so zu leben, ich will weg von dieser welt", H, "intent"),
        ("hab die schlaftabletten von meiner oma für samstag aufgehoben", H, "plan"),
        ("ich weiß schon von welcher brücke ich springe", H, "plan"),
        ("wenn ich morgen nicht antworte wisst ihr warum", H, "farewell"),
        (
            "letztes jahr hab ich eine packung tabletten geschluckt und hab es fast nicht überlebt",
            H,
            "attempt",
        ),
        ("mein stiefvater schlägt mich jedes mal wenn er besoffen heimkommt", H, "others"),
        (
            "meine eltern sagen wenn ich ihn nicht heirate enterben sie mich und werfen mich raus",
            E,
            "others",
        ),
        (
            "der typ von tinder hat mich in seiner wohnung eingesperrt und lässt mich nicht raus",
            H,
            "others",
        ),
        ("ich kratz mir die arme auf bis sie bluten", E, "self_harm"),
        ("ich finde keinen sinn mehr weiterzuleben", E, "hopeless"),
        ("samstag spring ich fallschirm", N, ""),
        ("die app lässt mich nicht raus aus dem account", N, ""),
        ("ich weiß schon, die brücke ist gesperrt", N, ""),
    ],
}

PARAMS = [(locale, *case) for locale, cases in CASES.items() for case in cases]


@pytest.mark.parametrize(("locale", "text", "level", "category"), PARAMS)
def test_a_variant_fires_at_its_level_and_a_look_alike_stays_quiet(
    shipped_detector: RiskDetector, locale: str, text: str, level: str, category: str
) -> None:
    assert_reads(shipped_detector, text, level, category)


@pytest.mark.parametrize("locale", sorted(CASES))
def test_each_language_has_variants_and_look_alikes(locale: str) -> None:
    """At least 20 variants that fire and 10 look-alikes that do not, per language."""
    levels = [level for _, level, _ in CASES[locale]]
    assert sum(level != N for level in levels) >= 20
    assert levels.count(N) >= 10
