#include "engine/sign/pkcs11_signer.h"

#include <dlfcn.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/sha.h>
#include <p11-kit/pkcs11.h>

#include <cstdlib>
#include <cstring>
#include <map>
#include <mutex>

#include "engine/base/file_io.h"
#include "engine/sign/openssl_util.h"

namespace absah::sign {

namespace {

std::string rv_text(CK_RV rv) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "CKR 0x%08lx", static_cast<unsigned long>(rv));
  return buf;
}

// A loaded module, shared by every signer that uses the same path: C_Initialize may be called
// only once per process (PKCS#11 v2.40 §5.4), so the last user finalizes and unloads it.
class Module {
 public:
  static Result<std::shared_ptr<Module>> load(const std::string& path) {
    static std::mutex mutex;
    static std::map<std::string, std::weak_ptr<Module>> loaded;
    std::lock_guard lock(mutex);
    if (auto existing = loaded[path].lock()) return existing;
    void* handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle)
      return Error(ErrorCode::Io, path, std::string("cannot load PKCS#11 module: ") + ::dlerror());
    auto get_list = reinterpret_cast<CK_C_GetFunctionList>(::dlsym(handle, "C_GetFunctionList"));
    CK_FUNCTION_LIST_PTR functions = nullptr;
    if (!get_list || get_list(&functions) != CKR_OK || !functions) {
      ::dlclose(handle);
      return Error(ErrorCode::Io, path, "not a PKCS#11 module (no C_GetFunctionList)");
    }
    CK_C_INITIALIZE_ARGS args{};
    args.flags = CKF_OS_LOCKING_OK;
    CK_RV rv = functions->C_Initialize(&args);
    if (rv != CKR_OK && rv != CKR_CRYPTOKI_ALREADY_INITIALIZED) {
      ::dlclose(handle);
      return Error(ErrorCode::Io, path, "C_Initialize failed: " + rv_text(rv));
    }
    auto module = std::shared_ptr<Module>(new Module(handle, functions, rv == CKR_OK));
    loaded[path] = module;
    return module;
  }

  ~Module() {
    if (m_initialized_here) m_functions->C_Finalize(nullptr);
    ::dlclose(m_handle);
  }

  CK_FUNCTION_LIST_PTR f() const { return m_functions; }

 private:
  Module(void* handle, CK_FUNCTION_LIST_PTR functions, bool initialized_here)
      : m_handle(handle), m_functions(functions), m_initialized_here(initialized_here) {}
  void* m_handle;
  CK_FUNCTION_LIST_PTR m_functions;
  bool m_initialized_here;
};

// CK_TOKEN_INFO strings are fixed-width and blank-padded (PKCS#11 v2.40 §3.2).
std::string padded(const unsigned char* text, size_t size) {
  std::string s(reinterpret_cast<const char*>(text), size);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\0')) s.pop_back();
  return s;
}

Result<std::string> read_pin(const Pkcs11Uri& uri) {
  if (!uri.pin_value.empty()) return uri.pin_value;
  if (uri.pin_source.empty()) return std::string();
  std::string path = uri.pin_source;
  if (path.rfind("file:", 0) == 0) path = path.substr(5);
  if (path.rfind("//", 0) == 0) path = path.substr(2);
  auto text = read_file(path, 4096);
  if (!text) return text.take_error();
  std::string pin = text->substr(0, text->find_first_of("\r\n"));
  OPENSSL_cleanse(text->data(), text->size());
  return pin;
}

}  // namespace

struct Pkcs11Signer::State {
  std::shared_ptr<Module> module;
  CK_SESSION_HANDLE session = CK_INVALID_HANDLE;
  CK_OBJECT_HANDLE key = CK_INVALID_HANDLE;
  X509Ptr certificate;
  std::vector<X509Ptr> chain;
  SignatureAlgorithm algorithm = SignatureAlgorithm::Unknown;
  std::string where;  // redacted URI for messages
  std::mutex mutex;   // a PKCS#11 session must not be used by two threads at once

