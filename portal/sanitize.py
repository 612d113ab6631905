"""NUL and control characters never reach a view: the one pass over every request's
query string and form body (a NUL in ``?q=`` made PostgreSQL answer 500)."""

from django.http import QueryDict
from django.http.multipartparser import MultiPartParserError

from portal.forms.fields import CONTROL_CHARACTERS, strip_control


def clean_querydict(data: QueryDict) -> QueryDict:
    """A copy of `data` whose keys and text values lost their control characters (uploaded
    files are left as they are); `data` itself when it had none."""
    if not any(
        CONTROL_CHARACTERS.search(key) or any(CONTROL_CHARACTERS.search(v) for v in values)
        for key, values in data.lists()
        if isinstance(key, str)
    ):
        return data
    clean = QueryDict(mutable=True, encoding=data.encoding)
    for key, values in data.lists():
        clean.setlist(strip_control(key), [strip_control(v) for v in values])
    clean._mutable = False
    return clean


class CleanInputMiddleware:
    """Strip control characters from request.GET and request.POST (a form body)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.GET = clean_querydict(request.GET)
        if request.method == "POST":
            try:
                post = request.POST
            except MultiPartParserError:
                post = None  # the view meets the same error, as without this pass
            if post is not None:
                request.POST = clean_querydict(post)
        return self.get_response(request)
