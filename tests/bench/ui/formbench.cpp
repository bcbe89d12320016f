// ivcap-ui-bench form: builds the form of a synthetic request schema with FIELDS fields (every
// kind: text, formats, bounded numbers, enums, booleans, arrays, nested groups), RUNS times, and
// reports how long the model alone and the model with its widgets, laid out and painted, took.
#include "formbench.h"

#include "forms/schemaformmodel.h"
#include "schemaformeditor.h"
#include "schemaformview.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include <algorithm>

namespace {
QJsonObject fieldSchema(int i)
{
    const QString title = QStringLiteral("Field %1").arg(i);
    const QString description = QStringLiteral("What field %1 controls, in a sentence.").arg(i);
    switch (i % 8) {
    case 0:
        return {{"type", "string"},
                {"title", title},
                {"description", description},
                {"minLength", 1},
                {"maxLength", 80}};
    case 1:
        return {{"type", "number"}, {"title", title},     {"minimum", 0},
                {"maximum", 1000},  {"multipleOf", 0.01}, {"default", 1.5}};
    case 2:
        return {{"type", "integer"}, {"title", title}, {"minimum", 1}, {"default", 3}};
    case 3:
        return {
            {"enum", QJsonArray{"low", "medium", "high"}}, {"title", title}, {"default", "low"}};
    case 4:
        return {{"type", "boolean"}, {"title", title}, {"default", false}};
    case 5:
        return {{"type", "string"}, {"format", "date"}, {"title", title}};
    case 6:
        return {{"type", "array"},
                {"title", title},
                {"items", QJsonObject{{"type", "string"}}},
                {"default", QJsonArray{"a", "b"}}};
    default:
        return {
            {"anyOf", QJsonArray{QJsonObject{{"type", "string"}}, QJsonObject{{"type", "null"}}}},
            {"title", title},
            {"default", QJsonValue::Null}};
    }
}

// FIELDS leaf fields in groups of 10 (nested objects), as large request schemas are organised.
QJsonObject schemaWith(int fields)
{
    QJsonObject groups;
    QJsonArray required;
    for (int g = 0; g * 10 < fields; ++g) {
        QJsonObject properties;
        for (int i = g * 10; i < qMin(fields, g * 10 + 10); ++i)
            properties.insert(QStringLiteral("field_%1").arg(i), fieldSchema(i));
        const QString name = QStringLiteral("group_%1").arg(g);
        groups.insert(name, QJsonObject{{"type", "object"},
                                        {"title", QStringLiteral("Group %1").arg(g)},
                                        {"properties", properties}});
        required.append(name);
    }
    return {{"type", "object"},
            {"title", "Benchmark request"},
            {"properties", groups},
            {"required", required}};
}

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values.isEmpty() ? 0 : values.at(values.size() / 2);
}
} // namespace

int runFormBench(int fields, int runs)
{
    const QByteArray text = QJsonDocument(schemaWith(fields)).toJson();
    QList<double> modelMs, buildMs, formMs;
    int widgets = 0;
    for (int run = 0; run < runs; ++run) {
        QElapsedTimer timer;
        timer.start();
        {
            ivcap::SchemaFormModel model;
            model.setSchema(ivcap::SchemaFormModel::parseSchema(text));
        }
        modelMs.append(timer.nsecsElapsed() / 1e6);

        // the whole form as a user gets it: parse, model, widgets, layout and first paint
        ivcap::ui::SchemaFormEditor editor;
        editor.resize(800, 900);
        timer.restart();
        editor.setSchema(ivcap::SchemaFormModel::parseSchema(text));
        buildMs.append(timer.nsecsElapsed() / 1e6);
        editor.show();
        editor.repaint();
        formMs.append(timer.nsecsElapsed() / 1e6);
        widgets = editor.formView()->fieldCount();
    }
    const QJsonObject result{
        {"fields", fields},
        {"field_widgets", widgets},
        {"runs", runs},
        {"model_ms_median", median(modelMs)},
        {"widgets_built_ms_median", median(buildMs)},
        {"form_ms_median", median(formMs)},
        {"form_ms_max", *std::max_element(formMs.begin(), formMs.end())},
    };
    QTextStream(stdout) << QJsonDocument(result).toJson(QJsonDocument::Compact) << '\n';
    return 0;
}
