"""schema.org VideoObject for a capsule page, so search engines know what the video is."""

import json

LICENCE_URLS = {
    "cc-by": "https://creativecommons.org/licenses/by/4.0/",
    "cc-by-sa": "https://creativecommons.org/licenses/by-sa/4.0/",
    "cc-by-nc-nd": "https://creativecommons.org/licenses/by-nc-nd/4.0/",
}


def iso_duration(seconds: int) -> str:
    """245 → "PT4M5S" (ISO 8601)."""
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    parts = [f"{n}{unit}" for n, unit in ((hours, "H"), (minutes, "M"), (seconds, "S")) if n]
    return "PT" + ("".join(parts) or "0S")


def video_json_ld(*, page, request) -> str:
    """A JSON object escaped for use inside a <script> element."""
    absolute = request.build_absolute_uri
    data = {
        "@context": "https://schema.org",
        "@type": "VideoObject",
        "name": page.title,
        "description": page.summary,
        "inLanguage": page.locale.language_code,
        "url": absolute(page.get_url(request)),
    }
    if page.first_published_at:
        data["uploadDate"] = page.first_published_at.isoformat()
    if page.duration:
        data["duration"] = iso_duration(page.duration)
    if page.poster:
        data["thumbnailUrl"] = absolute(page.poster.get_rendition("width-1200").url)
    if page.video_file:
        data["contentUrl"] = absolute(page.video_file.url)
    if page.licence in LICENCE_URLS:
        data["license"] = LICENCE_URLS[page.licence]
    if page.transcript:
        data["transcript"] = page.transcript
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
