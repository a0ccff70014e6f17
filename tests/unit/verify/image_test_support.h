#pragma once
// Test-only image helpers: draw a QR grid, rotate, blur, and write PNG/JPEG with libpng and
// libjpeg, so the reader is tested on images made independently of the code under test.

#include <jpeglib.h>
#include <png.h>
#include <csetjmp>
#include <cstdio>

#include <cmath>
#include <cstring>
#include <string>

#include "engine/qr/qr_matrix.h"
#include "engine/verify/image_load.h"

namespace absah::verify::testing {

// Modules of `module_px` pixels with a quiet zone of `quiet` modules (ISO/IEC 18004 §6.3.8: 4).
inline GreyImage render_qr(const qr::QrMatrix& m, int module_px = 4, int quiet = 4) {
  GreyImage img;
  img.width = img.height = (m.size + 2 * quiet) * module_px;
  img.pixels.assign(static_cast<size_t>(img.width) * img.height, 255);
  for (int y = 0; y < img.height; ++y)
    for (int x = 0; x < img.width; ++x)
      if (m.at(x / module_px - quiet, y / module_px - quiet))
        img.pixels[static_cast<size_t>(y) * img.width + x] = 0;
  return img;
}

// Pastes `src` into `dst` at (ox, oy).
inline void paste(GreyImage& dst, const GreyImage& src, int ox, int oy) {
  for (int y = 0; y < src.height; ++y)
    for (int x = 0; x < src.width; ++x)
      dst.pixels[static_cast<size_t>(oy + y) * dst.width + ox + x] = src.at(x, y);
}

inline GreyImage blank(int w, int h, uint8_t value = 255) {
  GreyImage img;
  img.width = w;
  img.height = h;
  img.pixels.assign(static_cast<size_t>(w) * h, value);
  return img;
}

inline GreyImage rotate90(const GreyImage& in) {
  GreyImage out = blank(in.height, in.width);
  for (int y = 0; y < in.height; ++y)
    for (int x = 0; x < in.width; ++x)
      out.pixels[static_cast<size_t>(x) * out.width + (in.height - 1 - y)] = in.at(x, y);
  return out;
}

// Rotation about the centre by `degrees` with bilinear sampling; the canvas grows to hold the
// whole rotated image, new area white.
inline GreyImage rotate_bilinear(const GreyImage& in, double degrees) {
  const double a = degrees * M_PI / 180.0, c = std::cos(a), s = std::sin(a);
  const int w = static_cast<int>(std::ceil(std::abs(in.width * c) + std::abs(in.height * s)));
  const int h = static_cast<int>(std::ceil(std::abs(in.width * s) + std::abs(in.height * c)));
  GreyImage out = blank(w, h);
  const double cx = in.width / 2.0, cy = in.height / 2.0, ox = w / 2.0, oy = h / 2.0;
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      // Inverse mapping: output pixel centre → source coordinates.
      double dx = x + 0.5 - ox, dy = y + 0.5 - oy;
      double sx = c * dx + s * dy + cx - 0.5, sy = -s * dx + c * dy + cy - 0.5;
      int x0 = static_cast<int>(std::floor(sx)), y0 = static_cast<int>(std::floor(sy));
      double fx = sx - x0, fy = sy - y0;
      auto px = [&](int xx, int yy) -> double {
        return xx < 0 || yy < 0 || xx >= in.width || yy >= in.height ? 255.0 : in.at(xx, yy);
      };
      double v = (1 - fx) * (1 - fy) * px(x0, y0) + fx * (1 - fy) * px(x0 + 1, y0) +
                 (1 - fx) * fy * px(x0, y0 + 1) + fx * fy * px(x0 + 1, y0 + 1);
      out.pixels[static_cast<size_t>(y) * w + x] = static_cast<uint8_t>(std::lround(v));
    }
  return out;
}

inline GreyImage box_blur(const GreyImage& in, int radius) {
  GreyImage out = in;
  const int w = in.width, h = in.height;
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      int sum = 0, n = 0;
      for (int dy = -radius; dy <= radius; ++dy)
        for (int dx = -radius; dx <= radius; ++dx) {
          int xx = x + dx, yy = y + dy;
          if (xx < 0 || yy < 0 || xx >= w || yy >= h) continue;
          sum += in.at(xx, yy);
          ++n;
        }
      out.pixels[static_cast<size_t>(y) * w + x] = static_cast<uint8_t>(sum / n);
    }
  return out;
}

inline std::string encode_png(const GreyImage& img) {
  png_image image;
  std::memset(&image, 0, sizeof image);
  image.version = PNG_IMAGE_VERSION;
  image.width = static_cast<png_uint_32>(img.width);
  image.height = static_cast<png_uint_32>(img.height);
  image.format = PNG_FORMAT_GRAY;
  png_alloc_size_t size = 0;
  png_image_write_to_memory(&image, nullptr, &size, 0, img.pixels.data(), 0, nullptr);
  std::string out(size, '\0');
  if (!png_image_write_to_memory(&image, out.data(), &size, 0, img.pixels.data(), 0, nullptr))
    return {};
  out.resize(size);
  return out;
}

inline std::string encode_jpeg(const GreyImage& img, int quality) {
  jpeg_compress_struct cinfo;
  jpeg_error_mgr err;
  cinfo.err = jpeg_std_error(&err);
  jpeg_create_compress(&cinfo);
  unsigned char* buffer = nullptr;
  unsigned long size = 0;
  jpeg_mem_dest(&cinfo, &buffer, &size);
  cinfo.image_width = static_cast<JDIMENSION>(img.width);
  cinfo.image_height = static_cast<JDIMENSION>(img.height);
  cinfo.input_components = 1;
  cinfo.in_color_space = JCS_GRAYSCALE;
  jpeg_set_defaults(&cinfo);
  jpeg_set_quality(&cinfo, quality, TRUE);
  jpeg_start_compress(&cinfo, TRUE);
  while (cinfo.next_scanline < cinfo.image_height) {
    JSAMPROW row = const_cast<uint8_t*>(img.pixels.data()) +
                   static_cast<size_t>(cinfo.next_scanline) * img.width;
    jpeg_write_scanlines(&cinfo, &row, 1);
  }
  jpeg_finish_compress(&cinfo);
  std::string out(reinterpret_cast<char*>(buffer), size);
  jpeg_destroy_compress(&cinfo);
  free(buffer);
  return out;
}

}  // namespace absah::verify::testing
