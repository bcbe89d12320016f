#pragma once

#include <QStringList>

namespace ivcap {

// What a drop or a file chooser gave, made into files to upload: regular readable files as
// they are, folders expanded to the files under them (recursively, in name order, symbolic
// links to folders not followed, so a link loop cannot hang), each file once. Whatever cannot
// be uploaded is listed with its reason rather than dropped silently.
struct UploadSelection
{
    QStringList files;   // absolute paths, in the order given (a folder's files in name order)
    QStringList skipped; // "path: reason", for the user
    int folders = 0;     // folders that were expanded

    static UploadSelection expand(const QStringList &paths);
    // One line for the user, e.g. "12 files from 1 folder queued; 2 skipped."
    QString summary() const;
};

} // namespace ivcap
