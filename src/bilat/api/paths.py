"""A route parameter for article ids, which may hold any character.

Starlette's ``path`` convertor (``.*``) stops at a newline, so an article whose id holds
one was "not found" (404) in the API and on its dashboard page. ``{article_id:anytext}``
takes the rest of the path, whatever it holds.
"""

from __future__ import annotations

from starlette.convertors import Convertor, register_url_convertor

#: The convertor's name in a route: ``"/api/articles/{article_id:anytext}"``.
ANY_TEXT = "anytext"


class AnyText(Convertor[str]):
    regex = "[\\s\\S]*"

    def convert(self, value: str) -> str:
        return value

    def to_string(self, value: str) -> str:
        return value


register_url_convertor(ANY_TEXT, AnyText())
