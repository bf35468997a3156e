"""Windows version information (file properties of Vigie.exe), from the package version."""

from __future__ import annotations

from pathlib import Path

TEMPLATE = """VSVersionInfo(
  ffi=FixedFileInfo(filevers={tuple4}, prodvers={tuple4}, mask=0x3f, flags=0x0, OS=0x40004,
                    fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([StringTable('040C04B0', [
      StringStruct('CompanyName', 'Vigie'),
      StringStruct('FileDescription', 'Vigie — auto-évaluation RGPD (articles 28, 29 et 32)'),
      StringStruct('FileVersion', '{version}'),
      StringStruct('InternalName', 'Vigie'),
      StringStruct('OriginalFilename', 'Vigie.exe'),
      StringStruct('ProductName', 'Vigie'),
      StringStruct('ProductVersion', '{version}')])]),
    VarFileInfo([VarStruct('Translation', [0x040C, 1200])])
  ]
)
"""


def write_version_file(path: Path, version: str) -> str:
    numbers = [int(part) for part in version.split(".")[:4] if part.isdigit()]
    tuple4 = tuple((numbers + [0, 0, 0, 0])[:4])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(TEMPLATE.format(tuple4=tuple4, version=version), encoding="utf-8")
    return str(path)
