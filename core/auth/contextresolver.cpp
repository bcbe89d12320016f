#include "contextresolver.h"

#include "cliconfigimporter.h"
#include "contextstore.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace ivcap {

std::optional<CliContext> ContextResolver::resolve(const QString &name, ContextStore &store,
                                                   const QString &cliConfigPath, QString *error)
{
    CliConfigImporter cli;
    const bool haveCli = QFileInfo::exists(cliConfigPath) && cli.load(cliConfigPath);
    const std::optional<CliContext> fromCli = haveCli ? cli.find(name) : std::nullopt;
    const std::optional<Context> saved = store.find(name);
    if (!saved && !fromCli) {
        *error = QCoreApplication::translate("ivcap::ContextResolver",
                                             "There is no context “%1”, neither saved here nor in "
                                             "the IVCAP CLI's configuration (%2).")
                     .arg(name, QDir::toNativeSeparators(cliConfigPath));
        if (!cli.errorString().isEmpty())
            *error += QLatin1Char(' ') + cli.errorString();
        return std::nullopt;
    }
    CliContext result;
    if (saved) {
        result.context = *saved;
        if (saved->fromCli && fromCli) {
            result = *fromCli;
            // The CLI knows no CA file: the one chosen in Connections stays.
            result.context.caFile = saved->caFile;
        }
    } else {
        result = *fromCli;
        store.save(result.context);
    }
    store.setActiveName(name);
    return result;
}

} // namespace ivcap
