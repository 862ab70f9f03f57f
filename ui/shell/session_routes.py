"""The two HTTP routes that set and clear the session cookie (``serve.py``).

A page cannot set an HttpOnly cookie itself, and Streamlit talks to the browser
over a WebSocket, which sets no cookie; so after a sign-in the page posts the
session's one-time hand-over code to ``POST /auth/session``, which trades it for
the session's token (:func:`registry.access.sessions.claim_session`) and answers
with the cookie: HttpOnly, SameSite=Lax, ``Secure`` when the app is reached over
HTTPS. ``POST /auth/sign-out`` ends the cookie's session (every session of its
user) and clears the cookie.

Both refuse a request whose ``Origin`` is not the app's own (a page of another
site cannot sign a visitor in or out), a body that is not a small JSON object,
and anything but POST. The token travels only in the cookie, never in a URL.
"""

from __future__ import annotations

import json
from urllib.parse import urlsplit

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from registry.access.sessions import LONGEST, claim_session, resume_session, sign_out
from registry.kernel.errors import RegistryError
from ui.shell.session_cookie import COOKIE_NAME, SESSION_PATH, SIGN_OUT_PATH

# A hand-over code is 43 characters: a larger body is no sign-in.
_LARGEST_BODY = 1024


def _registry():
    """The registry of the configured database (the one the pages use)."""
    from registry.kernel.settings import load_config
    from ui.shell.state import registry_for

    return registry_for(load_config())


def _forwarded(request: Request, name: str) -> str | None:
    """The nearest proxy's ``X-Forwarded-<name>`` (its last entry), if any."""
    value = request.headers.get(f"x-forwarded-{name}") or ""
    hops = [hop.strip() for hop in value.split(",") if hop.strip()]
    return hops[-1] if hops else None


def _scheme(request: Request) -> str:
    return (_forwarded(request, "proto") or request.url.scheme).lower()


def same_origin(request: Request) -> bool:
    """Whether the request comes from a page of this app: its ``Origin`` names
    the host (and scheme) the request was sent to, and the browser did not mark
    it cross-site (``Sec-Fetch-Site``)."""
    origin = request.headers.get("origin")
    if not origin or origin == "null":
        return False
    parts = urlsplit(origin)
    host = _forwarded(request, "host") or request.headers.get("host") or ""
    if parts.scheme.lower() != _scheme(request) or parts.netloc.lower() != host.lower():
        return False
    fetch_site = request.headers.get("sec-fetch-site")
    return fetch_site in (None, "same-origin")


def _refused(status: int, reason: str) -> JSONResponse:
    return JSONResponse({"refused": reason}, status_code=status)


async def _json_body(request: Request) -> dict | None:
    """The request's JSON object, or None for anything else (or too large)."""
    if request.headers.get("content-type", "").split(";")[0].strip() != (
        "application/json"
    ):
        return None
    body = await request.body()
    if len(body) > _LARGEST_BODY:
        return None
    try:
        payload = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return None
    return payload if isinstance(payload, dict) else None


def _set_cookie(response: Response, request: Request, token: str) -> None:
    response.set_cookie(
        COOKIE_NAME,
        token,
        max_age=int(LONGEST.total_seconds()),
        path="/",
        httponly=True,
        samesite="lax",
        secure=_scheme(request) == "https",
    )


async def open_cookie(request: Request) -> Response:
    """``POST /auth/session`` with ``{"code": <hand-over code>}``: the cookie."""
    if not same_origin(request):
        return _refused(403, "origin")
    payload = await _json_body(request)
    code = payload.get("code") if payload else None
    if not isinstance(code, str):
        return _refused(400, "body")
    try:
        token = await run_in_threadpool(claim_session, _registry(), code)
    except RegistryError as refusal:
        return _refused(403, refusal.code)
    response = Response(status_code=204, headers={"Cache-Control": "no-store"})
    _set_cookie(response, request, token)
    return response


def _end_cookie_session(token: str | None) -> None:
    """Sign out the user of the cookie's session, if it is still open."""
    if not token:
        return
    registry = _registry()
    try:
        resumed = resume_session(registry, token)
    except RegistryError:
        return  # already ended (or never valid): only the cookie is left to clear
    sign_out(registry, resumed.id)


async def close_cookie(request: Request) -> Response:
    """``POST /auth/sign-out``: end the cookie's session everywhere and clear it."""
    if not same_origin(request):
        return _refused(403, "origin")
    await run_in_threadpool(_end_cookie_session, request.cookies.get(COOKIE_NAME))
    response = Response(status_code=204, headers={"Cache-Control": "no-store"})
    response.delete_cookie(
        COOKIE_NAME,
        path="/",
        httponly=True,
        samesite="lax",
        secure=_scheme(request) == "https",
    )
    return response


def session_routes() -> list[Route]:
    """The routes ``serve.py`` adds to Streamlit's own."""
    return [
        Route(SESSION_PATH, open_cookie, methods=["POST"]),
        Route(SIGN_OUT_PATH, close_cookie, methods=["POST"]),
    ]
