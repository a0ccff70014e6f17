#include "engine/verify/image_load.h"

#include <png.h>
// jpeglib.h needs FILE and size_t declared first.
#include <jpeglib.h>
#include <csetjmp>
#include <cstdio>

#include <cstring>
#include <string>

#include "engine/base/file_io.h"
#include "engine/verify/png_direct.h"

namespace absah::verify {

namespace {

Error invalid(std::string message) {
  return Error(ErrorCode::ImageInvalid, "", std::move(message));
}

Status check_limits(uint64_t width, uint64_t height, const ImageLimits& limits) {
  if (width == 0 || height == 0) return invalid("image has no pixels");
  if (width > static_cast<uint64_t>(limits.max_side) ||
      height > static_cast<uint64_t>(limits.max_side))
    return invalid("image of " + std::to_string(width) + "x" + std::to_string(height) +
                   " pixels exceeds the limit of " + std::to_string(limits.max_side) +
                   " pixels a side");
  if (width * height > static_cast<uint64_t>(limits.max_pixels))
    return invalid("image of " + std::to_string(width) + "x" + std::to_string(height) + " (" +
                   std::to_string(width * height / 1000000) + " MP) exceeds the limit of " +
                   std::to_string(limits.max_pixels / 1000000) + " MP");
  return ok_status();
}

uint32_t read_be32(std::string_view b, size_t at) {
  return (uint32_t{static_cast<uint8_t>(b[at])} << 24) |
         (uint32_t{static_cast<uint8_t>(b[at + 1])} << 16) |
         (uint32_t{static_cast<uint8_t>(b[at + 2])} << 8) | static_cast<uint8_t>(b[at + 3]);
}

// Inflated rows held at once by the fast path: a 21 MP RGB or a 64 MP grey scan. Larger files are
// streamed by libpng row by row.
constexpr size_t kMaxDirectInflatedBytes = size_t{64} << 20;

Result<GreyImage> load_png(std::string_view bytes, const ImageLimits& limits) {
  // PNG spec §5.3, §11.2.2: IHDR is the first chunk, its data starts with width and height.
  // Checking them here, before libpng reads anything, refuses a header-only bomb at once.
  if (bytes.size() >= 24 && bytes.substr(12, 4) == "IHDR")
    ABSAH_TRY_STATUS(check_limits(read_be32(bytes, 16), read_be32(bytes, 20), limits));
  // The common scan layouts (8-bit grey or RGB, not interlaced) take the fast path; it declines
  // everything else, and files it declines go to libpng below, whose checks are the rule.
  if (auto direct = decode_png_direct(bytes, kMaxDirectInflatedBytes)) return std::move(*direct);
  // libpng's simplified API (png.h, "SIMPLIFIED API"): it reads the header first, so the size
  // is known before we allocate, and it handles palette, 16-bit, grey+alpha and interlacing.
  png_image image;
  std::memset(&image, 0, sizeof image);
  image.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_memory(&image, bytes.data(), bytes.size()))
    return invalid(std::string("not a readable PNG: ") + image.message);
  Status ok = check_limits(image.width, image.height, limits);
  if (!ok.ok()) {
    png_image_free(&image);
    return ok.take_error();
  }
  // Grey as sRGB-encoded 8-bit (not linear), which is what scanners and cameras deliver.
  image.format = PNG_FORMAT_GRAY;
  GreyImage out;
  out.width = static_cast<int>(image.width);
  out.height = static_cast<int>(image.height);
  out.pixels.resize(static_cast<size_t>(image.width) * image.height);
  // Transparent areas count as paper: composite onto white.
  png_color white{255, 255, 255};
  if (!png_image_finish_read(&image, &white, out.pixels.data(),
                             static_cast<png_int_32>(image.width), nullptr)) {
    std::string why = image.message;
    png_image_free(&image);
    return invalid("corrupt PNG: " + why);
  }
  png_image_free(&image);
  return out;
}

struct JpegErrorManager {
  jpeg_error_mgr pub;
  std::jmp_buf jump;
  char message[JMSG_LENGTH_MAX];
};

void jpeg_error_exit(j_common_ptr cinfo) {
  auto* err = reinterpret_cast<JpegErrorManager*>(cinfo->err);
  (*cinfo->err->format_message)(cinfo, err->message);
  std::longjmp(err->jump, 1);
}

void jpeg_quiet(j_common_ptr, int) {}  // warnings (e.g. a truncated photo) are not fatal

// Everything that lives across setjmp is declared before it and has no destructor run by the
// jump: libjpeg's callbacks are C frames, and on error we return straight from the setjmp
// branch (the usual libjpeg pattern, example.c in the libjpeg distribution).
Result<GreyImage> load_jpeg(std::string_view bytes, const ImageLimits& limits) {
  jpeg_decompress_struct cinfo;
  JpegErrorManager err;
  GreyImage out;
  std::string failure;
  cinfo.err = jpeg_std_error(&err.pub);
  err.pub.error_exit = jpeg_error_exit;
  err.pub.emit_message = jpeg_quiet;
  err.message[0] = '\0';
  if (setjmp(err.jump)) {
    jpeg_destroy_decompress(&cinfo);
    return invalid(std::string("corrupt JPEG: ") + err.message);
  }
  jpeg_create_decompress(&cinfo);
  jpeg_mem_src(&cinfo, reinterpret_cast<const unsigned char*>(bytes.data()),
               static_cast<unsigned long>(bytes.size()));
  jpeg_read_header(&cinfo, TRUE);
  if (Status ok = check_limits(cinfo.image_width, cinfo.image_height, limits); !ok.ok()) {
    failure = ok.error().message;
  } else if (cinfo.jpeg_color_space == JCS_CMYK || cinfo.jpeg_color_space == JCS_YCCK) {
    failure = "CMYK JPEG images are not supported; export the scan as RGB or grey";
  }
  if (!failure.empty()) {
    jpeg_destroy_decompress(&cinfo);
    return invalid(failure);
  }
  // libjpeg converts YCbCr to grey by taking Y (ITU T.871), no colour conversion cost.
  cinfo.out_color_space = JCS_GRAYSCALE;
  out.width = static_cast<int>(cinfo.image_width);
  out.height = static_cast<int>(cinfo.image_height);
  out.pixels.resize(static_cast<size_t>(out.width) * out.height);
  jpeg_start_decompress(&cinfo);
  while (cinfo.output_scanline < cinfo.output_height) {
    JSAMPROW row = out.pixels.data() + static_cast<size_t>(cinfo.output_scanline) * out.width;
    jpeg_read_scanlines(&cinfo, &row, 1);
  }
  jpeg_finish_decompress(&cinfo);
  jpeg_destroy_decompress(&cinfo);
  return out;
}

}  // namespace

