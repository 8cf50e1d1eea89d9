"""Say why a page is not an article, rather than show its junk as one.

Four kinds of page come back from a fetch with status 200 and no article:
an error page ("Page not found" served as a normal page), a login or paywall
page, a JavaScript app shell whose text only a browser running its scripts
would see, and a front page or index that is only a list of links. Each has
a table of phrases (several languages: byline reads sites we have not seen)
or a structural sign, and each gives the user a reason they can act on.
"""

from __future__ import annotations

import functools
import re
from urllib.parse import urljoin

import lxml.html
from lxml import etree

from byline.extract.words import WORD_WITH_APOSTROPHES

# An error page's title is (nearly) only one of these phrases.
ERROR_TITLES = (
    r"\b(?:404|410|500|503)\b",
    r"(?:error|erreur|fehler|errore|erro|error code)\s*:?\s*(?:404|410|500|502|503)",
    r"(?:(?:the\s+)?(?:page|file|article|story|content|document|url)\s+(?:was\s+|is\s+|could\s+not\s+be\s+|cannot\s+be\s+|can'?t\s+be\s+)?)?not\s+found",
    r"(?:this\s+|the\s+)?page\s+(?:does\s+not|doesn'?t|no\s+longer)\s+exists?",
    r"(?:this\s+|the\s+)?page\s+(?:is\s+)?(?:no\s+longer\s+available|unavailable|has\s+been\s+removed)",
    r"(?:we\s+)?(?:can(?:no|')t|could\s*n[o']t)\s+find\s+(?:that|this|the)\s+page",
    r"access\s+denied|forbidden|(?:internal\s+)?server\s+error|service\s+(?:temporarily\s+)?unavailable|bad\s+gateway",
    r"something\s+went\s+wrong|oops",
    r"page\s+(?:introuvable|non\s+trouvée|inexistante)|erreur",
    r"seite\s+(?:nicht\s+gefunden|existiert\s+nicht)|nicht\s+gefunden",
    r"página\s+no\s+(?:encontrada|existe)|página\s+não\s+(?:encontrada|existe)",
    r"pagina\s+non\s+(?:trovata|esiste)|pagina\s+niet\s+gevonden|sidan\s+kunde\s+inte\s+hittas",
    r"nie\s+znaleziono\s+strony|strona\s+nie\s+istnieje|sayfa\s+bulunamadı|stránka\s+nenalezena",
    r"страница\s+не\s+найдена|сторінку\s+не\s+знайдено",
    r"ページが見つかりません|页面不存在|找不到(?:该|此)?页面|頁面不存在|페이지를\s*찾을\s*수\s*없습니다",
    r"الصفحة\s+غير\s+موجودة|הדף\s+לא\s+נמצא",
)
# Words that may stand around the phrase in an error title ("Oops! Sorry, page not found").
_ERROR_FILLER = {"oops", "sorry", "error", "whoops", "uh", "oh", "ouch", "hmm", "we're", "we", "are"}

# A prompt that stands where the rest of an article would be.
PAYWALL_PHRASES = (
    r"(?:subscribe|sign\s+in|log\s*in|register)\s+(?:now\s+)?to\s+(?:continue|keep)\s+reading",
    r"to\s+(?:continue|keep)\s+reading,?\s+(?:please\s+)?(?:subscribe|sign\s+in|log\s*in|register|create)",
    r"(?:this|the)\s+(?:article|story|content)\s+is\s+(?:only\s+)?(?:for|available\s+to|reserved\s+for)\s+(?:subscribers|members)",
    r"(?:for|exclusive\s+to)\s+subscribers\s+only|subscribers?[-\s]only|already\s+a\s+(?:subscriber|member)\?",
    r"you\s+have\s+reached\s+(?:your|the)\s+(?:limit|maximum)\s+of\s+free\s+articles",
    r"create\s+a\s+free\s+account\s+to\s+(?:continue|read)",
    r"réservé\s+aux\s+abonnés|la\s+suite\s+est\s+réservée|abonnez-vous\s+pour\s+lire",
    r"nur\s+für\s+abonnenten|jetzt\s+(?:weiterlesen|abonnieren)\s+(?:und|mit)|weiterlesen\s+mit",
    r"exclusivo\s+para\s+(?:suscriptores|assinantes)|para\s+(?:seguir|continuar)\s+(?:leyendo|lendo)",
    r"riservato\s+agli\s+abbonati|per\s+continuare\s+a\s+leggere|alleen\s+voor\s+abonnees",
)
# Words of a login form.
LOGIN_WORDS = (
    r"log\s*in|sign\s*in|sign\s*up|create\s+(?:an\s+)?account|subscribe|password|forgot",
    r"se\s+connecter|connexion|abonnez-vous|anmelden|einloggen|passwort|abonnieren",
    r"iniciar\s+sesión|inicia\s+sesión|contraseña|suscríbete|accedi|entrar|senha|inloggen|wachtwoord",
)



