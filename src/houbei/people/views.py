from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from houbei.accounts.capabilities import Capability
from houbei.accounts.decorators import requires
from houbei.audit.models import AuditEntry
from houbei.lib.paging import keyset_page
from houbei.people.models import Person, Post


@requires(Capability.VIEW_PEOPLE)
def person_list(request: HttpRequest) -> HttpResponse:
    people = Person.objects.visible_to(request.user).select_related("village")
    query = request.GET.get("q", "")
    page = keyset_page(
        people.search(query), keys=("name_pinyin", "id"), token=request.GET.get("after")
    )
    return render(request, "people/person_list.html", {"page": page, "query": query})


@requires(Capability.VIEW_PEOPLE)
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(
        Person.objects.visible_to(request.user).select_related("village"), pk=pk
    )
    posts = Post.objects.filter(person=person).select_related("village").order_by("-term_start")
    history = AuditEntry.objects.for_object(person).select_related("actor")[:50]
    return render(
        request, "people/person_detail.html", {"person": person, "posts": posts, "history": history}
    )
