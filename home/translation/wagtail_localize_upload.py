"""wagtail-localize's PO upload answers a server error (500) for a form sent
without a file, or with a file that is not a PO file it wrote. This checks
the upload first and tells the translator what to do.

Can go when wagtail-localize's upload_pofile validates its form.
"""

import contextlib
import os
import tempfile

import polib
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail_localize.views import edit_translation

from home.translation.guards import translation_target_guard


def _po_translation_id(uploaded) -> str | None:
    """The translation a PO file was downloaded for, or None if the upload is
    not a PO file from wagtail-localize."""
    # polib reads from a path (given file contents it may treat them as a
    # path), so the upload goes through a temporary file, as upstream does.
    with tempfile.NamedTemporaryFile(suffix=".po", delete=False) as file:
        for chunk in uploaded.chunks():
            file.write(chunk)
    try:
        return polib.pofile(file.name).metadata.get("X-WagtailLocalize-TranslationID")
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(file.name)
        uploaded.seek(0)


@require_POST
def upload_pofile(request, translation_id: int):
    """wagtail-localize's PO upload, minus its server errors on a form sent
    without a file or with a PO file that did not come from it."""
    translation_target_guard(user=request.user, translation_id=translation_id)
    uploaded = request.FILES.get("file")
    if uploaded is None:
        messages.error(request, _("Choose a PO file to upload."))
    elif _po_translation_id(uploaded) is None:
        messages.error(
            request,
            _(
                "This is not a PO file downloaded from this site. Download the "
                "PO file of this translation, translate it, and upload that file."
            ),
        )
    else:
        return edit_translation.upload_pofile(request, translation_id=translation_id)
    return redirect(
        get_valid_next_url_from_request(request) or reverse("wagtailadmin_home")
    )
