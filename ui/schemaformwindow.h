#pragma once

#include <QString>
#include <QWidget>
#include <memory>

namespace ivcap::ui {

class SchemaFormEditor;

// The standalone form of `ivcap-desktop --form SCHEMA.json`: any JSON Schema file shown as the
// form users will fill in, with no connection to a deployment. Submit writes the document to
// standard output as one line of JSON, so a service author can try their request schema.
class SchemaFormWindow : public QWidget
{
    Q_OBJECT
public:
    // Reads and parses the schema file; nullptr with *error set when the file cannot be read
    // or is not JSON. A schema valijson refuses still opens, with the reason shown.
    static std::unique_ptr<SchemaFormWindow> fromFile(const QString &fileName, QString *error);

    SchemaFormEditor *editor() const { return m_editor; }
    // Once shown and laid out, saves a PNG of the window to `fileName` and quits the
    // application with 0, or with 2 when the file cannot be written.
    void screenshotAndQuit(const QString &fileName);

private:
    SchemaFormWindow();
    SchemaFormEditor *m_editor;
};

} // namespace ivcap::ui