# Compiled on first need: only a short page or a refused one asks (the three
# cost a fresh process's first page 5-15 ms).
@functools.cache
def _error() -> re.Pattern[str]:
    return re.compile(rf"(?:{'|'.join(ERROR_TITLES)})", re.I)


@functools.cache
def _paywall() -> re.Pattern[str]:
    return re.compile(rf"(?:{'|'.join(PAYWALL_PHRASES)})", re.I)


@functools.cache
def _login() -> re.Pattern[str]:
    return re.compile(rf"\b(?:{'|'.join(LOGIN_WORDS)})\b", re.I)


_TITLE_PARTS = re.compile(r"\s+[|–—:·»-]\s+|\s*[|–—·»]\s*")
_WORD = WORD_WITH_APOSTROPHES
_VISIBLE_TEXT = etree.XPath(
    "//body//text()[not(ancestor::script or ancestor::style or ancestor::noscript or ancestor::template)]"
)

#: An error page says little; an article about "404 errors" says more than this.
ERROR_PAGE_WORDS = 150
#: A login or paywall page shows at most a teaser of this many words.
TEASER_WORDS = 400


def count_words(text: str, limit: int) -> int:
    """Words in ``text``, counting no further than ``limit`` (cheap on a huge page)."""
    count = 0
    for _ in _WORD.finditer(text):
        count += 1
        if count >= limit:
            break
    return count


def error_title(*titles: str | None) -> str | None:
    """The first title that reads as an error page's ("Page not found | Site"), or None."""
    for title in titles:
        for part in _TITLE_PARTS.split(title or ""):
            part = part.strip(" !.?¡¿")
            if _error().search(part) is None:
                continue
            rest = _WORD.findall(_error().sub(" ", part))
            if len([w for w in rest if w.lower() not in _ERROR_FILLER]) <= 1:
                return " ".join(part.split())
    return None


def page_titles(root: etree._Element | None) -> list[str]:
    """The page's <title> and first <h1>, the places an error page names itself."""
    if root is None:
        return []
    titles = []
    for path in (".//title", ".//h1"):
        element = root.find(path)
        if element is not None:
            titles.append(" ".join(element.text_content().split())[:300])
    return titles


def parse_page(html: str | None) -> etree._Element | None:
    """A tree of the whole page, parsed only when a page needs explaining: the
    article path reads its metadata with a tag scan and never pays for this."""
    if not html:
        return None
    try:
        return lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return None


def error_page_reason(titles: list[str | None], body: str) -> str | None:
    """Why a short page is an error page, or None when it is not one.

    ``titles``: the metadata title, the page's <title> and its first <h1>."""
    if count_words(body, ERROR_PAGE_WORDS) >= ERROR_PAGE_WORDS:
        return None
    found = error_title(*titles)
    if found is None:
        return None
    return f"no article text found: the page is an error page (“{found[:80]}”)"


def paywall_warning(html: str | None, body: str, root: etree._Element | None = None) -> str | None:
    """A note for a short article on a page that asks the reader to subscribe or
    log in (``root``: the page already parsed, if it was)."""
    if not html or count_words(body, TEASER_WORDS) >= TEASER_WORDS:
        return None
    root = parse_page(html) if root is None else root
    if root is None:
        return None
    if _has_password_field(root) or _paywall().search(_visible_text(root)[:200_000]):
        return "the page asks readers to subscribe or log in: this may be only the start of the article"
    return None


def explain(html: str | None, furniture: list[str], root: etree._Element | None = None) -> str:
    """Why nothing article-like was found on the page (``furniture``: reasons
    blocks were cut; ``root``: the page already parsed, if it was)."""
    root = parse_page(html) if root is None else root
    if root is not None:
        text = _visible_text(root)
        words = count_words(text, 10**9)
        found = error_title(*page_titles(root))
        if found is not None and words < ERROR_PAGE_WORDS:
            return f"no article text found: the page is an error page (“{found[:80]}”)"
        if _has_password_field(root) or _paywall().search(text) or (
            words < 120 and len(_login().findall(text)) >= 2
        ):
            return "no article text found: the page asks you to log in or subscribe (a login or paywall page)"
        if len(text.strip()) < 200 and _is_script_shell(root):
            return (
                "no article text found: the page is built by JavaScript and has no text in its HTML "
                "(byline does not run scripts)"
            )
        if _is_link_list(root, words):
            return "no article text found: the page is a list of links (a front page or an index), not an article"
    if not furniture:
        return "no article text found: the page has no readable text"
    reasons = sorted(set(furniture))
    return f"no article text found: only page furniture ({', '.join(reasons[:4])})"


