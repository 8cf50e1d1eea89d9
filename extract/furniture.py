"""The labels sites print around articles, as data: one table per kind of
furniture, each entry a regular expression for a *whole* short block.

The boilerplate stage matches a block against these only when it is short
(see ``boilerplate.SHORT_BLOCK_WORDS``), after trimming punctuation and white
space, case-insensitively; a paragraph that merely contains "advertisement"
is never cut. English first, then the common labels of German, French,
Polish, Spanish, Italian, Dutch and the Nordic languages: held-out pages come
from those sites too. Phrases are one signal among several; structure (link
density, repetition, position, punctuation) does the rest.
"""

from __future__ import annotations

import re

# Shared fragments.
_ANY_LINE = r".{0,160}"
_PLATFORMS = (
    r"(facebook|twitter|x|instagram|youtube|tiktok|linkedin|threads|bluesky|mastodon|snapchat|"
    r"whatsapp|telegram|pinterest|flipboard|google news|apple news|rss|twitterze|facebooku|instagramie)"
)
_PLATFORM_LIST = _PLATFORMS + r"([\s,]*(and|or|&|und|oder|et|ou|i|lub|y|o|e)?[\s,]*" + _PLATFORMS + r")*"
# The agencies and archives that sign news photographs.
_AGENCY = (
    r"(getty( images)?|reuters|ap|associated press|afp|epa|dpa|pap|ansa|efe|anadolu|xinhua|shutterstock|"
    r"alamy|imago|picture alliance|sipa|abaca|bloomberg|nurphoto|zuma( press)?|rex|pa( images| wire)?|"
    r"[\w .&'’-]{0,40}\b(images|photos?|pictures|photography|press|archives?|stock|agency))"
)
_MONTH = (
    r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
)

