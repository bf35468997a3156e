"""Restoring a backup from the interface: the earlier answers come back, the replaced version is kept."""

from __future__ import annotations

from wizard.core.model import Answer, Organisation


def test_restore_an_earlier_version_from_the_home_page(open_window, data_dir, qtbot):
    from wizard.storage import Store
    from wizard.ui.home.backups_dialog import BackupsDialog

    store = Store(data_dir)
    created = store.create("lab", Organisation("Laboratoire des Tilleuls"))
    store.save_answer(created.id, "t.a28.contract.signed", Answer("no", note="Pas de contrat"))
    store.save_answer(created.id, "t.a28.contract.signed", Answer("yes", note="Signé hier"))
    store.close()

    window = open_window()
    window.home.reload(select=created.id)
    assert window.home.backups_button.isEnabled()
    dialog = BackupsDialog(window.workspace, created.id, "Laboratoire des Tilleuls", window)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() >= 2
    # The version where the answer was "no": find it by reading each backup, as a user would by date.
    wanted = next(i for i, b in enumerate(dialog.backups)
                  if (a := window.workspace.store.read_backup(created.id, b.name).answers.get("t.a28.contract.signed"))
                  and a.value == "no")
    assert not dialog.restore_button.isEnabled()
    dialog.table.selectRow(wanted)
    assert dialog.restore_button.isEnabled()
    assert dialog.restore_selected(confirm=False)

    reopened = Store(data_dir)
    answer = reopened.load(created.id).answers["t.a28.contract.signed"]
    assert (answer.value, answer.note) == ("no", "Pas de contrat")
    # The version that was replaced is still among the backups.
    kept = [reopened.read_backup(created.id, b.name).answers.get("t.a28.contract.signed")
            for b in reopened.list_backups(created.id)]
    assert any(a is not None and a.note == "Signé hier" for a in kept)
    reopened.close()


def test_every_control_of_the_dialog_is_named(open_window, data_dir, qtbot):
    from tests.ui.test_presentation_accessibility import unnamed_controls
    from wizard.storage import Store
    from wizard.ui.home.backups_dialog import BackupsDialog

    store = Store(data_dir)
    created = store.create("vendor", Organisation("Éditeur Exemple"))
    store.close()
    window = open_window()
    dialog = BackupsDialog(window.workspace, created.id, "Éditeur Exemple", window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert unnamed_controls(dialog) == []
