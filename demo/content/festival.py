"""The online competition's texts, French first: five short films made in the
neighbourhood, open for the audience vote."""

COMPETITION = {
    "slug": ("competition-courts-metrages", "short-film-competition"),
    "title": ("Compétition de courts métrages", "Short film competition"),
    "seo": (
        "Cinq courts métrages en ligne, un vote du public, une soirée de clôture en salle.",
        "Five short films online, an audience vote, a closing night in the room.",
    ),
    "introduction": (
        "Cinq courts métrages tournés à Saint-Ouen et alentour, à voir en ligne pendant "
        "trois semaines. Votez pour votre préféré : le prix du public est remis à la "
        "soirée de clôture, en salle, avec les prix du jury.",
        "Five short films shot in and around Saint-Ouen, online for three weeks. Vote "
        "for your favourite: the audience award is given at the closing night, in the "
        "room, with the jury's prizes.",
    ),
    "jury_prizes": (
        "<p>Le jury annoncera ses prix à la soirée de clôture.</p>",
        "<p>The jury will announce its prizes at the closing night.</p>",
    ),
}

FILMS = [
    {
        "title": ("Les Marches du marché", "The market steps"),
        "director": "Inès Belkacem",
        "duration": 12,
        "synopsis": (
            "Un samedi aux puces, du premier étal monté au dernier carton replié.",
            "A Saturday at the flea market, from the first stall set up to the last box "
            "folded away.",
        ),
    },
    {
        "title": ("Quai de nuit", "Night quay"),
        "director": "Ali Benali",
        "duration": 9,
        "synopsis": (
            "Deux agents de nettoyage traversent la ville endormie le long de la Seine.",
            "Two cleaners cross the sleeping town along the Seine.",
        ),
    },
    {
        "title": ("La Presse", "The press"),
        "director": "Jeanne Dupont",
        "duration": 14,
        "synopsis": (
            "Dans l'ancienne imprimerie, une fille retrouve les gestes de son grand-père.",
            "In the old printing works, a girl finds her grandfather's gestures again.",
        ),
    },
    {
        "title": ("Bobines", "Reels"),
        "director": "Léa Martin",
        "duration": 7,
        "synopsis": (
            "Un projectionniste à la retraite rembobine cinquante ans de séances.",
            "A retired projectionist rewinds fifty years of screenings.",
        ),
    },
    {
        "title": ("Terrain vague", "Wasteland"),
        "director": "Samir Ouali",
        "duration": 11,
        "synopsis": (
            "Des enfants font d'un chantier arrêté leur royaume d'un été.",
            "Children make a halted building site their kingdom for a summer.",
        ),
    },
]

# Audience already registered: (the film each watched, the film each voted for).
AUDIENCE = [(0, 0), (1, 2), (2, 2), (3, 1), (4, 2), (2, 3), (0, 0), (1, 2)]
