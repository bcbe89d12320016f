#pragma once

#include <QDialog>

class QLineEdit;
class QTimer;

namespace ivcap {
class ArtifactListModel;
class Connection;
} // namespace ivcap

namespace ivcap::ui {

class EntityTableView;

// "Browse…" for an artifact parameter: the deployment's artifacts in a table (paged, sorted
// and filtered by the server), with a name search. Opened window-modally with open(); the
// choice arrives through artifactChosen(), never through a nested event loop.
class ArtifactChooser : public QDialog
{
    Q_OBJECT
public:
    explicit ArtifactChooser(Connection *connection, QWidget *parent = nullptr);

    ArtifactListModel *model() const { return m_model; }
    EntityTableView *view() const { return m_view; }
    QLineEdit *searchField() const { return m_search; }
    // The artifact selected in the table, or empty.
    QString currentArtifactId() const;

Q_SIGNALS:
    void artifactChosen(const QString &artifactId);

private:
    void applySearch();

    ArtifactListModel *m_model;
    EntityTableView *m_view;
    QLineEdit *m_search;
    QTimer *m_debounce;
};

} // namespace ivcap::ui
