"""Where a platform video may be embedded once the visitor asks for it.

Pages store the address people paste (a YouTube or Vimeo page); the player is
only inserted after a click, from the privacy-friendlier embed hosts.
"""

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlparse

_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{6,20}$")
_VIMEO_ID = re.compile(r"^\d{5,12}$")


@dataclass(frozen=True)
class VideoLink:
    url: str
    provider: str
    embed_url: str = ""


def _provider_name(host: str) -> str:
    if host.endswith("youtube.com") or host == "youtu.be":
        return "YouTube"
    if host.endswith("vimeo.com"):
        return "Vimeo"
    return host.removeprefix("www.")


def _youtube_id(parsed) -> str:
    host = parsed.hostname or ""
    parts = [part for part in parsed.path.split("/") if part]
    if host == "youtu.be" and parts:
        candidate = parts[0]
    elif parts[:1] == ["watch"]:
        candidate = parse_qs(parsed.query).get("v", [""])[0]
    elif len(parts) >= 2 and parts[0] in {"embed", "shorts", "live", "v"}:
        candidate = parts[1]
    else:
        candidate = ""
    return candidate if _YOUTUBE_ID.match(candidate) else ""


def _vimeo_id(parsed) -> str:
    parts = [part for part in parsed.path.split("/") if part]
    for part in reversed(parts):
        if _VIMEO_ID.match(part):
            return part
    return ""


def video_link(url: str) -> VideoLink:
    """The platform of a video address and, for YouTube and Vimeo, its embed address."""
    parsed = urlparse(url or "")
    if parsed.scheme not in {"http", "https"} or not parsed.hostname:
        return VideoLink(url=url or "", provider="")
    host = parsed.hostname.lower()
    provider = _provider_name(host)
    embed_url = ""
    if provider == "YouTube":
        video_id = _youtube_id(parsed)
        if video_id:
            embed_url = f"https://www.youtube-nocookie.com/embed/{video_id}"
    elif provider == "Vimeo":
        video_id = _vimeo_id(parsed)
        if video_id:
            embed_url = f"https://player.vimeo.com/video/{video_id}"
    return VideoLink(url=url, provider=provider, embed_url=embed_url)