ImageKind sniff_image_kind(std::string_view b) {
  if (b.size() >= 8 && b.substr(0, 8) == std::string_view("\x89PNG\r\n\x1a\n", 8))
    return ImageKind::Png;
  if (b.size() >= 3 && b.substr(0, 3) == std::string_view("\xff\xd8\xff", 3))
    return ImageKind::Jpeg;
  if (b.size() >= 5 && b.substr(0, 5) == "%PDF-") return ImageKind::Pdf;
  return ImageKind::None;
}

Result<GreyImage> load_grey_image(std::string_view bytes, const ImageLimits& limits) {
  switch (sniff_image_kind(bytes)) {
    case ImageKind::Png:
      return load_png(bytes, limits);
    case ImageKind::Jpeg:
      return load_jpeg(bytes, limits);
    case ImageKind::Pdf:
      return invalid("this is a PDF, not a PNG or JPEG image");
    case ImageKind::None:
      break;
  }
  return invalid("not a PNG or JPEG image (unrecognised magic bytes)");
}

Result<GreyImage> load_grey_image_file(const std::filesystem::path& path,
                                       const ImageLimits& limits) {
  auto bytes = read_file(path, 256ull << 20);
  if (!bytes) return bytes.take_error();
  auto image = load_grey_image(*bytes, limits);
  if (!image) {
    Error e = image.take_error();
    e.path = path.string();
    return e;
  }
  return image;
}

}  // namespace absah::verify
