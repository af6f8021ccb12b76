"""The tax receipt as a PDF (reçu au titre des dons, after Cerfa 11580), in French
whatever the donor's language: it is a document for the French tax administration.

Drawn with fpdf2's core fonts (no font file to ship); everything it says comes from the
``Receipt`` row, so the same receipt is the same document whenever it is produced.
"""

from django.utils import timezone
from fpdf import FPDF

from core.dates import natural_date

from . import rules
from .models import Receipt


def french_date(value) -> str:
    """'1er janvier 2027': the receipt is French whatever the donor's language."""
    return f"{natural_date(value, 'fr', weekday=False)} {value.year}"


def _latin1(text: str) -> str:
    """Core PDF fonts are Latin-1: typographic spaces and the euro sign spelled out."""
    text = text.replace("\u202f", " ").replace("\u00a0", " ").replace("€", "euros")
    text = text.replace("’", "'").replace("—", "-").replace("–", "-")
    return text.encode("latin-1", "replace").decode("latin-1")


def filename(receipt: Receipt) -> str:
    return f"recu-fiscal-{receipt.number}.pdf"


def receipt_pdf(receipt: Receipt) -> bytes:
    issuer = receipt.issuer
    pdf = FPDF(format="A4")
    pdf.set_title(f"Reçu fiscal {receipt.number}")
    pdf.set_author(issuer.get("legal_name", ""))
    pdf.set_margins(20, 20, 20)
    pdf.add_page()

    def heading(text):
        pdf.set_font("Helvetica", "B", 12)
        pdf.ln(4)
        pdf.multi_cell(0, 7, _latin1(text), new_x="LMARGIN", new_y="NEXT")

    def line(text, style=""):
        pdf.set_font("Helvetica", style, 10)
        pdf.multi_cell(0, 5.5, _latin1(text), new_x="LMARGIN", new_y="NEXT")

    pdf.set_font("Helvetica", "B", 15)
    pdf.multi_cell(
        0,
        8,
        _latin1("Reçu au titre des dons à certains organismes d'intérêt général"),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    line(
        "Articles 200, 238 bis et 978 du code général des impôts — "
        f"Numéro d'ordre : {receipt.number}"
    )
    if receipt.voided_at:
        pdf.set_text_color(180, 0, 0)
        line(f"ANNULÉ le {french_date(timezone.localdate(receipt.voided_at))} (don remboursé)", "B")
        pdf.set_text_color(0, 0, 0)

    heading("Bénéficiaire des versements")
    line(issuer.get("legal_name", ""), "B")
    for address_line in issuer.get("address", "").splitlines():
        line(address_line)
    if issuer.get("purpose"):
        line(f"Objet : {issuer['purpose']}")

    heading("Donateur")
    line(receipt.donor_name, "B")
    for address_line in receipt.donor_address.splitlines():
        line(address_line)

    heading("Don")
    line(
        "Le bénéficiaire reconnaît avoir reçu au titre des dons et versements ouvrant "
        "droit à réduction d'impôt la somme de :"
    )
    line(f"{rules.format_amount(receipt.amount)}", "B")
    line(f"Somme en toutes lettres : {rules.amount_in_words(receipt.amount)}")
    if receipt.kind == Receipt.Kind.ANNUAL:
        line(
            f"Période : dons mensuels versés du 1er janvier au 31 décembre {receipt.year} "
            "(reçu récapitulatif annuel)"
        )
    else:
        line(f"Date du versement : {french_date(receipt.gift_date)}")
    line(
        "Forme du don : don manuel. Nature du don : numéraire. "
        "Mode de versement : carte bancaire ou prélèvement, par Stripe."
    )
    line(
        "Le bénéficiaire certifie sur l'honneur que les dons et versements qu'il reçoit "
        f"ouvrent droit à la réduction d'impôt prévue à l'{issuer.get('legal_basis', '')}."
    )

    pdf.ln(6)
    line(f"Fait le {french_date(timezone.localdate(receipt.issued_at))}")
    if issuer.get("signatory"):
        line(issuer["signatory"])
    return bytes(pdf.output())
