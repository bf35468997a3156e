"""Start the GUI: language first (Vigie's and Qt's own strings), then the look, then the window."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from wizard import i18n, paths
from wizard.settings import load_settings
from wizard.ui.widgets import message
from wizard.ui.widgets.theme import apply_look, create_application


def install_language(app: QApplication, lang: str) -> None:
    """Vigie's catalogs, QLocale (dates, numbers) and Qt's translations (Cancel, Yes, file dialogs)."""
    i18n.set_language(lang)
    QLocale.setDefault(QLocale(i18n.babel_locale(lang)))
    previous = app.property("vigieQtTranslator")
    if previous is not None:  # switching language while running
        app.removeTranslator(previous)
        app.setProperty("vigieQtTranslator", None)
    if i18n.LANGUAGES[lang].qt_catalog:
        translator = QTranslator(app)
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if translator.load(f"qtbase_{lang}", folder):
            app.installTranslator(translator)
            app.setProperty("vigieQtTranslator", translator)  # kept alive with the app


def make_app(lang: str, data_dir: Path | None = None, argv: list[str] | None = None) -> QApplication:
    """The QApplication, translated and styled, before any widget exists."""
    app = QApplication.instance() or create_application(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("Vigie")
    app.setOrganizationName("Vigie")
    app.setWindowIcon(QIcon(str(paths.window_icon())))  # else a blank one in the title and task bars
    install_language(app, lang)
    settings = load_settings(data_dir)
    apply_look(app, text_scale=settings.text_scale, presentation=False)
    return app


def dispose(window) -> None:
    """Close and delete a top-level window now, while Qt and Python are both whole, rather
    than in PySide's sweep at the interpreter's exit, which deletes what is left in no set
    order (with PySide6 6.12.0 that sweep is where the keyboard journey crashed, one run in two)."""
    import shiboken6

    if shiboken6.isValid(window):
        window.close()
        shiboken6.delete(window)


def after_first_paint(window, *then) -> None:  # noqa: ANN001
    """Call each of then, in order, in the event loop's turn after window's first paint."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class FirstPaint(QObject):
        def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
            if event.type() == QEvent.Type.Paint:
                watched.removeEventFilter(self)
                for call in then:
                    QTimer.singleShot(0, call)
            return False

    watcher = FirstPaint(window)
    window.installEventFilter(watcher)


def run_gui(context) -> int:
    try:
        data_dir = paths.user_data_dir(context.data_dir_override)
    except paths.DataFolderError as exc:  # --data-dir on a file, a path that cannot be created

        from wizard.i18n import _

        make_app(context.lang)
        message.critical(None, _("Dossier de données inutilisable"), str(exc))
        return 2
    app = make_app(context.lang, data_dir)
    from wizard.ui.main_window import MainWindow  # after the language is set: labels are translated

    # The window first; the data layer, the folder (a passphrase asked over the window when it is
    # encrypted) and the list once it has been painted: nothing the user did not ask for before.
    window = MainWindow(None, settings=load_settings(data_dir))
    probe = bool(os.environ.get("VIGIE_READY_PROBE"))
    # Start-up benchmark and smoke test: "ready" once the window is painted and the event loop
    # runs, "listed" once the list is filled; then quit cleanly.
    after_first_paint(window, *([lambda: print("ready", flush=True)] if probe else []),
                      lambda: _open_data(app, window, data_dir, probe))
    window.show()
    code = app.exec()
    import shiboken6

    # The window, any built in its place by a change of language, and their dialogs with them.
    for top in QApplication.topLevelWidgets():
        if shiboken6.isValid(top) and top.parent() is None:
            dispose(top)
    return code


def _open_data(app: QApplication, window, data_dir: Path, probe: bool) -> None:  # noqa: ANN001
    from wizard.ui.workspace_opening import open_workspace

    workspace = open_workspace(data_dir, window)
    if workspace is None:  # the user gave up (no passphrase, a folder that cannot be opened)
        window.close()
        app.exit(1)
        return
    window.attach_workspace(workspace)
    window.reopen_last()  # when the user asked for it: the assessment left open last time
    if probe:
        print("listed", flush=True)
        window.close()
        app.quit()
