#include "tlsingress.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>

#include <csignal>
#include <sys/prctl.h>
#include <unistd.h>

namespace {

QString findNginx()
{
    const QString inPath = QStandardPaths::findExecutable(QStringLiteral("nginx"));
    if (!inPath.isEmpty())
        return inPath;
    return QStandardPaths::findExecutable(QStringLiteral("nginx"), {QStringLiteral("/usr/sbin")});
}

} // namespace

TlsIngress::TlsIngress(const QUrl &upstream) : m_upstream(upstream)
{
    m_nginx.setProcessChannelMode(QProcess::MergedChannels);
    // A test that crashes never runs the destructor: the kernel then stops nginx.
    m_nginx.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
}

TlsIngress::~TlsIngress()
{
    stop();
}

QString TlsIngress::caFile() const
{
    return m_dir.filePath(QStringLiteral("ca.pem"));
}

QString TlsIngress::caDir() const
{
    return m_dir.filePath(QStringLiteral("cadir"));
}

bool TlsIngress::run(const QString &program, const QStringList &args)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.setWorkingDirectory(m_dir.path());
    p.start(program, args);
    if (!p.waitForFinished(60000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        m_error = QStringLiteral("%1 %2 failed: %3 %4")
                      .arg(program, args.join(QLatin1Char(' ')), p.errorString(),
                           QString::fromLocal8Bit(p.readAll()));
        return false;
    }
    return true;
}

