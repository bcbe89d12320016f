#pragma once

#include "aspect/aspectdrafts.h"

#include <QMenu>
#include <QPointer>

namespace ivcap::ui {

class MainWindow;
class MetadataPage;

// File ▸ Unsaved aspect drafts: every draft the aspect editor keeps (AspectDrafts), newest
// first, each with "Open" and "Discard". Read afresh each time the menu opens, so drafts
// written or cleared by the editor meanwhile are always shown as they are.
class DraftsMenu : public QMenu
{
    Q_OBJECT
public:
    // `fileName`: the drafts file; empty for the default one the editor uses.
    explicit DraftsMenu(const QString &fileName = QString(), QWidget *parent = nullptr);

    // Where "Open" shows a draft: `window`'s page `pageKey`, whose editor continues it.
    void setEditorPage(MainWindow *window, const QString &pageKey, MetadataPage *page);

    // Rebuilds the entries (also done on aboutToShow); returns how many drafts there are.
    int refresh();

Q_SIGNALS:
    // "Open": the owner shows the draft's record (or new aspect) in the editor, which picks
    // the draft up by its key.
    void openRequested(const ivcap::AspectDrafts::Draft &draft);
    void discarded(const QString &key);

private:
    void open(const AspectDrafts::Draft &draft);

    AspectDrafts m_drafts;
    QPointer<MainWindow> m_window;
    QString m_pageKey;
    QPointer<MetadataPage> m_page;
};

} // namespace ivcap::ui
