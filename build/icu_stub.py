"""Build an empty ICU data library (ICU's own "stub data" layout) for the Linux executable.

Qt Core needs libicudata.so.73 to load, but Vigie uses none of its 32 MB: no ICU collation (lists
are sorted in Python), no legacy encodings (files are UTF-8), dates and numbers come from Qt's and
Babel's own locale data. Returns None when no C compiler is available: the real data is kept.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

SOURCE = r"""
#include <stdint.h>
typedef struct {
    uint16_t size, reserved;
    uint8_t isBigEndian, charsetFamily, sizeofUChar, reservedByte;
    uint8_t dataFormat[4], formatVersion[4], dataVersion[4];
} UDataInfo;
typedef struct {
    uint16_t headerSize;
    uint8_t magic1, magic2;
    UDataInfo info;
    char padding[8];
    uint32_t count, reserved;
    struct { const char *name; const void *data; } toc[1];
    int fakeNameAndData[4];
} ICU_Data_Header;
__attribute__((visibility("default"))) const ICU_Data_Header icudt73_dat = {
    32, 0xda, 0x27,
    { sizeof(UDataInfo), 0, 0, 0, 2, 0, {0x54, 0x6f, 0x43, 0x50}, {1, 0, 0, 0}, {0, 0, 0, 0} },
    {0, 0, 0, 0, 0, 0, 0, 0}, 0, 0, { { 0, 0 } }, { 0, 0, 0, 0 }
};
"""


def build_stub(target: Path) -> Path | None:
    compiler = shutil.which("cc") or shutil.which("gcc")
    if compiler is None:
        print("icu_stub: no C compiler, the full ICU data is bundled")
        return None
    target.parent.mkdir(parents=True, exist_ok=True)
    source = target.with_suffix(".c")
    source.write_text(SOURCE, encoding="utf-8")
    subprocess.run([compiler, "-shared", "-fPIC", "-O2", "-Wl,-soname,libicudata.so.73", "-o", str(target),
                    str(source)], check=True)
    return target
