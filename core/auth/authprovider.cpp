#include "authprovider.h"

#include "api/connection.h"
#include "net/curlrequest.h"

#include <QCoreApplication>

#include <yaml-cpp/yaml.h>

namespace ivcap {

namespace {
QString text(const YAML::Node &node, const char *key)
{
    const YAML::Node value = node[key];
    return value && value.IsScalar() ? QString::fromStdString(value.as<std::string>()) : QString();
}

QString tr(const char *text)
{
    return QCoreApplication::translate("ivcap::AuthProvider", text);
}
} // namespace

std::optional<AuthProvider> AuthProvider::fromAuthInfo(const QByteArray &yaml, QString *error)
{
    try {
        const YAML::Node root = YAML::Load(yaml.toStdString());
        if (!root.IsMap() || text(root, "version") != QLatin1String("1")) {
            *error = tr("The deployment's sign-in description has an unknown version; this "
                        "client may be out of date.");
            return std::nullopt;
        }
        const YAML::Node auth = root["auth"];
        const YAML::Node providers = auth ? auth["providers"] : YAML::Node();
        if (!providers || !providers.IsMap() || providers.size() == 0) {
            *error = tr("The deployment names no identity provider.");
            return std::nullopt;
        }
        const QString wanted = text(auth, "default-provider-id");
        YAML::Node chosen;
        for (const auto &entry : providers) {
            if (!chosen || QString::fromStdString(entry.first.as<std::string>()) == wanted)
                chosen = entry.second;
            if (QString::fromStdString(entry.first.as<std::string>()) == wanted)
                break;
        }
        AuthProvider provider;
        provider.id = text(chosen, "id");
        provider.loginUrl = QUrl(text(chosen, "login-url"));
        provider.tokenUrl = QUrl(text(chosen, "token-url"));
        provider.codeUrl = QUrl(text(chosen, "code-url"));
        provider.jwksUrl = QUrl(text(chosen, "jwks-url"));
        provider.clientId = text(chosen, "client-id");
        provider.audience = text(chosen, "audience");
        // The v0.28 CLI sends this audience whatever the document says.
        if (provider.audience.isEmpty())
            provider.audience = QStringLiteral("https://api.ivcap.net/");
        if (!provider.isValid()) {
            *error = tr("The deployment's identity provider lacks a token URL, a device code URL "
                        "or a client id.");
            return std::nullopt;
        }
        return provider;
    } catch (const YAML::Exception &e) {
        *error = tr("The deployment's sign-in description is not valid YAML (line %1): %2")
                     .arg(e.mark.line + 1)
                     .arg(QString::fromStdString(e.msg));
        return std::nullopt;
    }
}

net::CurlRequest *AuthProvider::newDiscoveryRequest(const QUrl &baseUrl,
                                                    const QString &hostOverride,
                                                    const QString &caFile, QObject *parent)
{
    QUrl url = baseUrl.adjusted(QUrl::StripTrailingSlash);
    url.setPath(url.path() + QStringLiteral("/1/authinfo.yaml"));
    auto *request = new net::CurlRequest(parent);
    request->setUrl(url);
    request->setHeader("User-Agent", Connection::userAgent());
    if (!hostOverride.isEmpty())
        request->setHeader("Host", hostOverride.toUtf8());
    request->setTransferTimeout(30000);
    request->setMaxBodyBytes(MaxAuthInfoBytes);
    if (!caFile.isEmpty())
        request->setCaFile(caFile);
    return request;
}

} // namespace ivcap