bool TlsIngress::makeCertificates()
{
    const QString openssl = QStringLiteral("openssl");
    const QStringList ecKey{
        QStringLiteral("-newkey"), QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
        QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes")};
    if (!run(openssl, QStringList{QStringLiteral("req"), QStringLiteral("-x509")} + ecKey +
                          QStringList{QStringLiteral("-days"), QStringLiteral("2"),
                                      QStringLiteral("-keyout"), QStringLiteral("ca.key"),
                                      QStringLiteral("-out"), QStringLiteral("ca.pem"),
                                      QStringLiteral("-subj"), QStringLiteral("/CN=IVCAP test CA"),
                                      QStringLiteral("-addext"),
                                      QStringLiteral("basicConstraints=critical,CA:TRUE"),
                                      QStringLiteral("-addext"),
                                      QStringLiteral("keyUsage=critical,keyCertSign,cRLSign")}))
        return false;
    struct Leaf
    {
        QString name, subject, altNames, days;
    };
    const QList<Leaf> leaves{
        {QStringLiteral("server"), QStringLiteral("/CN=127.0.0.1"),
         QStringLiteral("IP:127.0.0.1,DNS:localhost"), QStringLiteral("2")},
        {QStringLiteral("wronghost"), QStringLiteral("/CN=ivcap-other.invalid"),
         QStringLiteral("DNS:ivcap-other.invalid"), QStringLiteral("2")},
        // Valid from now until a day ago: expired, with nothing else wrong.
        {QStringLiteral("expired"), QStringLiteral("/CN=127.0.0.1"),
         QStringLiteral("IP:127.0.0.1,DNS:localhost"), QStringLiteral("-1")},
    };
    for (const Leaf &leaf : leaves) {
        QFile ext(m_dir.filePath(leaf.name + QStringLiteral(".ext")));
        if (!ext.open(QIODevice::WriteOnly)) {
            m_error = ext.errorString();
            return false;
        }
        ext.write("subjectAltName=" + leaf.altNames.toUtf8() +
                  "\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\n"
                  "extendedKeyUsage=serverAuth\n");
        ext.close();
        if (!run(openssl,
                 QStringList{QStringLiteral("req"), QStringLiteral("-new")} + ecKey +
                     QStringList{QStringLiteral("-keyout"), leaf.name + QStringLiteral(".key"),
                                 QStringLiteral("-out"), leaf.name + QStringLiteral(".csr"),
                                 QStringLiteral("-subj"), leaf.subject}))
            return false;
        if (!run(openssl,
                 {QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"),
                  leaf.name + QStringLiteral(".csr"), QStringLiteral("-CA"),
                  QStringLiteral("ca.pem"), QStringLiteral("-CAkey"), QStringLiteral("ca.key"),
                  QStringLiteral("-CAcreateserial"), QStringLiteral("-days"), leaf.days,
                  QStringLiteral("-extfile"), leaf.name + QStringLiteral(".ext"),
                  QStringLiteral("-out"), leaf.name + QStringLiteral(".pem")}))
            return false;
    }
    // The CA alone in a directory, named by its subject hash as OpenSSL looks it up there.
    if (!QDir().mkpath(caDir()) || !QFile::copy(caFile(), caDir() + QStringLiteral("/ca.pem"))) {
        m_error = QStringLiteral("cannot create %1").arg(caDir());
        return false;
    }
    return run(openssl, {QStringLiteral("rehash"), caDir()});
}

bool TlsIngress::writeConfig(const QList<quint16> &ports)
{
    const QByteArray dir = m_dir.path().toUtf8();
    QByteArray conf;
    // Workers of a root master would run as nobody, who cannot enter the private directory.
    if (::geteuid() == 0)
        conf += "user root;\n";
    conf += "worker_processes 1;\npid " + dir + "/nginx.pid;\nerror_log " + dir +
            "/error.log warn;\nevents { worker_connections 1024; }\nhttp {\n"
            "    access_log off;\n"
            "    client_body_temp_path " +
            dir +
            "/tmp/body;\n"
            "    proxy_temp_path " +
            dir +
            "/tmp/proxy;\n"
            "    fastcgi_temp_path " +
            dir +
            "/tmp/fastcgi;\n"
            "    uwsgi_temp_path " +
            dir +
            "/tmp/uwsgi;\n"
            "    scgi_temp_path " +
            dir +
            "/tmp/scgi;\n"
            "    upstream upstream_server {\n"
            "        server " +
            m_upstream.host().toUtf8() + ':' + QByteArray::number(m_upstream.port()) +
            ";\n"
            "        keepalive 16;\n    }\n";
    const QList<QByteArray> certs{"server", "wronghost", "expired"};
    for (qsizetype i = 0; i < certs.size(); ++i) {
        conf += "    server {\n        listen 127.0.0.1:" + QByteArray::number(ports.at(i)) +
                " ssl http2;\n"
                "        ssl_certificate " +
                dir + '/' + certs.at(i) +
                ".pem;\n"
                "        ssl_certificate_key " +
                dir + '/' + certs.at(i) +
                ".key;\n"
                "        ssl_protocols TLSv1.2 TLSv1.3;\n"
                "        gzip on;\n        gzip_proxied any;\n        gzip_min_length 256;\n"
                "        gzip_types application/json application/problem+json "
                "application/ld+json text/plain;\n"
                "        client_max_body_size 64m;\n"
                "        location / {\n"
                "            proxy_pass http://upstream_server;\n"
                "            proxy_http_version 1.1;\n"
                "            proxy_set_header Connection \"\";\n"
                "            proxy_set_header Host $http_host;\n"
                "            proxy_set_header X-Forwarded-Proto https;\n"
                "            proxy_request_buffering off;\n"
                "            proxy_buffering off;\n"
                "        }\n    }\n";
    }
    conf += "}\n";
    QFile file(m_dir.filePath(QStringLiteral("nginx.conf")));
    if (!file.open(QIODevice::WriteOnly) || file.write(conf) != conf.size()) {
        m_error = QStringLiteral("cannot write nginx.conf: %1").arg(file.errorString());
        return false;
    }
    return true;
}

bool TlsIngress::start()
{
    if (!m_dir.isValid()) {
        m_error = QStringLiteral("cannot create a temporary directory");
        return false;
    }
    const QString nginx = findNginx();
    if (nginx.isEmpty()) {
        m_error = QStringLiteral("nginx is missing; run installer/install-deps.sh");
        return false;
    }
    if (!makeCertificates())
        return false;
    // Free ports, the kernel's choice, released just before nginx binds them.
    QList<quint16> ports;
    {
        QTcpServer probes[3];
        for (QTcpServer &probe : probes) {
            if (!probe.listen(QHostAddress::LocalHost)) {
                m_error = probe.errorString();
                return false;
            }
            ports.append(probe.serverPort());
        }
    }
    if (!QDir().mkpath(m_dir.filePath(QStringLiteral("tmp"))) || !writeConfig(ports))
        return false;
    m_nginx.start(nginx, {QStringLiteral("-p"), m_dir.path(), QStringLiteral("-c"),
                          m_dir.filePath(QStringLiteral("nginx.conf")), QStringLiteral("-g"),
                          QStringLiteral("daemon off;")});
    if (!m_nginx.waitForStarted(10000)) {
        m_error = QStringLiteral("cannot start %1: %2").arg(nginx, m_nginx.errorString());
        return false;
    }
    QDeadlineTimer deadline(30000);
    for (quint16 port : ports) {
        for (;;) {
            QTcpSocket probe;
            probe.connectToHost(QHostAddress::LocalHost, port);
            if (probe.waitForConnected(1000))
                break;
            // Waits a little for nginx to bind, and notices at once when it exits.
            if (m_nginx.waitForFinished(50) || m_nginx.state() == QProcess::NotRunning ||
                deadline.hasExpired()) {
                QFile log(m_dir.filePath(QStringLiteral("error.log")));
                log.open(QIODevice::ReadOnly);
                m_error = QStringLiteral("nginx did not start: %1 %2")
                              .arg(QString::fromLocal8Bit(m_nginx.readAll()),
                                   QString::fromLocal8Bit(log.readAll()));
                stop();
                return false;
            }
        }
    }
    const auto urlFor = [](quint16 port) {
        return QUrl(QStringLiteral("https://127.0.0.1:%1").arg(port));
    };
    m_url = urlFor(ports.at(0));
    m_wrongHostUrl = urlFor(ports.at(1));
    m_expiredUrl = urlFor(ports.at(2));
    return true;
}

void TlsIngress::stop()
{
    if (m_nginx.state() == QProcess::NotRunning)
        return;
    m_nginx.terminate(); // SIGTERM: nginx's fast shutdown, workers included
    if (!m_nginx.waitForFinished(10000)) {
        m_nginx.kill();
        m_nginx.waitForFinished(5000);
    }
}
