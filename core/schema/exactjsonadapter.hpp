// Number-exact variant of valijson's QtJsonAdapter (valijson 1.0, BSD-2-Clause, Copyright (c)
// 2016 Tristan Penman; see /usr/share/doc/libvalijson-dev/copyright). It differs in two ways:
// a number is an integer when its value is whole, at any magnitude (valijson's adapter read
// numbers through QJsonValue::toInt, so 2147483648 was no integer), and getInteger() gives the
// full 64-bit value. SchemaValidator specialises the multipleOf checks for this adapter type
// to use exact decimal arithmetic. Only schemavalidator.cpp includes this header.
/**
 * @file
 *
 * @brief   Adapter implementation for the IvcapJson parser library.
 *
 * Include this file in your program to enable support for IvcapJson.
 *
 * This file defines the following classes (not in this order):
 *  - IvcapJsonAdapter
 *  - IvcapJsonArray
 *  - IvcapJsonArrayValueIterator
 *  - IvcapJsonFrozenValue
 *  - IvcapJsonObject
 *  - IvcapJsonObjectMember
 *  - IvcapJsonObjectMemberIterator
 *  - IvcapJsonValue
 *
 * Due to the dependencies that exist between these classes, the ordering of
 * class declarations and definitions may be a bit confusing. The best place to
 * start is IvcapJsonAdapter. This class definition is actually very small,
 * since most of the functionality is inherited from the BasicAdapter class.
 * Most of the classes in this file are provided as template arguments to the
 * inherited BasicAdapter class.
 */

#pragma once

#include <cmath>
#include <string>
#include <utility>

#include <QJsonObject>
#include <QJsonValue>
#include <QJsonArray>

#include <valijson/internal/adapter.hpp>
#include <valijson/internal/basic_adapter.hpp>
#include <valijson/internal/frozen_value.hpp>
#include <valijson/exceptions.hpp>

namespace valijson {
namespace adapters {

class IvcapJsonAdapter;
class IvcapJsonArrayValueIterator;
class IvcapJsonObjectMemberIterator;

typedef std::pair<std::string, IvcapJsonAdapter> IvcapJsonObjectMember;

/**
 * @brief  Light weight wrapper for a IvcapJson array value.
 *
 * This class is light weight wrapper for a IvcapJson array. It provides a
 * minimum set of container functions and typedefs that allow it to be used as
 * an iterable container.
 *
 * An instance of this class contains a single reference to the underlying
 * IvcapJson value, assumed to be an array, so there is very little overhead
 * associated with copy construction and passing by value.
 */
class IvcapJsonArray
{
public:

    typedef IvcapJsonArrayValueIterator const_iterator;
    typedef IvcapJsonArrayValueIterator iterator;

    /// Construct a IvcapJsonArray referencing an empty array.
    IvcapJsonArray()
      : m_value(emptyArray())
    {
    }

    /**
     * @brief   Construct a IvcapJsonArray referencing a specific IvcapJson
     *          value.
     *
     * @param   value   reference to a IvcapJson value
     *
     * Note that this constructor will throw an exception if the value is not
     * an array.
     */
    explicit IvcapJsonArray(const QJsonValue &value)
      : m_value(value.toArray())
    {
        if (!value.isArray()) {
            throwRuntimeError("Value is not an array.");
        }
    }

    /**
     * @brief   Return an iterator for the first element of the array.
     *
     * The iterator return by this function is effectively the iterator
     * returned by the underlying IvcapJson implementation.
     */
    IvcapJsonArrayValueIterator begin() const;

    /**
     * @brief   Return an iterator for one-past the last element of the array.
     *
     * The iterator return by this function is effectively the iterator
     * returned by the underlying IvcapJson implementation.
     */
    IvcapJsonArrayValueIterator end() const;

    /// Return the number of elements in the array
    size_t size() const
    {
        return m_value.size();
    }

private:

