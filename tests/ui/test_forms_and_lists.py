"""Issue 16, point 7: forms and lists. The SIRET is checked with its key and a letter is named,
not dropped; each problem sits under its field and the Create button says why it waits; the home
list counts, filters by year, tells a re-assessment from its origin, shows names as one line of
plain text; the charts tell 0 from « non évalué »; ✓ waits for the justifications."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QColor

from tests.ui.conftest import create_via_store
from wizard.core.model import Answer, Organisation

LEFT = Qt.MouseButton.LeftButton


def test_siret_key_letters_and_why_create_waits(app, qtbot, mini):
    from wizard.ui.dialogs.new_assessment import NewAssessmentDialog

    dialog = NewAssessmentDialog(mini.framework)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.ok_button.isEnabled() and "nom de l’organisation" in dialog.error.text()
    qtbot.keyClicks(dialog.name, "Labo")
    qtbot.keyClicks(dialog.siret, "7328293200007A")
    assert dialog.siret.text() == "7328293200007A"  # kept as typed, not silently dropped
    assert dialog.siret_error.isVisible() and "A" in dialog.siret_error.text()
    assert not dialog.ok_button.isEnabled() and "SIRET" in dialog.error.text()
    # After « : », French goes on in lower case (an acronym keeps its capitals).
    assert dialog.error.text().startswith("Pour créer l’évaluation\u00a0: le SIRET "), dialog.error.text()
    assert dialog.siret_error.text().startswith("⚠ Le SIRET")  # a sentence of its own under the field
    dialog.siret.setText("73282932000075")  # one digit off: the Luhn key says so
    assert "clé de contrôle" in dialog.siret_error.text() and not dialog.ok_button.isEnabled()
    assert "\u00a0: ce SIRET n’est pas valable" in dialog.error.text()
    dialog.siret.setText("732 829 320 00074")
    assert not dialog.siret_error.isVisible() and dialog.ok_button.isEnabled() and dialog.error.text() == ""
    assert dialog.result_data().organisation.siret == "73282932000074"


def test_add_an_action_types_its_title_at_once(open_window, qtbot):
    window = open_window()
    window.open_assessment(create_via_store(window))
    window.show_results()
    plan = window.results.plan
    dialog = plan.open_custom_dialog()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: dialog.title.hasFocus())
    dialog.reject()


def test_home_counts_filters_by_year_and_shows_names_as_plain_text(open_window, qtbot, data_dir):
    window = open_window()
    store = window.workspace.store
    store.create("lab", Organisation("<b>Labo</b>\nDeux lignes"), when=date(2025, 3, 1))
    store.create("lab", Organisation("Labo B"), when=date(2026, 3, 1))
    home = window.home
    home.reload()
    assert home.count.text().replace("\u202f", " ") == "2 évaluations"
    texts = [home.model.text(r, 0) for r in range(home.model.rowCount())]
    assert "<b>Labo</b> Deux lignes" in texts  # as typed, on one line
    home.year.setCurrentIndex(home.year.findData(2025))
    assert home.model.rowCount() == 1 and home.count.text().replace("\u202f", " ") == "1 sur 2 évaluations"
    aid = home.selected_id()
    window.open_assessment(aid)
    title = window.answering.title
    assert title.textFormat() == Qt.TextFormat.PlainText and "\n" not in title.text()
    assert "\n" not in window.windowTitle()


def test_reassessing_asks_for_the_date_and_participants(open_window, qtbot, modal, data_dir):
    window = open_window()
    old = create_via_store(window, name="Labo Suivi", participants=[("Paul", "IT")])
    window.home.reload(select=old)

    def confirm(dialog):
        assert dialog.name.isReadOnly() and dialog.participants.rowCount() == 1
        dialog.when.setDate(QDate(2027, 1, 15))
        dialog.add_participant("Hélène", "DPO")
        dialog.participants.item(1, 0).setText("Hélène")
        qtbot.mouseClick(dialog.ok_button, LEFT)
    modal(confirm)
    qtbot.mouseClick(window.home.reassess_button, LEFT)
    new = window.session.assessment
    assert new.previous_id == old and new.date == date(2027, 1, 15)
    assert [p.name for p in new.participants] == ["Paul", "Hélène"]
    window.show_home()
    qtbot.waitUntil(window.home.model.finished)
    dates = [window.home.model.text(r, 2) for r in range(window.home.model.rowCount())]
    assert any("réévaluation du" in d for d in dates) and sum("réévaluation" in d for d in dates) == 1


def test_zero_is_not_drawn_as_not_assessed(app, qtbot):
    from wizard.ui.results.score_chart import BANDS, ScoreChart

    chart = ScoreChart("test")
    qtbot.addWidget(chart)
    chart.set_items([("zéro", 0), ("non évalué", None)])
    chart.resize(600, chart.sizeHint().height())
    image = chart.grab().toImage()
    row = chart._row_height()
    start = chart.width() - 0  # the bars start after the labels: find them on each row
    zero = {image.pixelColor(x, row // 2).rgb() for x in range(start)}
    empty = {image.pixelColor(x, row + row // 2).rgb() for x in range(start)}
    assert QColor(BANDS[0][1]).rgb() in zero  # a red stub
    assert zero != empty


def test_a_section_is_not_done_while_a_justification_lacks(open_window, qtbot, data_dir):
    window = open_window()
    aid = create_via_store(window)
    store = window.workspace.store
    store.save_answer(aid, "t.a28.contract.signed", Answer("yes"))
    store.save_answer(aid, "t.a28.contract.audit", Answer("na"))  # an old file: no justification
    window.open_assessment(aid)
    item = window.answering.sections.item(0).text()
    assert not item.startswith("✓") and "sans justification" in item


def test_the_exchange_file_and_the_signed_plan_have_different_verbs(open_window):
    window = open_window()
    create_via_store(window)
    assert "Exporter" not in window.home.export_button.text().replace("&", "")
    assert "Exporter" in window.actions_by_name["export"].text().replace("&", "")


def test_recent_assessments_and_reopening_the_last_at_start(open_window, qtbot, data_dir):
    from dataclasses import replace

    window = open_window()
    first = create_via_store(window, name="Labo Un")
    second = create_via_store(window, name="Labo Deux")
    window.open_assessment(first)
    window.open_assessment(second)
    from wizard.ui.window_actions import fill_recent

    fill_recent(window)
    assert [a.text().split(" — ")[0] for a in window.recent_menu.actions()] == ["Labo Deux", "Labo Un"]
    window.workspace.save_settings(replace(window.workspace.settings(), reopen_last=True))
    window.close()
    again = open_window()
    assert again.reopen_last() and again.session.assessment.id == second


def test_the_list_says_draft_exported_or_signed(open_window, qtbot, modal, tmp_path):
    window = open_window()
    aid = create_via_store(window, name="Labo État")
    home = window.home
    assert home.model.text(home.model.row_of(aid), 6) == "brouillon"
    window.open_assessment(aid)
    window.open_pdf = lambda _path: True
    out = tmp_path / "plan.pdf"

    def export(dialog):
        dialog.set_kind("none")
        dialog.out_path.setText(str(out))
        qtbot.mouseClick(dialog.export_button, LEFT)
        qtbot.waitUntil(dialog.saved.isVisible, timeout=60_000)
        dialog.reject()
    modal(export)
    window.export_pdf()
    window.show_home()
    state = home.model.text(home.model.row_of(aid), 6)
    assert state.startswith("exporté le")
