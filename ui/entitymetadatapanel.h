#pragma once

#include <QDateTime>
#include <QWidget>

class QLabel;
class QPushButton;
class QTableView;

namespace ivcap {
class Connection;
class MetadataListModel;
} // namespace ivcap

namespace ivcap::ui {

class AspectSummaryProxy;

// The metadata records attached to one entity (an order, an artifact …): schema, record id and a
// summary of the aspect. It owns its model and queries only while an entity is set, because an
// empty entity filter would list every record of the deployment.
class EntityMetadataPanel : public QWidget
{
    Q_OBJECT
public:
    explicit EntityMetadataPanel(Connection *connection, QWidget *parent = nullptr);

    QString entityId() const { return m_entityId; }
    MetadataListModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }

public Q_SLOTS:
    // An empty id clears the panel.
    void setEntityId(const QString &entityId);
    // Reads the records again, e.g. after the user added one.
    void reload();
    // Lists the records as of `time` (invalid: now), and says so, since the entity's own record
    // beside the panel is read as it is now (v0.28 reads single records only in the present).
    void setAtTime(const QDateTime &time);

Q_SIGNALS:
    void recordActivated(const QString &recordId);
    // "Add aspect…": the owner opens the editor for a new aspect on this entity.
    void addRequested(const QString &entityId);

private:
    void updatePlaceholder();

    Connection *m_connection;
    MetadataListModel *m_model;
    AspectSummaryProxy *m_proxy;
    QTableView *m_table;
    QLabel *m_placeholder;
    QPushButton *m_add;
    QString m_entityId;
};

} // namespace ivcap::ui
