from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from houbei.accounts.capabilities import Capability
from houbei.accounts.decorators import requires
from houbei.people import services
from houbei.people.forms import AppointForm, EndPostForm
from houbei.people.models import Post, Role
from houbei.regions.models import Region


@requires(Capability.EDIT_POSTS)
@require_http_methods(["GET", "POST"])
def post_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Appoints a person to a post in the village `pk`."""
    village = get_object_or_404(Region.objects.visible_to(request.user).villages(), pk=pk)
    form = AppointForm(request.POST or None, user=request.user, village=village)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.appoint_to_post(
                person=data["person"],
                village=village,
                role=Role(data["role"]),
                organisation=data["organisation"],
                term_start=data["term_start"],
                note=data["note"],
                actor=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"已任命 {data['person'].name} 为{Role(data['role']).label}")
            return redirect("regions:village_detail", pk=village.pk)
    return render(request, "people/post_form.html", {"form": form, "village": village})


@requires(Capability.EDIT_POSTS)
@require_http_methods(["GET", "POST"])
def post_end(request: HttpRequest, pk: int) -> HttpResponse:
    post = get_object_or_404(
        Post.objects.visible_to(request.user).select_related("person", "village"), pk=pk
    )
    form = EndPostForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.end_post(post, term_end=form.cleaned_data["term_end"], actor=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"{post.person.name}已离任{post.get_role_display()}")
            return redirect("regions:village_detail", pk=post.village_id)
    return render(request, "people/post_end_form.html", {"form": form, "post": post})