  ~State() {
    if (module && session != CK_INVALID_HANDLE) module->f()->C_CloseSession(session);
  }

  Result<std::vector<uint8_t>> raw_sign(CK_MECHANISM_TYPE mechanism, const uint8_t* data,
                                        size_t size) {
    CK_MECHANISM mech{mechanism, nullptr, 0};
    CK_FUNCTION_LIST_PTR f = module->f();
    CK_RV rv = f->C_SignInit(session, &mech, key);
    if (rv != CKR_OK) return Error(ErrorCode::Io, where, "C_SignInit failed: " + rv_text(rv));
    CK_ULONG len = 0;
    auto* input = const_cast<CK_BYTE_PTR>(data);
    rv = f->C_Sign(session, input, size, nullptr, &len);
    if (rv != CKR_OK) return Error(ErrorCode::Io, where, "C_Sign failed: " + rv_text(rv));
    std::vector<uint8_t> out(len);
    rv = f->C_Sign(session, input, size, out.data(), &len);
    if (rv != CKR_OK) return Error(ErrorCode::Io, where, "C_Sign failed: " + rv_text(rv));
    out.resize(len);
    return out;
  }

  Result<std::vector<CK_OBJECT_HANDLE>> find(CK_OBJECT_CLASS cls, const Pkcs11Uri& uri) {
    std::vector<CK_ATTRIBUTE> tmpl;
    tmpl.push_back({CKA_CLASS, &cls, sizeof cls});
    if (!uri.object.empty())
      tmpl.push_back({CKA_LABEL, const_cast<char*>(uri.object.data()), uri.object.size()});
    if (uri.has_id) tmpl.push_back({CKA_ID, const_cast<uint8_t*>(uri.id.data()), uri.id.size()});
    CK_FUNCTION_LIST_PTR f = module->f();
    CK_RV rv = f->C_FindObjectsInit(session, tmpl.data(), tmpl.size());
    if (rv != CKR_OK) return Error(ErrorCode::Io, where, "C_FindObjectsInit: " + rv_text(rv));
    std::vector<CK_OBJECT_HANDLE> found(8);
    CK_ULONG count = 0;
    rv = f->C_FindObjects(session, found.data(), found.size(), &count);
    f->C_FindObjectsFinal(session);
    if (rv != CKR_OK) return Error(ErrorCode::Io, where, "C_FindObjects: " + rv_text(rv));
    found.resize(count);
    return found;
  }
};