    /**
     * @brief   Return a reference to a IvcapJson value that is an empty array.
     *
     * Note that the value returned by this function is a singleton.
     */
    static QJsonArray emptyArray()
    {
        static const QJsonArray array;
        return array;
    }

    /// Reference to the contained value
    const QJsonArray m_value;
};

/**
 * @brief  Light weight wrapper for a IvcapJson object.
 *
 * This class is light weight wrapper for a IvcapJson object. It provides a
 * minimum set of container functions and typedefs that allow it to be used as
 * an iterable container.
 *
 * An instance of this class contains a single reference to the underlying
 * IvcapJson value, assumed to be an object, so there is very little overhead
 * associated with copy construction and passing by value.
 */
class IvcapJsonObject
{
public:

    typedef IvcapJsonObjectMemberIterator const_iterator;
    typedef IvcapJsonObjectMemberIterator iterator;

    /// Construct a IvcapJsonObject referencing an empty object singleton.
    IvcapJsonObject()
      : m_value(emptyObject())
    {
    }

    /**
     * @brief   Construct a IvcapJsonObject referencing a specific IvcapJson
     *          value.
     *
     * @param   value  reference to a IvcapJson value
     *
     * Note that this constructor will throw an exception if the value is not
     * an object.
     */
    IvcapJsonObject(const QJsonValue &value)
      : m_value(value.toObject())
    {
        if (!value.isObject()) {
            throwRuntimeError("Value is not an object.");
        }
    }

    /**
     * @brief   Return an iterator for this first object member
     *
     * The iterator return by this function is effectively a wrapper around
     * the iterator value returned by the underlying IvcapJson implementation.
     */
    IvcapJsonObjectMemberIterator begin() const;

    /**
     * @brief   Return an iterator for an invalid object member that indicates
     *          the end of the collection.
     *
     * The iterator return by this function is effectively a wrapper around
     * the iterator value returned by the underlying IvcapJson implementation.
     */
    IvcapJsonObjectMemberIterator end() const;

    /**
     * @brief   Return an iterator for the object member with the specified
     *          property name.
     *
     * If an object member with the specified name does not exist, the iterator
     * returned will be the same as the iterator returned by the end() function.
     *
     * @param   propertyName  property name to search for
     */
    IvcapJsonObjectMemberIterator find(const std::string &propertyName) const;

    /// Returns the number of members belonging to this object.
    size_t size() const
    {
        return m_value.size();
    }

private:

    /**
     * @brief   Return a reference to a IvcapJson value that is empty object.
     *
     * Note that the value returned by this function is a singleton.
     */
    static const QJsonObject emptyObject()
    {
        static const QJsonObject object;
        return object;
    }

    /// Reference to the contained object
    const QJsonObject m_value;
};

/**
 * @brief   Stores an independent copy of a IvcapJson value.
 *
 * This class allows a IvcapJson value to be stored independent of its original
 * document. IvcapJson makes this easy to do, as it does not perform any
 * custom memory management.
 *
 * @see FrozenValue
 */
class IvcapJsonFrozenValue: public FrozenValue
{
public:

    /**
     * @brief  Make a copy of a IvcapJson value
     *
     * @param  source  the IvcapJson value to be copied
     */
    explicit IvcapJsonFrozenValue(QJsonValue source)
      : m_value(std::move(source)) { }

    FrozenValue * clone() const override
    {
        return new IvcapJsonFrozenValue(m_value);
    }

    bool equalTo(const Adapter &other, bool strict) const override;

private:

    /// Stored IvcapJson value
    QJsonValue m_value;
};

/**
 * @brief   Light weight wrapper for a IvcapJson value.
 *
 * This class is passed as an argument to the BasicAdapter template class,
 * and is used to provide access to a IvcapJson value. This class is responsible
 * for the mechanics of actually reading a IvcapJson value, whereas the
 * BasicAdapter class is responsible for the semantics of type comparisons
 * and conversions.
 *
 * The functions that need to be provided by this class are defined implicitly
 * by the implementation of the BasicAdapter template class.
 *
 * @see BasicAdapter
 */
class IvcapJsonValue
{
public:

