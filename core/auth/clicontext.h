#pragma once

#include "authtokens.h"
#include "context.h"

#include <QString>

namespace ivcap {

// One context of the IVCAP CLI's config.yaml with everything the CLI keeps about it.
struct CliContext
{
    Context context;
    AuthTokens tokens;
    int apiVersion = 1;
    QString providerId;
    QString accountName;
    QString accountNickname;
    QString email;
};

} // namespace ivcap
