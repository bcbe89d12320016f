#pragma once

// The parsed form of a ContentPath, shared by its parser and its evaluator only.

#include "contentpath.h"

struct ContentPath::Step
{
    enum Kind { Member, AnyMember, AnyIndex, Indexes, Filter };
    struct Bound
    {
        bool last = false; // counts from the last element: last - offset
        qint64 offset = 0;
    };
    struct Range
    {
        Bound from;
        Bound to;
    };

    Kind kind = Member;
    QByteArray name;           // Member
    std::vector<Range> ranges; // Indexes
    std::unique_ptr<Node> filter;
};

struct ContentPath::Operand
{
    enum Kind { Path, Literal };
    Kind kind = Path;
    bool fromRoot = true; // $ rather than @
    std::vector<Step> steps;
    JsonNode literal;
};

struct ContentPath::Node
{
    enum Kind { Value, And, Or, Not, IsUnknown, Compare, Exists, StartsWith };
    enum Op { Eq, Ne, Lt, Le, Gt, Ge };

    Kind kind = Value;
    Op op = Eq;
    std::unique_ptr<Node> left;  // And, Or, Not, IsUnknown
    std::unique_ptr<Node> right; // And, Or
    Operand a;                   // Value, Compare, Exists, StartsWith
    Operand b;                   // Compare, StartsWith
};
