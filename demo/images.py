"""Abstract but pleasant pictures drawn with Pillow: nothing is downloaded.

Every function takes its own ``random.Random`` so that one seed always draws the
same picture, and returns JPEG (or PNG for logos) bytes.
"""

import io
import random
import textwrap
import unicodedata

from PIL import Image, ImageDraw, ImageFont

Colour = tuple[int, int, int]

# Warm, cinema-ish palettes: background top, background bottom, accent, ink.
PALETTES: list[tuple[Colour, Colour, Colour, Colour]] = [
    ((32, 24, 64), (214, 92, 62), (250, 208, 120), (255, 248, 236)),
    ((14, 52, 70), (62, 160, 150), (245, 196, 80), (250, 250, 245)),
    ((60, 20, 40), (170, 60, 90), (255, 180, 160), (255, 245, 240)),
    ((20, 30, 30), (90, 120, 80), (230, 220, 160), (250, 250, 240)),
    ((40, 40, 90), (120, 140, 220), (255, 230, 140), (255, 255, 255)),
    ((80, 40, 20), (210, 140, 60), (255, 236, 200), (255, 252, 245)),
    ((10, 10, 20), (70, 60, 120), (240, 120, 90), (245, 245, 250)),
    ((30, 70, 60), (230, 170, 110), (250, 240, 220), (255, 255, 250)),
]


def _plain(text: str) -> str:
    """Fold accents and typographic marks: Pillow's built-in font has ASCII glyphs only."""
    text = text.replace("—", "-").replace("–", "-").replace("’", "'").replace("œ", "oe")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if c.isascii() or c == "·")


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return ImageFont.load_default(size=size)


def _gradient(size: tuple[int, int], top: Colour, bottom: Colour) -> Image.Image:
    width, height = size
    mask = Image.linear_gradient("L").resize((width, height))
    return Image.composite(Image.new("RGB", size, bottom), Image.new("RGB", size, top), mask)


def _blend(a: Colour, b: Colour, t: float) -> Colour:
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))


