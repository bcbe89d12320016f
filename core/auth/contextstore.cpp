#include "contextstore.h"

#include <QSettings>

namespace ivcap {

namespace {
const QString group = QStringLiteral("connections");
} // namespace

ContextStore::ContextStore(QSettings *settings)
    : m_owned(settings ? nullptr : new QSettings), m_settings(settings ? settings : m_owned.get())
{}

ContextStore::~ContextStore() = default;

QList<Context> ContextStore::contexts() const
{
    QList<Context> result;
    m_settings->beginGroup(group);
    const int count = m_settings->beginReadArray(QStringLiteral("contexts"));
    for (int i = 0; i < count; ++i) {
        m_settings->setArrayIndex(i);
        Context context;
        context.name = m_settings->value(QStringLiteral("name")).toString();
        // Settings written by older versions may hold a URL with a trailing slash.
        context.url =
            Context::normalizedUrl(QUrl(m_settings->value(QStringLiteral("url")).toString()));
        context.accountId = m_settings->value(QStringLiteral("account-id")).toString();
        context.hostOverride = m_settings->value(QStringLiteral("host")).toString();
        context.fromCli = m_settings->value(QStringLiteral("from-cli"), false).toBool();
        context.apiVersion = m_settings->value(QStringLiteral("api-version")).toString();
        // Absent in contexts saved before there was a CA file: none.
        context.caFile = m_settings->value(QStringLiteral("ca-file")).toString();
        if (!context.name.isEmpty())
            result.append(context);
    }
    m_settings->endArray();
    m_settings->endGroup();
    return result;
}

std::optional<Context> ContextStore::find(const QString &name) const
{
    for (const Context &context : contexts()) {
        if (context.name == name)
            return context;
    }
    return std::nullopt;
}

void ContextStore::save(const Context &context, const QString &previousName)
{
    const QString replaced = previousName.isEmpty() ? context.name : previousName;
    QList<Context> all;
    qsizetype at = -1;
    // The context keeps its place in the list; a rename onto another name replaces that one.
    for (const Context &existing : contexts()) {
        if (existing.name == replaced || existing.name == context.name) {
            if (at < 0)
                at = all.size();
            continue;
        }
        all.append(existing);
    }
    all.insert(at < 0 ? all.size() : at, context);
    write(all);
    if (!previousName.isEmpty() && previousName != context.name && activeName() == previousName)
        setActiveName(context.name);
}

void ContextStore::remove(const QString &name)
{
    QList<Context> all = contexts();
    all.erase(
        std::remove_if(all.begin(), all.end(), [&](const Context &c) { return c.name == name; }),
        all.end());
    write(all);
    if (activeName() == name)
        setActiveName(QString());
}

QString ContextStore::activeName() const
{
    return m_settings->value(group + QStringLiteral("/active")).toString();
}

void ContextStore::setActiveName(const QString &name)
{
    if (name.isEmpty())
        m_settings->remove(group + QStringLiteral("/active"));
    else
        m_settings->setValue(group + QStringLiteral("/active"), name);
    m_settings->sync();
}

std::optional<Context> ContextStore::active() const
{
    const QString name = activeName();
    return name.isEmpty() ? std::nullopt : find(name);
}

void ContextStore::write(const QList<Context> &contexts)
{
    m_settings->beginGroup(group);
    m_settings->remove(QStringLiteral("contexts"));
    m_settings->beginWriteArray(QStringLiteral("contexts"), int(contexts.size()));
    for (int i = 0; i < contexts.size(); ++i) {
        const Context &context = contexts.at(i);
        m_settings->setArrayIndex(i);
        m_settings->setValue(QStringLiteral("name"), context.name);
        m_settings->setValue(QStringLiteral("url"), context.url.toString());
        m_settings->setValue(QStringLiteral("account-id"), context.accountId);
        m_settings->setValue(QStringLiteral("host"), context.hostOverride);
        m_settings->setValue(QStringLiteral("from-cli"), context.fromCli);
        if (context.apiVersion.isEmpty())
            m_settings->remove(QStringLiteral("api-version"));
        else
            m_settings->setValue(QStringLiteral("api-version"), context.apiVersion);
        if (context.caFile.isEmpty())
            m_settings->remove(QStringLiteral("ca-file"));
        else
            m_settings->setValue(QStringLiteral("ca-file"), context.caFile);
    }
    m_settings->endArray();
    m_settings->endGroup();
    m_settings->sync();
}

} // namespace ivcap
