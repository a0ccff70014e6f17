#include "engine/sign/openssl_util.h"

#include <openssl/err.h>
#include <openssl/pem.h>

namespace absah::sign {

void free_x509_stack(STACK_OF(X509) * stack) {
  sk_X509_pop_free(stack, X509_free);
}

std::string openssl_errors() {
  std::string out;
  unsigned long code;
  while ((code = ERR_get_error()) != 0) {
    char buf[256];
    ERR_error_string_n(code, buf, sizeof buf);
    if (!out.empty()) out += "; ";
    out += buf;
  }
  return out;
}

Error openssl_error(ErrorCode code, std::string path, std::string message) {
  std::string reasons = openssl_errors();
  if (!reasons.empty()) message += " (" + reasons + ")";
  return Error(code, std::move(path), std::move(message));
}

Result<std::vector<X509Ptr>> parse_pem_certificates(std::string_view pem,
                                                    const std::string& origin) {
  BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  if (!bio) return openssl_error(ErrorCode::Internal, origin, "cannot allocate a BIO");
  std::vector<X509Ptr> certs;
  while (true) {
    X509* cert = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr);
    if (!cert) break;
    certs.emplace_back(cert);
  }
  // The loop ends with a "no start line" error at the end of the text; that one is expected.
  unsigned long last = ERR_peek_last_error();
  if (ERR_GET_LIB(last) == ERR_LIB_PEM && ERR_GET_REASON(last) == PEM_R_NO_START_LINE)
    ERR_clear_error();
  else if (last != 0)
    return openssl_error(ErrorCode::Io, origin, "malformed PEM certificate");
  if (certs.empty()) return Error(ErrorCode::Io, origin, "no PEM certificate found");
  return certs;
}

std::vector<uint8_t> der_of_certificate(X509* cert) {
  int len = i2d_X509(cert, nullptr);
  if (len <= 0) return {};
  std::vector<uint8_t> der(static_cast<size_t>(len));
  uint8_t* p = der.data();
  i2d_X509(cert, &p);
  return der;
}

std::string hex_lower(const uint8_t* data, size_t size) {
  static const char* digits = "0123456789abcdef";
  std::string out(size * 2, '0');
  for (size_t i = 0; i < size; ++i) {
    out[2 * i] = digits[data[i] >> 4];
    out[2 * i + 1] = digits[data[i] & 15];
  }
  return out;
}

}  // namespace absah::sign
