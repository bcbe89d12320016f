#pragma once

#include "clicontext.h"

#include <QString>

#include <optional>

namespace ivcap {

class ContextStore;

// `--context NAME`: the saved context of that name, or the IVCAP CLI's, which is then imported
// (saved without its tokens). For a CLI context the tokens come from the CLI's file, which
// stays the place they are kept.
class ContextResolver
{
public:
    static std::optional<CliContext> resolve(const QString &name, ContextStore &store,
                                             const QString &cliConfigPath, QString *error);
};

} // namespace ivcap