def _visible_text(root: etree._Element) -> str:
    return " ".join(" ".join(str(piece) for piece in _VISIBLE_TEXT(root)).split())


def _has_password_field(root: etree._Element) -> bool:
    return any((field.get("type") or "").lower() == "password" for field in root.iter("input"))


def _is_script_shell(root: etree._Element) -> bool:
    return any(True for _ in root.iter("script", "noscript"))


def _is_link_list(root: etree._Element, words: int) -> bool:
    link_words = 0
    links = 0
    for anchor in root.iter("a"):
        count = len(_WORD.findall(anchor.text_content()))
        if count:
            links += 1
            link_words += count
    return links >= 10 and words > 0 and link_words / words > 0.5


#: A front page offers at least this many teasers (links whose text reads as a headline).
FRONT_PAGE_TEASERS = 12
#: ... and its "article" is shorter than this share of the teasers' words and
#: than FRONT_PAGE_WORDS. On the shared bench the shortest real article beside
#: its page's teasers holds 0.17 of their words (145 words beside 35 teasers).
FRONT_PAGE_SHARE = 0.12
FRONT_PAGE_WORDS = 150
#: A teaser's link text has at least this many words ("Council delays vote on pier").
TEASER_LINK_WORDS = 4
#: Links offered on a front page, at most.
MAX_FRONT_PAGE_LINKS = 500
_HREF_SKIP = ("#", "javascript:", "mailto:", "tel:", "data:")


def teaser_links(root: etree._Element, url: str | None) -> list[tuple[str, str]]:
    """The page's links whose text reads as a headline, as (text, absolute URL),
    in page order, each URL once."""
    base = url
    for element in root.iter("base"):
        if element.get("href"):
            base = _join(url, element.get("href").strip())
            break
    found: dict[str, str] = {}
    for anchor in root.iter("a"):
        href = (anchor.get("href") or "").strip()
        if not href or href.lower().startswith(_HREF_SKIP):
            continue
        text = " ".join(anchor.text_content().split())
        if len(_WORD.findall(text)) < TEASER_LINK_WORDS:
            continue
        target = _join(base, href)
        if target not in found:
            found[target] = text[:300]
            if len(found) >= MAX_FRONT_PAGE_LINKS:
                break
    return [(text, target) for target, text in found.items()]


def front_page_links(
    root: etree._Element | None,
    url: str | None,
    body: str,
    claims_article: bool,
    title: str | None = None,
    site: str | None = None,
) -> list[tuple[str, str]] | None:
    """The teaser links of a page whose main content is a list of teasers, or
    None for a page that is an article. A page that declares itself an
    article (og:type, JSON-LD, a publication date) is taken at its word, and
    so is one whose title stands over its text as a heading of its own, not
    a link, over text in sentences: a front page's headings are its teasers'
    links, and its title is the site's."""
    if root is None or claims_article or (_has_prose(body) and _headline_of_its_own(root, title, site)):
        return None
    teasers = teaser_links(root, url)
    if len(teasers) < FRONT_PAGE_TEASERS:
        return None
    teaser_words = sum(len(_WORD.findall(text)) for text, _ in teasers)
    limit = min(FRONT_PAGE_WORDS, teaser_words * FRONT_PAGE_SHARE)
    if count_words(body, FRONT_PAGE_WORDS) >= limit:
        return None
    return teasers


#: A headline of its own has at least this many words ("Latest news" is a section).
HEADLINE_WORDS = 3


_SENTENCE_END = re.compile(r"\w[.!?…][\"'”’»)]*(?:\s|$)")


def _has_prose(body: str) -> bool:
    """Two sentences or more: a post, not a list of teaser headlines."""
    return len(_SENTENCE_END.findall(body[:20_000])) >= 2


def _headline_of_its_own(root: etree._Element, title: str | None, site: str | None) -> bool:
    """Whether the page's title is one of its headings, unlinked, and not the site's name."""
    key = " ".join(_WORD.findall((title or "").casefold()))
    if len(key.split()) < HEADLINE_WORDS or key == " ".join(_WORD.findall((site or "").casefold())):
        return False
    for heading in root.iter("h1", "h2", "h3"):
        if " ".join(_WORD.findall(heading.text_content().casefold())) == key:
            return next(heading.iter("a"), None) is None
    return False


def _join(base: str | None, href: str) -> str:
    if not base:
        return href
    try:
        return urljoin(base, href)
    except ValueError:
        return href
