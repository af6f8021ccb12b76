"""Answers kept for the length of one GET request.

Building a page asks the same things several times from places that do not share a
request object (routing, the page's context, selectors, template tags): which locale is
active, which pages are private. ``RequestMemoMiddleware`` opens a memo for each GET or
HEAD and ``memoized`` answers from it; outside a request (commands, tasks) or in a POST,
which may change what it read, every call asks again.
"""

from contextvars import ContextVar

_memo: ContextVar[dict | None] = ContextVar("request_memo", default=None)


class RequestMemoMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _memo.set({} if request.method in ("GET", "HEAD") else None)
        try:
            return self.get_response(request)
        finally:
            _memo.reset(token)


def memoized(key, compute):
    """``compute()``, once per request for each ``key``."""
    memo = _memo.get()
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]