    /// Construct a wrapper for the empty object singleton
    IvcapJsonValue()
      : m_value(emptyObject()) { }

    /// Construct a wrapper for a specific IvcapJson value
    IvcapJsonValue(QJsonValue value)
      : m_value(std::move(value)) { }

    /**
     * @brief   Create a new IvcapJsonFrozenValue instance that contains the
     *          value referenced by this IvcapJsonValue instance.
     *
     * @returns pointer to a new IvcapJsonFrozenValue instance, belonging to the
     *          caller.
     */
    FrozenValue * freeze() const
    {
        return new IvcapJsonFrozenValue(m_value);
    }

    /**
     * @brief   Optionally return a IvcapJsonArray instance.
     *
     * If the referenced IvcapJson value is an array, this function will return
     * a std::optional containing a IvcapJsonArray instance referencing the
     * array.
     *
     * Otherwise it will return an empty optional.
     */
    opt::optional<IvcapJsonArray> getArrayOptional() const
    {
        if (m_value.isArray()) {
            return opt::make_optional(IvcapJsonArray(m_value));
        }

        return opt::optional<IvcapJsonArray>();
    }

    /**
     * @brief   Retrieve the number of elements in the array
     *
     * If the referenced IvcapJson value is an array, this function will
     * retrieve the number of elements in the array and store it in the output
     * variable provided.
     *
     * @param   result  reference to size_t to set with result
     *
     * @returns true if the number of elements was retrieved, false otherwise.
     */
    bool getArraySize(size_t &result) const
    {
        if (m_value.isArray()) {
            const QJsonArray array = m_value.toArray();
            result = array.size();
            return true;
        }

        return false;
    }

    bool getBool(bool &result) const
    {
        if (m_value.isBool()) {
            result = m_value.toBool();
            return true;
        }

        return false;
    }

    bool getDouble(double &result) const
    {
        if (m_value.isDouble()) {
            result = m_value.toDouble();
            return true;
        }

        return false;
    }

    bool getInteger(int64_t &result) const
    {
        // QJsonValue keeps integers that fit 64 bits exactly; toInteger() refuses the rest.
        if (!isInteger())
            return false;
        bool fits = true;
        const qint64 value = m_value.toInteger(0);
        if (value == 0 && m_value.toDouble() != 0)
            fits = false;
        if (fits)
            result = value;
        return fits;
    }

    /**
     * @brief   Optionally return a IvcapJsonObject instance.
     *
     * If the referenced IvcapJson value is an object, this function will return a
     * std::optional containing a IvcapJsonObject instance referencing the
     * object.
     *
     * Otherwise it will return an empty optional.
     */
    opt::optional<IvcapJsonObject> getObjectOptional() const
    {
        if (m_value.isObject()) {
            return opt::make_optional(IvcapJsonObject(m_value));
        }

        return opt::optional<IvcapJsonObject>();
    }

    /**
     * @brief   Retrieve the number of members in the object
     *
     * If the referenced IvcapJson value is an object, this function will
     * retrieve the number of members in the object and store it in the output
     * variable provided.
     *
     * @param   result  reference to size_t to set with result
     *
     * @returns true if the number of members was retrieved, false otherwise.
     */
    bool getObjectSize(size_t &result) const
    {
        if (m_value.isObject()) {
            const QJsonObject &object = m_value.toObject();
            result = object.size();
            return true;
        }

        return false;
    }

    bool getString(std::string &result) const
    {
        if (m_value.isString()) {
            result = m_value.toString().toStdString();
            return true;
        }

        return false;
    }

    static bool hasStrictTypes()
    {
        return true;
    }

    bool isArray() const
    {
        return m_value.isArray();
    }

