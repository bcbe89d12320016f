#include "cliconfigimporter.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSaveFile>

#include <yaml-cpp/yaml.h>

namespace ivcap {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("ivcap::CliConfigImporter", text);
}

QString text(const YAML::Node &node, const char *key)
{
    const YAML::Node value = node[key];
    return value && value.IsScalar() ? QString::fromStdString(value.as<std::string>()) : QString();
}

QString yamlError(const QString &path, const YAML::Exception &e)
{
    return tr("%1, line %2, column %3: %4")
        .arg(QDir::toNativeSeparators(path))
        .arg(e.mark.line + 1)
        .arg(e.mark.column + 1)
        .arg(QString::fromStdString(e.msg));
}
} // namespace

QString CliConfigImporter::defaultPath(const QProcessEnvironment &env)
{
    QString base;
#if defined(Q_OS_WIN)
    base = env.value(QStringLiteral("AppData"));
#elif defined(Q_OS_MACOS)
    base = env.value(QStringLiteral("HOME")) + QStringLiteral("/Library/Application Support");
#else
    base = env.value(QStringLiteral("XDG_CONFIG_HOME"));
    // Go ignores a relative XDG_CONFIG_HOME, as the XDG specification asks.
    if (base.isEmpty() || QDir::isRelativePath(base))
        base = env.value(QStringLiteral("HOME")) + QStringLiteral("/.config");
#endif
    return QDir::cleanPath(base + QStringLiteral("/ivcap-cli/config.yaml"));
}

QDateTime CliConfigImporter::parseTime(const QString &text)
{
    static const QRegularExpression fraction(QStringLiteral("\\.(\\d+)"));
    QString t = text.trimmed();
    // Qt reads at most milliseconds; Go writes up to nine fractional digits.
    const QRegularExpressionMatch match = fraction.match(t);
    if (match.hasMatch())
        t.replace(match.capturedStart(), match.capturedLength(),
                  QLatin1Char('.') + QString(match.captured(1) + QStringLiteral("000")).left(3));
    QDateTime time = QDateTime::fromString(t, Qt::ISODateWithMs);
    if (!time.isValid() || time.date().year() <= 1)
        return {};
    return time;
}

QString CliConfigImporter::formatTime(const QDateTime &time)
{
    if (!time.isValid())
        return QStringLiteral("0001-01-01T00:00:00Z");
    return time.toUTC().toString(Qt::ISODateWithMs);
}

bool CliConfigImporter::load(const QString &path)
{
    m_path = path;
    m_error.clear();
    m_active.clear();
    m_contexts.clear();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        m_error = tr("Cannot read the IVCAP CLI configuration %1: %2")
                      .arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    try {
        const YAML::Node root = YAML::Load(file.readAll().toStdString());
        if (!root.IsMap()) {
            m_error =
                tr("%1 is not an IVCAP CLI configuration").arg(QDir::toNativeSeparators(path));
            return false;
        }
        m_active = text(root, "active-context");
        const YAML::Node contexts = root["contexts"];
        if (contexts && !contexts.IsSequence()) {
            m_error = tr("%1, line %2: “contexts” is not a list")
                          .arg(QDir::toNativeSeparators(path))
                          .arg(contexts.Mark().line + 1);
            return false;
        }
        for (const YAML::Node &node : contexts) {
            if (!node.IsMap())
                continue;
            CliContext c;
            c.context.name = text(node, "name");
            c.context.url = Context::normalizedUrl(QUrl(text(node, "url")));
            c.context.accountId = text(node, "account-id");
            c.context.hostOverride = text(node, "host");
            c.context.fromCli = true;
            c.apiVersion = text(node, "api-version").toInt();
            c.providerId = text(node, "provider-id");
            c.accountName = text(node, "account-name");
            c.accountNickname = text(node, "account-nickname");
            c.email = text(node, "email");
            c.tokens.accessToken = text(node, "access-token");
            c.tokens.refreshToken = text(node, "refresh-token");
            c.tokens.expiry = parseTime(text(node, "access-token-expiry"));
            if (!c.context.name.isEmpty())
                m_contexts.append(c);
        }
    } catch (const YAML::Exception &e) {
        m_error = yamlError(path, e);
        m_contexts.clear();
        return false;
    }
    return true;
}

std::optional<CliContext> CliConfigImporter::find(const QString &name) const
{
    for (const CliContext &c : m_contexts) {
        if (c.context.name == name)
            return c;
    }
    return std::nullopt;
}

std::optional<CliContext> CliConfigImporter::fromEnvironment(const QProcessEnvironment &env)
{
    CliContext c;
    QString url = env.value(QStringLiteral("IVCAP_URL"));
    if (url.isEmpty())
        url = env.value(QStringLiteral("IVCAP_BASE_URL"));
    c.context.name = QStringLiteral("environment");
    c.context.url = Context::normalizedUrl(QUrl(url));
    c.context.accountId = env.value(QStringLiteral("IVCAP_ACCOUNT_ID"));
    c.tokens.accessToken = env.value(QStringLiteral("IVCAP_ACCESS_TOKEN"));
    if (c.tokens.accessToken.isEmpty())
        c.tokens.accessToken = env.value(QStringLiteral("IVCAP_JWT"));
    if (url.isEmpty() && c.context.accountId.isEmpty() && c.tokens.accessToken.isEmpty())
        return std::nullopt;
    return c;
}

bool CliConfigImporter::writeBackTokens(const QString &path, const QString &contextName,
                                        const AuthTokens &tokens, QString *error)
{
    QFile in(path);
    if (!in.open(QIODevice::ReadOnly)) {
        *error = tr("Cannot read %1: %2").arg(QDir::toNativeSeparators(path), in.errorString());
        return false;
    }
    const QByteArray original = in.readAll();
    in.close();
    // The CLI writes UTF-8. Bytes that are not would come back altered from the YAML emitter,
    // changing other contexts' names: leave such a file as it is.
    if (QString::fromUtf8(original).toUtf8() != original) {
        *error =
            tr("%1 is not valid UTF-8; it was left unchanged").arg(QDir::toNativeSeparators(path));
        return false;
    }
    std::string updated;
    try {
        YAML::Node root = YAML::Load(original.toStdString());
        YAML::Node contexts = root["contexts"];
        bool found = false;
        for (YAML::Node node : contexts) {
            if (!node.IsMap() || text(node, "name") != contextName)
                continue;
            node["access-token"] = tokens.accessToken.toStdString();
            node["access-token-expiry"] = formatTime(tokens.expiry).toStdString();
            // An IdP that does not rotate refresh tokens sends none; the old one stays valid.
            if (!tokens.refreshToken.isEmpty())
                node["refresh-token"] = tokens.refreshToken.toStdString();
            found = true;
        }
        if (!found) {
            *error = tr("%1 has no context “%2”").arg(QDir::toNativeSeparators(path), contextName);
            return false;
        }
        YAML::Emitter out;
        out << root;
        updated = std::string(out.c_str()) + '\n';
    } catch (const YAML::Exception &e) {
        *error = yamlError(path, e);
        return false;
    }
    QSaveFile file(path);
    // The token must never be readable by others, not even while the temporary file exists.
    if (!file.open(QIODevice::WriteOnly) ||
        !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
        *error = tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    file.write(updated.data(), qint64(updated.size()));
    if (!file.commit()) {
        *error = tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    return true;
}

} // namespace ivcap
