"""Draw Vigie's icon (a shield with a check mark) as PNG and ICO, so no binary art is hand-made.

  python build/make_icon.py   -> wizard/ui/icons/vigie.png (the windows' icon, shipped with the
                                 package), build/icons/vigie.ico (the Windows executable's)
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parent / "icons"
PNG = Path(__file__).resolve().parent.parent / "wizard" / "ui" / "icons" / "vigie.png"


def draw(size: int = 256) -> Image.Image:
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    s = size / 256
    shield = [(128, 14), (226, 50), (216, 150), (128, 244), (40, 150), (30, 50)]
    d.polygon([(x * s, y * s) for x, y in shield], fill=(24, 74, 140, 255))
    inner = [(128, 34), (206, 63), (198, 146), (128, 222), (58, 146), (50, 63)]
    d.polygon([(x * s, y * s) for x, y in inner], fill=(40, 110, 190, 255))
    d.line([(82 * s, 130 * s), (116 * s, 164 * s), (178 * s, 92 * s)], fill=(255, 255, 255, 255),
           width=int(22 * s), joint="curve")
    return img


def main() -> None:
    OUT.mkdir(exist_ok=True)
    img = draw()
    img.save(PNG)
    img.save(OUT / "vigie.ico", sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)])


if __name__ == "__main__":
    main()
