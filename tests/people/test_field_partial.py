"""The one form-field partial (templates/_field.html): the label tied to the input, errors and
help text the input points at, and a field in error marked aria-invalid."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.template.loader import render_to_string
from django.urls import reverse


class _Form(forms.Form):
    name = forms.CharField(label="姓名", max_length=5, help_text="不超过5字")
    colour = forms.ChoiceField(
        label="颜色", choices=[("red", "红"), ("green", "绿")], widget=forms.RadioSelect
    )
    note = forms.CharField(label="备注", required=False, help_text="可不填")
    agreed = forms.BooleanField(label="同意", required=False)


def _render(form: forms.Form, name: str) -> str:
    return render_to_string("_field.html", {"field": form[name]})


def test_a_field_in_error_points_at_its_errors_and_help_text() -> None:
    form = _Form({"name": "长长长长长长", "colour": "red"})
    assert not form.is_valid()

    html = _render(form, "name")

    assert '<label for="id_name">姓名' in html
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_name_helptext id_name_error"' in html
    assert re.search(r'<ul class="errorlist field-errors" id="id_name_error"><li>[^<]*5', html)
    assert '<div class="help" id="id_name_helptext">不超过5字</div>' in html
    assert 'class="field field-error" id="field-name"' in html


def test_a_field_without_error_has_only_its_help_text_described() -> None:
    form = _Form({"name": "张三", "colour": "red"})
    assert form.is_valid()

    html = _render(form, "note")

    assert 'aria-describedby="id_note_helptext"' in html
    assert "aria-invalid" not in html and "_error" not in html
    assert 'class="field" id="field-note"' in html


def test_a_choice_list_in_error_is_a_fieldset_described_by_its_errors() -> None:
    form = _Form({"name": "张三"})
    assert not form.is_valid()

    html = _render(form, "colour")

    assert '<fieldset class="choices" aria-describedby="id_colour_error">' in html
    assert "<legend>颜色" in html
    assert html.count('aria-invalid="true"') == 2  # each radio button
    assert 'id="id_colour_error"' in html
    assert re.search(r'<label class="choice"><input type="radio" name="colour" value="red"', html)


def test_a_checkbox_is_labelled_around_its_box() -> None:
    html = _render(_Form(), "agreed")

    assert re.search(r'<label class="inline" for="id_agreed"><input type="checkbox"', html)


def test_the_person_form_page_marks_the_field_in_error(
    client: Any, personas: Any, tree: Any
) -> None:
    client.force_login(personas["town"])

    response = client.post(reverse("people:person_create"), {"name": "赵六", "id_number": "1"})

    html = response.content.decode()
    assert response.status_code == 200
    assert (
        'aria-invalid="true" aria-describedby="id_id_number_helptext id_id_number_error" '
        'id="id_id_number"'
    ) in html
    assert 'id="id_id_number_error"' in html and 'id="id_id_number_helptext"' in html