#: reason -> alternatives. Each alternative must match the whole trimmed block.
FURNITURE: dict[str, tuple[str, ...]] = {
    "ad marker": (
        r"advert(isement|ising)?|ads?|sponsored( content| post| links?| by .{1,60})?|promoted( content| by .{1,60})?",
        r"paid (content|post|partner(ship)?)|partner content|in partnership with .{1,60}",
        r"(story|article|text|content) continues (below|after)( (this|the))?( ad(vertisement)?)?",
        r"continue reading (below|the (main )?story)|skip (this )?ad(vertisement)?|scroll (down )?to continue( with content| reading)?",
        r"anzeige|werbung|weiter nach der anzeige|artikel (wird )?(unter|nach) der (anzeige|werbung) fortgesetzt",
        r"publicité|pub|(la )?suite (de l'article )?(après|sous) (cette |la )?publicité",
        r"reklama|(dalsza część|dalszy ciąg) (artykułu|tekstu) (pod|poniżej) (reklamą|reklamy)|artykuł (jest )?kontynuowany pod reklamą",
        r"publicidad|anuncio|(la noticia )?continúa (después|debajo) de(l)? (la )?(publicidad|anuncio)",
        r"pubblicità|(l'articolo|articolo) continua (sotto|dopo la pubblicità)",
        r"advertentie|annons|annonse|mainos|reklame",
    ),
    "promotion": (
        # Calls to action that end a short promo: "12 issues for £11.99. Click here for more information."
        r".{0,200}[.!?:]\s*(click|tap) here( to| for| and)? .{0,80}",
        r"(click|tap) here( to| for| and)? .{0,80}|(hier klicken|cliquez ici|kliknij (tutaj|tu)|haz clic aquí|clicca qui).{0,80}",
    ),
    "unrendered markup": (
        # A WordPress shortcode the page never rendered: "[button link=”…” type=”big”] Send us…[/button]".
        r"\[?\w+( \w+=[\"“”'][^\"“”']*[\"“”'])+\]?.{0,300}",
    ),
    "script notice": (
        r"(this|the) (slideshow|gallery|video|content|page|feature|interactive) requires javascript" + _ANY_LINE,
        r"(please )?(enable|turn on|activate) javascript" + _ANY_LINE,
        r"javascript (is )?(disabled|required|must be enabled)" + _ANY_LINE,
        r"bitte aktivieren sie javascript" + _ANY_LINE + r"|veuillez activer javascript" + _ANY_LINE,
        r"your browser does not support (the )?(video|audio|iframe)" + _ANY_LINE,
    ),
    "share prompt": (
        r"(share|tweet|email|e-mail|print|copy( the)? link|pin( it)?|save|bookmark)( (this|the) (article|story|page|link))?",
        r"share (this( article| story| page)?|on \w+|via \w+|with \w+)",
        r"(follow|like|find) us( on [\w ,&]+)?",
        # "Follow Newsbeat on Instagram, Facebook and YouTube", "Suivez-nous sur Twitter".
        r"(follow|like|find|join|subscribe to|folgen sie|folge|suivez|rejoignez|obserwuj|dołącz do|síguenos|seguici|volg)"
        r"( [\w'’.&-]+){0,5} (on|auf|sur|na|en|su|op) " + _PLATFORM_LIST + r"( (for|to|für|pour) .{0,80})?",
        r".{0,40}\b(click here|tap here|join us|follow us) (to|on|for) " + _ANY_LINE,
        r"stay (updated|connected|informed).{0,80}(follow|join|click|subscribe|download).{0,60}",
        # A share bar names two or more platforms; one name alone may be a subheading.
        r"(whatsapp|facebook|twitter|x|linkedin|telegram|instagram|reddit|email|e-mail|copy|flipboard|pinterest|messenger|xing|mail)"
        r"([\s,|/]+(whatsapp|facebook|twitter|x|linkedin|telegram|instagram|reddit|email|e-mail|copy( link)?|flipboard|pinterest|messenger|xing|mail|print|share))+",
        r"sharing is caring|spread the word|get the [\w ]{1,30} app.{0,60}",
        # "Like this story? Share it with a friend!" and its kin: a question about the
        # piece, then a request to pass it on.
        r"(did you )?(like|enjoy(ed)?|love(d)?) (this|the|our) (story|article|post|piece|read)\??.{0,40}\b(share|tell|send|pass)\b.{0,60}",
        r".{0,60}\bshare (it|this( story| article| post)?) with (a friend|your friends|friends|others).{0,30}",
        r"(hat|gefällt|gefiel)( ihnen| dir)? (dieser|der|dieses|das|den) (artikel|beitrag|text)( gefallen)?\??.{0,60}\b(teilen|teile|empfehlen)\b.{0,60}",
        r"(vous avez|tu as) aimé (cet|cette|ce) (article|histoire|billet).{0,60}\b(partage|partagez)\b.{0,40}",
        r"¿?(te ha gustado|te gustó|le ha gustado) (este|esta) (artículo|nota|historia).{0,60}\b(compártelo|comparte|compártela)\b.{0,40}",
        r"(ti è piaciuto|ti piace) (questo|quest')\s?(articolo|post).{0,60}\b(condividi(lo)?)\b.{0,40}",
        r"(vond|vind) (je|u) dit (artikel|verhaal).{0,60}\b(deel|delen)\b.{0,40}",
        # A "like" widget: "Like this:", "Like Loading…".
        r"like this|like loading.{0,3}|gefällt mir|j'aime",
        r"teilen|artikel teilen|auf \w+ teilen|drucken|folgen sie uns( auf [\w ,&]+)?|jetzt teilen",
        r"partager( (sur|par) \w+)?|partagez( (cet|l') article)?|imprimer|suivez-nous( sur [\w ,&]+)?",
        r"udostępnij( (na|przez) \w+)?|drukuj|obserwuj nas( na [\w ,&]+)?|podziel się",
        r"compartir( en \w+)?|comparte|imprimir|síguenos( en [\w ,&]+)?",
        r"condividi( su \w+)?|stampa|seguici( su [\w ,&]+)?",
        r"delen|deel (dit )?artikel|volg ons( op [\w ,&]+)?|dela|del artikkelen",
    ),
    "newsletter": (
        r".{0,60}\b(sign up|subscribe|register)\b.{0,40}\bnewsletters?\b.{0,80}",
        r"(get|receive) (our|the) .{0,40}(newsletter|briefing|in your inbox).{0,60}",
        r"newsletter( sign-?up)?|sign up( now| here| for free)?|enter your email( address)?.{0,40}",
        r".{0,40}newsletter (abonnieren|bestellen)|jetzt (anmelden|abonnieren)|(zum|für den) newsletter anmelden.{0,40}",
        # An imperative to subscribe, then the newsletter: "Dann abonniere unseren Newsletter!"
        r".{0,40}\b(abonnier|abonnez|subscribe|sign up|inscri|suscr|iscriv|zapisz|meld|schrijf)\w*\b.{0,60}\bnewsletters?\b.{0,80}",
        r"(inscrivez-vous|abonnez-vous) (à|a) (notre|la) newsletter.{0,40}|recevez (notre|la) newsletter.{0,40}",
        r"zapisz się( do newslettera)?.{0,40}|newsletter .{0,30}zapisz się.{0,40}",
        r"suscríbete( a (nuestro|la) (newsletter|boletín))?.{0,40}|iscriviti( alla newsletter)?.{0,40}",
    ),
    "related links": (
        r"(read more|read next|also read|read also|related|more reading|further reading)( stories| articles| content| coverage| news| reading| links| posts| videos?)?",
        r"related( [\w'’]+){0,2}\s*:.{0,160}",
        r"you (may|might) also (like|be interested in|enjoy)|see more|see also|don'?t miss( this)?",
        r"more (from|on|stories|news|like this|in)\b.{0,60}|recommended( for you| stories| reading| articles)?",
        r"trending( now| stories)?|most (read|popular|viewed|shared)|top stories|popular (now|stories)|latest (news|stories|videos)",
        r"(watch|listen)( now| more| live| next)?|up next|what to read next|editor'?s picks?|in other news|in case you missed it|icymi",
        r"lesen sie (auch|mehr|hier)|mehr zum thema|weitere artikel|auch interessant|das könnte sie auch interessieren|meistgelesen|zum thema",
        r"à lire aussi|lire aussi|lire la suite|à voir aussi|voir aussi|sur le même sujet|les plus lus|à découvrir",
        r"czytaj (też|także|więcej|dalej)|zobacz (też|także|również)|polecamy|najczęściej czytane|przeczytaj (też|także|również)",
        r"leer más|lee también|te puede interesar|noticias relacionadas|lo más leído",
        r"leggi anche|potrebbe interessarti|articoli correlati|i più letti|leggi (di più|tutto)",
        r"lees (ook|meer)|meest gelezen|läs (också|mer)|les også",
    ),
    "comments": (
        r"(post|read|latest|view|show|add|load|see|hide|write|leave|submit)( a| all| more| your)? comments?( \(\d+\))?",
        r"\d+ (comments?|replies|responses)|comments?( \(\d+\))?",
        r"join the (conversation|discussion|debate)|(be the first|log ?in|sign in|register) to comment.{0,60}",
        r"comments (are|have been) (closed|disabled).{0,40}|what do you think\??|tell us what you think.{0,20}|have your say",
        r"(\d+ )?kommentare?|kommentieren|kommentar schreiben|diskutieren sie mit.{0,40}|leserkommentare",
        r"(\d+ )?commentaires?|commenter|réagir|ajouter un commentaire|laisser un commentaire|(\d+ )?réactions?",
        r"(\d+ )?komentarz(e|y)?|skomentuj|dodaj komentarz|napisz komentarz",
        r"(\d+ )?comentarios?|comentar|deja (un|tu) comentario|(\d+ )?commenti|commenta|lascia un commento",
        r"(\d+ )?reacties?|reageer|(\d+ )?kommentarer|kommentera",
    ),
    "paywall": (
        r"premium|exclusive|subscriber(s)?( only| exclusive)?|members? only|for subscribers",
        r"subscribe( now| today)?( to (continue|read|keep) reading.{0,80})?|(to )?continue reading.{0,40}subscri.{0,60}",
        r"already a (subscriber|member)\??.{0,60}|unlock (this|full|the full) (article|story).{0,60}",
        r"this (article|story|content) is (for|available to|reserved for|only for) (subscribers|members).{0,80}",
        r"(start|get) your (free )?trial.{0,60}|log ?in to (read|continue).{0,60}|(become a|join as a) (member|subscriber).{0,60}",
        r"(nur für )?abonnenten|abo|jetzt abonnieren.{0,60}|(artikel|zugang) freischalten.{0,60}|plus",
        r"(article )?réservé aux abonnés.{0,60}|abonnez-vous.{0,60}|déjà abonné.{0,40}",
        r"(treść|artykuł) (premium|dla prenumeratorów|dostępny dla subskrybentów).{0,60}|tylko dla (prenumeratorów|subskrybentów)|wykup (dostęp|subskrypcję).{0,60}",
        r"(contenido )?exclusivo para (suscriptores|socios).{0,40}|suscríbete para (seguir leyendo|continuar).{0,40}",
        r"(articolo )?riservato agli abbonati.{0,40}|abbonati per (continuare|leggere).{0,40}",
    ),
    "photo credit": (
        r"(photo|image|picture|pic|photograph|foto|fot\.|bild|zdjęcie|graphic|illustration|video|credit|source|quelle|crédit( photo)?)s?( credit)?\s*[:|/©-]\s*.{1,80}",
        r"\((photo|image|picture|foto|bild)s?:?\s*[\w .&/-]{1,40}\)",
        r"©.{0,80}|(image|photo|picture) copyright .{1,60}|(getty images|reuters|ap photo|afp|dpa|pap|shutterstock|alamy|epa|imago)(/[\w .]+)?( via getty images)?",
        # A bare credit line: "Jane Doe/Hindustan Times/Getty Images", "John Roe via Getty Images", "Photographer | AP".
        r"([\w .,'’&-]{2,50}\s*[/|]\s*){1,3}" + _AGENCY + r"|[\w .,'’&-]{2,50} (via|for) " + _AGENCY,
        r"(click|tap) (to|on) (enlarge|expand|zoom).{0,40}|(view|open|see|launch) (the )?(gallery|slideshow|photos?).{0,40}",
        r"enlarge this image|toggle caption|hide caption|expand image|(\d+ )?(photos|images|bilder|fotos|zdjęć)|galerie|gallery|bildergalerie|zur galerie",
    ),
    "gallery counter": (
        r"(image|photo|slide|picture|bild|foto|zdjęcie|slajd|imagen|immagine) \d+ (of|/|von|sur|z|de|di|van) \d+",
        r"\d+ (of|/|von|sur|z|de|di|van) \d+( photos| images| pictures| bilder| fotos| zdjęć| photos)?",
    ),
    "author footer": (
        r".{0,80}\b(follow|reach|contact|email|e-mail|write to|tweets?)\b.{0,80}\b(at|on|@|via)\b.{0,80}@.{0,80}",
        r"[\w.+-]+@[\w-]+(\.[\w-]+)+|@\w{2,30}|(twitter|x|instagram)\.com/\w+",
        r"(the )?(writer|author|reporter|columnist|correspondent) (is|was|covers) .{0,160}",
        # A one-line bio: "Phil Roe is a reporter for the Dispatch.", "Anna Berg ist Redakteurin bei…".
        r"(?-i:[A-ZÀ-Þ][\w'’.-]+( [A-ZÀ-Þ][\w'’.-]+){1,3}) (is|was|ist|war|est|jest|es|è) (a|an|the|eine?|un|une|una)?\s?[\w ,'’-]{0,60}"
        r"(reporter|writer|correspondent|editor|columnist|journalist|contributor|photographer|producer|"
        r"redakteur|redakteurin|korrespondent|korrespondentin|journaliste|dziennikarz|dziennikarką|periodista|giornalista)\b.{0,120}",
        r"(additional )?(reporting|writing|editing|contributing|produced|research|fact-checking) by .{0,160}",
        r"(contributing|contributors?|editing|reporting)\s*:.{1,120}",
        r"(mitarbeit|redaktion|avec|rédaction|współpraca|opracowanie)\s*:.{1,100}|mit material (von|der) .{1,100}",
    ),
    "byline": (
        # "By <Name>" is recognised by boilerplate.is_byline (names are capitalised).
        r"(written|posted|published|updated|last updated|first published|aktualisiert|veröffentlicht|publié|mis à jour|"
        r"opublikowano|aktualizacja|publicado|actualizado|pubblicato|aggiornato)"
        r"(\s*:|\s+(by|on|at|am|um|le|el|il|dnia|von|par|przez|por|da|door))\s*.{0,80}"
        r"|(written|posted|published|updated|aktualisiert|veröffentlicht|publié|mis à jour|opublikowano|publicado|pubblicato)\s+.{0,40}\d.{0,40}",
        r"\d+ min(ute)?s?( read)?|reading time.{0,30}|lesezeit.{0,30}|temps de lecture.{0,30}|czas czytania.{0,30}|\d+ min\.? (lesezeit|de lecture|czytania|de lectura|di lettura)",
    ),
    "date line": (
        r"((mon|tue|wed|thu|fri|sat|sun)\w*,?\s*)?(\d{1,2}(st|nd|rd|th)?\s+)?" + _MONTH + r"\s*(\d{1,2}(st|nd|rd|th)?,?\s*)?\d{4}"
        r"([ ,/]+(at )?\d{1,2}[:.]\d{2}\s*([ap]\.?m\.?)?(\s*[a-z]{2,5})?)?(\s*/\s*.{0,40})?",
        # "18. November 2019, 10:32 Uhr", "18 novembre 2019 à 10h32", "18 listopada 2019, 10:32"
        r"(\w+,?\s+)?\d{1,2}\.?\s+[^\W\d_]{3,12}\.?\s+\d{4}([ ,]+(um |à |o |alle |a las )?\d{1,2}[:.h]\d{2}( uhr| h)?)?",
        r"(stand|stan na|état)\s*:\s*.{4,40}|(stand|stan na)\s+\d.{3,40}",
        r"\d{1,4}[./-]\d{1,2}[./-]\d{1,4}([ ,T]+\d{1,2}[:.]\d{2}.{0,12})?|\d{1,2}[:.]\d{2}( ?[ap]\.?m\.?| uhr)?",
    ),
}