Result<std::unique_ptr<Pkcs11Signer>> Pkcs11Signer::open(std::string_view uri_text,
                                                         const Pkcs11Options& options) {
  auto uri = parse_pkcs11_uri(uri_text);
  if (!uri) return uri.take_error();
  auto state = std::make_unique<State>();
  state->where = uri->redacted();

  std::string module_path = uri->module_path;
  if (module_path.empty()) module_path = options.module_path;
  if (module_path.empty()) {
    const char* env = std::getenv("ABSAH_PKCS11_MODULE");
    module_path = env && *env ? env : kDefaultPkcs11Module;
  }
  auto module = Module::load(module_path);
  if (!module) return module.take_error();
  state->module = *module;
  CK_FUNCTION_LIST_PTR f = state->module->f();

  // Find the token: the first slot with a token whose info matches every given attribute.
  CK_ULONG slot_count = 0;
  CK_RV rv = f->C_GetSlotList(CK_TRUE, nullptr, &slot_count);
  if (rv != CKR_OK) return Error(ErrorCode::Io, state->where, "C_GetSlotList: " + rv_text(rv));
  std::vector<CK_SLOT_ID> slots(slot_count);
  rv = f->C_GetSlotList(CK_TRUE, slots.data(), &slot_count);
  if (rv != CKR_OK) return Error(ErrorCode::Io, state->where, "C_GetSlotList: " + rv_text(rv));
  slots.resize(slot_count);
  std::optional<CK_SLOT_ID> chosen;
  for (CK_SLOT_ID slot : slots) {
    if (uri->slot_id && *uri->slot_id != slot) continue;
    CK_TOKEN_INFO info{};
    if (f->C_GetTokenInfo(slot, &info) != CKR_OK) continue;
    if (!uri->token.empty() && padded(info.label, sizeof info.label) != uri->token) continue;
    if (!uri->manufacturer.empty() &&
        padded(info.manufacturerID, sizeof info.manufacturerID) != uri->manufacturer)
      continue;
    if (!uri->serial.empty() && padded(info.serialNumber, sizeof info.serialNumber) != uri->serial)
      continue;
    if (!uri->model.empty() && padded(info.model, sizeof info.model) != uri->model) continue;
    chosen = slot;
    break;
  }
  if (!chosen)
    return Error(ErrorCode::Io, state->where, "no PKCS#11 token matches the URI in " + module_path);

  rv = f->C_OpenSession(*chosen, CKF_SERIAL_SESSION, nullptr, nullptr, &state->session);
  if (rv != CKR_OK) return Error(ErrorCode::Io, state->where, "C_OpenSession: " + rv_text(rv));
  auto pin = read_pin(*uri);
  if (!pin) return pin.take_error();
  if (!pin->empty()) {
    rv = f->C_Login(state->session, CKU_USER, reinterpret_cast<CK_UTF8CHAR_PTR>(pin->data()),
                    pin->size());
    OPENSSL_cleanse(pin->data(), pin->size());
    if (rv == CKR_PIN_INCORRECT)
      return Error(ErrorCode::Io, state->where, "PKCS#11 login refused: wrong PIN");
    if (rv != CKR_OK && rv != CKR_USER_ALREADY_LOGGED_IN)
      return Error(ErrorCode::Io, state->where, "C_Login: " + rv_text(rv));
  }

  auto keys = state->find(CKO_PRIVATE_KEY, *uri);
  if (!keys) return keys.take_error();
  if (keys->size() != 1)
    return Error(ErrorCode::Io, state->where,
                 keys->empty() ? "no private key on the token matches the URI (is the PIN given?)"
                               : "more than one private key matches the URI");
  state->key = keys->front();
  CK_KEY_TYPE key_type = 0;
  CK_ATTRIBUTE type_attr{CKA_KEY_TYPE, &key_type, sizeof key_type};
  if (f->C_GetAttributeValue(state->session, state->key, &type_attr, 1) != CKR_OK)
    return Error(ErrorCode::Io, state->where, "cannot read the key type");

  // The certificate: a PEM file when given, else the token's certificate object with the
  // same label/id (how HSM vendors' tools usually store it).
  if (!options.certificate.empty()) {
    auto pem = read_file(options.certificate, 1 << 20);
    if (!pem) return pem.take_error();
    auto certs = parse_pem_certificates(*pem, options.certificate.string());
    if (!certs) return certs.take_error();
    state->certificate = std::move(certs->front());
    for (size_t i = 1; i < certs->size(); ++i) state->chain.push_back(std::move((*certs)[i]));
  } else {
    auto certs = state->find(CKO_CERTIFICATE, *uri);
    if (!certs) return certs.take_error();
    if (certs->size() != 1)
      return Error(ErrorCode::Io, state->where,
                   "no unique certificate on the token for this key; pass a certificate file");
    CK_ATTRIBUTE value{CKA_VALUE, nullptr, 0};
    if (f->C_GetAttributeValue(state->session, certs->front(), &value, 1) != CKR_OK)
      return Error(ErrorCode::Io, state->where, "cannot read the certificate from the token");
    std::vector<uint8_t> der(value.ulValueLen);
    value.pValue = der.data();
    if (f->C_GetAttributeValue(state->session, certs->front(), &value, 1) != CKR_OK)
      return Error(ErrorCode::Io, state->where, "cannot read the certificate from the token");
    const uint8_t* p = der.data();
    state->certificate.reset(d2i_X509(nullptr, &p, static_cast<long>(der.size())));
    if (!state->certificate)
      return openssl_error(ErrorCode::Io, state->where, "the token's certificate is not DER");
  }
  if (!options.chain.empty()) {
    auto pem = read_file(options.chain, 1 << 20);
    if (!pem) return pem.take_error();
    auto more = parse_pem_certificates(*pem, options.chain.string());
    if (!more) return more.take_error();
    for (auto& c : *more) state->chain.push_back(std::move(c));
  }

  state->algorithm = algorithm_of_certificate(state->certificate.get());
  bool type_ok = (state->algorithm == SignatureAlgorithm::EcdsaP256Sha256 && key_type == CKK_EC) ||
                 (state->algorithm == SignatureAlgorithm::RsaPkcs1Sha256 && key_type == CKK_RSA);
  if (!type_ok)
    return Error(ErrorCode::Io, state->where,
                 "the token key and the certificate are of different or unsupported types");

  auto signer = std::unique_ptr<Pkcs11Signer>(new Pkcs11Signer(std::move(state)));
  // Prove that the token key belongs to the certificate before anything is signed with it: a
  // mismatched pair would otherwise produce PDFs that every validator rejects.
  static const uint8_t probe[] = "absah pkcs11 key/certificate pairing probe";
  auto sig = signer->sign_message({probe, sizeof probe});
  if (!sig) return sig.take_error();
  EvpMdCtxPtr ctx(EVP_MD_CTX_new());
  if (EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr,
                           X509_get0_pubkey(signer->certificate())) != 1 ||
      EVP_DigestVerify(ctx.get(), sig->data(), sig->size(), probe, sizeof probe) != 1) {
    openssl_errors();
    return Error(ErrorCode::Io, signer->m_state->where,
                 "the token key does not match the certificate");
  }
  return signer;
}

