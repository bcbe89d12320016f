#pragma once

#include <QImage>
#include <QString>

namespace ivcap::ui {

// A QR code (libqrencode) of a short text such as a verification URL, as a black-on-white
// image with the quiet zone the standard asks for. A null image when the text cannot be encoded.
class QrCodeImage
{
public:
    static QImage render(const QString &text, int moduleSize = 4);
};

} // namespace ivcap::ui
