"""Safety of the local page: CSRF tokens, allowed hosts, body size, response headers.

* CSRF: a random token in a ``SameSite=Strict`` cookie must come back with every POST, as the
  ``csrf_token`` form field or the ``X-CSRF-Token`` header (htmx sends it from ``hx-headers``);
  compared in constant time.  Another site cannot read the cookie, so it cannot forge the field.
* Hosts: Starlette's TrustedHostMiddleware refuses a request whose Host is not localhost /
  127.0.0.1 / [::1] (or one the user allowed), which also defeats DNS rebinding.
* Size: a request body larger than :data:`MAX_BODY` is refused with 413 before it is read.
* Headers: a Content-Security-Policy that allows nothing from another origin (no CDN, no inline
  script), no referrer, no framing.
"""
from __future__ import annotations

import hmac
import secrets

from starlette.datastructures import Headers
from starlette.responses import PlainTextResponse

CSRF_COOKIE = "vitasim_csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
MAX_BODY = 2 * 1024 * 1024          # bytes: a lab file of a lifetime is far smaller
LOCAL_HOSTS = ("localhost", "127.0.0.1", "[::1]", "::1")
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
       "base-uri 'none'; form-action 'self'; frame-ancestors 'none'; connect-src 'self'")


def new_token() -> str:
    return secrets.token_urlsafe(32)


def token_ok(cookie: str | None, sent: str | None) -> bool:
    """Whether the token sent with a POST matches the cookie (constant-time)."""
    return bool(cookie) and bool(sent) and hmac.compare_digest(cookie.encode(), sent.encode())


class BodyLimit:
    """ASGI middleware: 413 for a body over ``limit`` bytes, by Content-Length or as it streams."""

    def __init__(self, app, limit: int = MAX_BODY) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        length = Headers(scope=scope).get("content-length")
        too_big = PlainTextResponse(f"The upload is too large: at most {self.limit // (1024 * 1024)} MB.",
                                    status_code=413)
        if length is not None and length.isdigit() and int(length) > self.limit:
            return await too_big(scope, receive, send)
        seen = 0

        async def limited():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise _TooBig
            return message

        try:
            await self.app(scope, limited, send)
        except _TooBig:
            await too_big(scope, receive, send)


class _TooBig(Exception):
    pass


class SecurityHeaders:
    """ASGI middleware adding the security headers to every response."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def with_headers(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [(b"content-security-policy", CSP.encode()), (b"x-content-type-options", b"nosniff"),
                            (b"referrer-policy", b"no-referrer"), (b"x-frame-options", b"DENY")]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)
