#include "qrcodeimage.h"

#include <QPainter>

#include <qrencode.h>

#include <memory>

namespace ivcap::ui {

QImage QrCodeImage::render(const QString &text, int moduleSize)
{
    const QByteArray utf8 = text.toUtf8();
    std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
        QRcode_encodeString8bit(utf8.constData(), 0, QR_ECLEVEL_M), &QRcode_free);
    if (!code)
        return {};
    constexpr int quietZone = 4;
    const int modules = code->width;
    const int side = (modules + 2 * quietZone) * moduleSize;
    // Not Format_Mono: a one-bit image has no colour table until given one, so white and black
    // both became index 0 and the code came out as a black square.
    QImage image(side, side, QImage::Format_RGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setPen(Qt::NoPen);
    painter.setBrush(Qt::black);
    for (int y = 0; y < modules; ++y) {
        for (int x = 0; x < modules; ++x) {
            // The lowest bit of each byte says whether the module is dark.
            if (code->data[y * modules + x] & 1)
                painter.drawRect((x + quietZone) * moduleSize, (y + quietZone) * moduleSize,
                                 moduleSize, moduleSize);
        }
    }
    return image;
}

} // namespace ivcap::ui