#: What may follow a label: "Read more: <headline>", "Related » <headline>".
LABEL_TAIL = {"related links": r"(\s*[:|»›>–-]\s*.{0,160})?"}

#: Reasons in table order; earlier reasons win.
REASONS: tuple[str, ...] = tuple(FURNITURE)

#: One pattern for the whole table, a named group per reason, so a block is
#: matched once: alternation keeps table order, so earlier reasons win.
WHOLE_BLOCK: re.Pattern[str] = re.compile(
    "|".join(
        f"(?P<r{number}>(?:" + "|".join(f"(?:{alt})" for alt in alternatives) + ")" + LABEL_TAIL.get(reason, "") + ")"
        for number, (reason, alternatives) in enumerate(FURNITURE.items())
    ),
    re.I | re.S,
)


def furniture_reason(text: str) -> str | None:
    """The reason whose pattern matches all of ``text`` (already trimmed), or None."""
    match = WHOLE_BLOCK.fullmatch(text)
    if match is None or match.lastgroup is None:
        return None
    return REASONS[int(match.lastgroup[1:])]


# A caption that sits in the text as a plain paragraph still ends with its
# credit: "(Image: GETTY)", "(Photo: Jane Doe/Reuters)", "Credit: EPA", "photos © Studio, 2018".
CREDIT_END = re.compile(
    r"(\((photo|image|picture|pic|foto|bild|zdjęcie|fot\.|credit|source|quelle)s?\s*(credit)?\s*[:：]?\s*[^()]{1,60}\)"
    r"|\b(photo|image|picture|foto|bild|zdjęcie|credit|crédit)s?\s*(credit)?\s*(:|©)\s*[^.!?]{1,60}"
    r"|©\s*[^.!?]{1,60})\s*$",
    re.I,
)

#: Class/id words that mark page furniture. A stem matches the start of a
#: word part ("share" in "sharedaddy", "social-links"); an exact word must be a
#: whole part ("ad" in "ad-slot", not in "address"). Parts are split on - and _.
FURNITURE_STEMS = (
    "related", "share", "sharing", "social", "newsletter", "promo", "advert", "sponsor",
    "outbrain", "taboola", "comment", "recommend", "readmore", "subscri", "paywall",
    "byline", "dateline", "breadcrumb", "trending", "popular", "mostread", "teaser",
    "carousel", "widget", "sidebar", "noscript", "nocontent", "signup", "disclaimer",
    "toolbar", "kommentar", "commentaire", "komentarz", "teilen", "partage",
)
#: Stems strong enough that even a short punctuated sentence in such an element
#: is furniture ("Let our news meet your inbox." in a newsletter box).
STRONG_STEMS = (
    "newsletter", "signup", "subscri", "promot", "advert", "sponsor", "outbrain", "taboola",
    "paywall", "related", "recommend", "mostread", "trending", "readmore",
)
FURNITURE_WORDS = frozenset(
    "ad ads adslot banner tags tag taglist rail nav menu footer counter follow author bio "
    "authorbio biobox gallerycount".split()
)