    bool isBool() const
    {
        return m_value.isBool();
    }

    bool isDouble() const
    {
        return m_value.isDouble();
    }

    bool isInteger() const
    {
        // Whole at any magnitude (JSON Schema: "1.0" and 1e20 are integers).
        if (!m_value.isDouble())
            return false;
        const double d = m_value.toDouble();
        return std::isfinite(d) && std::trunc(d) == d;
    }

    bool isNull() const
    {
        return m_value.isNull();
    }

    bool isNumber() const
    {
        return m_value.isDouble();
    }

    bool isObject() const
    {
        return m_value.isObject();
    }

    bool isString() const
    {
        return m_value.isString();
    }

private:

    /// Return a reference to an empty object singleton
    static QJsonValue emptyObject()
    {
        static const QJsonValue object;
        return object;
    }

    /// Reference to the contained IvcapJson value.
    const QJsonValue m_value;
};

/**
 * @brief   An implementation of the Adapter interface supporting IvcapJson.
 *
 * This class is defined in terms of the BasicAdapter template class, which
 * helps to ensure that all of the Adapter implementations behave consistently.
 *
 * @see Adapter
 * @see BasicAdapter
 */
class IvcapJsonAdapter:
    public BasicAdapter<IvcapJsonAdapter,
                        IvcapJsonArray,
                        IvcapJsonObjectMember,
                        IvcapJsonObject,
                        IvcapJsonValue>
{
public:

    /// Construct a IvcapJsonAdapter that contains an empty object
    IvcapJsonAdapter()
      : BasicAdapter() { }

    /// Construct a IvcapJsonAdapter containing a specific IvcapJson value
    IvcapJsonAdapter(const QJsonValue &value)
      : BasicAdapter(value) { }
};

/**
 * @brief   Class for iterating over values held in a JSON array.
 *
 * This class provides a JSON array iterator that dereferences as an instance of
 * IvcapJsonAdapter representing a value stored in the array.
 *
 * @see IvcapJsonArray
 */
class IvcapJsonArrayValueIterator
{
public:
    using iterator_category = std::bidirectional_iterator_tag;
    using value_type = IvcapJsonAdapter;
    using difference_type = IvcapJsonAdapter;
    using pointer = IvcapJsonAdapter*;
    using reference = IvcapJsonAdapter&;

    /**
     * @brief   Construct a new IvcapJsonArrayValueIterator using an existing
     *          IvcapJson iterator.
     *
     * @param   itr  IvcapJson iterator to store
     */
    IvcapJsonArrayValueIterator(const QJsonArray::const_iterator &itr)
      : m_itr(itr) { }

    /// Returns a IvcapJsonAdapter that contains the value of the current
    /// element.
    IvcapJsonAdapter operator*() const
    {
        return IvcapJsonAdapter(*m_itr);
    }

    DerefProxy<IvcapJsonAdapter> operator->() const
    {
        return DerefProxy<IvcapJsonAdapter>(**this);
    }

    /**
     * @brief   Compare this iterator against another iterator.
     *
     * Note that this directly compares the iterators, not the underlying
     * values, and assumes that two identical iterators will point to the same
     * underlying object.
     *
     * @param   other  iterator to compare against
     *
     * @returns true   if the iterators are equal, false otherwise.
     */
    bool operator==(const IvcapJsonArrayValueIterator &other) const
    {
        return m_itr == other.m_itr;
    }

    bool operator!=(const IvcapJsonArrayValueIterator &other) const
    {
        return !(m_itr == other.m_itr);
    }

    const IvcapJsonArrayValueIterator& operator++()
    {
        m_itr++;

        return *this;
    }

    IvcapJsonArrayValueIterator operator++(int)
    {
        IvcapJsonArrayValueIterator iterator_pre(m_itr);
        ++(*this);
        return iterator_pre;
    }

    const IvcapJsonArrayValueIterator& operator--()
    {
        m_itr--;

        return *this;
    }

