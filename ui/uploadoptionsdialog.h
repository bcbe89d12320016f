#pragma once

#include "transfer/uploadjob.h"

#include <QDialog>

class QComboBox;
class QLineEdit;
class QTableWidget;

namespace ivcap {
class CollectionListModel;
}

namespace ivcap::ui {

// Shown before dropped or chosen files start uploading: each file's artifact name (the file
// name by default), and the collection and policy for the batch (empty: the deployment's
// defaults). The collection is an existing one chosen by name from a CollectionListModel, or
// a new one whose URN the user types (validated as a URN). Non-modal; emits accepted() and
// the caller reads the options.
class UploadOptionsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit UploadOptionsDialog(const QStringList &files, QWidget *parent = nullptr);

    QStringList files() const { return m_files; }
    // Options for the file at `index` of files().
    UploadOptions optionsFor(int index) const;

    // The deployment's collections to choose from (they may still be loading).
    void setCollections(CollectionListModel *collections);
    // The collection's URN: filled in by the chooser, or typed for a new collection.
    QLineEdit *collectionField() const { return m_collection; }
    // Existing collections by name, "None" and "New collection".
    QComboBox *collectionChooser() const { return m_chooser; }
    QLineEdit *policyField() const { return m_policy; }

private:
    QStringList m_files;
    QTableWidget *m_names;
    void fillChooser();
    void onChosen(int index);
    void followTypedCollection();

    QLineEdit *m_collection;
    QComboBox *m_chooser;
    CollectionListModel *m_collections = nullptr;
    QLineEdit *m_policy;
};

} // namespace ivcap::ui
