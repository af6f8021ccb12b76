"""Driving the page editor as a person would: the form's own fields, sent back."""

from bs4 import BeautifulSoup
from django.urls import reverse


def edit_form_data(client, page) -> dict:
    """The fields of ``page``'s edit form as the browser would send them (the client
    must be allowed to open the editor); StreamFields are sent empty."""
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200, response.status_code
    form = BeautifulSoup(response.content, "html.parser").find("form", id="page-edit-form")
    data: dict = {}
    for field in form.find_all(["input", "textarea", "select"]):
        name = field.get("name")
        if not name or field.has_attr("disabled"):
            continue
        if field.name == "textarea":
            data[name] = field.text
        elif field.name == "select":
            chosen = [
                o.get("value", o.text) for o in field.find_all("option") if o.has_attr("selected")
            ]
            if field.has_attr("multiple"):
                data.setdefault(name, []).extend(chosen)
            elif chosen:
                data[name] = chosen[0]
        elif field.get("type") in ("checkbox", "radio"):
            if field.has_attr("checked"):
                if field.get("type") == "checkbox" and name in data:
                    data[name] = [
                        *(data[name] if isinstance(data[name], list) else [data[name]]),
                        field.get("value", "on"),
                    ]
                else:
                    data[name] = field.get("value", "on")
        elif field.get("type") not in ("submit", "button", "file"):
            data[name] = field.get("value", "")
    # StreamFields are drawn by the admin's JavaScript: send them empty.
    for stream in form.find_all(attrs={"data-controller": "w-block"}):
        data[f"{stream['id']}-count"] = "0"
    return data