    void advance(std::ptrdiff_t n)
    {
        m_itr += n;
    }

private:

    QJsonArray::const_iterator m_itr;
};

/**
 * @brief   Class for iterating over the members belonging to a JSON object.
 *
 * This class provides a JSON object iterator that dereferences as an instance
 * of IvcapJsonObjectMember representing one of the members of the object. It
 * has been implemented using the boost iterator_facade template.
 *
 * @see IvcapJsonObject
 * @see IvcapJsonObjectMember
 */
class IvcapJsonObjectMemberIterator
{
public:
    using iterator_category = std::bidirectional_iterator_tag;
    using value_type = IvcapJsonObjectMember;
    using difference_type = IvcapJsonObjectMember;
    using pointer = IvcapJsonObjectMember*;
    using reference = IvcapJsonObjectMember&;

    /**
     * @brief   Construct an iterator from a IvcapJson iterator.
     *
     * @param   itr  IvcapJson iterator to store
     */
    IvcapJsonObjectMemberIterator(const QJsonObject::const_iterator &itr)
      : m_itr(itr) { }

    /**
     * @brief   Returns a IvcapJsonObjectMember that contains the key and value
     *          belonging to the object member identified by the iterator.
     */
    IvcapJsonObjectMember operator*() const
    {
        std::string key = m_itr.key().toStdString();
        return IvcapJsonObjectMember(key, m_itr.value());
    }

    DerefProxy<IvcapJsonObjectMember> operator->() const
    {
        return DerefProxy<IvcapJsonObjectMember>(**this);
    }

    /**
     * @brief   Compare this iterator with another iterator.
     *
     * Note that this directly compares the iterators, not the underlying
     * values, and assumes that two identical iterators will point to the same
     * underlying object.
     *
     * @param   other  Iterator to compare with
     *
     * @returns true if the underlying iterators are equal, false otherwise
     */
    bool operator==(const IvcapJsonObjectMemberIterator &other) const
    {
        return m_itr == other.m_itr;
    }

    bool operator!=(const IvcapJsonObjectMemberIterator &other) const
    {
        return !(m_itr == other.m_itr);
    }

    const IvcapJsonObjectMemberIterator& operator++()
    {
        m_itr++;
        return *this;
    }

    IvcapJsonObjectMemberIterator operator++(int)
    {
        IvcapJsonObjectMemberIterator iterator_pre(m_itr);
        ++(*this);
        return iterator_pre;
    }

    const IvcapJsonObjectMemberIterator& operator--(int)
    {
        m_itr--;

        return *this;
    }

private:

    /// Iternal copy of the original IvcapJson iterator
    QJsonObject::const_iterator m_itr;
};

/// Specialisation of the AdapterTraits template struct for IvcapJsonAdapter.
template<>
struct AdapterTraits<valijson::adapters::IvcapJsonAdapter>
{
    typedef QJsonValue DocumentType;

    static std::string adapterName()
    {
        return "IvcapJsonAdapter (QJsonValue, exact numbers)";
    }
};

inline bool IvcapJsonFrozenValue::equalTo(const Adapter &other, bool strict) const
{
    return IvcapJsonAdapter(m_value).equalTo(other, strict);
}

inline IvcapJsonArrayValueIterator IvcapJsonArray::begin() const
{
    return m_value.begin();
}

inline IvcapJsonArrayValueIterator IvcapJsonArray::end() const
{
    return m_value.end();
}

inline IvcapJsonObjectMemberIterator IvcapJsonObject::begin() const
{
    return m_value.begin();
}

inline IvcapJsonObjectMemberIterator IvcapJsonObject::end() const
{
    return m_value.end();
}

inline IvcapJsonObjectMemberIterator IvcapJsonObject::find(
    const std::string &propertyName) const
{
    return m_value.find(QString::fromStdString(propertyName));
}

}  // namespace adapters
}  // namespace valijson
