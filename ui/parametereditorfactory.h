#pragma once

#include "forms/parameterdefinition.h"

class QWidget;

namespace ivcap {
class Connection;
}

namespace ivcap::ui {

class ParameterEditor;

// Builds the editor of one service parameter, one control per type (PROTOCOL.md §6): a line
// edit for strings, numeric line edits with the unit beside them for int/float (a spin box
// cannot be left empty, which optional numbers need), a check box for bool, a combo box of
// the options, an ArtifactPicker for artifacts and a URN field for collections. Constants get
// a read-only field. `connection` is only used by the artifact picker.
class ParameterEditorFactory
{
public:
    static ParameterEditor *create(const ParameterDefinition &definition, Connection *connection,
                                   QWidget *parent = nullptr);

private:
    static ParameterEditor *createText(const ParameterDefinition &definition, QWidget *parent);
    static ParameterEditor *createNumber(const ParameterDefinition &definition, QWidget *parent);
    static ParameterEditor *createBool(const ParameterDefinition &definition, QWidget *parent);
    static ParameterEditor *createOption(const ParameterDefinition &definition, QWidget *parent);
    static ParameterEditor *createArtifact(const ParameterDefinition &definition,
                                           Connection *connection, QWidget *parent);
    static ParameterEditor *createConstant(const ParameterDefinition &definition, QWidget *parent);
};

} // namespace ivcap::ui
