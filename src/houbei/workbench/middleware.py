"""In development too, a page that does not exist reads as the Chinese 404 page.

With DEBUG on, Django answers an unknown address (and a view's Http404) with its technical page,
which lists every URL pattern. Users of a development or training system are not developers:
they get the same page as in production, with the same status code.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import render

# Only Django's technical 404 page carries this sentence.
TECHNICAL_MARK = b"<code>DEBUG = True</code>"


class DevelopmentNotFoundMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if settings.DEBUG and response.status_code == 404 and _is_technical(response):
            return render(request, "404.html", status=404)
        return response


def _is_technical(response: HttpResponseBase) -> bool:
    content = getattr(response, "content", b"")
    return isinstance(content, bytes) and TECHNICAL_MARK in content
