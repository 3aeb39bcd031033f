from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import urlencode
from django.views.decorators.http import require_http_methods, require_POST

from houbei.accounts.capabilities import Capability
from houbei.accounts.decorators import requires
from houbei.audit import record_read
from houbei.audit.models import AuditEntry
from houbei.lib.paging import keyset_page
from houbei.people import services
from houbei.people.forms import PersonFilterForm, PersonForm, RevealForm
from houbei.people.models import Person, Post
from houbei.people.queries import FILTER_KEYS, filter_people


@requires(Capability.VIEW_PEOPLE)
@require_http_methods(["GET"])
def person_list(request: HttpRequest) -> HttpResponse:
    form = PersonFilterForm(request.GET, user=request.user)
    people = Person.objects.visible_to(request.user).select_related("village")
    if form.is_valid():
        people = filter_people(people, form.cleaned_data)
    page = keyset_page(people, keys=("name_pinyin", "id"), token=request.GET.get("after"))
    filters = urlencode({k: request.GET[k] for k in FILTER_KEYS if request.GET.get(k)})
    return render(
        request, "people/person_list.html", {"page": page, "form": form, "filters": filters}
    )


@requires(Capability.VIEW_PEOPLE)
@require_http_methods(["GET"])
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(
        Person.objects.visible_to(request.user).select_related("village"), pk=pk
    )
    record_read(request.user, "people.person.viewed", person, people=[person.pk])
    posts = Post.objects.filter(person=person).select_related("village").order_by("-term_start")
    history = AuditEntry.objects.for_object(person).without_views().select_related("actor")[:50]
    context = {"person": person, "posts": posts, "history": history, "reveal_form": RevealForm()}
    return render(request, "people/person_detail.html", context)


@requires(Capability.EDIT_PEOPLE)
@require_http_methods(["GET", "POST"])
def person_create(request: HttpRequest) -> HttpResponse:
    form = PersonForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            person = services.create_person(fields=form.service_fields(), actor=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"已添加人员：{person.name}")
            return redirect("people:person_detail", pk=person.pk)
    return render(request, "people/person_form.html", {"form": form})


@requires(Capability.EDIT_PEOPLE)
@require_http_methods(["GET", "POST"])
def person_update(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(
        Person.objects.visible_to(request.user).select_related("village"), pk=pk
    )
    form = PersonForm(request.POST or None, user=request.user, person=person)
    if request.method == "POST" and form.is_valid():
        version = form.cleaned_data["version"]
        try:
            services.update_person(
                person, fields=form.service_fields(), version=version, actor=request.user
            )
        except ValidationError as error:  # a stale version too (ConflictError)
            form.add_error(None, error)
        else:
            messages.success(request, f"已保存：{person.name}")
            return redirect("people:person_detail", pk=person.pk)
    return render(request, "people/person_form.html", {"form": form, "person": person})


@requires(Capability.REVEAL_ID_NUMBER)
@require_POST
def person_reveal(request: HttpRequest, pk: int) -> HttpResponse:
    """The full ID number, for a stated reason: audited, never in a URL, never cached."""
    person = get_object_or_404(Person.objects.visible_to(request.user), pk=pk)
    form = RevealForm(request.POST)
    number = None
    if form.is_valid():
        reason = form.cleaned_data["reason"]
        number = services.reveal_id_number(person, reason=reason, actor=request.user)
    context = {"person": person, "form": form, "number": number}
    response = render(request, "people/person_reveal.html", context, status=200 if number else 400)
    response["Cache-Control"] = "no-store"
    return response
