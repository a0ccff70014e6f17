#include "engine/layout/image_decode.h"

#include <csetjmp>
#include <cstdio>
#include <cstring>

#include <jpeglib.h>
#include <png.h>

namespace absah::layout {

namespace {

struct JpegErrorManager {
  jpeg_error_mgr base;
  std::jmp_buf jump;
  char message[JMSG_LENGTH_MAX];
};

void jpeg_error_exit(j_common_ptr cinfo) {
  auto* mgr = reinterpret_cast<JpegErrorManager*>(cinfo->err);
  (*cinfo->err->format_message)(cinfo, mgr->message);
  std::longjmp(mgr->jump, 1);
}

Result<std::shared_ptr<const ImageData>> probe_jpeg(const std::string& bytes,
                                                    const std::string& field) {
  jpeg_decompress_struct cinfo;
  JpegErrorManager err;
  cinfo.err = jpeg_std_error(&err.base);
  err.base.error_exit = jpeg_error_exit;
  err.message[0] = 0;
  if (setjmp(err.jump)) {
    jpeg_destroy_decompress(&cinfo);
    return Error(ErrorCode::ImageInvalid, field,
                 std::string("not a readable JPEG: ") + err.message);
  }
  jpeg_create_decompress(&cinfo);
  jpeg_mem_src(&cinfo, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  jpeg_read_header(&cinfo, TRUE);
  auto img = std::make_shared<ImageData>();
  img->format = ImageData::Format::Jpeg;
  img->width = static_cast<int>(cinfo.image_width);
  img->height = static_cast<int>(cinfo.image_height);
  img->components = cinfo.num_components;
  jpeg_destroy_decompress(&cinfo);
  if (img->components != 1 && img->components != 3)
    return Error(ErrorCode::ImageInvalid, field,
                 "JPEG must be greyscale or RGB (CMYK is not supported)");
  if (img->width <= 0 || img->height <= 0 || img->width > kMaxImageSide ||
      img->height > kMaxImageSide)
    return Error(ErrorCode::ImageInvalid, field,
                 "JPEG is " + std::to_string(img->width) + "x" + std::to_string(img->height) +
                     " pixels; at most " + std::to_string(kMaxImageSide) + " per side");
  img->bytes = bytes;
  return std::shared_ptr<const ImageData>(img);
}

Result<std::shared_ptr<const ImageData>> decode_png(const std::string& bytes,
                                                    const std::string& field) {
  png_image image;
  std::memset(&image, 0, sizeof image);
  image.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_memory(&image, bytes.data(), bytes.size()))
    return Error(ErrorCode::ImageInvalid, field,
                 std::string("not a readable PNG: ") + image.message);
  if (image.width == 0 || image.height == 0 || image.width > kMaxImageSide ||
      image.height > kMaxImageSide) {
    png_image_free(&image);
    return Error(ErrorCode::ImageInvalid, field,
                 "PNG is " + std::to_string(image.width) + "x" + std::to_string(image.height) +
                     " pixels; at most " + std::to_string(kMaxImageSide) + " per side");
  }
  const bool has_alpha = (image.format & PNG_FORMAT_FLAG_ALPHA) != 0;
  image.format = has_alpha ? PNG_FORMAT_RGBA : PNG_FORMAT_RGB;
  auto img = std::make_shared<ImageData>();
  img->format = ImageData::Format::Rgb8;
  img->width = static_cast<int>(image.width);
  img->height = static_cast<int>(image.height);
  img->components = 3;
  std::string samples(PNG_IMAGE_SIZE(image), '\0');
  if (!png_image_finish_read(&image, nullptr, samples.data(), 0, nullptr)) {
    std::string msg = image.message;
    png_image_free(&image);
    return Error(ErrorCode::ImageInvalid, field, "PNG decoding failed: " + msg);
  }
  if (!has_alpha) {
    img->bytes = std::move(samples);
  } else {
    // Transparency becomes a soft mask (PDF 32000-1 §11.6.5.3), so a specimen signature
    // shows the card's background through it instead of a white box.
    const size_t pixels = static_cast<size_t>(img->width) * img->height;
    img->bytes.resize(pixels * 3);
    img->alpha.resize(pixels);
    for (size_t i = 0; i < pixels; ++i) {
      img->bytes[3 * i] = samples[4 * i];
      img->bytes[3 * i + 1] = samples[4 * i + 1];
      img->bytes[3 * i + 2] = samples[4 * i + 2];
      img->alpha[i] = samples[4 * i + 3];
    }
  }
  return std::shared_ptr<const ImageData>(img);
}

}  // namespace

Result<std::shared_ptr<const ImageData>> decode_image(const std::string& bytes,
                                                      const std::string& field) {
  if (bytes.size() > kMaxImageBytes)
    return Error(ErrorCode::ImageInvalid, field,
                 "image is larger than " + std::to_string(kMaxImageBytes >> 20) + " MiB");
  if (bytes.size() >= 3 && static_cast<uint8_t>(bytes[0]) == 0xFF &&
      static_cast<uint8_t>(bytes[1]) == 0xD8)
    return probe_jpeg(bytes, field);
  if (bytes.size() >= 8 && std::memcmp(bytes.data(), "\x89PNG\r\n\x1a\n", 8) == 0)
    return decode_png(bytes, field);
  return Error(ErrorCode::ImageInvalid, field, "image must be JPEG or PNG (checked by content)");
}

}  // namespace absah::layout
