"""The demo donation page and the tax-receipt setting (receipts on, demo identity)."""

DONATION_PAGE = {
    "slug": ("donate", "donate"),
    "title": ("Faire un don", "Make a donation"),
    "seo": (
        "Soutenez la Fabrique : un don ponctuel ou mensuel, avec reçu fiscal.",
        "Support the Fabrique: a one-off or monthly gift, with a French tax receipt.",
    ),
    "introduction": (
        "<p>Les projections, les ateliers et les formations de la Fabrique sont gratuits. "
        "Vos dons, ponctuels ou mensuels, les rendent possibles.</p>",
        "<p>The Fabrique's screenings, workshops and training are free. Your gifts, "
        "once or every month, make them possible.</p>",
    ),
    "thanks": (
        "<p>Merci de soutenir la Fabrique !</p>",
        "<p>Thank you for supporting the Fabrique!</p>",
    ),
}

DONATION_SETTINGS = {
    "receipts_enabled": True,
    "legal_name": "Association Fabrique de cinéma",
    "address": "12 rue du Docteur-Bauer\n93400 Saint-Ouen-sur-Seine",
    "purpose": (
        "Favoriser la création cinématographique indépendante et son accès par tous les "
        "publics : projections gratuites, ateliers jeunesse, formations."
    ),
    "legal_basis": "article 200 du code général des impôts",
    "signatory": "La présidente de l'association",
}
