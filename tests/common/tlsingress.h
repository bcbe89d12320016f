#pragma once

#include <QProcess>
#include <QString>
#include <QTemporaryDir>
#include <QUrl>

// nginx (Debian's package) in front of a server, as real IVCAP deployments sit behind an HTTPS
// ingress: TLS 1.2/1.3 with HTTP/2, gzip for JSON, HTTP/1.1 keep-alive to the upstream, bodies
// up to 64 MiB, no buffering. It makes a throwaway CA with `openssl` and serves three
// certificates signed by it, each on its own loopback port, so tests can check TLS trust:
// - url(): a certificate for 127.0.0.1 and localhost, valid (trusted once caFile() is);
// - wrongHostUrl(): a valid certificate for another name only (ivcap-other.invalid);
// - expiredUrl(): a certificate for 127.0.0.1 that expired a day ago.
// Everything nginx writes stays in a temporary directory, so it runs as root (CI) or as any
// user. nginx and openssl are in installer/install-deps.sh.
class TlsIngress
{
public:
    // `upstream`: http://HOST:PORT of the server behind the ingress (a sandbox).
    explicit TlsIngress(const QUrl &upstream);
    ~TlsIngress();

    // Makes the certificates, writes the configuration, starts nginx and waits until all three
    // ports accept connections. Returns false (and sets errorString()) otherwise.
    bool start();
    void stop();

    QUrl url() const { return m_url; }
    QUrl wrongHostUrl() const { return m_wrongHostUrl; }
    QUrl expiredUrl() const { return m_expiredUrl; }
    // The throwaway CA certificate (PEM) that signed all three server certificates.
    QString caFile() const;
    // A directory holding only that CA under its OpenSSL hash name (for SSL_CERT_DIR).
    QString caDir() const;
    QString errorString() const { return m_error; }

private:
    bool run(const QString &program, const QStringList &args);
    bool makeCertificates();
    bool writeConfig(const QList<quint16> &ports);

    QUrl m_upstream;
    QTemporaryDir m_dir;
    QProcess m_nginx;
    QUrl m_url;
    QUrl m_wrongHostUrl;
    QUrl m_expiredUrl;
    QString m_error;
};
