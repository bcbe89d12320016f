#pragma once

#include "transfer/uploadjob.h"

#include <QDialog>

class QLineEdit;
class QTableWidget;

namespace ivcap::ui {

// Shown before dropped or chosen files start uploading: each file's artifact name (the file
// name by default), and the collection and policy for the batch (empty: the deployment's
// defaults). Non-modal; emits accepted() and the caller reads the options.
class UploadOptionsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit UploadOptionsDialog(const QStringList &files, QWidget *parent = nullptr);

    QStringList files() const { return m_files; }
    // Options for the file at `index` of files().
    UploadOptions optionsFor(int index) const;

    QLineEdit *collectionField() const { return m_collection; }
    QLineEdit *policyField() const { return m_policy; }

private:
    QStringList m_files;
    QTableWidget *m_names;
    QLineEdit *m_collection;
    QLineEdit *m_policy;
};

} // namespace ivcap::ui
