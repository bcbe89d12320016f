#pragma once

#include "context.h"

#include <QList>
#include <QString>

#include <memory>
#include <optional>

class QSettings;

namespace ivcap {

// The user's contexts and which one is active, kept with QSettings. Names are unique; saving a
// context under a name that exists replaces it.
class ContextStore
{
public:
    // Without `settings` the application's default QSettings are used.
    explicit ContextStore(QSettings *settings = nullptr);
    ~ContextStore();

    QList<Context> contexts() const;
    std::optional<Context> find(const QString &name) const;
    bool contains(const QString &name) const { return find(name).has_value(); }
    // Adds or replaces `context`; `previousName` renames an existing one.
    void save(const Context &context, const QString &previousName = QString());
    void remove(const QString &name);

    QString activeName() const;
    void setActiveName(const QString &name);
    std::optional<Context> active() const;

private:
    void write(const QList<Context> &contexts);

    std::unique_ptr<QSettings> m_owned;
    QSettings *m_settings;
};

} // namespace ivcap
