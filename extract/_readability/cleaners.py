# strip out a set of nuisance html attributes that can mess up rendering in RSS feeds
import copy
import re
from urllib.parse import unquote_plus

from lxml import etree

bad_attrs = ["width", "height", "style", "[-a-z]*color", "background[-a-z]*", "on*"]
single_quoted = "'[^']+'"
double_quoted = '"[^"]+"'
non_space = "[^ \"'>]+"
htmlstrip = re.compile(
    "<"  # open
    "([^>]+) "  # prefix
    "(?:%s) *" % ("|".join(bad_attrs),)
    + "= *(?:%s|%s|%s)"  # undesirable attributes
    % (non_space, single_quoted, double_quoted)
    + "([^>]*)"  # value  # postfix
    ">",  # end
    re.I,
)


def clean_attributes(html):
    while htmlstrip.search(html):
        html = htmlstrip.sub("<\\1\\2>", html)
    return html


def normalize_spaces(s):
    if not s:
        return ""
    """replace any sequence of whitespace
    characters with a single space"""
    return " ".join(s.split())


class _Cleaner:
    """byline: what upstream's ``lxml_html_clean.Cleaner`` did with the options
    upstream passed it (scripts, javascript, comments, style, links and
    processing instructions removed; nothing else), in a few lines, so the
    first page a process reads does not import lxml_html_clean (10-25 ms).

    On a copy of the tree: XHTML names made HTML, <image> made <img>, on*
    attributes dropped, links with a script scheme emptied, <script>,
    <style>, <link>, comments and processing instructions removed with
    their content (their tail text kept), style attributes dropped.
    """

    kill_tags = frozenset(("script", "style", "link"))

    def clean_html(self, doc):
        doc = copy.deepcopy(doc)
        root = doc.getroot() if hasattr(doc, "getroot") else doc
        xhtml = "{http://www.w3.org/1999/xhtml}"
        for el in root.iter(xhtml + "*"):
            el.tag = el.tag[len(xhtml):]
        for el in root.iter("image"):
            el.tag = "img"
        kill = []
        for el in root.iter():
            tag = el.tag
            if not isinstance(tag, str):
                if tag is etree.Comment or tag is etree.ProcessingInstruction:
                    kill.append(el)
                continue
            if tag in self.kill_tags:
                kill.append(el)
                continue
            attrib = el.attrib
            for name in attrib.keys():
                if name.startswith("on") or name == "style":
                    del attrib[name]
                elif name in _LINK_ATTRIBUTES and _has_script_scheme(attrib[name]):
                    attrib[name] = ""
        if kill and kill[0] is root:
            kill.pop(0)
            if root.tag != "html":
                root.tag = "div"
            root.clear()
        for el in kill:
            el.drop_tree()
        return doc


# The attributes lxml.html.defs.link_attrs names (where iterlinks finds links).
_LINK_ATTRIBUTES = frozenset(
    "action archive background cite classid codebase data href longdesc profile src usemap dynsrc lowsrc".split()
)
_find_image_dataurls = re.compile(r"data:image/(.{1,255}?);base64,", re.I).findall
_possibly_malicious_schemes = re.compile(r"(javascript|jscript|livescript|vbscript|data|about|mocha):", re.I).findall
_is_unsafe_image_type = re.compile(r"(xml|svg)", re.I).search
_substitute_whitespace = re.compile(r"[\s\x00-\x08\x0B\x0C\x0E-\x19]+").sub


def _has_script_scheme(link):
    # As lxml_html_clean's _remove_javascript_link decides it ("j a v a s c r i p t:" too).
    link = _substitute_whitespace("", unquote_plus(link))
    safe_image_urls = 0
    for image_type in _find_image_dataurls(link):
        if _is_unsafe_image_type(image_type):
            return True
        safe_image_urls += 1
    return len(_possibly_malicious_schemes(link)) > safe_image_urls


html_cleaner = _Cleaner()
