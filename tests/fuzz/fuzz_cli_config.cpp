// The IVCAP CLI's config.yaml, read when the user imports their contexts: any file must load
// or be refused with a message, and a file that loads must survive writing a refreshed token
// back into it (the one change this app makes to the CLI's file).
#include "auth/authtokens.h"
#include "auth/cliconfigimporter.h"

#include "fuzzsupport.h"

#include <QDir>
#include <QFile>

using namespace ivcap;

IVCAP_FUZZ_INITIALIZE()

namespace {
QString scratch(const char *name)
{
    return QDir::temp().filePath(QStringLiteral("ivcap-fuzz-cli-%1-%2.yaml")
                                     .arg(QCoreApplication::applicationPid())
                                     .arg(QLatin1String(name)));
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) &&
           file.write(bytes) == bytes.size();
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    const QString path = scratch("in");
    if (!writeFile(path, input))
        return 0;
    CliConfigImporter importer;
    const bool loaded = importer.load(path);
    fuzz::check(loaded || !importer.errorString().isEmpty(), "a refused file without a reason");
    if (!loaded || importer.contexts().isEmpty())
        return 0;

    const CliContext first = importer.contexts().first();
    const QString copy = scratch("copy");
    QFile::remove(copy);
    if (!writeFile(copy, input))
        return 0;
    AuthTokens tokens;
    tokens.accessToken = QStringLiteral("fuzz-access-token");
    tokens.refreshToken = QStringLiteral("fuzz-refresh-token");
    QString error;
    if (CliConfigImporter::writeBackTokens(copy, first.context.name, tokens, &error)) {
        CliConfigImporter again;
        fuzz::check(again.load(copy), "a file we wrote back no longer loads");
        const auto found = again.find(first.context.name);
        fuzz::check(found.has_value(), "the context we wrote back is gone");
        fuzz::check(found && found->tokens.accessToken == tokens.accessToken,
                    "the written-back token does not read back");
    } else {
        fuzz::check(!error.isEmpty(), "a failed write-back without a reason");
    }
    return 0;
}
