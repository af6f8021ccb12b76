"""Abstract but pleasant pictures drawn with Pillow: nothing is downloaded.

Every function takes its own ``random.Random`` so that one seed always draws the
same picture, and returns JPEG (or PNG for logos) bytes.
"""

import io
import math
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


def _landscape(draw: ImageDraw.ImageDraw, rng: random.Random, size, bottom: Colour) -> None:
    """Three layers of hills or rooftops, darker towards the viewer."""
    width, height = size
    for layer in range(3):
        colour = _blend(bottom, (0, 0, 0), 0.25 + layer * 0.2)
        base = round(height * (0.62 + layer * 0.12))
        if rng.random() < 0.5:
            step = width // 12
            points = [(0, height)]
            points += [
                (x, base - rng.randint(0, height // 6)) for x in range(0, width + step, step)
            ]
            points += [(width, height)]
            draw.polygon(points, fill=colour)
        else:
            x = 0
            while x < width:
                w = rng.randint(width // 20, width // 7)
                draw.rectangle(
                    (x, base - rng.randint(height // 30, height // 3), x + w, height), fill=colour
                )
                x += w + rng.randint(0, width // 40)


def _figure(draw: ImageDraw.ImageDraw, *, x: int, ground: int, scale: float, fill: Colour) -> None:
    """A standing person seen from afar: the human scale of a frame."""
    head = round(22 * scale)
    body_w, body_h = round(46 * scale), round(150 * scale)
    top = ground - body_h - 2 * head
    draw.ellipse((x - head, top, x + head, top + 2 * head), fill=fill)
    draw.rounded_rectangle(
        (x - body_w // 2, top + 2 * head, x + body_w // 2, ground),
        radius=round(16 * scale),
        fill=fill,
    )


def poster(rng: random.Random) -> bytes:
    """A 800x1200 poster with no text (titles are the page's): a sky, a great disc of
    light, a landscape and one small figure, framed like a one-sheet."""
    top, bottom, accent, ink = rng.choice(PALETTES)
    image = _gradient((800, 1200), top, bottom)
    _shapes(image, rng, [accent, _blend(top, accent, 0.5)], rng.randint(2, 4))
    draw = ImageDraw.Draw(image)
    sr = rng.randint(170, 260)
    sx, sy = rng.randint(250, 550), rng.randint(320, 520)
    draw.ellipse((sx - sr, sy - sr, sx + sr, sy + sr), fill=accent)
    _landscape(draw, rng, (800, 1200), bottom)
    ground = rng.randint(1000, 1080)
    _figure(
        draw,
        x=rng.randint(160, 640),
        ground=ground,
        scale=rng.uniform(0.8, 1.3),
        fill=_blend(top, (0, 0, 0), 0.6),
    )
    draw.rectangle((40, 40, 760, 1160), outline=ink, width=4)
    return _jpeg(image, quality=84)


# Skin, hair and clothing: enough combinations that no two residents look alike.
SKIN: list[Colour] = [
    (255, 224, 196),
    (241, 194, 153),
    (224, 172, 125),
    (198, 134, 90),
    (161, 102, 62),
    (125, 78, 46),
    (92, 58, 36),
    (236, 188, 160),
]
HAIR: list[Colour] = [
    (20, 16, 14),
    (58, 38, 24),
    (110, 70, 40),
    (170, 120, 70),
    (200, 190, 180),
    (140, 40, 30),
]
CLOTHES: list[Colour] = [
    (40, 60, 110),
    (150, 40, 50),
    (30, 90, 70),
    (220, 170, 60),
    (60, 50, 80),
    (200, 110, 70),
    (235, 230, 220),
]
HAIRSTYLES = ("short", "long", "bun", "curly", "shaved", "bob")


def portrait(rng: random.Random, *, name: str) -> bytes:
    """A 960x1200 (4:5, the size the pages show it at, twice for sharp screens) drawn
    portrait, head and shoulders; skin, hair, hairstyle, clothes and background are
    drawn from the resident's name, so each one differs."""
    pick = random.Random(name)
    top, bottom, accent, _ink = pick.choice(PALETTES)
    image = _gradient((600, 750), _blend(top, accent, 0.35), _blend(bottom, accent, 0.2))
    _shapes(image, rng, [accent, _blend(top, accent, 0.6)], rng.randint(2, 4))
    draw = ImageDraw.Draw(image)
    skin, hair, cloth = pick.choice(SKIN), pick.choice(HAIR), pick.choice(CLOTHES)
    style = pick.choice(HAIRSTYLES)
    cx = 300 + pick.randint(-25, 25)
    head_w, head_h = pick.randint(88, 104), pick.randint(108, 124)
    hy = 320
    if style == "long":
        draw.rounded_rectangle(
            (cx - head_w - 22, hy - head_h - 10, cx + head_w + 22, hy + head_h + 120),
            radius=90,
            fill=hair,
        )
    draw.ellipse((cx - 210, 540, cx + 210, 980), fill=cloth)  # shoulders
    if pick.random() < 0.5:  # a collar or scarf
        draw.polygon(
            [(cx - 60, 545), (cx, 630), (cx + 60, 545)], fill=_blend(cloth, (255, 255, 255), 0.35)
        )
    draw.rectangle(
        (cx - 38, hy + head_h - 30, cx + 38, 560), fill=_blend(skin, (0, 0, 0), 0.12)
    )  # neck
    draw.ellipse((cx - head_w, hy - head_h, cx + head_w, hy + head_h), fill=skin)  # face
    if style in ("short", "long", "bob"):
        draw.chord(
            (cx - head_w - 8, hy - head_h - 14, cx + head_w + 8, hy + head_h // 2),
            180,
            360,
            fill=hair,
        )
    if style == "bob":
        draw.rectangle((cx - head_w - 8, hy - 20, cx - head_w + 22, hy + 70), fill=hair)
        draw.rectangle((cx + head_w - 22, hy - 20, cx + head_w + 8, hy + 70), fill=hair)
    if style == "bun":
        draw.chord(
            (cx - head_w - 4, hy - head_h - 8, cx + head_w + 4, hy + head_h // 3),
            180,
            360,
            fill=hair,
        )
        draw.ellipse((cx - 46, hy - head_h - 70, cx + 46, hy - head_h + 20), fill=hair)
    if style == "curly":
        for angle in range(0, 181, 20):
            a = math.radians(180 + angle)
            x = cx + round((head_w + 4) * math.cos(a))
            y = hy - 10 + round((head_h + 4) * math.sin(a))
            draw.ellipse((x - 34, y - 34, x + 34, y + 34), fill=hair)
    if style == "shaved":
        draw.chord(
            (cx - head_w, hy - head_h, cx + head_w, hy + head_h // 3),
            180,
            360,
            fill=_blend(skin, hair, 0.45),
        )
    eye = _blend(hair, (0, 0, 0), 0.5)
    ey = hy + 6
    for side in (-1, 1):
        draw.ellipse((cx + side * 36 - 8, ey - 6, cx + side * 36 + 8, ey + 6), fill=eye)
    if pick.random() < 0.3:  # glasses
        for side in (-1, 1):
            draw.ellipse(
                (cx + side * 36 - 26, ey - 20, cx + side * 36 + 26, ey + 20),
                outline=(30, 30, 30),
                width=5,
            )
        draw.line((cx - 10, ey, cx + 10, ey), fill=(30, 30, 30), width=5)
    draw.arc(
        (cx - 30, hy + 40, cx + 30, hy + 80),
        20,
        160,
        fill=_blend(skin, (120, 30, 30), 0.5),
        width=5,
    )
    # Drawn on a small canvas, enlarged: flat shapes stay sharp.
    return _jpeg(image.resize((960, 1200), Image.Resampling.LANCZOS), quality=84)


def still(rng: random.Random) -> bytes:
    """A 1200x675 "film still" with no text: a sky, a sun or lamp, layered hills or
    rooftops, and sometimes a figure for scale."""
    top, bottom, accent, _ink = rng.choice(PALETTES)
    image = _gradient((1200, 675), top, bottom)
    draw = ImageDraw.Draw(image)
    sx, sy, sr = rng.randint(150, 1050), rng.randint(110, 300), rng.randint(50, 110)
    draw.ellipse((sx - sr, sy - sr, sx + sr, sy + sr), fill=accent)
    _landscape(draw, rng, (1200, 675), bottom)
    if rng.random() < 0.6:
        _figure(
            draw,
            x=rng.randint(120, 1080),
            ground=rng.randint(600, 660),
            scale=rng.uniform(0.5, 0.8),
            fill=_blend(top, (0, 0, 0), 0.6),
        )
    return _jpeg(image, quality=84)


def abstract(rng: random.Random) -> bytes:
    """A 1200x800 picture of overlapping translucent shapes, for workshops and modules."""
    top, bottom, accent, ink = rng.choice(PALETTES)
    image = _gradient((1200, 800), top, bottom)
    _shapes(image, rng, [accent, ink, _blend(top, accent, 0.5)], rng.randint(7, 11))
    return _jpeg(image, quality=84)


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
