"""Text from an uploaded file never acts as Markdown or HTML on a page: links, images, tags and
emphasis are shown as the characters they are. Rendered with a CommonMark parser (markdown-it-py,
raw HTML allowed as Streamlit's unsafe_allow_html does), the way the browser's markdown renderer reads it."""
import html
import re

import pytest
from markdown_it import MarkdownIt

from indicators.text import inert

HOSTILE = [
    "![x](http://attacker.example/p.png)",
    "[bấm vào đây](http://attacker.example)",
    "<img src=x onerror=alert(1)>",
    "**đậm** _nghiêng_ `mã`",
    "dòng một\n\n# dòng hai",
    "=HYPERLINK(\"http://attacker.example\")",
]
RENDER = MarkdownIt("commonmark", {"html": True})


@pytest.mark.parametrize("text", HOSTILE)
@pytest.mark.parametrize("wrap", ["**Nguồn:** {}", "> {}", "<div class='sub'>{}</div>"])
def test_hostile_text_renders_as_its_own_characters(text, wrap):
    rendered = RENDER.render(wrap.format(inert(text)))
    tags = set(re.findall(r"<(\w+)", rendered)) - {"p", "strong", "blockquote", "div"}
    assert tags == set(), rendered  # no link, image, emphasis, code or heading came out of the text
    shown = html.unescape(re.sub(r"<[^>]+>", "", rendered))
    assert " ".join(text.split()) in " ".join(shown.split())


def test_without_inert_the_same_text_would_act():
    """The check above can fail: raw, these texts do make links and images."""
    assert "<img" in RENDER.render(HOSTILE[0]) and "<a " in RENDER.render(HOSTILE[1])
