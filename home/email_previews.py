"""Every email of the site, built by its real builder from sample objects, for staff to
read in both languages (Reports > Email previews).

The samples are written inside a transaction that is always rolled back: the builders
read the database (pages in the reader's language, sessions, receipts), so they get real
rows, and nothing of them is left behind. Nothing is sent: the messages are only read.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from donations import emails as donation_emails
from donations.models import Donation, Payment, Receipt
from events import emails as event_emails
from events import reminders
from events.bookings import Booking
from events.models import ScreeningPage, Session
from feedback import emails as feedback_emails
from training import emails as training_emails
from training.models import Application, TrainingModulePage
from workshops import emails as workshop_emails
from workshops.models import Registration, WorkshopPage

LANGUAGES = ("fr", "en")


@dataclass
class EmailPreview:
    name: str
    language: str
    subject: str
    to: str
    text: str
    html: str
    attachments: list[str]


class _RolledBack(Exception):
    """Raised to leave the sample transaction without committing it."""


def _preview(name, language: str, message: EmailMessage) -> EmailPreview:
    html = ""
    for content, mimetype in getattr(message, "alternatives", []):
        if mimetype == "text/html":
            html = content
    attachments = [a[0] for a in message.attachments if isinstance(a, tuple)]
    return EmailPreview(
        name=str(name),
        language=language,
        subject=message.subject,
        to=", ".join(message.to),
        text=message.body,
        html=html,
        attachments=attachments,
    )


def _samples(*, root: Page, language: str):
    """The messages, in ``language``, as (name, message) pairs."""
    now = timezone.now()
    start = now + timedelta(days=7)
    screening = root.add_child(
        instance=ScreeningPage(
            title="La Dernière Équipe",
            slug=f"preview-screening-{language}",
            summary="Sample",
            film_title="La Dernière Équipe",
            year=2025,
            country="France",
            runtime=92,
            synopsis="<p>Sample</p>",
            live=True,
        )
    )
    session = Session.objects.create(
        page=screening,
        start=start,
        end=start + timedelta(hours=2),
        places=80,
        attendance_mode=Session.Mode.HYBRID,
        stream_url="https://stream.example.org/preview",
    )

    def booking(status: str) -> Booking:
        return Booking.objects.create(
            session=session,
            first_name="Camille",
            last_name="Martin",
            email=f"{status}@example.org",
            seats=2,
            status=status,
            language=language,
            terms_accepted_at=now,
            confirmed_at=now if status == Booking.Status.CONFIRMED else None,
        )

    confirmed = booking(Booking.Status.CONFIRMED)
    waitlisted = booking(Booking.Status.WAITLISTED)
    cancelled = booking(Booking.Status.CANCELLED)
    yield _("Booking confirmed"), event_emails.booking_email(booking=confirmed)
    yield _("Booking on the waitlist"), event_emails.booking_email(booking=waitlisted)
    yield _("Booking cancelled"), event_emails.booking_cancelled_email_for(booking_id=cancelled.pk)
    yield (
        _("Session cancelled"),
        event_emails.session_cancelled_email_for(booking_id=confirmed.pk, reason="Sample reason"),
    )
    yield (
        _("Message to the people booked"),
        event_emails.attendee_message_for(
            booking_id=confirmed.pk, subject="Sample subject", body="Sample message."
        ),
    )
    yield _("Streaming reminder"), reminders.stream_reminder_email_for(booking_id=confirmed.pk)
    yield _("Feedback request"), feedback_emails.feedback_request_email_for(booking_id=confirmed.pk)

    workshop = root.add_child(
        instance=WorkshopPage(
            title="Atelier court métrage",
            slug=f"preview-workshop-{language}",
            summary="Sample",
            age_min=9,
            age_max=13,
            what_to_bring="Sample",
            live=True,
        )
    )
    workshop_session = Session.objects.create(
        page=workshop, start=start, end=start + timedelta(hours=2), places=12
    )
    registration = Registration.objects.create(
        session=workshop_session,
        workshop=workshop,
        child_first_name="Lou",
        child_birth_date=(now - timedelta(days=365 * 10)).date(),
        guardian_first_name="Camille",
        guardian_last_name="Martin",
        email="camille.martin@example.org",
        phone="06 12 34 56 78",
        participation_consent_at=now,
        status=Registration.Status.CONFIRMED,
        language=language,
        confirmed_at=now,
    )
    yield _("Workshop registration"), workshop_emails.registration_email(registration=registration)
    yield (
        _("Workshop registration after the waitlist"),
        workshop_emails.registration_email(registration=registration, promoted=True),
    )
    yield (
        _("Workshop session cancelled"),
        workshop_emails.session_cancelled_email_for(
            registration_id=registration.pk, session_id=workshop_session.pk
        ),
    )
    registration.status = Registration.Status.CANCELLED
    registration.save()
    yield (
        _("Workshop registration cancelled"),
        workshop_emails.registration_cancelled_email_for(registration_id=registration.pk),
    )

    module = root.add_child(
        instance=TrainingModulePage(
            title="Étalonnage",
            slug=f"preview-training-{language}",
            summary="Sample",
            application_deadline=now + timedelta(days=20),
            places=12,
            prerequisites="<p>Sample</p>",
            live=True,
        )
    )
    module_session = Session.objects.create(
        page=module, start=start, end=start + timedelta(hours=6), places=12
    )
    application = Application.objects.create(
        module=module,
        first_name="Camille",
        last_name="Martin",
        email="camille.martin@example.org",
        motivation="Sample",
        language=language,
    )
    yield (
        _("Training application received"),
        training_emails.acknowledgement_email_for(application_id=application.pk),
    )
    for status in (Application.Status.ACCEPTED, Application.Status.DECLINED):
        application.status = status
        application.save()
        yield (
            _("Training decision: %(status)s") % {"status": status.label},
            training_emails.decision_email_for(application_id=application.pk, status=status),
        )
        if status == Application.Status.ACCEPTED:
            yield (
                _("Training session cancelled"),
                training_emails.session_cancelled_email_for(
                    application_id=application.pk, session_id=module_session.pk
                ),
            )

    donation = Donation.objects.create(
        frequency=Donation.Frequency.MONTHLY,
        amount=2000,
        status=Donation.Status.PAID,
        first_name="Camille",
        last_name="Martin",
        email="camille.martin@example.org",
        language=language,
        stripe_customer_id="cus_preview",
    )
    payment = Payment.objects.create(donation=donation, amount=2000, status=Payment.Status.PAID)
    yield _("Donation thanks"), donation_emails.thanks_email(payment_id=payment.pk)
    # Numbered far above any real receipt: the series is unique per year (and the row
    # is rolled back anyway).
    receipt = Receipt.objects.create(
        number=f"APERCU-{language}",
        year=now.year - 1,
        sequence=2_000_000_000 + LANGUAGES.index(language),
        kind=Receipt.Kind.ANNUAL,
        donation=donation,
        amount=24000,
        gift_date=now.date().replace(month=12, day=31, year=now.year - 1),
        donor_name="Camille Martin",
        donor_address="12 rue des Rosiers\n93400 Saint-Ouen-sur-Seine",
        issuer={"legal_name": "Fabrique", "address": "12 rue des Rosiers"},
    )
    yield _("Yearly tax receipt"), donation_emails.annual_receipt_email(receipt_id=receipt.pk)


def email_previews(*, root: Page) -> list[EmailPreview]:
    """Every email in each language, built under ``root`` (the site's home page)."""
    previews: list[EmailPreview] = []
    try:
        with transaction.atomic():
            for language in LANGUAGES:
                for name, message in _samples(root=root, language=language):
                    if message is not None:
                        previews.append(_preview(name, language, message))
            raise _RolledBack
    except _RolledBack:
        pass
    return previews
