#include "schemaformwindow.h"

#include "forms/schemaformmodel.h"
#include "schemaformeditor.h"

#include <QApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>
#include <QTimer>
#include <QVBoxLayout>

namespace ivcap::ui {

SchemaFormWindow::SchemaFormWindow() : m_editor(new SchemaFormEditor)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_editor);
    resize(720, 860);
    connect(m_editor, &SchemaFormEditor::submitted, this, [](const QJsonValue &document) {
        const QByteArray line =
            document.isObject()  ? QJsonDocument(document.toObject()).toJson(QJsonDocument::Compact)
            : document.isArray() ? QJsonDocument(document.toArray()).toJson(QJsonDocument::Compact)
                                 : SchemaResolver::numberText(document).toUtf8();
        QTextStream(stdout) << line << Qt::endl;
    });
}

std::unique_ptr<SchemaFormWindow> SchemaFormWindow::fromFile(const QString &fileName,
                                                             QString *error)
{
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = tr("Cannot read %1: %2").arg(fileName, file.errorString());
        return nullptr;
    }
    QString parseError;
    const QJsonValue schema = SchemaFormModel::parseSchema(file.readAll(), &parseError);
    if (schema.isUndefined()) {
        *error = tr("%1 is not a JSON Schema: %2").arg(fileName, parseError);
        return nullptr;
    }
    std::unique_ptr<SchemaFormWindow> window(new SchemaFormWindow);
    window->m_editor->setSchema(schema);
    const QString title = schema.toObject().value(QLatin1String("title")).toString();
    window->setWindowTitle(title.isEmpty() ? QFileInfo(fileName).fileName() : title);
    return window;
}

void SchemaFormWindow::screenshotAndQuit(const QString &fileName)
{
    // after the first paint, so the layout is final
    QTimer::singleShot(200, this, [this, fileName] {
        const bool saved = grab().save(fileName, "PNG");
        if (!saved)
            QTextStream(stderr) << tr("Cannot write %1").arg(fileName) << Qt::endl;
        QApplication::exit(saved ? 0 : 2);
    });
}

} // namespace ivcap::ui
