"""The page language: Vietnamese unless the user chose English.

Django's LocaleMiddleware follows the browser's Accept-Language, so an English-language
browser got the whole application in English on its first visit. Here the browser is
ignored: a logged-in user's stored choice (User.language) wins, then the choice made
before login (the language cookie, set by the switcher in the header), then Vietnamese.
Documents (the .pdf addresses) are always Vietnamese, whoever asks.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.utils import translation
from django.utils.cache import patch_vary_headers


def chosen_language(request: HttpRequest) -> str:
    supported = dict(settings.LANGUAGES)
    if request.path.endswith(".pdf"):
        return settings.LANGUAGE_CODE
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.language in supported:
        return user.language
    cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if cookie in supported:
        return cookie
    return settings.LANGUAGE_CODE


class LanguageMiddleware:
    """After AuthenticationMiddleware (it reads request.user)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        language = chosen_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response


class CleanInputMiddleware:
    """No NUL character reaches a form or a query: PostgreSQL refuses them in text, which
    turned "?q=%00" into a server error. They are dropped from GET and POST values."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        for name in ("GET", "POST"):
            data = getattr(request, name)
            if any("\x00" in v for values in data.lists() for v in values[1]):
                cleaned = data.copy()
                for key, values in data.lists():
                    cleaned.setlist(key, [v.replace("\x00", "") for v in values])
                cleaned._mutable = False
                setattr(request, name, cleaned)
        return self.get_response(request)
