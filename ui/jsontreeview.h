#pragma once

#include <QJsonValue>
#include <QTreeWidget>

namespace ivcap::ui {

// A JSON document as a read-only tree: one row per member or array item, with its key (or
// index), its value (scalars as written, strings without quotes) and its JSON type, so a
// request or a result can be read without counting braces. Objects and arrays show their size
// and are expanded to the first two levels.
class JsonTreeView : public QTreeWidget
{
    Q_OBJECT
public:
    explicit JsonTreeView(QWidget *parent = nullptr);

    // Replaces the tree with `value` (any JSON value; undefined clears it).
    void setJson(const QJsonValue &value);
    QJsonValue json() const { return m_value; }
    // The tree item for a JSON Pointer (RFC 6901, "/a/0/b"), or nullptr.
    QTreeWidgetItem *itemAt(const QString &pointer) const;

private:
    QJsonValue m_value;
};

} // namespace ivcap::ui