def _shapes(image: Image.Image, rng: random.Random, colours: list[Colour], count: int) -> None:
    """Soft translucent circles, bands and arcs over the background."""
    width, height = image.size
    layer = Image.new("RGBA", image.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    for _ in range(count):
        colour = rng.choice(colours)
        alpha = rng.randint(50, 140)
        kind = rng.choice(["circle", "circle", "band", "arc"])
        x, y = rng.randint(0, width), rng.randint(0, height)
        r = rng.randint(width // 10, width // 2)
        if kind == "circle":
            draw.ellipse((x - r, y - r, x + r, y + r), fill=(*colour, alpha))
        elif kind == "band":
            thickness = rng.randint(height // 40, height // 10)
            draw.rectangle((0, y, width, y + thickness), fill=(*colour, alpha))
        else:
            draw.arc(
                (x - r, y - r, x + r, y + r),
                rng.randint(0, 180),
                rng.randint(200, 360),
                fill=(*colour, alpha + 60),
                width=rng.randint(6, 24),
            )
    image.paste(layer, (0, 0), layer)


def _text_block(
    draw: ImageDraw.ImageDraw,
    text: str,
    *,
    box: tuple[int, int, int],
    size: int,
    fill: Colour,
    chars: int,
) -> int:
    """Draw wrapped text from (x, y) within ``width``; return the y below it."""
    x, y, width = box
    font = _font(size)
    for line in textwrap.wrap(_plain(text), width=chars) or [""]:
        while draw.textlength(line, font=font) > width and size > 12:
            size -= 2
            font = _font(size)
        draw.text((x, y), line, font=font, fill=fill)
        y += round(size * 1.2)
    return y


def _jpeg(image: Image.Image, quality: int = 80) -> bytes:
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, format="JPEG", quality=quality)
    return buffer.getvalue()


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def poster(rng: random.Random, *, title: str, kicker: str, footer: str) -> bytes:
    """A 800x1200 film or event poster: gradient, shapes, title, date line."""
    top, bottom, accent, ink = rng.choice(PALETTES)
    image = _gradient((800, 1200), top, bottom)
    _shapes(image, rng, [accent, ink, _blend(top, accent, 0.5)], rng.randint(6, 11))
    draw = ImageDraw.Draw(image)
    draw.rectangle((48, 48, 752, 1152), outline=ink, width=3)
    _text_block(draw, kicker.upper(), box=(80, 84, 640), size=30, fill=accent, chars=36)
    y = 760
    draw.rectangle((80, y - 24, 200, y - 16), fill=accent)
    y = _text_block(draw, title, box=(80, y, 640), size=64, fill=ink, chars=18)
    _text_block(draw, footer, box=(80, max(y + 20, 1060), 640), size=28, fill=ink, chars=40)
    return _jpeg(image)


def portrait(rng: random.Random, *, name: str) -> bytes:
    """A 600x600 stylised portrait: a silhouette against a warm gradient."""
    top, bottom, accent, ink = rng.choice(PALETTES)
    image = _gradient((600, 600), _blend(top, accent, 0.3), bottom)
    _shapes(image, rng, [accent, ink], rng.randint(3, 6))
    draw = ImageDraw.Draw(image)
    skin = _blend(accent, ink, rng.uniform(0.1, 0.5))
    shade = _blend(top, (0, 0, 0), 0.2)
    cx = 300 + rng.randint(-40, 40)
    draw.ellipse((cx - 190, 400, cx + 190, 760), fill=shade)  # shoulders
    draw.rectangle((cx - 40, 330, cx + 40, 430), fill=skin)  # neck
    draw.ellipse((cx - 95, 150, cx + 95, 370), fill=skin)  # head
    hair = _blend(top, (0, 0, 0), rng.uniform(0.1, 0.6))
    draw.chord((cx - 105, 130, cx + 105, 330), 180, 360, fill=hair)
    initials = _plain("".join(part[0] for part in name.split()[:2]).upper())
    draw.text((32, 530), initials, font=_font(40), fill=ink)
    return _jpeg(image)


def still(rng: random.Random, *, caption: str) -> bytes:
    """A 1200x675 "film still": horizon, sun or lamp, layered hills or buildings."""
    top, bottom, accent, ink = rng.choice(PALETTES)
    image = _gradient((1200, 675), top, bottom)
    draw = ImageDraw.Draw(image)
    sx, sy, sr = rng.randint(150, 1050), rng.randint(120, 320), rng.randint(50, 110)
    draw.ellipse((sx - sr, sy - sr, sx + sr, sy + sr), fill=accent)
    for layer in range(3):
        colour = _blend(bottom, (0, 0, 0), 0.25 + layer * 0.2)
        base = 420 + layer * 80
        if rng.random() < 0.5:
            points = [(0, 675)]
            points += [(x, base - rng.randint(0, 120)) for x in range(0, 1300, 100)]
            points += [(1200, 675)]
            draw.polygon(points, fill=colour)
        else:
            x = 0
            while x < 1200:
                w = rng.randint(60, 180)
                draw.rectangle((x, base - rng.randint(20, 200), x + w, 675), fill=colour)
                x += w + rng.randint(0, 30)
    draw.rectangle((0, 0, 1200, 60), fill=(0, 0, 0))
    draw.rectangle((0, 615, 1200, 675), fill=(0, 0, 0))
    draw.text((40, 628), _plain(caption), font=_font(26), fill=ink)
    return _jpeg(image)


def logo(rng: random.Random, *, name: str) -> bytes:
    """A 600x300 PNG logo: a shape with initials, then the name."""
    top, _bottom, accent, _ink = rng.choice(PALETTES)
    image = Image.new("RGB", (600, 300), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    shape = rng.choice(["circle", "square", "diamond"])
    box = (30, 60, 210, 240)
    if shape == "circle":
        draw.ellipse(box, fill=top)
    elif shape == "square":
        draw.rounded_rectangle(box, radius=28, fill=top)
    else:
        draw.polygon([(120, 60), (210, 150), (120, 240), (30, 150)], fill=top)
    words = [w for w in name.replace("’", " ").split() if w[0].isalpha() and len(w) > 2]
    initials = _plain("".join(w[0] for w in words[:2]).upper() or name[:2].upper())
    font = _font(72)
    width = draw.textlength(initials, font=font)
    draw.text((120 - width / 2, 110), initials, font=font, fill=accent)
    _text_block(draw, name, box=(235, 100, 340), size=34, fill=top, chars=16)
    return _png(image)
