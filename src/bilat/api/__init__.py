"""bilat's HTTP API: FastAPI over ``bilat.store.Store`` (docs/api-contract.md).

    from bilat.api import create_app
    app = create_app("sqlite:///bilat.db")      # uvicorn, TestClient, any ASGI server

``bilat serve`` runs it with uvicorn. The dashboard (``bilat.web``) mounts its pages
into the same app when it is installed.
"""

from bilat.api.app import create_app, serve

__all__ = ["create_app", "serve"]
