#include "apiversionfield.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>

namespace ivcap::ui {

ApiVersionField::ApiVersionField(QWidget *parent)
    : QWidget(parent), m_pin(new QComboBox), m_text(new QLabel)
{
    // Empty data: detect on connecting, as a context does unless the user pins a version.
    m_pin->addItem(tr("Detect on connecting"), QString());
    for (const char *version : {"0.48", "0.28"})
        m_pin->addItem(QString::fromLatin1(version), QString::fromLatin1(version));
    m_pin->setAccessibleName(tr("API version to speak"));
    m_pin->setToolTip(tr("Pin the IVCAP API version when detecting it does not work, for "
                         "example behind a gateway that hides the API description"));
    m_text->setAccessibleName(tr("API version of the deployment"));
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_pin);
    layout->addWidget(m_text, 1);
    setFocusProxy(m_pin);
    connect(m_pin, &QComboBox::currentIndexChanged, this, [this] {
        updateText();
        Q_EMIT pinChanged();
    });
}

QString ApiVersionField::pin() const
{
    return m_pin->currentData().toString();
}

void ApiVersionField::setPin(const QString &pin)
{
    if (!pin.isEmpty() && m_pin->findData(pin) < 0)
        m_pin->addItem(pin, pin);
    m_pin->setCurrentIndex(qMax(0, m_pin->findData(pin)));
}

void ApiVersionField::setDetected(const QString &version, bool hasDeployment)
{
    m_detected = version;
    m_hasDeployment = hasDeployment;
    updateText();
}

QString ApiVersionField::text() const
{
    return m_text->text();
}

void ApiVersionField::updateText()
{
    if (!pin().isEmpty())
        m_text->setText(tr("IVCAP API %1, pinned by this context.").arg(pin()));
    else if (!m_hasDeployment)
        m_text->clear();
    else if (m_detected.isEmpty())
        m_text->setText(tr("Detected on connecting; “Test connection” detects it now."));
    else
        m_text->setText(tr("IVCAP API %1, detected.").arg(m_detected));
}

} // namespace ivcap::ui
