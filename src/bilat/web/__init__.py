"""The dashboard: HTML pages and their assets, added to the API's FastAPI app.

    from bilat.web import mount
    mount(app, store_factory)        # called by bilat.api.create_app

Pages are thin HTML shells that fetch the ``/api`` JSON in the browser, so the
dashboard and the API are one source of truth. The article page is rendered on the
server, so an article and its highlighted evidence read without JavaScript.

Everything that came from an article is escaped: Jinja autoescapes every template,
the scripts write data with ``textContent`` only, and every page is served with a
Content-Security-Policy that allows no inline script.
"""

from bilat.web.pages import HighlightError, mount, parse_highlight, segments

__all__ = ["HighlightError", "mount", "parse_highlight", "segments"]