Pkcs11Signer::Pkcs11Signer(std::unique_ptr<State> state) : m_state(std::move(state)) {}
Pkcs11Signer::~Pkcs11Signer() = default;

Result<std::vector<uint8_t>> Pkcs11Signer::sign_message(std::span<const uint8_t> message) {
  std::lock_guard lock(m_state->mutex);
  if (m_state->algorithm == SignatureAlgorithm::RsaPkcs1Sha256)
    return m_state->raw_sign(CKM_SHA256_RSA_PKCS, message.data(), message.size());

  uint8_t digest[SHA256_DIGEST_LENGTH];
  SHA256(message.data(), message.size(), digest);
  auto raw = m_state->raw_sign(CKM_ECDSA, digest, sizeof digest);
  if (!raw) return raw.take_error();
  // PKCS#11 v2.40 §2.3.1: the ECDSA signature is r||s, each as long as the group order.
  if (raw->size() != 64)
    return Error(ErrorCode::Io, m_state->where,
                 "unexpected ECDSA signature length " + std::to_string(raw->size()));
  ECDSA_SIG* sig = ECDSA_SIG_new();
  BIGNUM* r = BN_bin2bn(raw->data(), 32, nullptr);
  BIGNUM* s = BN_bin2bn(raw->data() + 32, 32, nullptr);
  if (!sig || !r || !s || ECDSA_SIG_set0(sig, r, s) != 1) {
    BN_free(r);
    BN_free(s);
    ECDSA_SIG_free(sig);
    return openssl_error(ErrorCode::Internal, "", "cannot build ECDSA-Sig-Value");
  }
  int len = i2d_ECDSA_SIG(sig, nullptr);
  std::vector<uint8_t> der(len > 0 ? static_cast<size_t>(len) : 0);
  uint8_t* p = der.data();
  if (len <= 0 || i2d_ECDSA_SIG(sig, &p) != len) {
    ECDSA_SIG_free(sig);
    return openssl_error(ErrorCode::Internal, "", "cannot encode ECDSA-Sig-Value");
  }
  ECDSA_SIG_free(sig);
  return der;
}

X509* Pkcs11Signer::certificate() const {
  return m_state->certificate.get();
}

std::vector<X509*> Pkcs11Signer::chain() const {
  std::vector<X509*> out;
  for (const auto& c : m_state->chain) out.push_back(c.get());
  return out;
}

SignatureAlgorithm Pkcs11Signer::algorithm() const {
  return m_state->algorithm;
}

}  // namespace absah::sign
