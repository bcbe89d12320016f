#include "draftsmenu.h"

#include "aspecteditor.h"
#include "mainwindow.h"
#include "metadatapage.h"

#include <QJsonObject>
#include <QLocale>
#include <QPlainTextEdit>

#include <algorithm>

namespace ivcap::ui {

DraftsMenu::DraftsMenu(const QString &fileName, QWidget *parent)
    : QMenu(tr("Unsaved aspect &drafts"), parent),
      m_drafts(fileName.isEmpty() ? AspectDrafts() : AspectDrafts(fileName))
{
    setObjectName(QStringLiteral("draftsMenu"));
    connect(this, &QMenu::aboutToShow, this, &DraftsMenu::refresh);
    refresh();
}

int DraftsMenu::refresh()
{
    clear();
    QList<std::pair<QString, AspectDrafts::Draft>> drafts;
    for (const QString &key : m_drafts.keys()) {
        if (const auto draft = m_drafts.draft(key))
            drafts.append({key, *draft});
    }
    std::sort(drafts.begin(), drafts.end(),
              [](const auto &a, const auto &b) { return a.second.savedAt > b.second.savedAt; });
    if (drafts.isEmpty()) {
        addAction(tr("No unsaved drafts"))->setEnabled(false);
        return 0;
    }
    for (const auto &[key, draft] : drafts) {
        const QString what = draft.recordId.isEmpty()
                                 ? tr("New %1 aspect for %2").arg(draft.schema, draft.entityId)
                                 : tr("%1 of %2").arg(draft.recordId, draft.entityId);
        QMenu *entry = addMenu(tr("%1 (%2)").arg(
            what, QLocale().toString(draft.savedAt.toLocalTime(), QLocale::ShortFormat)));
        entry->setToolTip(what);
        connect(entry->addAction(tr("&Open")), &QAction::triggered, this,
                [this, draft = draft] { open(draft); });
        connect(entry->addAction(tr("&Discard")), &QAction::triggered, this, [this, key = key] {
            m_drafts.discard(key);
            Q_EMIT discarded(key);
            refresh();
        });
    }
    return int(drafts.size());
}

void DraftsMenu::setEditorPage(MainWindow *window, const QString &pageKey, MetadataPage *page)
{
    m_window = window;
    m_pageKey = pageKey;
    m_page = page;
}

void DraftsMenu::open(const AspectDrafts::Draft &draft)
{
    if (m_window && m_page) {
        m_window->showPage(m_pageKey);
        AspectEditor *editor = m_page->editor();
        // The editor finds the draft under the record's key (or the new aspect's) and shows
        // it instead of the saved aspect.
        if (draft.recordId.isEmpty())
            editor->newAspect(draft.entityId, {{QStringLiteral("$schema"), draft.schema}});
        else
            m_page->showRecord(draft.recordId);
        editor->setReadOnly(false);
        editor->textEdit()->setFocus();
    }
    Q_EMIT openRequested(draft);
}

} // namespace ivcap::ui
